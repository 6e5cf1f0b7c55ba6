"""Recall of launch events (issue 10 follow-up): classes of launch reports the assembler
missed, each with near-misses that must not make an event. Wordings are written for these
tests, not taken from the gold articles."""

from __future__ import annotations

import sqlite3
import textwrap

import pytest

from .conftest import ingest_files


def _events(tmp_path, text: str) -> list[tuple]:
    db = tmp_path / "events.db"
    assert ingest_files(db, {"story.md": textwrap.dedent(text).lstrip()}).new == 1
    conn = sqlite3.connect(db)
    return conn.execute("SELECT event_date, country, missile FROM launch_events ORDER BY id").fetchall()


def _story(date_line: str, statement: str) -> str:
    return f"""\
    ---
    title: Talks in Tokyo overshadowed by regional tensions
    {date_line}
    outlet: Harbor Daily (fictional)
    ---
    The foreign ministers of three countries met in Tokyo to discuss trade and security.

    Their agenda covered supply chains, energy and fisheries, officials said.

    Delegates also spoke about shipping lanes and the cost of insurance for freighters.

    A joint statement on climate finance was expected but did not come.

    {statement}

    The ministers agreed to meet again in the autumn.
    """


UNDATED = "outlet_only: yes"  # front matter without a date: the story has no publication day


@pytest.mark.parametrize(
    "statement",
    [
        "The meeting was overshadowed by reports confirming North Korea's firing of a ballistic missile into the sea.",
        "Hours before the talks, North Korea's test-firing of an intermediate-range missile drew protests from Seoul.",
        "Officials said North Korea fired a short-range missile into the sea hours before the meeting began.",
    ],
)
def test_an_undated_story_reports_its_launch_undated(tmp_path, statement):
    """A story without a publication date that states, after its lead, that a named country
    launched: an event with no date (it can be merged with nothing), where before it was dropped
    because no publication date could date it."""
    events = _events(tmp_path, _story(UNDATED, statement))
    assert [(d, c) for d, c, _ in events] == [(None, "North Korea")]


@pytest.mark.parametrize(
    "statement",
    [
        # a plan, a warning, a capability: no launch happened
        "Seoul warned that North Korea plans to launch a ballistic missile before the meeting ends.",
        "Analysts said North Korea could fire an intermediate-range missile at any time.",
        # a launch whose launcher no words name
        "Reports confirmed the firing of a ballistic missile into the sea hours before the talks.",
    ],
)
def test_an_undated_story_without_a_stated_launch_makes_no_event(tmp_path, statement):
    assert _events(tmp_path, _story(UNDATED, statement)) == []


def test_a_dated_story_still_dates_only_its_lead_statements(tmp_path):
    """With a publication date, an undated statement after the lead is a reference that
    publication could misdate (it may be any earlier launch): still no event."""
    statement = "The meeting was overshadowed by reports confirming North Korea's firing of a ballistic missile into the sea."
    assert _events(tmp_path, _story("date: 2031-01-06", statement)) == []
