"""Times counted back from publication ('three days ago', 'last week', 'two weeks ago'), issue
10 follow-up: they date a launch or a figure themselves, so the publication day must not.
Wordings written for these tests."""

from __future__ import annotations

import datetime as dt
import sqlite3
import textwrap

import pytest

from factdb.entities.timescope import find_times

from .conftest import ingest_files

SUNDAY = dt.date(2033, 4, 17)
assert SUNDAY.weekday() == 6


def _times(text: str, published: dt.date) -> list[tuple]:
    return [(t["quote"], t["date_start"], t["date_precision"], t["resolved"]) for t in find_times(text, 0, None, published)]


@pytest.mark.parametrize(
    "text, quote, start, precision",
    [
        ("The rocket was fired three days ago, officials said.", "three days ago", "2033-04-14", "day"),
        ("Ten days ago a second barrage hit the port.", "Ten days ago", "2033-04-07", "day"),
        ("It went off 2 days ago near the border.", "2 days ago", "2033-04-15", "day"),
        # a Sunday story's "last week" is the Sunday-to-Saturday week just before it
        ("The ministry tested the missile last week.", "last week", "2033-04", "month"),
        ("After last week's failed test, engineers returned to the site.", "last week", "2033-04", "month"),
        ("A week ago the guard fired two rockets.", "A week ago", "2033-04", "month"),
    ],
)
def test_counted_back_times_resolve(text, quote, start, precision):
    assert _times(text, SUNDAY) == [(quote, start, precision, True)]


@pytest.mark.parametrize(
    "text, published",
    [
        # the week before spans two months: a time of its own that no month states
        ("The navy fired a cruise missile last week.", dt.date(2033, 4, 6)),
        ("Two weeks ago the army test-fired a rocket.", dt.date(2033, 5, 14)),  # April 27 to May 3
        # no number of days is given
        ("A few days ago the army fired a missile.", SUNDAY),
        ("Several weeks ago the army fired a missile.", SUNDAY),
    ],
)
def test_counted_back_times_that_name_no_month_are_unresolved_not_absent(text, published):
    found = find_times(text, 0, None, published)
    assert len(found) == 1 and found[0]["resolved"] is False and found[0]["date_start"] is None


@pytest.mark.parametrize(
    "text",
    [
        "Long ago the fort was built.",
        "Days ago, nobody expected this.",  # no count of days
        "Two days later the rocket was fired.",  # counted from a date written before, not publication
        "The weeklong drill ended.",
    ],
)
def test_other_wordings_are_no_counted_back_time(text):
    assert all("ago" not in t["quote"].lower() and t["quote"] != "last week" for t in find_times(text, 0, None, SUNDAY))


def test_without_a_publication_day_nothing_is_counted_back():
    assert find_times("The rocket was fired three days ago.", 0, None, None) == []


def _events(tmp_path, date: str, body: str) -> list[tuple]:
    story = textwrap.dedent(f"""\
        ---
        title: Missile test draws protests
        date: {date}
        outlet: Harbor Daily (fictional)
        ---
        {body}

        Neighbouring governments protested and called for talks.
        """)
    db = tmp_path / "events.db"
    assert ingest_files(db, {"story.md": story}).new == 1
    conn = sqlite3.connect(db)
    return conn.execute("SELECT event_date, country FROM launch_events").fetchall()


def test_a_launch_days_ago_is_dated_by_its_words_not_by_publication(tmp_path):
    assert _events(tmp_path, "2033-04-17", "Iran test-fired a medium-range ballistic missile three days ago, "
                   "a military official said on Sunday.") == [("2033-04-14", "Iran")]


def test_a_launch_last_week_is_dated_to_its_month(tmp_path):
    assert _events(tmp_path, "2033-04-17", "Iran's Revolutionary Guard test-launched two ballistic missiles last week, "
                   "state media said.") == [("2033-04", "Iran")]


def test_a_launch_some_days_ago_is_not_dated_by_publication(tmp_path):
    """'a few days ago' names no day: the launch is not the publication day's, so no event is
    dated to it (before, the lead rule dated it to publication)."""
    assert _events(tmp_path, "2033-04-17", "Iran test-fired a medium-range ballistic missile a few days ago, "
                   "state media said.") == []


def test_a_toll_counted_back_takes_that_day():
    from factdb.entities.groups import claim_scope

    text = "A car bomb killed 14 people three days ago in the market."
    claim = {"char_start": text.index("14"), "char_end": text.index("14") + 9}
    scope = claim_scope(claim, find_times(text, 0, None, SUNDAY), SUNDAY, text)
    assert (scope.basis, scope.label, scope.quote) == ("text", "2033-04-14", "three days ago")


def test_an_undatable_last_week_in_another_clause_leaves_the_launch_its_own_day(tmp_path):
    """'fired a missile on Monday, its second test since last week' (the week before spans
    March and April, so 'last week' names no month): the launch is Monday's; the other clause's
    time does not make the whole sentence undatable."""
    assert _events(tmp_path, "2033-04-06", "North Korea fired a ballistic missile on Monday, its second missile test since "
                   "last week, officials said.") == [("2033-04-04", "North Korea")]
