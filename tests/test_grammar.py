"""The compositional number grammar, class by class: each class in several wordings,
including wordings no peer suite uses (sentences written for these tests)."""

import pytest

from .numeric import claims


def reading(text):
    return [(c.quote, c.kind, c.value, c.value_high, c.unit, c.currency) for c in claims(text)]


def only(text):
    cs = claims(text)
    assert len(cs) == 1, [(c.quote, c.kind, c.value) for c in cs]
    return cs[0]


# ---- currencies: signs after the number, ISO codes, local signs, regional dollars, CLDR names --
@pytest.mark.parametrize(
    "text,quote,value,currency",
    [
        ("Tickets cost 20€ at the door.", "20€", 20, "EUR"),
        ("Tickets cost 5 € each.", "5 €", 5, "EUR"),
        ("The fine was 42 KWD.", "42 KWD", 42, "KWD"),
        ("Bread rose to UAH 3.04 a loaf.", "UAH 3.04", 3.04, "UAH"),
        ("The set sells for 115USD online.", "115USD", 115, "USD"),
        ("Lunch was RM79 for two.", "RM79", 79, "MYR"),
        ("A ticket is ₹500 in Mumbai.", "₹500", 500, "INR"),
        ("The club paid 100₾ in fees.", "100₾", 100, "GEL"),
        ("Debts reached $US113 trillion.", "$US113 trillion", 113e12, "USD"),
        ("The console is AU$89.99 in Sydney.", "AU$89.99", 89.99, "AUD"),
        ("The deal is worth HK$3.7 billion.", "HK$3.7 billion", 3.7e9, "HKD"),
        ("a charge of c $ 300 million", "c $ 300 million", 3e8, "CAD"),
        ("Nokia paid 420 million Finnish markka for it.", "420 million Finnish markka", 4.2e8, "FIM"),
        ("He sold 250 million Dutch guilders of bonds.", "250 million Dutch guilders", 2.5e8, "NLG"),
        ("Rent is 42 kuwaiti dinars a week.", "42 kuwaiti dinars", 42, "KWD"),
        ("They paid 900 Ukrainian hryvnias.", "900 Ukrainian hryvnias", 900, "UAH"),
    ],
)
def test_currency_signs_codes_and_names(text, quote, value, currency):
    c = only(text)
    assert (c.kind, c.quote, c.currency) == ("money", quote, currency)
    assert c.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "ALL 5 ships returned.",  # "ALL" is Albania's code and a word
        "He won the 200m gold in Rome.",  # "gold" is a CLDR currency name (XAU) and a medal
        "TOP 10 songs of the year",
    ],
)
def test_codes_and_names_that_are_words_are_no_money(text):
    assert not [c for c in claims(text) if c.kind == "money"]


# ---- units built from SI prefix x base unit, square and cubic units, torque, pressure ---------
@pytest.mark.parametrize(
    "text,quote,kind,value,unit",
    [
        ("The chip's features are 16.25 nanometers wide.", "16.25 nanometers", "distance", 16.25e-12, "km"),
        ("Each fibre is 352 μm thick.", "352 μm", "distance", 352e-9, "km"),
        ("Greenland lost 127 gigatonnes of ice.", "127 gigatonnes", "weight", 127e12, "kg"),
        ("The engine makes 450 Nm of torque.", "450 Nm", "other_quantity", 450, "N·m"),
        ("and 332 lb-ft of torque", "332 lb-ft", "other_quantity", 332 * 1.3558179483314004, "N·m"),
        ("The concrete withstands 61.4 MPa of stress.", "61.4 MPa", "other_quantity", 61400, "kPa"),
        ("The battery stores 50 Wh of energy.", "50 Wh", "other_quantity", 0.05, "kWh"),
        ("The lake holds 4 cubic kilometers of water.", "4 cubic kilometers", "other_quantity", 4e12, "L"),
        ("The patient received 150 micrograms daily.", "150 micrograms", "weight", 150e-9, "kg"),
        ("It drove at 80 m.p.h. on the bridge.", "80 m.p.h.", "speed", 80 * 1.609344, "km/h"),
    ],
)
def test_units_from_parts(text, quote, kind, value, unit):
    c = only(text)
    assert (c.quote, c.kind, c.unit) == (quote, kind, unit)
    assert c.value == pytest.approx(value)


