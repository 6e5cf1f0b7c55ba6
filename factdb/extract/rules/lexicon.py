"""Lookup data generated from kept sources: currencies from CLDR (Babel), units from Pint.

The data lives in ``factdb/extract/data/lexicon.json``, written once by
``factdb/extract/data/generate.py`` (``tests/test_lexicon.py`` regenerates it and compares,
when Babel and Pint are installed). Reading the JSON costs a few milliseconds, so
``factdb extract`` needs neither library at run time.

- :data:`CURRENCY_CODES`   ISO 4217 codes ("KWD", "UAH", "MNT"), minus codes that are words
- :data:`CURRENCY_NAMES`   English names, singular and plural ("kuwaiti dinars" -> "KWD")
- :data:`CURRENCY_SYMBOLS` signs that name one currency in every locale ("₹", "RM", "zł")
- :data:`CURRENCY_MINOR_DIGITS` currencies whose minor unit is not a hundredth ("JPY": 0)
- :data:`UNIT_FORMS`       unit words and symbols -> (kind, canonical unit, factor, cased):
  SI prefix × base unit ("nanometres", "μm", "gigatonnes", "MPa"), square and cubic units,
  torque ("Nm", "lb-ft"); ``cased`` symbols match only as written ("MPa", not "mpa").
"""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "lexicon.json"

_raw = json.loads(DATA.read_text(encoding="utf-8"))

CURRENCY_CODES: frozenset[str] = frozenset(_raw["currencies"]["codes"])
CURRENCY_NAMES: dict[str, str] = dict(_raw["currencies"]["names"])
CURRENCY_SYMBOLS: dict[str, str] = dict(_raw["currencies"]["symbols"])
CURRENCY_MINOR_DIGITS: dict[str, int] = dict(_raw["currencies"]["minor_digits"])  # only where not 2
UNIT_FORMS: dict[str, tuple[str, str, float, bool]] = {
    form: (kind, unit, float(factor), bool(cased)) for form, (kind, unit, factor, cased) in _raw["units"].items()
}
del _raw
