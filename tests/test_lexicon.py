"""The generated lexicon (factdb/extract/data/lexicon.json) against its sources, CLDR via
Babel and Pint: regenerating it gives the committed file, and the hand tables agree with
Pint's exact factors wherever both name a unit."""

import json

import pytest

from factdb.extract.rules import lexicon, units

babel = pytest.importorskip("babel", reason="Babel is a test dependency: pip install 'factdb[test]'")
pint = pytest.importorskip("pint", reason="Pint is a test dependency: pip install 'factdb[test]'")

from factdb.extract.data import generate  # noqa: E402


def test_committed_lexicon_is_what_the_generator_writes():
    fresh = generate.render(generate.build())
    assert json.loads(fresh) == json.loads(lexicon.DATA.read_text(encoding="utf-8")), (
        "lexicon.json is stale: run .venv/bin/python -m factdb.extract.data.generate"
    )


_PINT_NAMES = {
    "kilometre": "kilometer", "mile": "mile", "nautical mile": "nautical_mile", "metre": "meter",
    "centimetre": "centimeter", "millimetre": "millimeter", "foot": "foot", "inch": "inch", "yard": "yard",
    "kilogram": "kilogram", "gram": "gram", "milligram": "milligram", "pound": "pound", "ounce": "ounce",
    "troy ounce": "troy_ounce", "stone": "stone", "short ton": "short_ton", "long ton": "long_ton",
    "tonne": "metric_ton", "hectare": "hectare", "acre": "43560 * foot ** 2",  # the international acre; Pint's "acre" is the US survey one "litre": "liter", "millilitre": "milliliter",
    "gallon": "gallon", "imperial gallon": "imperial_gallon", "cubic foot": "cubic_foot",
    "square mile": "square_mile", "square feet": "square_foot",
}
_CANON = {"km": "kilometer", "kg": "kilogram", "L": "liter", "km2": "kilometer ** 2"}


@pytest.fixture(scope="module")
def ureg():
    return pint.UnitRegistry()


@pytest.mark.parametrize("form,pint_name", sorted(_PINT_NAMES.items()))
def test_hand_table_factors_are_pints(ureg, form, pint_name):
    kind, unit, factor = units.UNITS[form]
    assert factor == pytest.approx((1 * ureg.parse_expression(pint_name)).to(_CANON[unit]).magnitude, rel=1e-12)


def test_currency_names_and_codes_come_from_cldr():
    from babel.numbers import get_currency_name, list_currencies

    for code in ("KWD", "UAH", "MNT", "NLG", "MYR"):
        assert code in list_currencies() and code in lexicon.CURRENCY_CODES
        assert lexicon.CURRENCY_NAMES[get_currency_name(code, count=2, locale="en").lower()] == code
    assert "ALL" not in lexicon.CURRENCY_CODES  # Albania's lek, and every "ALL" in a headline
    assert "gold" not in lexicon.CURRENCY_NAMES  # "200m gold" is a race
