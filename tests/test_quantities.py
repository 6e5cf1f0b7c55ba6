"""Quantities and money: units, conversions, bounds, ranges, spans (sentences written for these tests)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdb.extract import extractors

from .numeric import NUMERIC, claims


def one(text, kind=None):
    cs = [c for c in claims(text) if kind is None or c.kind == kind]
    assert len(cs) == 1, [(c.quote, c.kind) for c in cs]
    return cs[0]


def test_registered_with_versions():
    names = {e.name: e.version for e in extractors()}
    for n in NUMERIC:
        assert n in names and names[n]


@pytest.mark.parametrize(
    "text,quote,kind,value,unit,bound",
    [
        ("The rocket flew over 1,100 kilometers east.", "over 1,100 kilometers", "distance", 1100, "km", "lower"),
        ("It travelled 250 miles.", "250 miles", "distance", 250 * 1.609344, "km", "exact"),
        ("The boats sailed 10 nautical miles out.", "10 nautical miles", "distance", 18.52, "km", "exact"),
        ("A wall 30 feet long stood there.", "30 feet", "distance", 30 * 0.0003048, "km", "exact"),
        ("They walked 5km to school.", "5km", "distance", 5, "km", "exact"),
        ("The probe reached an altitude of 6,000 km before falling.", "6,000 km", "altitude", 6000, "km", "exact"),
        ("The tower is 300 metres high.", "300 metres", "altitude", 0.3, "km", "exact"),
        ("Winds of up to 120 mph hit the coast.", "up to 120 mph", "speed", 120 * 1.609344, "km/h", "upper"),
        ("The ferry makes 20 knots.", "20 knots", "speed", 20 * 1.852, "km/h", "exact"),
        ("The glider can reach Mach 5 in tests.", "Mach 5", "speed", 5, "mach", "exact"),
        ("A train at 300 km/h passed.", "300 km/h", "speed", 300, "km/h", "exact"),
        ("The ship carried 40,000 tonnes of grain.", "40,000 tonnes", "weight", 4e7, "kg", "exact"),
        ("She lifted 20 kg easily.", "20 kg", "weight", 20, "kg", "exact"),
        ("The parcel weighed 10 pounds.", "10 pounds", "weight", 4.5359237, "kg", "exact"),
        ("Prices rose 4.5% last year.", "4.5%", "percentage", 4.5, "percent", "exact"),
        ("Output fell 3 per cent.", "3 per cent", "percentage", 3, "percent", "exact"),
        ("a 4-percent rise", "4-percent", "percentage", 4, "percent", "exact"),
        ("Turnout was nearly 70 percent.", "nearly 70 percent", "percentage", 70, "percent", "approx"),
        ("Rates rose by half a percentage point.", None, None, None, None, None),
        ("Rates rose 0.25 percentage points.", "0.25 percentage points", "percentage", 0.25, "percentage_point", "exact"),
        ("Two-thirds of voters agreed.", "Two-thirds", "percentage", 200 / 3, "percent", "exact"),
        ("Sales grew four-fold in a decade.", "four-fold", "other_quantity", 4, "times", "exact"),
        ("Profits rose tenfold.", "tenfold", "other_quantity", 10, "times", "exact"),
        ("The 35-year-old driver was arrested.", "35-year-old", "age", 35, "year", "exact"),
        ("The victim, aged 35, was named.", "aged 35", "age", 35, "year", "exact"),
        ("It ended a four-year economic feud.", "four-year", "duration", 4, "year", "exact"),
        ("They spoke for 73 minutes.", "73 minutes", "duration", 73, "min", "exact"),
        ("a 30-year mortgage", "30-year", "duration", 30, "year", "exact"),
    ],
)
def test_quantities(text, quote, kind, value, unit, bound):
    if quote is None:
        return
    c = one(text, kind)
    assert (c.quote, c.kind, c.unit, c.bound) == (quote, kind, unit, bound)
    assert c.value == pytest.approx(value, rel=1e-9)
    assert 0 < c.confidence <= 1 and c.subject


@pytest.mark.parametrize(
    "text,quote,value,currency,bound",
    [
        ("The deal is worth approximately $35 billion in total.", "approximately $35 billion", 35e9, "USD", "approx"),
        ("It raised US$4.7 billion.", "US$4.7 billion", 4.7e9, "USD", "exact"),
        ("a $35B package", "$35B", 35e9, "USD", "exact"),
        ("Profits hit £600m.", "£600m", 600e6, "GBP", "exact"),
        ("The bank lent €1.2bn.", "€1.2bn", 1.2e9, "EUR", "exact"),
        ("The budget is 1.5 trillion won.", "1.5 trillion won", 1.5e12, "KRW", "exact"),
        ("It cost 300 billion yen.", "300 billion yen", 3e11, "JPY", "exact"),
        ("A fine of 2 million euros was set.", "2 million euros", 2e6, "EUR", "exact"),
        ("The sum was USD 5 million.", "USD 5 million", 5e6, "USD", "exact"),
        ("Exports were worth ¥900bn.", "¥900bn", 9e11, "JPY", "exact"),
        ("Pay rose to 50 cents an hour.", "50 cents", 0.5, "USD", "exact"),
        ("Shares closed at 583p.", "583p", 5.83, "GBP", "exact"),
        ("The plan costs more than $5bn.", "more than $5bn", 5e9, "USD", "lower"),
        ("They spent millions of dollars on ads.", "millions of dollars", 2e6, "USD", "lower"),
        ("The loans total 3 million pounds.", "3 million pounds", 3e6, "GBP", "exact"),
        ("Losses were 5 billion rubles.", "5 billion rubles", 5e9, "RUB", "exact"),
        ("Costs ran to 10 million yuan.", "10 million yuan", 1e7, "CNY", "exact"),
        ("It is valued at ₩3 trillion.", "₩3 trillion", 3e12, "KRW", "exact"),
    ],
)
def test_money(text, quote, value, currency, bound):
    c = one(text, "money")
    assert (c.quote, c.currency, c.unit, c.bound) == (quote, currency, currency, bound)
    assert c.value == pytest.approx(value, rel=1e-9)


@pytest.mark.parametrize(
    "text,quote,kind,low,high",
    [
        ("Growth of between 3 and 5 percent is expected.", "between 3 and 5 percent", "percentage", 3, 5),
        ("Growth of 3-5% is expected.", "3-5%", "percentage", 3, 5),
        ("Inflation of 3 to 5 percent", "3 to 5 percent", "percentage", 3, 5),
        ("a crowd of 1,000–1,500 people", "1,000–1,500 people", "count", 1000, 1500),
        ("It will cost $3bn-$5bn.", "$3bn-$5bn", "money", 3e9, 5e9),
        ("It will cost $3-5 billion.", "$3-5 billion", "money", 3e9, 5e9),
        ("The rocket flew 400 to 500 km.", "400 to 500 km", "distance", 400, 500),
    ],
)
def test_ranges_are_one_claim(text, quote, kind, low, high):
    c = one(text, kind)
    assert (c.quote, c.bound) == (quote, "range")
    assert c.value == pytest.approx(low) and c.value_high == pytest.approx(high)


def test_from_to_is_a_change_not_a_range():
    cs = claims("Unemployment fell from 7.3 to 6.9 percent.")
    assert [(c.quote, c.value, c.bound) for c in cs] == [("7.3", 7.3, "exact"), ("6.9 percent", 6.9, "exact")]


def test_parenthesised_restatement_takes_the_bound():
    cs = claims("The missile flew about 400 km (250 miles) before landing.")
    assert [c.quote for c in cs] == ["about 400 km", "250 miles"]
    assert [c.bound for c in cs] == ["approx", "approx"]
    assert cs[1].value == pytest.approx(250 * 1.609344)


@pytest.mark.parametrize(
    "text,quote,bound",
    [
        ("Sales rose 30% or more.", "30% or more", "lower"),
        ("Sales exceeded 10%.", "exceeded 10%", "lower"),
        ("Prices are above 5%.", "above 5%", "lower"),
        ("a fall of less than 2%", "less than 2%", "upper"),
        ("at most 40 km away", "at most 40 km", "upper"),
        ("roughly 12 tonnes", "roughly 12 tonnes", "approx"),
        ("some 50 km east", "some 50 km", "approx"),
    ],
)
def test_bound_words(text, quote, bound):
    c = claims(text)[0]
    assert (c.quote, c.bound) == (quote, bound)


def test_over_the_next_years_is_not_a_bound():
    c = one("Spending will rise over the next 30 years.", "duration")
    assert (c.quote, c.bound, c.value) == ("30 years", "exact", 30)


def test_years_ago_keep_their_duration():
    # the contract exempts only relative expressions with no figure ("last week")
    assert [(c.quote, c.kind) for c in claims("He left two years ago.")] == [("two years", "duration")]


@pytest.mark.parametrize(
    "text",
    [
        "The Hwasong-18 and the F-35 were shown at the G7.",
        "Su-27 jets flew over World War II sites.",
        "A Boeing 747 landed in 2016.",
        "COVID-19 cases were reported.",
        "Call 020 7946 0000 now.",
        "It was the first time in the third quarter.",
        "Source 1 • Source 2",
        "At 10:30 on 12/03/2024 he spoke.",
        "In 1990s Britain, 5G and 4K arrived.",
    ],
)
def test_not_claims(text):
    assert claims(text) == []


def test_attributes_for_business_sentences():
    cs = {c.quote: c for c in claims("Quarterly profits jumped to $1.13bn. The economy grew 3.9% last year.")}
    assert cs["$1.13bn"].attribute == "company.profit"
    assert cs["3.9%"].attribute == "economy.growth_rate"
    cs = {c.quote: c for c in claims("Inflation rose to 2.5% while unemployment was 5.1%.")}
    assert cs["2.5%"].attribute == "inflation.rate"
    assert cs["5.1%"].attribute == "unemployment.rate"


def test_arms_sale_and_missile_distance_attributes():
    c = one("The US approved the sale of missiles worth approximately $35 billion to its ally.", "money")
    assert c.attribute == "arms_sale.value"
    c = one("The intermediate-range ballistic missile flew 1,100 km, according to the defence ministry.")
    assert c.attribute == "missile.flight_distance"
    assert c.subject == "IRBM flight distance"
    assert c.attribution == "defence ministry"


WORDS = st.sampled_from(
    ["over", "about", "$", "£", "km", "miles", "%", "percent", "seven", "1,100", "4.5", "bn", "m",
     "-", "–", "to", "and", "between", "killed", "troops", "ships", "year-old", "-year", "aged",
     "Mach", "(", ")", ".", ",", "\n", " ", "won", "yen", "of", "dozens", "half", "a", "million",
     "people", "wounded", "or", "more", "fold", "US$", "3-5", "2016", "in"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=30).map(" ".join))
def test_no_word_salad_crashes_and_spans_hold(text):
    for c in claims(text):
        assert c.value is None or c.value >= 0
        assert c.value_high is None or c.value_high >= c.value


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_no_text_crashes_and_spans_hold(text):
    claims(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["km", "kilometres", "miles", "%", "tonnes"]))
def test_formatted_numbers_parse_back(n, unit):
    c = one(f"It measured {n:,} {unit} in all.")
    factor = {"km": 1, "kilometres": 1, "miles": 1.609344, "%": 1, "tonnes": 1000}[unit]
    assert c.value == pytest.approx(n * factor, rel=1e-9)
    assert c.quote == f"{n:,} {unit}"


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value="0.1", max_value="999.9", places=1),
    st.sampled_from([("bn", 1e9), (" billion", 1e9), ("m", 1e6), (" million", 1e6), (" trillion", 1e12)]),
)
def test_scaled_money_parses_back(d, scale):
    text = f"The firm reported ${d}{scale[0]} in revenue."
    c = one(text, "money")
    assert c.value == pytest.approx(float(d) * scale[1], rel=1e-9)
    assert c.quote == f"${d}{scale[0]}"


@pytest.mark.parametrize(
    "text,quote,kind,value,unit,bound",
    [
        ("Kim, who is 33, spoke.", "33", "age", 33, "year", "exact"),
        ("Jane Doe, 45, was named.", "45", "age", 45, "year", "exact"),
        ("The minimum age of 21 stays.", "21", "age", 21, "year", "exact"),
        ("a rebate for the over-65s", "over-65s", "age", 65, "year", "lower"),
        ("a group of 21-year-olds", "21-year-olds", "age", 21, "year", "exact"),
        ("The talks lasted more than a year.", "more than a year", "duration", 1, "year", "lower"),
        ("It went on for nearly a decade.", "nearly a decade", "duration", 10, "year", "approx"),
        ("Output fell for three quarters.", "three quarters", "duration", 3, "quarter", "exact"),
        ("Its sales doubled.", "doubled", "other_quantity", 2, "times", "exact"),
        ("Costs are more than double the estimate.", "more than double", "other_quantity", 2, "times", "lower"),
        ("Reserves hit 4 billion barrels.", "4 billion barrels", "other_quantity", 4e9, "barrel", "exact"),
    ],
)
def test_numbers_written_without_units(text, quote, kind, value, unit, bound):
    c = one(text, kind)
    assert (c.quote, c.unit, c.bound) == (quote, unit, bound)
    assert c.value == pytest.approx(value)


def test_double_as_adjective_is_not_a_multiplier():
    assert claims("They accused him of double standards.") == []


# ---- unit breadth: every common unit spelled out, abbreviated, hyphenated, with and without space


@pytest.mark.parametrize(
    "text,quote,kind,value,unit",
    [
        ("The building is 100 m tall.", "100 m", "altitude", 0.1, "km"),
        ("The pipe is 25 mm wide.", "25 mm", "distance", 25e-6, "km"),
        ("A 5-millimetre gap opened.", "5-millimetre", "distance", 5e-6, "km"),
        ("He stands 1.8 m.", "1.8 m", "distance", 0.0018, "km"),
        ("They built a 12-inch wall.", "12-inch", "distance", 12 * 0.0000254, "km"),
        ("The cable is 12 inches long.", "12 inches", "distance", 12 * 0.0000254, "km"),
        ("A 6in nail.", "6in", "distance", 6 * 0.0000254, "km"),
        ("He ran 10 yards.", "10 yards", "distance", 10 * 0.0009144, "km"),
        ("a 26.2-mile marathon", "26.2-mile", "distance", 26.2 * 1.609344, "km"),
        ("a 200-nautical-mile zone", "200-nautical-mile", "distance", 370.4, "km"),
        ("a 5-kilometre run", "5-kilometre", "distance", 5, "km"),
        ("It weighs 5.5 kg.", "5.5 kg", "weight", 5.5, "kg"),
        ("Add 500 g of flour.", "500 g", "weight", 0.5, "kg"),
        ("Take 5 mg of it.", "5 mg", "weight", 5e-6, "kg"),
        ("It holds 2 oz of gold.", "2 oz", "weight", 2 * 0.028349523125, "kg"),
        ("The steak weighs 16 ounces.", "16 ounces", "weight", 16 * 0.028349523125, "kg"),
        ("a 10-tonne truck", "10-tonne", "weight", 10000, "kg"),
        ("The crane lifts 2.5 t.", "2.5 t", "weight", 2500, "kg"),
        ("They shipped 2 short tons.", "2 short tons", "weight", 2 * 907.18474, "kg"),
        ("They shipped 5,000 metric tonnes.", "5,000 metric tonnes", "weight", 5e6, "kg"),
        ("a 10-pound baby", "10-pound", "weight", 10 * 0.45359237, "kg"),
        ("a 20 mph wind", "20 mph", "speed", 20 * 1.609344, "km/h"),
        ("It reached 100 kph.", "100 kph", "speed", 100, "km/h"),
        ("Sound travels at 340 m/s.", "340 m/s", "speed", 340 * 3.6, "km/h"),
        ("a 25 miles-per-hour limit", "25 miles-per-hour", "speed", 25 * 1.609344, "km/h"),
        ("a 10-minute walk", "10-minute", "duration", 10, "min"),
        ("a 30-minute meeting", "30-minute", "duration", 30, "min"),
        ("The delay was 80 milliseconds.", "80 milliseconds", "duration", 0.08, "s"),
        ("He sat for 4 h.", "4 h", "duration", 4, "h"),
        ("temperatures of 30 °C", "30 °C", "other_quantity", 30, "celsius"),
        ("temperatures of 30 degrees Celsius", "30 degrees Celsius", "other_quantity", 30, "celsius"),
        ("Temperatures hit 30C on Monday.", "30C", "other_quantity", 30, "celsius"),
        ("It was 86 degrees Fahrenheit.", "86 degrees Fahrenheit", "other_quantity", 86, "fahrenheit"),
        ("Temperatures fell to minus 5C overnight.", "minus 5C", "other_quantity", -5, "celsius"),
        ("It was -10 °C in Moscow.", "-10 °C", "other_quantity", -10, "celsius"),
        ("The park covers 300 square kilometres.", "300 square kilometres", "other_quantity", 300, "km2"),
        ("The lake covers 300 km².", "300 km²", "other_quantity", 300, "km2"),
        ("a 3,000-acre farm", "3,000-acre", "other_quantity", 3000 * 0.0040468564224, "km2"),
        ("It burned 50 hectares.", "50 hectares", "other_quantity", 0.5, "km2"),
        ("It spans 10 square miles.", "10 square miles", "other_quantity", 25.89988110336, "km2"),
        ("a 40,000-square-foot store", "40,000-square-foot", "other_quantity", 40000 * 0.3048**2 * 1e-6, "km2"),
        ("Drink 2.5 litres of water.", "2.5 litres", "other_quantity", 2.5, "L"),
        ("a 2.0-liter engine", "2.0-liter", "other_quantity", 2.0, "L"),
        ("Add 500 ml of milk.", "500 ml", "other_quantity", 0.5, "L"),
        ("They spilled 10 gallons.", "10 gallons", "other_quantity", 37.85411784, "L"),
        ("It holds 20 cubic metres.", "20 cubic metres", "other_quantity", 20000, "L"),
        ("The plant makes 1.5 GW.", "1.5 GW", "other_quantity", 1500, "MW"),
        ("a 5 kW motor", "5 kW", "other_quantity", 0.005, "MW"),
        ("a 60-watt bulb", "60-watt", "other_quantity", 0.00006, "MW"),
        ("They used 2 kWh.", "2 kWh", "other_quantity", 2, "kWh"),
        ("It stores 5 TB.", "5 TB", "other_quantity", 5000, "GB"),
        ("a 500MB file", "500MB", "other_quantity", 0.5, "GB"),
        ("a 2.4 GHz chip", "2.4 GHz", "other_quantity", 2.4e9, "Hz"),
        ("a 600 horsepower engine", "600 horsepower", "other_quantity", 600, "hp"),
    ],
)
def test_unit_breadth(text, quote, kind, value, unit):
    c = one(text, kind)
    assert (c.quote, c.kind, c.unit) == (quote, kind, unit)
    assert c.value == pytest.approx(value, rel=1e-9)


@pytest.mark.parametrize(
    "text",
    [
        "He finished 5 in the race.",
        "At 30 N, 5 W the ship sank.",
        "Section 30C of the act applies.",
        "Grade 5 C students passed.",
        "Invest 91L became a depression.",
        "See https://example.com/a%20in%20b and %20m%20.",
        "He ran the 100 m in 9.58s at 5 G.",
    ],
)
def test_short_units_need_attachment_or_context(text):
    assert [c for c in claims(text) if c.kind not in ("duration",)] == []


def test_in_between_numbers_is_a_ratio_not_inches():
    assert [(c.quote, c.kind, c.value) for c in claims("It was a 3 in 10 chance.")] == [("3 in 10", "percentage", 30.0)]


@pytest.mark.parametrize(
    "text,quote,value,bound",
    [
        ("He left school at 16 to work as a miner.", "16", 16, "exact"),
        ("She married at 21.", "21", 21, "exact"),
        ("At 18, he joined the army.", "18", 18, "exact"),
        ("Kim Jong Un (33) spoke at the congress.", "33", 33, "exact"),
        ("Voting is open to those aged 18 and over.", "aged 18", 18, "exact"),
        ("a vote for 18-year-olds", "18-year-olds", 18, "exact"),
        ("the 21-year-old striker scored", "21-year-old", 21, "exact"),
        ("The rebate goes to people over 65 in the town.", "over 65", 65, "lower"),
        ("where council tax payers are over 65 would get a rebate", "over 65", 65, "lower"),
        ("It is unsuitable for children under seven.", "under seven", 7, "upper"),
    ],
)
def test_ages(text, quote, value, bound):
    c = one(text, "age")
    assert (c.quote, c.unit, c.bound) == (quote, "year", bound)
    assert c.value == value


@pytest.mark.parametrize(
    "text",
    [
        "Forward Elijah Macon (45) scored in the first half.",
        "England's Paul Casey (67) and Americans J.B. Holmes (68) tied for fourth.",
        "Argentina (4), South Africa (5), Kenya.",
        "Unemployment stood at 18 in the town.",
        "The team won at 18 points.",
    ],
)
def test_not_ages(text):
    assert [c.quote for c in claims(text) if c.kind == "age"] == []


@pytest.mark.parametrize(
    "text,quotes",
    [
        ("The jets flew at about 100 feet (30 meters) in altitude.", ["about 100 feet", "30 meters"]),
        ("The plane was flying at 30,000 feet when it lost power.", ["30,000 feet"]),
        ("The aircraft cruised at 35,000 ft.", ["35,000 ft"]),
        ("The satellite orbits at 500 km.", ["500 km"]),
        ("The balloon climbed to 20 km.", ["20 km"]),
        ("It reached an apogee of 1,000 km.", ["1,000 km"]),
        ("The missile reached a height of 550 km.", ["550 km"]),
    ],
)
def test_altitudes(text, quotes):
    assert [c.quote for c in claims(text) if c.kind == "altitude"] == quotes
    assert [c for c in claims(text) if c.kind == "distance"] == []


def test_flight_distance_stays_distance_beside_an_altitude():
    cs = claims("The rocket flew 1,000 km at a maximum altitude of 550 km.")
    assert [(c.quote, c.kind) for c in cs] == [("1,000 km", "distance"), ("550 km", "altitude")]


@pytest.mark.parametrize(
    "text,quote,attribute",
    [
        ("The Musudan is designed to fly more than 3,000 km.", "more than 3,000 km", "missile.range"),
        ("The missile has a range of 1,300 km.", "1,300 km", "missile.range"),
        ("The missile is capable of reaching 5,500 km.", "5,500 km", "missile.range"),
        ("The missile flew 1,000 km before landing in the sea.", "1,000 km", "missile.flight_distance"),
        ("North Korea has up to 30 Musudan missiles in its arsenal.", "up to 30 Musudan missiles", "missile.inventory"),
        ("North Korea fired two missiles on Tuesday.", "two missiles", "missile.count"),
        ("The Russian jets flew at about 100 feet in altitude.", "about 100 feet", "aircraft.altitude"),
    ],
)
def test_missile_range_inventory_and_aircraft_altitude(text, quote, attribute):
    (c,) = [c for c in claims(text) if c.quote == quote]
    assert c.attribute == attribute


def test_race_names_written_with_m_are_not_millions():
    from factdb.extract import extract_claims

    def got(text):
        return [(c.quote, c.kind, c.value, c.unit) for c in extract_claims(text)]

    assert got("She won the 400m hurdles in Paris.") == []  # an event's name
    assert got("He ran 800m in under two minutes.")[0] == ("800m", "distance", 0.8, "km")
    assert got("The firm employs 5m people.") == [("5m people", "count", 5_000_000, "person")]


def test_capability_and_inventory_are_not_launch_figures():
    from factdb.extract import extract_claims

    def attrs(text):
        return {c.quote: c.attribute for c in extract_claims(text)}

    assert attrs("The Rodong can fire a 1 tonne warhead a distance of up to 2,000 km, the official said.")[
        "up to 2,000 km"
    ] == "missile.range"
    assert attrs("North Korea is believed to have roughly 20 to 30 Musudan missiles.")[
        "roughly 20 to 30 Musudan missiles"
    ] == "missile.inventory"
    assert attrs("The missile flew about 500 km before landing in the sea.")["about 500 km"] == "missile.flight_distance"


def test_durations_before_ago_race_times_and_compounds():
    from factdb.extract import extract_claims

    def got(text):
        return [(c.quote, c.kind, c.value, c.unit) for c in extract_claims(text)]

    # a figure a fact-checker can check, so a claim (number and unit; "ago" stays out)
    assert got("He was elected two years ago.") == [("two years", "duration", 2, "year")]
    assert got("A month ago, the bank cut rates.") == [("A month", "duration", 1, "month")]
    # elapsed times need a fraction of a second: clock times and scores are not durations
    assert got("She won in 3:49.78, ahead of Smith.") == [("3:49.78", "duration", 229.78, "s")]
    assert got("The meeting is at 10:30 tomorrow.") == []
    assert got("It lasted two hours and 5 minutes.") == [("two hours and 5 minutes", "duration", 7500, "s")]
    assert got("a time of three minutes 49.89secs")[0][2] == 229.89
    # "the 400m hurdles" names an event
    assert got("She won the 400m hurdles.") == []


@given(st.integers(0, 9), st.integers(0, 59), st.integers(0, 59), st.integers(0, 99))
def test_race_times_parse_back(h, m, s, cs):
    from factdb.extract import extract_claims

    text = f"She finished in {h}:{m:02d}:{s:02d}.{cs:02d} on Sunday."
    (claim,) = [c for c in extract_claims(text) if c.kind == "duration"]
    assert claim.value == pytest.approx(h * 3600 + m * 60 + s + cs / 100)


def test_wire_exchange_rate_note_is_furniture():
    from factdb.extract import extract_claims

    assert extract_claims("Sales rose. ($1 = 0.8965 euros) (Editing by Jane Doe)") == []
    assert extract_claims("(Reporting by X; $1 = 1,172.2800 won)") == []
    kept = [c.quote for c in extract_claims("It costs $5 (about 4 euros).")]
    assert kept == ["$5", "about 4 euros"]


def test_from_to_is_a_range_after_range_words_and_a_change_otherwise():
    from factdb.extract import extract_claims

    def got(text):
        return [(c.quote, c.value, c.value_high, c.bound) for c in extract_claims(text)]

    assert got("Emissions could be anywhere from 25 to 75 percent higher.") == [
        ("from 25 to 75 percent", 25, 75, "range")
    ]
    assert got("Sentences ranging from two to five years were handed down.") == [
        ("from two to five years", 2, 5, "range")
    ]
    assert got("Growth slowed from 7.3 to 6.9 percent.") == [("7.3", 7.3, None, "exact"), ("6.9 percent", 6.9, None, "exact")]


def test_role_ages_fractions_after_by_indian_scales_and_magnitudes():
    from factdb.extract import extract_claims

    def got(text):
        return [(c.quote, c.kind, c.value, c.unit) for c in extract_claims(text)]

    assert got("The CEO, 54, resigned.") == [("54", "age", 54, "year")]
    assert got("The population grew by a third.")[0][:2] == ("a third", "percentage")
    assert got("Data was passed on by a third party.") == []
    assert got("The contract is worth Rs 500 crore.") == [("Rs 500 crore", "money", 5e9, "INR")]
    assert got("A 7.8-magnitude earthquake struck.") == [("7.8-magnitude", "other_quantity", 7.8, "magnitude")]


def test_one_in_five_is_a_percentage():
    from factdb.extract import extract_claims

    def got(text):
        return [(c.quote, c.kind, round(c.value, 3), c.bound) for c in extract_claims(text) if c.kind != "date"]

    assert got("Only one in five adults voted.") == [("one in five", "percentage", 20.0, "exact")]
    assert got("Nearly one in three voters agreed.") == [("Nearly one in three", "percentage", 33.333, "approx")]
    assert got("Five in 2016 were reported.") == []


@pytest.mark.parametrize(
    "text,quote,kind,value,value_high",
    [
        # the second number's scale is shared only by a bare small first figure
        ("Half the condos, which range from $800,000 to $1.3 million, have sold.",
         "from $800,000 to $1.3 million", "money", 800_000, 1_300_000),
        ("Prices range from $370,000 to $5.5 million.", "from $370,000 to $5.5 million", "money", 370_000, 5_500_000),
        ("Prices range from $200 to $4 million.", "from $200 to $4 million", "money", 200, 4_000_000),
        ("The sale is worth $10 to $15 billion.", "$10 to $15 billion", "money", 10e9, 15e9),
        ("It cost 5 million to 6 billion dollars.", "5 million to 6 billion dollars", "money", 5e6, 6e9),
        ("Four to five thousand people marched.", "Four to five thousand people", "count", 4000, 5000),
        ("Four to five hundred thousand people marched.", "Four to five hundred thousand people", "count",
         400_000, 500_000),
        ("Two hundred to three hundred thousand people marched.", "Two hundred to three hundred thousand people",
         "count", 200_000, 300_000),
        ("Officials expect between 2 and 3 million people.", "between 2 and 3 million people", "count", 2e6, 3e6),
        ("Officials expect between 2,000 and 3 million people.", "between 2,000 and 3 million people", "count",
         2000, 3e6),
        ("Experts said 700,000 to 1 million drones will be sold.", "700,000 to 1 million drones", "count",
         700_000, 1e6),
        ("Ten to a hundred people came.", "Ten to a hundred people", "count", 10, 100),
    ],
)
def test_a_range_shares_its_scale_only_with_a_bare_first_figure(text, quote, kind, value, value_high):
    c = one(text, kind)
    assert (c.quote, c.bound) == (quote, "range")
    assert c.value == pytest.approx(value) and c.value_high == pytest.approx(value_high)


def test_what_is_no_range_is_read_as_two_figures():
    # a change given by its size, then the level: no range, and the level is not lost
    got = {(c.quote, c.value, c.value_high) for c in claims("Sales rose 8,000 to 2.24 million units.")}
    assert ("2.24 million units", 2.24e6, None) in got
    # a year before "to": the figure after it is the claim
    got = {(c.quote, c.value) for c in claims("Output is expected to rise in 2005 to 5.5 million tonnes.")}
    assert got == {("5.5 million tonnes", 5.5e9)}
    # a fraction starts no range: "by a third to $25.5 billion"
    got = {(c.quote, c.kind) for c in claims("Funding fell by a third to $25.5 billion.")}
    assert got == {("a third", "percentage"), ("$25.5 billion", "money")}
    # a range never ends below its start: two figures instead
    got = [(c.quote, c.value, c.value_high) for c in claims("Rates range from 7.3 to 6.9 percent.")]
    assert got == [("7.3", 7.3, None), ("6.9 percent", 6.9, None)]
    # a change may fall, keeping the shared scale
    got = [(c.quote, c.value) for c in claims("Sales fell from 5 to 4 billion dollars.")]
    assert got == [("5", 5e9), ("4 billion dollars", 4e9)]
