"""Tense-aware resolution (spec/claims.md, "Resolution against the publication date").

A day, month or weekday without a year takes the most recent such date on or before
publication, unless its clause points forward (future tense or modal, a schedule, "next"),
when it takes the nearest such date on or after publication. The wordings below are not the
ones the cue list was written from (those were the contract's and the brief's examples).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.extract.rules.dates import find_dates
from factdb.extract.rules.dates.tense import WINDOW, clause_start, points_forward

PUB = dt.date(2025, 4, 18)  # a Friday


def resolved(text: str, published: dt.date = PUB) -> list[tuple[str, str, str | None]]:
    return [(c.quote, c.date_start, c.date_end) for c in find_dates(text, published)]


def test_contract_examples():
    assert resolved("He said he would appeal the verdict on Jan. 14.", dt.date(2000, 1, 7)) == [
        ("Jan. 14", "2000-01-14", None)
    ]
    assert resolved("The ministers will meet on Jan. 14.", dt.date(2000, 1, 7)) == [("Jan. 14", "2000-01-14", None)]
    assert resolved("The ministers met on December 10.") == [("December 10", "2024-12-10", None)]
    assert resolved("The fiscal year that begins Oct. 1 brings cuts.") == [("Oct. 1", "2025-10-01", None)]


@pytest.mark.parametrize(
    "text, iso",
    [
        # future tense and modals, in wordings the rule was not written from
        ("Voters will head to the polls on March 3.", "2026-03-03"),
        ("They'll sign the accord on January 9.", "2026-01-09"),
        ("The board should announce a successor in February.", "2026-02"),
        ("Ministers might not reach a deal until March 30.", "2026-03-30"),
        ("Parliament shall reconvene on 2 February.", "2026-02-02"),
        ("The court will not rule before March 1.", "2026-03-01"),
        # schedules and plans
        ("The vote is scheduled for March 3.", "2026-03-03"),
        ("Elections are due to be held on 5 February.", "2026-02-05"),
        ("The company intends to open the plant in January.", "2026-01"),
        ("Analysts expect a rate cut in February.", "2026-02"),
        ("A ruling is expected by March 12.", "2026-03-12"),
        ("The strike was postponed until March 2.", "2026-03-02"),
        ("Talks are slated for Feb. 20 in Geneva.", "2026-02-20"),
        ("The summit, to be hosted in Vienna on March 9, draws protests.", "2026-03-09"),
        ("The ban takes effect on January 1.", "2026-01-01"),
        ("Officials are preparing for the upcoming election in March.", "2026-03"),
        ("Trading resumes after a pause ahead of the March 20 deadline.", "2026-03-20"),
        # the publication day itself counts as on or after
        ("The result will be known on April 18.", "2025-04-18"),
        ("The festival will run through April.", "2025-04"),
    ],
)
def test_forward_clauses_resolve_on_or_after_publication(text, iso):
    got = resolved(text)
    assert len(got) == 1 and got[0][1] == iso, got


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Voters went to the polls on March 3.", "2025-03-03"),
        ("The vote was held on 3 March.", "2025-03-03"),
        ("She would have turned 90 on May 5.", "2024-05-05"),
        ("Sales were better than expected in February.", "2025-02"),
        ("The rules adopted in December will be scrapped.", "2024-12"),
        ("The new law will replace rules adopted in December.", "2024-12"),
        ("The losses could stem from a decision in December.", "2024-12"),
        # the cue is in another clause or sentence
        ("He will resign, his office said on December 6.", "2024-12-06"),
        ("The vote will be close. Turnout fell on December 6.", "2024-12-06"),
        ("Turnout fell on December 6 and the vote will be close.", "2024-12-06"),
        # a cue after the date does not reach back
        ("On December 6 the minister said she would resign.", "2024-12-06"),
        # a subordinate clause starts afresh
        ("Leaders will meet to discuss claims that rioters at the December 3 protest were paid.", "2024-12-03"),
        ("The index will climb, after dipping sharply in December.", "2024-12"),
        # raising verbs, a figure's earlier value, past perfect, "set up"
        ("The leak appears to be tied to a ruling in December.", "2024-12"),
        ("Inflation should ease to 2 percent from 3.1 percent in December.", "2024-12"),
        ("The firm had hoped to list its shares in December.", "2024-12"),
        ("A panel was set up to review the case in December.", "2024-12"),
        ("The spokesman could not be reached for comment on December 9.", "2024-12-09"),
        ("The chipmaker agreed to buy its rival in a $19 billion deal in December.", "2024-12"),
        ("She prepared to leave the city on December 9.", "2024-12-09"),
    ],
)
def test_past_clauses_resolve_on_or_before_publication(text, iso):
    got = resolved(text)
    assert len(got) == 1 and got[0][1] == iso, got


def test_forward_weekdays_ranges_and_quarters():
    assert resolved("The cabinet will meet on Tuesday.")[0][1] == "2025-04-22"
    assert resolved("The cabinet met on Tuesday.")[0][1] == "2025-04-15"
    assert resolved("The fair will be held from March 13 to 15.") == [("from March 13 to 15", "2026-03-13", "2026-03-15")]
    assert resolved("The fair was held from March 13 to 15.") == [("from March 13 to 15", "2025-03-13", "2025-03-15")]
    assert resolved("Deliveries will start in the first quarter.")[0][1:] == ("2026-01", "2026-03")
    assert resolved("Deliveries started in the first quarter.")[0][1:] == ("2025-01", "2025-03")
    # a range across the new year, forward
    assert resolved("Works will run from December 20 to January 5.")[0][1:] == ("2025-12-20", "2026-01-05")


def test_written_year_and_relative_words_are_not_moved():
    assert resolved("He will visit on March 3, 2019.")[0][1] == "2019-03-03"
    assert resolved("It will be warmer than last March.")[0][1] == "2025-03"  # "last": strictly before
    assert resolved("Prices rose next to the March 3 peak.")[0][1] == "2025-03-03"


def test_look_back_is_bounded():
    text = "They will " + "meet and " * 40 + "talk on March 3."
    pos = text.index("March")
    assert clause_start(text, pos) >= pos - WINDOW
    assert not points_forward(text, pos)  # "will" is beyond the window


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31)), st.integers(0, 400))
def test_forward_yearless_dates_resolve_on_or_after_publication(d, days_before):
    published = d - dt.timedelta(days=days_before)
    c = find_dates(f"The panel will decide on {d:%B} {d.day}.", published)[0]
    got = dt.date.fromisoformat(c.date_start)
    assert (got.month, got.day) == (d.month, d.day)
    assert got >= published
    assert (got - published).days < 366 + 365 * 3 * (d.month == 2 and d.day == 29)


@pytest.mark.parametrize(
    "text, iso",
    [
        # a number with a thousands comma between the forward cue and the date is no clause boundary
        ("The airline will add 2,400 seats when deliveries begin in June.", "2025-06"),
        ("Shipments should top 15,000 tonnes by November.", "2025-11"),
        ("The club expects 48,500 fans at the final on May 31.", "2025-05-31"),
        # ... while a comma that separates words still is one
        ("It will grow, officials said, as it did in March.", "2025-03"),
        ("The plant will close after it cut 1,300 jobs, which it did in March.", "2025-03"),
    ],
)
def test_a_thousands_comma_does_not_end_the_clause(text, iso):
    assert [r[1] for r in resolved(text)] == [iso]


@pytest.mark.parametrize(
    "text, iso",
    [
        # a day in the subject or a fronted time, the clause's modal after it (PUB is Friday 2025-04-18)
        ("The final vote on May 6 will settle the matter.", "2025-05-06"),
        ("Wednesday could bring the first frost.", "2025-04-23"),
        ("On Monday, the minister will open the bridge.", "2025-04-21"),
        ("The board on Tuesday may approve the merger.", "2025-04-22"),
        # ... not when a past tense comes first, a possessive, a bare month, or another sentence
        ("The board on Tuesday said it would approve the merger.", "2025-04-15"),
        ("Tuesday's blast could change the inquiry.", "2025-04-15"),
        ("Output in March would have to be revised.", "2025-03"),
        ("The talks ended on Monday. Officials will meet again.", "2025-04-14"),
    ],
)
def test_a_day_before_its_clause_modal_points_forward(text, iso):
    assert [r[1] for r in resolved(text)] == [iso]


@pytest.mark.parametrize(
    "text, iso",
    [
        # a forward cue opening the sentence, capitalized: the cheap pre-test must find it too
        ("Ahead of the conventions in July, firms will lobby hard.", "2025-07"),
        ("Will it matter if she wins in November?", "2025-11"),
    ],
)
def test_a_capitalized_forward_cue_counts(text, iso):
    assert [r[1] for r in resolved(text)] == [iso]
