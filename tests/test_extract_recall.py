"""Recall rules for casualties, counts and ages, each checked on sentences written for it,
with the look-alikes that must stay out."""

import pytest

from .numeric import claims


def one(text, quote):
    found = [c for c in claims(text) if c.quote == quote]
    assert len(found) == 1, [(c.quote, c.kind) for c in claims(text)]
    return found[0]


@pytest.mark.parametrize(
    "text,quote,value,unit",
    [
        ("Thousands of people, including hundreds of civilians, have been killed in the fighting.",
         "Thousands of people", 2000, "person"),
        ("Thousands of people, including hundreds of civilians, have been killed in the fighting.",
         "hundreds of civilians", 200, "civilian"),
        ("More than 40,000 people, most of them rebels, have died since the war began.",
         "More than 40,000 people", 40000, "person"),
        ("Six villagers, among them a priest, were wounded in the raid.", "Six villagers", 6, "villager"),
        ("Three soldiers were killed on Monday. Two more were killed on Tuesday.", "Two", 2, "person"),
        ("Two more soldiers were killed on Tuesday.", "Two more soldiers", 2, "soldier"),
        ("LAGOS, Nigeria Twelve passengers were killed when the bus overturned.", "Twelve passengers", 12,
         "passenger"),
        ("Eight Turkish soldiers, 22 militants killed in clashes", "Eight Turkish soldiers", 8, "soldier"),
        ("At least 12 people were killed on Sunday.", "At least 12 people", 12, "person"),
        ("Two police officers were wounded in the attack.", "Two police officers", 2, "officer"),
        ("The bomb left 12 dead.", "12 dead", 12, "person"),
        ("A dozen injured as train derails", "A dozen injured", 12, "person"),
    ],
)
def test_casualties(text, quote, value, unit):
    c = one(text, quote)
    assert (c.kind, c.value, c.unit) == ("casualties", value, unit)


@pytest.mark.parametrize(
    "text,quote",
    [
        ("Three gunmen have killed 12 people in the city.", "Three gunmen"),  # the killers
        ("Four gunmen had wounded two guards before fleeing.", "Four gunmen"),
        ("Three companies, including two banks, have been fined.", "Three companies"),  # not a casualty verb
        ("Five men, including two brothers, were arrested.", "two brothers"),
    ],
)
def test_not_casualties(text, quote):
    assert one(text, quote).kind == "count"


def test_more_without_casualty_verb_is_no_claim():
    assert [c.quote for c in claims("He bought two more.")] == []


def test_capitalised_word_before_number_is_still_a_designation():
    assert claims("He met President Moon 3 times.") == []


def test_abbreviation_inside_the_parenthetical():
    c = one("At least 16 people, including nine U.S. soldiers, were killed in flooding.", "At least 16 people")
    assert (c.kind, c.value, c.bound) == ("casualties", 16, "lower")


@pytest.mark.parametrize(
    "text,quote,value,high,bound",
    [
        ("Candidates must be 21 while the voting age is 18.", "21", 21, None, "exact"),
        ("Candidates in local and national votes must be 21 while the voting age is 18.", "21", 21, None, "exact"),
        ("You have to be 18 to vote.", "18", 18, None, "exact"),
        ("Applicants must be at least 16.", "at least 16", 16, None, "lower"),
        ("The age of majority was reduced to 18 in 1969.", "18", 18, None, "exact"),
        ("The minimum age of 21 for an MP would be reduced to 18.", "18", 18, None, "exact"),
        ("The state pension age will be raised to 67 by 2028.", "67", 67, None, "exact"),
        ("They want to lower the voting age to 16 for all elections.", "16", 16, None, "exact"),
        ("There was no case for leaving the age for standing for election at 21.", "21", 21, None, "exact"),
        ("Kim Jong Un, believed to be 33, is likely to continue.", "33", 33, None, "exact"),
        ("A survey of 18- to 24-year-olds found that most rent.", "18- to 24-year-olds", 18, 24, "range"),
        ("Men aged between 18 and 24 were most at risk.", "aged between 18 and 24", 18, 24, "range"),
    ],
)
def test_ages(text, quote, value, high, bound):
    c = one(text, quote)
    assert (c.kind, c.value, c.value_high, c.bound, c.unit) == ("age", value, high, bound, "year")


@pytest.mark.parametrize(
    "text",
    [
        "The score must be 21 points.",
        "The team must be 3 points clear.",
        "They must be 10 times better.",
        "The death toll, believed to be 33, is rising.",
        "The retirement age was cut to 60 aircraft.",
        "The agency set the price at 30 for now.",
    ],
)
def test_not_ages(text):
    assert [c.quote for c in claims(text) if c.kind == "age"] == []


@pytest.mark.parametrize(
    "text,quote,value,unit",
    [
        ("Companies employed about 55,000 North Koreans, cutting the last link.",
         "about 55,000 North Koreans", 55000, "person"),
        ("It was the first launch since two Rodongs were fired in 2014.", "two Rodongs", 2, "rodong"),
        ("It had 124 mostly small and medium sized manufacturers that operated there.",
         "124 mostly small and medium sized manufacturers", 124, "manufacturer"),
        ("It has 40 large and small ships.", "40 large and small ships", 40, "ship"),
        ("They include five A-10C Thunderbolt II ground attack aircraft.",
         "five A-10C Thunderbolt II ground attack aircraft", 5, "aircraft"),
        ("Three of the five banks refused.", "Three of the five banks", 3, "bank"),
    ],
)
def test_counts(text, quote, value, unit):
    c = one(text, quote)
    assert (c.kind, c.value, c.unit) == ("count", value, unit)


@pytest.mark.parametrize(
    "text,absent",
    [
        ("Critics praised The 39 Steps again.", "39 Steps"),
        ("The group manages the Savoy and Four Seasons.", "Four Seasons"),
        ("He returned to 3 Texas.", "3 Texas"),
        ("They sold two cars and buses.", "two cars and buses"),
    ],
)
def test_not_counts(text, absent):
    assert absent not in [c.quote for c in claims(text)]