# ---- temperatures without "°" or "degrees" ---------------------------------------------------
@pytest.mark.parametrize(
    "text,quote,value,unit",
    [
        ("It was 90 fahrenheit in the shade.", "90 fahrenheit", 90, "fahrenheit"),
        ("Water boils at 100 Celsius at sea level.", "100 Celsius", 100, "celsius"),
        ("The oven reached 200 centigrade.", "200 centigrade", 200, "celsius"),
        ("the patient's fever was 40 deg celsius", "40 deg celsius", 40, "celsius"),
    ],
)
def test_temperature_scale_words(text, quote, value, unit):
    c = only(text)
    assert (c.quote, c.kind, c.unit) == (quote, "other_quantity", unit)
    assert c.value == pytest.approx(value)


# ---- negative numbers -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,quote,value,unit",
    [
        ("Output changed -1.3% on the year.", "-1.3%", -1.3, "percent"),
        ("Growth was minus five percent.", "minus five percent", -5, "percent"),
        ("The temperature fell to -10C overnight.", "-10C", -10, "celsius"),
        ("They lost minus-5 yards on the play.", "minus-5 yards", -5 * 0.0009144, "km"),
    ],
)
def test_negative_numbers(text, quote, value, unit):
    c = only(text)
    assert (c.quote, c.unit) == (quote, unit)
    assert c.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["Covid-19 cases rose.", "The Su-27 flew.", "Pages 10-20 were torn."])
def test_hyphens_inside_names_and_ranges_are_no_minus(text):
    assert all((c.value or 0) >= 0 for c in claims(text))


# ---- a blank line is a boundary -----------------------------------------------------------------
def test_blank_line_ends_a_unit_phrase():
    assert [c.quote for c in claims("The plank is 1 m\n\nThen it broke.")] == ["1 m"]
    assert [c.quote for c in claims("The plank is 2 m\n \nThen it broke.")] == ["2 m"]


def test_blank_line_keeps_a_number_from_the_next_paragraphs_word():
    assert not [c for c in claims("It costs 15\n\naud were paid.") if c.kind == "money"]
    assert not [c for c in claims("A rise of twenty\n\npercent of voters said no.") if "\n" in c.quote]


# ---- composition: ranges with a unit on each end -------------------------------------------------
@pytest.mark.parametrize(
    "text,quote,low,high,unit",
    [
        ("Doses ranged from 2 to 7 g a day.", "from 2 to 7 g", 0.002, 0.007, "kg"),
        ("The walk is from 3km to 5km long.", "from 3km to 5km", 3, 5, "km"),
        ("Rates were between 1 per cent and 1.5 per cent.", "between 1 per cent and 1.5 per cent", 1, 1.5, "percent"),
        ("It hears between 15kHz and 17kHz.", "between 15kHz and 17kHz", 15e3, 17e3, "Hz"),
        ("Plots of 2 hectares to 5 hectares were sold.", "2 hectares to 5 hectares", 0.02, 0.05, "km2"),
        ("The tanks hold 40 litres - 60 litres each.", "40 litres - 60 litres", 40, 60, "L"),
    ],
)
def test_ranges_with_a_unit_on_each_end(text, quote, low, high, unit):
    c = only(text)
    assert (c.quote, c.bound, c.unit) == (quote, "range", unit)
    assert (c.value, c.value_high) == (pytest.approx(low), pytest.approx(high))


