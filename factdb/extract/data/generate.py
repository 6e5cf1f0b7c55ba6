"""Generate ``lexicon.json``: currency and unit lookup data from kept sources.

Run once after changing the selections below (Babel and Pint are build/test dependencies
only; ``factdb extract`` reads the committed JSON and starts without them)::

    .venv/bin/python -m factdb.extract.data.generate          # rewrite lexicon.json
    .venv/bin/python -m factdb.extract.data.generate --check  # exit 1 if it is stale

Sources:

- currencies: CLDR via Babel — every ISO 4217 code (``babel.numbers.list_currencies``),
  its English names, singular and plural (``get_currency_name``), and the symbols that the
  locales of the territories using it write (``Locale.currency_symbols``); a symbol that
  stands for two currencies anywhere is left out (``$``, ``¥``, ``kr``: news defaults for
  those stay hand-chosen in :mod:`factdb.extract.rules.units`).
- units: Pint's default registry (``default_en.txt``) — SI prefixes, unit names, symbols
  and the exact factor of each unit to our canonical unit of its kind.

What the sources lack stays hand-written data in :mod:`factdb.extract.rules.units`
(news shorthand "bn", "mln", "crore"; which unit words a news extractor should read at all,
listed in :data:`UNIT_SPECS` below).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).with_name("lexicon.json")

# ---- currencies ---------------------------------------------------------------------------
# ISO codes that are also common English words or acronyms in capitals: never read as money
# codes on their own ("ALL 5 ships", "TOP 10").
CODE_STOPLIST = {
    "ALL", "CUP", "TOP", "MOP", "BOB", "SOS", "PEN", "MAD", "GEL", "BAM", "AMD", "BOV", "CLF",
    "CHE", "CHW", "COU", "MXV", "USN", "USS", "UYI", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD",
    "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX", "XRE", "XFO", "XFU", "SAR", "TRY", "MRO",
    "STD", "VEF", "ZWD", "ZWL", "ZWR", "SKK", "BGL", "CSD", "CSK", "DDM", "ECS", "ECV", "GHC",
    "GWP", "LUC", "LUL", "MGF", "MLF", "MTL", "MTP", "MZE", "MZM", "NIC", "PES", "RUR", "SRG",
    "SUR", "TPE", "TMM", "UAK", "YDD", "YUD", "YUM", "YUN", "YUR", "ZAL", "ZMK", "ZRN", "ZRZ",
    "ALK", "AOK", "AON", "AOR", "ARA", "ARL", "ARM", "ARP", "BAD", "BAN", "BEC", "BEL", "BOL",
    "BOP", "BRB", "BRC", "BRE", "BRN", "BRR", "BRZ", "BUK", "CNH", "CNX", "ILP", "ILR", "ISJ",
    "KRH", "KRO", "LTT", "LVR", "MAF", "MCF", "MDC", "MKN", "MVP", "PEI", "PLZ", "ROL", "SDD",
    "SDP", "SIT", "TJR", "UGS", "UYP", "UYW", "VED", "VNN", "XEU",
}
# Signs that are also words or common abbreviations in English text.
SYMBOL_STOPLIST = {"Le", "Ar", "Db", "Ft", "Bs", "Nu.", "Cg.", "Gs."}
SYMBOL_KEEP = {"RM"}  # Malaysia's ringgit, common in Asian business news: "RM79", "RM2.5 billion"
# Codes kept although some are words: the money reading wins next to a number.
CODE_KEEP = {"SAR", "TRY"}


def currencies() -> dict:
    from babel import Locale
    from babel.localedata import locale_identifiers
    from babel.numbers import (
        get_currency_name,
        get_currency_precision,
        get_territory_currencies,
        list_currencies,
    )

    codes = sorted(c for c in list_currencies() if len(c) == 3 and c.isalpha() and c.isupper())
    names: dict[str, set[str]] = {}
    for code in codes:
        if code.startswith("X") and code in CODE_STOPLIST:
            continue  # metals and funds: "200m gold" is a race, "silver" a medal
        for count in (None, 1, 2):
            name = get_currency_name(code, count=count, locale="en")
            if not name or name == code or "(" in name or any(ch.isdigit() for ch in name):
                continue
            names.setdefault(" ".join(name.lower().split()), set()).add(code)
    symbols: dict[str, set[str]] = {}
    for ident in locale_identifiers():
        loc = Locale.parse(ident)
        if not loc.territory:
            continue
        try:
            tender = get_territory_currencies(loc.territory)
        except Exception:  # noqa: BLE001 - a territory CLDR has no currency for
            continue
        for code in tender:
            sym = loc.currency_symbols.get(code)
            if not sym or sym == code:
                continue
            symbols.setdefault(sym, set()).add(code)
    # symbols any locale writes for two currencies (or a currency's sign that another locale uses
    # for its own) are left out; one-letter Latin signs ("R", "L", "K") read too often as other things
    keep_sym = {}
    for sym, cs in symbols.items():
        sym = sym.strip()
        if len(cs) != 1 or not sym or sym in SYMBOL_STOPLIST:
            continue
        cats = [unicodedata.category(ch) for ch in sym]
        if any(c[0] in "CZ" for c in cats):
            continue  # format characters and spaces ("\u200b" is Cape Verde's sign in one locale)
        letters = all(c[0] == "L" for c in cats)
        if letters and (len(sym) == 1 or (sym.isupper() and len(sym) <= 2 and sym not in SYMBOL_KEEP)):
            continue  # one letter ("R", "L") or two capitals ("KM", "DA", "FC") read as other things
        if letters and sym.lower() == sym and sym.isascii():
            continue  # lowercase words ("kr" is Danish, Swedish and Norwegian)
        keep_sym[sym] = next(iter(cs))
    return {
        "codes": [c for c in codes if c not in CODE_STOPLIST or c in CODE_KEEP],
        "names": {n: next(iter(cs)) for n, cs in sorted(names.items()) if len(cs) == 1},
        "symbols": dict(sorted(keep_sym.items())),
        # currencies whose minor unit is not 1/100 ("JPY": 0, "KWD": 3): "$3 50" is 3.50, "¥3 50" no sum
        "minor_digits": {c: get_currency_precision(c) for c in codes if get_currency_precision(c) != 2},
    }


# ---- units ------------------------------------------------------------------------------
# (Pint unit, our kind, our canonical unit as a Pint expression, our canonical unit's name,
#  prefixes read with the full name, prefixes read with the symbol)
# the prefixes news and the peer suites write with each unit (a "decagram" or "gigametre" is
# never written, and every form costs the unit regex at start-up)
UNIT_SPECS = [
    ("meter", "distance", "kilometer", "km", ("pico", "nano", "micro", "milli", "centi", "deci", "", "kilo"),
     ("n", "µ", "μ", "c", "m", "d", "")),
    ("gram", "weight", "kilogram", "kg", ("nano", "micro", "milli", "", "kilo"), ("µ", "μ", "m", "k", "")),
    ("metric_ton", "weight", "kilogram", "kg", ("", "kilo", "mega", "giga"), ("M", "G")),
    ("liter", "other_quantity", "liter", "L", ("micro", "milli", "centi", "deci", "", "hecto", "kilo", "mega", "giga"),
     ("m", "c", "d", "h", "")),
    ("watt", "other_quantity", "megawatt", "MW", ("", "kilo", "mega", "giga", "tera"), ("k", "M", "G", "T", "")),
    ("watt_hour", "other_quantity", "kilowatt_hour", "kWh", ("", "kilo", "mega", "giga", "tera"), ("k", "M", "G", "T", "")),
    ("joule", "other_quantity", "kilowatt_hour", "kWh", ("", "kilo", "mega", "giga", "tera", "peta", "exa"), ("k", "M", "G", "T", "P", "E")),
    ("pascal", "other_quantity", "kilopascal", "kPa", ("", "hecto", "kilo", "mega", "giga"), ("h", "k", "M", "G")),
    ("bar", "other_quantity", "kilopascal", "kPa", ("", "milli"), ("m",)),
    ("newton", "other_quantity", "newton", "N", ("", "kilo", "mega"), ("k",)),
    ("hertz", "other_quantity", "hertz", "Hz", ("", "kilo", "mega", "giga", "tera"), ("k", "M", "G", "T", "")),
    ("byte", "other_quantity", "gigabyte", "GB", ("", "kilo", "mega", "giga", "tera", "peta", "exa"), ("k", "K", "M", "G", "T", "P", "E")),
    ("bit", "other_quantity", "gigabyte", "GB", ("kilo", "mega", "giga", "tera"), ()),
    ("volt", "other_quantity", "volt", "V", ("", "kilo", "milli", "mega"), ("k", "K")),
    ("light_year", "distance", "kilometer", "km", ("",), ()),
    ("astronomical_unit", "distance", "kilometer", "km", ("",), ()),
]
# British spellings Pint does not list as aliases
SPELLINGS = {"gram": {"gramme"}}
# compound units built from parts: (words, symbols, Pint expression, kind, canonical Pint, canonical name)
_LEN = [("kilo", "k"), ("", ""), ("centi", "c"), ("milli", "m")]
COMPOUNDS: list[tuple[list[str], list[str], str, str, str, str]] = []
for _p, _s in _LEN:
    for _sp in (("meter", "metre"),):
        _words = [f"{_p}{w}" for w in _sp]
        COMPOUNDS.append(
            ([f"cubic {w}" for w in _words] + [f"cubic {w}s" for w in _words],
             [f"{_s}m³", f"{_s}m3"] if _s != "c" else ["cm³", "cm3", "cc"],
             f"{_p}meter ** 3", "other_quantity", "liter", "L")
        )
        COMPOUNDS.append(
            ([f"square {w}" for w in _words] + [f"square {w}s" for w in _words] + [f"sq {w}s" for w in _words],
             [f"{_s}m²", f"{_s}m2"], f"{_p}meter ** 2", "other_quantity", "kilometer ** 2", "km2")
        )
for _w, _pl, _sym in (("foot", "feet", "ft"), ("inch", "inches", "in"), ("mile", "miles", "mi"), ("yard", "yards", "yd")):
    COMPOUNDS.append(([f"cubic {_w}", f"cubic {_pl}"], [f"cu {_sym}"], f"{_w} ** 3", "other_quantity", "liter", "L"))
    COMPOUNDS.append(([f"square {_w}", f"square {_pl}", f"sq {_pl}"], [f"sq {_sym}", f"{_sym}²", f"{_sym}2"],
                      f"{_w} ** 2", "other_quantity", "kilometer ** 2", "km2"))
COMPOUNDS += [
    (["newton metre", "newton metres", "newton meter", "newton meters", "newton-metre", "newton-metres",
      "newton-meter", "newton-meters"], ["Nm", "N·m", "N-m"], "newton * meter", "other_quantity",
     "newton * meter", "N·m"),
    (["pound-feet", "pound-foot", "foot-pounds", "foot-pound", "pound feet", "foot pounds"],
     ["lb-ft", "lb·ft", "lb ft", "ft-lb", "ft·lb", "lbf·ft", "lbf-ft"], "foot * force_pound", "other_quantity",
     "newton * meter", "N·m"),
    (["pounds per square inch", "pound per square inch"], ["psi", "PSI"], "psi", "other_quantity", "kilopascal", "kPa"),
]


def _plural(word: str) -> str:
    if word.endswith(("s", "z", "x")):
        return word if word.endswith(("hertz", "s")) else word + "es"
    return word + "s"


def units() -> dict:
    import pint

    ureg = pint.UnitRegistry()
    out: dict[str, list] = {}

    def add(form: str, kind: str, canon_name: str, factor: float, cased: bool) -> None:
        key = form if cased else form.lower()
        if key in out:
            return
        out[key] = [kind, canon_name, float(f"{factor:.15g}"), cased]

    def factor_of(expr: str, canon: str) -> float:
        return ureg.Quantity(1, expr).to(canon).magnitude

    for name, kind, canon, canon_name, full, syms in UNIT_SPECS:
        unit_def = ureg._units[name]
        base_names = {name.replace("_", " "), *(a.replace("_", " ") for a in unit_def.aliases if a.isalpha() or "_" in a)}
        base_names = {n for n in base_names if len(n) > 3 and n.lower() == n and n != "octet"}
        if name == "metric_ton":
            base_names = {"tonne", "ton"}
        base_names |= SPELLINGS.get(name, set())
        symbol = unit_def.symbol
        for p in full:
            pdef = ureg._prefixes[p] if p else None
            f = factor_of(f"{p}{name}", canon)
            for b in sorted(base_names):
                word = f"{pdef.name if pdef else ''}{b}"
                add(word, kind, canon_name, f, False)
                add(_plural(word), kind, canon_name, f, False)
        for ps in syms:
            pname = next((k for k, v in ureg._prefixes.items() if v.symbol == ps), None) if ps else ""
            if ps in ("µ", "μ"):
                pname = "micro"
            if pname is None:
                continue
            f = factor_of(f"{pname}{name}", canon)
            add(f"{ps}{symbol}", kind, canon_name, f, True)
    for words, syms, expr, kind, canon, canon_name in COMPOUNDS:
        f = factor_of(expr, canon)
        for w in words:
            add(w, kind, canon_name, f, False)
        for s in syms:
            add(s, kind, canon_name, f, True)
    return dict(sorted(out.items()))


def build() -> dict:
    import babel
    import pint

    return {
        "about": "generated by factdb/extract/data/generate.py from CLDR (Babel) and Pint; do not edit",
        "sources": {"babel": babel.__version__, "pint": pint.__version__},
        "currencies": currencies(),
        "units": units(),
    }


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when lexicon.json differs from a fresh build")
    args = ap.parse_args(argv)
    text = render(build())
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("lexicon.json is up to date" if same else "lexicon.json is stale: run generate.py")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
