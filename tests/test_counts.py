"""Counts, casualties, attribution and the seed articles' must-hold claims."""

from pathlib import Path

import pytest

from factdb.extract import extract_claims

from .numeric import by_quote, claims

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize(
    "text,quote,value,unit,bound",
    [
        ("The drill involved nine ships near the island.", "nine ships", 9, "ship", "exact"),
        ("It launched at least seven short-range ballistic missiles.", "at least seven short-range ballistic missiles", 7, "missile", "lower"),
        ("There are 28,500 U.S. troops in the country.", "28,500 U.S. troops", 28500, "troop", "exact"),
        ("The firm lost 464,000 subscribers.", "464,000 subscribers", 464000, "subscriber", "exact"),
        ("They will send 3,500 more troops.", "3,500 more troops", 3500, "troop", "exact"),
        ("A dozen companies bid.", "A dozen companies", 12, "company", "exact"),
        ("Twenty-one families moved.", "Twenty-one families", 21, "family", "exact"),
        ("Dozens of people gathered.", "Dozens of people", 24, "person", "lower"),
        ("Thousands of workers marched.", "Thousands of workers", 2000, "worker", "lower"),
        ("Tens of thousands of protesters came.", "Tens of thousands of protesters", 20000, "protester", "lower"),
        ("Half a million children were vaccinated.", "Half a million children", 500000, "child", "exact"),
        ("Some 2.5 million people voted.", "Some 2.5 million people", 2.5e6, "person", "approx"),
        ("The union has 25k members.", "25k members", 25000, "member", "exact"),
        ("all 15 members voted", "15 members", 15, "member", "exact"),
    ],
)
def test_counts(text, quote, value, unit, bound):
    c = by_quote(text)[quote]
    assert (c.kind, c.value, c.unit, c.bound) == ("count", value, unit, bound)
    assert c.subject


@pytest.mark.parametrize(
    "text,quote,value,unit,attribute",
    [
        ("Reports cited over 1,000 North Korean soldiers killed or wounded in the war.",
         "over 1,000 North Korean soldiers killed or wounded", 1000, "soldier", "casualties.killed_or_wounded"),
        ("The blast left 67 wounded.", "67 wounded", 67, "person", "casualties.wounded"),
        ("Police said 103 civilians were killed.", "103 civilians", 103, "civilian", "casualties.killed"),
        ("One woman injured in the crash was treated.", "One woman injured", 1, "woman", "casualties.wounded"),
        ("The attack killed 30 people.", "30 people", 30, "person", "casualties.killed"),
        ("The storm left 12 dead.", "12 dead", 12, "person", "casualties.killed"),
        ("Five sailors are missing.", "Five sailors", 5, "sailor", "casualties.missing"),
        ("The shooting killed two and injured 69 others.", "69 others", 69, "person", "casualties.wounded"),
        ("There were 120 deaths last year.", "120 deaths", 120, "death", "casualties.killed"),
    ],
)
def test_casualties(text, quote, value, unit, attribute):
    c = by_quote(text)[quote]
    assert (c.kind, c.value, c.unit, c.attribute) == ("casualties", value, unit, attribute)


@pytest.mark.parametrize(
    "text",
    [
        "The Hwasong-18 was tested at the Su-27 base.",
        "In 2016 prices rose.",
        "He won in 2016 and 2017.",
        "It was the first time the third quarter fell.",
        "Boeing 747 jets were grounded.",
        "They met on December 3 and again in March.",
        "One of the three is enough.",
        "It is one company among many.",
        "Source 1",
        "Share this:",
        "The score was 3-1.",
    ],
)
def test_not_counts(text):
    assert [c for c in claims(text) if c.kind in ("count", "casualties")] == []


def test_troops_and_ships_attributes():
    cs = by_quote("The US keeps 28,500 troops there. The naval exercise involved nine ships.")
    assert cs["28,500 troops"].attribute == "troops.count"
    assert cs["nine ships"].attribute == "naval_exercise.ship_count"


@pytest.mark.parametrize(
    "text,quote,who",
    [
        ("The missile flew 500 km, according to South Korea's military.", "500 km", "South Korea's military"),
        ("Blinken cited reports of 300 soldiers killed.", "300 soldiers killed", "Blinken"),
        ("About 40 ships took part, officials said.", "About 40 ships", "officials"),
        ("Prices rose 5%, said Mr Smith.", "5%", "Mr Smith"),
        ("The company said profits rose 10%.", "10%", "company"),
        ("Profits rose 10% last year.", "10%", None),
        ("Profits rose 10%, he said.", "10%", None),
        ("The US has about 75 military personnel there, according to a U.S. defense official.",
         "about 75 military personnel", "U.S. defense official"),
        ("Some 35.7 percent belong to unions, according to the U.S. Bureau of Labor Statistics.",
         "Some 35.7 percent", "U.S. Bureau of Labor Statistics"),
        ("Exports rose 5 percent, according to the U.N.", "5 percent", "U.N."),
        ("Exports rose 5 percent, according to Gen. John Smith, who spoke.", "5 percent", "Gen. John Smith"),
        ("Exports rose 5 percent, according to S. Korea's trade ministry.", "5 percent", "S. Korea's trade ministry"),
        ("Defense Secretary Ash Carter said 200 airmen would go.", "200 airmen", "Defense Secretary Ash Carter"),
        ("The missile flew 500 km, a U.S. defense official said.", "500 km", "U.S. defense official"),
        ("Earnings beat estimates by 5 percent, according to Thomson Reuters I/B/E/S. Revenue rose.",
         "5 percent", "Thomson Reuters I/B/E/S"),
    ],
)
def test_attribution(text, quote, who):
    assert by_quote(text)[quote].attribution == who