def test_a_change_from_one_level_to_another_stays_two_claims():
    cs = claims("The limit was raised from 3km to 5km last year.")
    assert [(c.quote, c.bound) for c in cs] == [("3km", "exact"), ("5km", "exact")]


def test_ranges_with_shared_scales():
    assert reading("It costs $10 to $15 billion.")[0][2:4] == (10e9, 15e9)
    assert reading("Four to five thousand people came.")[0][2:4] == (4000, 5000)


# ---- composition: composite amounts of one dimension, summed in the canonical unit ---------------
@pytest.mark.parametrize(
    "text,quote,kind,value,unit",
    [
        ("It only cost 3 dollars 50 cents.", "3 dollars 50 cents", "money", 3.5, "USD"),
        ("It cost $20 and 43c.", "$20 and 43c", "money", 20.43, "USD"),
        ("It cost thirteen dollars and forty-five cents.", "thirteen dollars and forty-five cents", "money", 13.45, "USD"),
        ("A pint was 3 pounds 20 pence there.", "3 pounds 20 pence", "money", 3.2, "GBP"),
        ("It costs 15 dollars 50.", "15 dollars 50", "money", 15.5, "USD"),
        ("She is 5 feet 2 inches tall.", "5 feet 2 inches", "altitude", (5 * 12 + 2) * 0.0000254, "km"),
        ("The track is 2 km and 100 metres long.", "2 km and 100 metres", "distance", 2.1, "km"),
        ("The baby weighed 7 lb 4 oz at birth.", "7 lb 4 oz", "weight", 7 * 0.45359237 + 4 * 0.028349523125, "kg"),
        ("He served 2 years and 3 months in jail.", "2 years and 3 months", "duration", 27, "month"),
        ("It lasted two hours and 5 minutes.", "two hours and 5 minutes", "duration", 7500, "s"),
        ("The flight took 1 hour thirty.", "1 hour thirty", "duration", 5400, "s"),
    ],
)
def test_composite_amounts(text, quote, kind, value, unit):
    c = only(text)
    assert (c.quote, c.kind, c.unit) == (quote, kind, unit)
    assert c.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "Tracks of 5 km and 10 km were opened.",  # a list of equal units is no sum
        "They paid $5 and 10 others paid nothing.",
        "It cost ¥300 50 times over.",
    ],
)
def test_lists_are_not_composites(text):
    assert all(" and " not in c.quote and "50" not in c.quote for c in claims(text) if c.kind in ("distance", "money"))


# ---- fractions and halves of a unit ----------------------------------------------------------------
@pytest.mark.parametrize(
    "text,quote,kind,value,unit",
    [
        ("We waited half an hour.", "half an hour", "duration", 0.5, "h"),
        ("The oval is a 1/4 mile track.", "1/4 mile", "distance", 1.609344 / 4, "km"),
        ("It takes 10 1/2 miles of cable.", "10 1/2 miles", "distance", 10.5 * 1.609344, "km"),
        ("Buy half a gallon of milk.", "half a gallon", "other_quantity", 3.785411784 / 2, "L"),
        ("He ran a quarter mile.", "a quarter mile", "distance", 1.609344 / 4, "km"),
        ("Add a tenth of a gallon.", "a tenth of a gallon", "other_quantity", 0.3785411784, "L"),
        ("It took 5 and a half minutes.", "5 and a half minutes", "duration", 5.5, "min"),
        ("The talks lasted an hour and a half.", "an hour and a half", "duration", 1.5, "h"),
        ("It took one and three quarters hour.", "one and three quarters hour", "duration", 1.75, "h"),
    ],
)
def test_fractions_of_a_unit(text, quote, kind, value, unit):
    c = only(text)
    assert (c.quote, c.kind, c.unit) == (quote, kind, unit)
    assert c.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["Profits rose in the fourth quarter.", "A third day of talks began.", "It was open 24/7 all year.",
     "in the first half hour of play"],
)
def test_ordinals_and_codes_are_no_fractions(text):
    assert not [c for c in claims(text) if c.kind in ("duration", "distance") and c.value < 1 and "half" not in c.quote]


