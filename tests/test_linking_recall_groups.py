"""Recall of corroborations (issue 10 follow-up): classes of reports the groups missed, each
with near-misses that must stay apart. Wordings are written for these tests (fictional places
and outlets), not taken from the gold articles."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import ingest_stories


def _together(conn, *quotes: str) -> set[str]:
    """Statuses of the groups that hold a claim of every quote given."""
    rows = conn.execute(
        "SELECT g.id, g.status, c.quote FROM claim_groups g JOIN claim_group_members m ON m.group_id = g.id "
        "JOIN claims c ON c.id = m.claim_id").fetchall()
    quotes_of: dict[tuple, set[str]] = {}
    for gid, status, quote in rows:
        quotes_of.setdefault((gid, status), set()).add(quote)
    return {status for (gid, status), qs in quotes_of.items() if set(quotes) <= qs}


SIDE_STORY = """\
    ---
    title: Relatives wait for news of tourists missing in Korvella
    date: 2031-05-14
    outlet: Harbor Daily (fictional)
    ---
    Relatives of foreign tourists gathered outside a hospital on Wednesday, still waiting for word of those missing.

    At least {killed} people were killed and more than {wounded} wounded in the blasts at the station, which a militant group has claimed.
    """

MAIN_STORY = """\
    ---
    title: Korvella names two suspects in station bombings
    date: 2031-05-16
    outlet: Bay Observer (fictional)
    ---
    Prosecutors in Korvella named two suspects on Friday.

    The bombings {day} at the central station killed {killed} people and injured about {injured}, prosecutors said.
    """


def test_a_side_story_and_the_main_story_of_one_attack_corroborate(tmp_path):
    """A story about relatives (dated by its publication, naming little but the city) and the
    prosecutors' story two days later (the attack 'on Monday') give one uncommon toll: one
    place named by both is enough to tell the event."""
    conn = ingest_stories(tmp_path, {
        "side": SIDE_STORY.format(killed=34, wounded=150),
        "main": MAIN_STORY.format(day="on Monday", killed=34, injured=160),
    })
    assert _together(conn, "At least 34 people", "34 people") == {"corroborated"}
    assert _together(conn, "more than 150 wounded", "about 160") == {"corroborated"}


def test_small_tolls_of_one_place_days_apart_stay_apart(tmp_path):
    """Four dead in one city two days apart recur too often to tell one event by the place alone."""
    conn = ingest_stories(tmp_path, {
        "side": SIDE_STORY.format(killed="four", wounded=15),
        "main": MAIN_STORY.format(day="on Monday", killed="four", injured=16),
    })
    assert _together(conn, "At least four people", "four people") == set()
    assert conn.execute("SELECT count(*) FROM claim_groups WHERE status = 'corroborated'").fetchone()[0] == 0


def _toll(doc, value, bound, day, basis, names, quote=None):
    from factdb.entities.groups import Scope

    d = dt.date.fromisoformat(day)
    return {"id": f"c{doc}", "document_id": doc, "char_start": 0, "kind": "casualties", "attribute": "casualties.killed",
            "unit": "person", "currency": None, "value": value, "value_high": None, "bound": bound,
            "quote": quote or str(value), "scope": Scope(d, d, basis, "Monday" if basis == "text" else None, False, day),
            "published": d, "outlet": f"Outlet {doc}", "sentence": f"story {doc}", "names": set(names),
            "agents": [], "countries": set(), "shingles": {(str(doc),)}, "local": {(str(doc),)}}


def _statuses(*claims):
    from factdb.entities.groups import build_groups

    return sorted(g["status"] for g in build_groups(list(claims)))


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # one place, an uncommon figure, one report dated only by its story: one event
        (_toll(1, 31, "lower", "2031-03-24", "publication", {"Korvella", "Americans"}),
         _toll(2, 31, "exact", "2031-03-22", "text", {"Korvella", "Sascha"}), ["corroborated"]),
        # both reports date their figure by their own words, to days three apart: two days' counts
        (_toll(1, 31, "exact", "2031-03-25", "text", {"Korvella", "Americans"}),
         _toll(2, 31, "exact", "2031-03-22", "text", {"Korvella", "Sascha"}), ["single_source", "single_source"]),
        # ten days apart: the place alone no longer tells the event
        (_toll(1, 31, "exact", "2031-04-01", "publication", {"Korvella", "Americans"}),
         _toll(2, 31, "exact", "2031-03-22", "text", {"Korvella", "Sascha"}), ["single_source", "single_source"]),
        # a running total "at least 31" and a later 36: a revision, not the same count
        (_toll(1, 31, "lower", "2031-03-24", "publication", {"Korvella", "Americans"}),
         _toll(2, 36, "exact", "2031-03-22", "text", {"Korvella", "Sascha"}), ["single_source", "single_source"]),
        # no place in common
        (_toll(1, 31, "lower", "2031-03-24", "publication", {"Korvella"}),
         _toll(2, 31, "exact", "2031-03-22", "text", {"Ostrava"}), ["single_source", "single_source"]),
        # a small figure in one place two days apart
        (_toll(1, 6, "exact", "2031-03-24", "publication", {"Korvella", "Americans"}),
         _toll(2, 6, "exact", "2031-03-22", "text", {"Korvella", "Sascha"}), ["single_source", "single_source"]),
    ],
)
def test_an_uncommon_figure_of_one_place_within_a_week(a, b, expected):
    assert _statuses(a, b) == expected


@pytest.mark.parametrize(
    "quote, value, other, expected",
    [
        ("nearly 650", 650, 646, ["corroborated"]),
        ("almost 650", 650, 640, ["corroborated"]),
        ("nearly 120", 120, 115, ["corroborated"]),
        ("close to 650", 650, 650, ["corroborated"]),
        # a count just short of 650 is not the 587 of days before: the toll moved
        ("nearly 650", 650, 587, ["single_source", "single_source"]),
        ("almost 650", 650, 660, ["single_source", "single_source"]),
        # "about" is a rounding either way and keeps its ±10 %
        ("about 650", 650, 600, ["corroborated"]),
    ],
)
def test_a_running_count_just_short_of_a_figure_is_read_below_it(quote, value, other, expected):
    names = {"Korvella", "Ostrava", "Valmy"}
    assert _statuses(_toll(1, value, "approx", "2031-04-23", "publication", names, quote=quote),
                     _toll(2, other, "exact", "2031-04-22", "text", names)) == expected