def _seed(prefix):
    (path,) = SEEDS.glob(prefix + "_*.txt")
    return path.read_text(encoding="utf-8")


def test_seed_missile_article():
    cs = by_quote(_seed("002"))
    d = cs["over 1,100 kilometers"]
    assert (d.kind, d.value, d.unit, d.bound) == ("distance", 1100, "km", "lower")
    assert d.attribute == "missile.flight_distance"
    assert d.attribution and "South Korea" in d.attribution and d.attribution.endswith("military")
    k = cs["over 1,000 North Korean soldiers killed or wounded"]
    assert (k.kind, k.value, k.unit, k.bound) == ("casualties", 1000, "soldier", "lower")
    assert (k.attribute, k.attribution) == ("casualties.killed_or_wounded", "Blinken")
    m = cs["at least seven short-range ballistic missiles"]
    assert (m.kind, m.value, m.unit, m.bound, m.attribute) == ("count", 7, "missile", "lower", "missile.count")


def test_seed_arms_sale():
    c = by_quote(_seed("003"))["approximately $35 billion"]
    assert (c.kind, c.value, c.currency, c.bound, c.attribute) == ("money", 35e9, "USD", "approx", "arms_sale.value")


def test_seed_ships_and_feud():
    c = by_quote(_seed("004"))["nine ships"]
    assert (c.kind, c.value, c.unit, c.bound, c.attribute) == ("count", 9, "ship", "exact", "naval_exercise.ship_count")
    d = by_quote(_seed("001"))["four-year"]
    assert (d.kind, d.value, d.unit) == ("duration", 4, "year")


def test_seeds_have_no_numbers_from_names_or_furniture():
    for path in SEEDS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        for c in claims(text):
            assert not any(x in c.quote for x in ("Hwasong", "Source", "War II", "1910", "1945", "2024", "2023"))


@pytest.mark.parametrize(
    "text,quote,kind,value,unit",
    [
        ("Japan ordered 30 of the aircraft.", "30 of the aircraft", "count", 30, "aircraft"),
        ("It sent two SU-24 jets.", "two SU-24 jets", "count", 2, "jet"),
        ("Britain's five big banks reported.", "five big banks", "count", 5, "bank"),
        ("A roughly 500-strong force arrived.", "roughly 500-strong", "count", 500, "troop"),
        ("Eight soldiers and 22 militants have been killed.", "Eight soldiers", "casualties", 8, "soldier"),
        ("Eight soldiers and 22 militants have been killed.", "22 militants", "casualties", 22, "militant"),
    ],
)
def test_more_count_shapes(text, quote, kind, value, unit):
    c = by_quote(text)[quote]
    assert (c.kind, c.value, c.unit) == (kind, value, unit)


def test_month_after_number_is_a_date_not_a_count():
    assert [c for c in claims("After the 11 September attacks, markets fell.") if c.kind == "count"] == []


@pytest.mark.parametrize(
    "text,quote,value,unit",
    [
        ("The Pentagon will send 200 U.S. airmen to the base.", "200 U.S. airmen", 200, "airman"),
        ("Five gunmen attacked the hotel.", "Five gunmen", 5, "gunman"),
        ("About 300 servicemen took part.", "About 300 servicemen", 300, "serviceman"),
    ],
)
def test_men_plurals_are_counted(text, quote, value, unit):
    c = by_quote(text)[quote]
    assert (c.kind, c.value, c.unit) == ("count", value, unit)


def test_specimen_is_not_a_plural():
    assert [c.unit for c in extract_claims("He kept 3 specimen jars.", names=["counts"])] == ["jar"]


def test_word_ranges_share_the_scale_written_once():
    got = by_quote('"Sixty to seventy thousand people in the camps are moving," he said.')
    c = got["Sixty to seventy thousand people"]
    assert (c.value, c.value_high, c.unit, c.bound) == (60_000, 70_000, "person", "range")
    got = by_quote("The Library receives between three and four million requests a year.")
    c = got["between three and four million requests"]
    assert (c.value, c.value_high) == (3e6, 4e6)