# ---- temperatures whose scale is not written ---------------------------------------------------------
@pytest.mark.parametrize(
    "text,quote,value,high",
    [
        ("It was 45 degrees in Delhi.", "45 degrees", 45, None),
        ("Highs of 85° are expected.", "85°", 85, None),
        ("It dropped to -2° overnight.", "-2°", -2, None),
        ("It was 2 degrees below zero.", "2 degrees below zero", -2, None),
        ("Expect between 30 and 40 degrees.", "between 30 and 40 degrees", 30, 40),
        ("from 30 degrees to 40 degrees", "from 30 degrees to 40 degrees", 30, 40),
    ],
)
def test_temperature_without_a_scale(text, quote, value, high):
    c = only(text)
    assert (c.quote, c.unit, c.value, c.value_high) == (quote, "degree", value, high)


@pytest.mark.parametrize(
    "text",
    ["Turn a 45 degrees angle.", "Rotate 90°.", "It offers a 360-degree view.", "The ship sailed 30 degrees east.",
     "She holds two degrees in law.", "The site lies at 45° N."],
)
def test_angles_are_no_temperatures(text):
    assert not [c for c in claims(text) if c.unit == "degree"]


# ---- ranges written tightly ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,quote,low,high",
    [
        ("The walk is about 3km-5km.", "about 3km-5km", 3, 5),
        ("Take 2 - ~7 grams daily.", "2 - ~7 grams", 0.002, 0.007),
        ("Fill around 2 -7 l of water.", "around 2 -7 l", 2, 7),
    ],
)
def test_tight_ranges(text, quote, low, high):
    c = only(text)
    assert (c.quote, c.bound) == (quote, "range")
    assert (c.value, c.value_high) == (pytest.approx(low), pytest.approx(high))


def test_lower_than_is_an_upper_bound():
    assert only("Keep it lower than 40 degrees.").bound == "upper"


# ---- scale words and suffixes ------------------------------------------------------------------------
def test_hundred_before_a_scale_word():
    c = only("Some 4 hundred million people voted.")
    assert (c.value, c.unit) == (4e8, "person")


@pytest.mark.parametrize("text", ["It booked 2.7m sales last year.", "The app passed 1.5m downloads in May."])
def test_an_attached_m_before_a_content_word_is_no_metre(text):
    assert not [c for c in claims(text) if c.kind == "distance"]


@pytest.mark.parametrize(
    "text,quote", [("He led through 1200m but faded.", "1200m"), ("She cleared 1.87m while others failed.", "1.87m")]
)
def test_an_attached_m_before_a_function_word_stays_metres(text, quote):
    assert [c.quote for c in claims(text) if c.kind in ("distance", "altitude")] == [quote]


@pytest.mark.parametrize(
    "text,quote,value,currency",
    [
        ("They lost 75 USD million.", "75 USD million", 75e6, "USD"),
        ("A loan of 12,34,567.89 rupees was paid.", "12,34,567.89 rupees", 1234567.89, "INR"),
    ],
)
def test_scales_after_codes_and_indian_grouping(text, quote, value, currency):
    c = only(text)
    assert (c.quote, c.currency) == (quote, currency)
    assert c.value == pytest.approx(value)


# ---- feet and inches in marks and short forms; a first part with no figure ----------------------------
@pytest.mark.parametrize(
    "text,quote,inches",
    [
        ("He is 5'10\" and strong.", "5'10\"", 70),
        ("The screen is 5\" wide.", "5\"", 5),
        ("It measures at least 5'' across.", "at least 5''", 5),
        ("She is 5 ft 2 in and fast.", "5 ft 2 in", 62),
    ],
)
def test_feet_and_inches(text, quote, inches):
    c = only(text)
    assert c.quote == quote
    assert c.value == pytest.approx(inches * 0.0000254)


def test_a_closing_quote_is_no_inch_mark():
    assert not [c for c in claims('He said "I ran 5" and left.') if c.kind == "distance"]


@pytest.mark.parametrize(
    "text,quote,seconds",
    [("It took an hour and 45 minutes.", "an hour and 45 minutes", 6300),
     ("Wait a minute and 30 seconds.", "a minute and 30 seconds", 90)],
)
def test_a_first_part_without_a_figure(text, quote, seconds):
    c = only(text)
    assert (c.quote, c.value, c.unit) == (quote, seconds, "s")


def test_a_fraction_of_a_century_is_counted_in_years():
    c = only("It was the worst in a quarter of a century.")
    assert (c.value, c.unit) == (25, "year")


@pytest.mark.parametrize(
    "text,quote,currency",
    [("Price: usd$ 15 only", "usd$ 15", "USD"), ("It is nzd$15 now", "nzd$15", "NZD"),
     ("costs hk $ 10 each", "hk $ 10", "HKD"), ("Sell Mex$ 10 million forward", "Mex$ 10 million", "MXN")],
)
def test_code_glued_dollar_signs(text, quote, currency):
    c = only(text)
    assert (c.quote, c.currency) == (quote, currency)


def test_a_word_before_a_dollar_sign_is_no_code():
    assert only("They charged a $5 fee.").currency == "USD"


# ---- minor units, hyphenated money adjectives, finance shorthand, fractions of a scale ---------------
@pytest.mark.parametrize(
    "text,quote,value,currency",
    [
        ("It pays a 12-cent-a-share dividend.", "12-cent", 0.12, "USD"),
        ("Fujitsu withdrew its one-yen bid.", "one-yen", 1, "JPY"),
        ("Shares closed one penny lower.", "one penny", 0.01, "GBP"),
        ("Gum costs 10¢ here.", "10¢", 0.1, "USD"),
        ("A fee of 2 satoshis was paid.", "2 satoshis", 2e-8, "BTC"),
        ("It costs half million usd.", "half million usd", 5e5, "USD"),
        ("It costs a quarter million us dollars.", "a quarter million us dollars", 2.5e5, "USD"),
        ("Losses above 30 MUSD were reported.", "above 30 MUSD", 3e7, "USD"),
        ("The client expects 120 MEUR in sales.", "120 MEUR", 1.2e8, "EUR"),
        ("They mentioned a dollar.", "a dollar", 1, "USD"),
    ],
)
def test_money_forms(text, quote, value, currency):
    c = only(text)
    assert (c.quote, c.kind, c.currency) == (quote, "money", currency)
    assert c.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text,quote,kind,value",
    [("Seize a kilogram of cocaine.", "a kilogram", "weight", 1), ("Add an ml of oil.", "an ml", "other_quantity", 0.001),
     ("He found 37.8 microgrammes of lead.", "37.8 microgrammes", "weight", 3.78e-8),
     ("It was 10 below zero at dawn.", "10 below zero", "other_quantity", -10)],
)
def test_one_of_a_unit_spellings_and_below_zero(text, quote, kind, value):
    c = only(text)
    assert (c.quote, c.kind) == (quote, kind)
    assert c.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["It was a ton of fun.", "He lives a mile away.", "It costs a pound."])
def test_one_of_an_ambiguous_unit_is_no_claim(text):
    assert claims(text) == []


# ---- rates, extra words before a duration unit, percentages written unit first -----------------------
@pytest.mark.parametrize(
    "text,quote,kmh",
    [("Pulses travel 50 meters per millisecond.", "50 meters per millisecond", 180000),
     ("Pulses travel 50 centimeters/millisecond.", "50 centimeters/millisecond", 1800),
     ("The glacier slid 2 metres a second.", "2 metres a second", 7.2)],
)
def test_a_distance_per_time_is_a_speed(text, quote, kmh):
    c = only(text)
    assert (c.quote, c.kind, c.unit) == (quote, "speed", "km/h")
    assert c.value == pytest.approx(kmh)


def test_a_distance_per_day_stays_a_distance():
    assert only("She walks 5 miles a day.").kind == "distance"


@pytest.mark.parametrize(
    "text,quote,value,unit",
    [("Give me 2 more minutes.", "2 more minutes", 2, "min"), ("It needs two additional hours.", "two additional hours", 2, "h"),
     ("It took one sec.", "one sec", 1, "s"), ("It took five and half min.", "five and half min", 5.5, "min")],
)
def test_duration_forms(text, quote, value, unit):
    c = only(text)
    assert (c.quote, c.kind, c.value, c.unit) == (quote, "duration", value, unit)


def test_one_day_is_still_no_duration():
    assert claims("One day we will win.") == []


@pytest.mark.parametrize("text,value", [("It is percent of 10.", 10), ("They said per cent of twenty-two.", 22)])
def test_percent_written_before_its_figure(text, value):
    c = only(text)
    assert (c.kind, c.value) == ("percentage", value)


@pytest.mark.parametrize(
    "text,quote",
    [("The weight is 20 (kg).", "20 (kg)"), ("The weight is 20 [kg].", "20 [kg]"), ("A 1 m x 1 m tile.", "1 m"),
     ("It is above 5 in.", "above 5 in")],
)
def test_units_in_brackets_dimensions_and_a_final_inch(text, quote):
    assert claims(text)[0].quote == quote


@pytest.mark.parametrize("text", ["He woke at 5 in the morning.", "The ratio was 3 (a) and 4 (b)."])
def test_no_inch_or_unit_from_ordinary_words(text):
    assert not [c for c in claims(text) if c.kind in ("distance", "weight")]


@pytest.mark.parametrize(
    "text,quote,currency",
    [("Bread is 42 LE in Cairo.", "42 LE", "EGP"), ("Tea costs 42 genihat masriya.", "42 genihat masriya", "EGP"),
     ("A room is 42 Saudi riyals.", "42 Saudi riyals", "SAR")],
)
def test_regional_currency_words(text, quote, currency):
    c = only(text)
    assert (c.quote, c.currency) == (quote, currency)


def test_minor_units_sum_only_onto_their_own_currency():
    assert [(c.quote, c.currency) for c in claims("He paid 42 bucks and ten pence.")] == [
        ("42 bucks", "USD"), ("ten pence", "GBP")]
    assert [(c.quote, c.value) for c in claims("It was 3 GBP 1 pence.")] == [("3 GBP 1 pence", pytest.approx(3.01))]


@pytest.mark.parametrize("text,quote,currency", [("It is AU $89.99 now.", "AU $89.99", "AUD"),
                                                 ("It costs HK $5.", "HK $5", "HKD"), ("The fee is A $5.", "$5", "USD")])
def test_spaced_regional_dollars(text, quote, currency):
    c = only(text)
    assert (c.quote, c.currency) == (quote, currency)


def test_a_line_end_closes_a_clause_for_composition():
    text = "It is percent of 10\n\nIt costs 15 dollars 50\n\nabove 5 in\n\nNext."
    assert [c.quote for c in claims(text)] == ["percent of 10", "15 dollars 50", "above 5 in"]
    assert not [c for c in claims("A rise of 5 percent\n\nof 10 voters said no.") if "\n" in c.quote]


@pytest.mark.parametrize(
    "text,quotes",
    [("Oil is 45% higher than a year ago.", ["45%", "a year"]),
     ("Petrol hit $1.4850 a gallon.", ["$1.4850"]),
     ("Sales fell from the same quarter a year ago.", ["a year"]),
     ("It put a billion-dollar dent in its accounts.", [])],
)
def test_near_misses_of_the_new_classes(text, quotes):
    assert [c.quote for c in claims(text)] == quotes
    assert all(c.bound == "exact" for c in claims(text))
