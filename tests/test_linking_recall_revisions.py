"""Running counts over time (issue 10/13 follow-up): a count that grew past an earlier open
bound is a revision, not a corroboration; a settled toll restated weeks later in a side story
still corroborates; a story giving its figure in headline and body is one report. Wordings and
places are written for these tests (fictional), not taken from the corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import ingest_stories


def _toll(doc, value, bound, day, basis, names, quote=None, published=None, kinds=None):
    from factdb.entities.groups import Scope

    d = dt.date.fromisoformat(day)
    pub = dt.date.fromisoformat(published) if published else d
    return {"id": f"c{doc}", "document_id": doc, "char_start": 0, "kind": "casualties", "attribute": "casualties.killed",
            "unit": "person", "currency": None, "value": value, "value_high": None, "bound": bound,
            "quote": quote or str(value), "scope": Scope(d, d, basis, "Tuesday" if basis == "text" else None, False, day),
            "published": pub, "outlet": f"Outlet {doc}", "sentence": f"story {doc}", "names": set(names),
            "kinds": set(kinds or ()), "agents": [], "countries": set(), "shingles": {(str(doc),)},
            "local": {(str(doc),)}}


def _statuses(*claims):
    from factdb.entities.groups import build_groups

    return sorted(g["status"] for g in build_groups(list(claims)))


TWO = {"Valdoria", "Port Meroe"}
SPLIT = ["single_source", "single_source"]


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # "more than 400 killed" in Tuesday's story, "410" in Thursday's: the count rose past the
        # bound (or Thursday repeats a stale count): a revision, though "more than 400" holds of 410
        (_toll(1, 400, "lower", "2031-04-19", "text", TWO, quote="more than 400"),
         _toll(2, 410, "exact", "2031-04-21", "publication", TWO), SPLIT),
        # "at least 12 dead" on Saturday, "13 people died" in Sunday's story: a small count, the same class
        (_toll(1, 12, "lower", "2031-06-07", "text", TWO, quote="at least 12"),
         _toll(2, 13, "exact", "2031-06-08", "publication", TWO), SPLIT),
        # a lower bound of the later story under an earlier exact count: the later story rounds
        # the settled figure down, both hold
        (_toll(1, 312, "exact", "2031-04-19", "text", TWO),
         _toll(2, 300, "lower", "2031-04-21", "publication", TWO, quote="more than 300"), ["corroborated"]),
        # a count is as of its story: Saturday's "the attack last Sunday killed more than 70" is
        # Saturday's bound, under Friday's 72, though its words name the day of the attack
        (_toll(1, 72, "exact", "2031-04-04", "publication", TWO),
         _toll(2, 70, "lower", "2031-03-30", "text", TWO, quote="more than 70", published="2031-04-05"),
         ["corroborated"]),
        # the same number a day later ("at least 31", then "31"): the count has not moved
        (_toll(1, 31, "lower", "2031-03-22", "text", TWO, quote="at least 31"),
         _toll(2, 31, "exact", "2031-03-23", "publication", TWO), ["corroborated"]),
        # the same day, two outlets: "more than 400" and "410" are one count
        (_toll(1, 400, "lower", "2031-04-19", "text", TWO, quote="more than 400"),
         _toll(2, 410, "exact", "2031-04-19", "publication", TWO), ["corroborated"]),
        # a rounding ("about 400") two days before 410 is no open bound: it keeps its ±10 %
        (_toll(1, 400, "approx", "2031-04-19", "text", TWO, quote="about 400"),
         _toll(2, 410, "exact", "2031-04-21", "publication", TWO), ["corroborated"]),
    ],
)
def test_a_count_grown_past_an_earlier_bound_is_a_revision(a, b, expected):
    assert _statuses(a, b) == expected


def test_a_grown_count_keeps_out_of_a_set_it_half_fits():
    """The rule is asked of every member: Thursday's 404 does not join the set of Tuesday's
    "more than 400" and Tuesday's 404, though it is the same number as one of them (a claim sits
    in one set, and that set would then say "more than 400" on Tuesday confirms Thursday's count)."""
    from factdb.entities.groups import build_groups

    early = _toll(1, 400, "lower", "2031-04-19", "text", TWO, quote="more than 400")
    same_day = _toll(2, 404, "exact", "2031-04-19", "publication", TWO)
    later = _toll(3, 404, "exact", "2031-04-21", "publication", TWO)
    groups = build_groups([early, same_day, later])
    members = sorted(sorted(m["document_id"] for m in g["members"]) for g in groups)
    assert members == [[1, 2], [3]]
    # without Tuesday's bound, the two 404s two days apart agree
    assert _statuses(same_day, later) == ["corroborated"]


SETTLED = {"Bexford", "Calloway"}


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # 27 dead in the first report, 27 again in a story 18 days later naming the city and state
        (_toll(1, 27, "exact", "2031-09-07", "text", SETTLED | {"Larkspur", "Hadley"}),
         _toll(2, 27, "exact", "2031-09-25", "publication", SETTLED | {"Council"}), ["corroborated"]),
        # an open bound weeks later is no settled figure: a second attack could give it as easily
        (_toll(1, 27, "exact", "2031-09-07", "text", SETTLED | {"Larkspur"}),
         _toll(2, 27, "lower", "2031-09-25", "publication", SETTLED, quote="at least 27"), SPLIT),
        # only the city in common weeks later
        (_toll(1, 27, "exact", "2031-09-07", "text", SETTLED | {"Larkspur"}),
         _toll(2, 27, "exact", "2031-09-25", "publication", {"Bexford", "Mirren"}), SPLIT),
        # a small figure weeks later: a family of six, two names or not
        (_toll(1, 6, "exact", "2031-09-07", "text", SETTLED | {"Larkspur"}),
         _toll(2, 6, "exact", "2031-09-25", "publication", SETTLED), SPLIT),
        # past the 30-day window
        (_toll(1, 27, "exact", "2031-09-07", "text", SETTLED | {"Larkspur"}),
         _toll(2, 27, "exact", "2031-10-20", "publication", SETTLED), SPLIT),
        # both dated by their own words to days weeks apart: two days' counts
        (_toll(1, 27, "exact", "2031-09-07", "text", SETTLED | {"Larkspur"}),
         _toll(2, 27, "exact", "2031-09-25", "text", SETTLED), SPLIT),
        # a country and its adjective are one name: two bombings of one country weeks apart
        (_toll(1, 23, "exact", "2031-05-01", "publication", {"Ostravia", "Ostravian", "Kelm"}),
         _toll(2, 23, "exact", "2031-05-13", "publication", {"Ostravia", "Ostravian", "Dunmore"}), SPLIT),
        (_toll(1, 23, "exact", "2031-05-01", "publication", {"Syldavia", "Syldavian", "Klow"}),
         _toll(2, 23, "exact", "2031-05-13", "publication", {"Syldavia", "Syldavians", "Niedzy"}), SPLIT),
        # a shooting's 27 and a flood's 27: two kinds of event
        (_toll(1, 27, "exact", "2031-09-07", "text", SETTLED | {"Larkspur"}, kinds={"shooting"}),
         _toll(2, 27, "exact", "2031-09-25", "publication", SETTLED, kinds={"weather"}), SPLIT),
    ],
)
def test_a_settled_toll_restated_weeks_later(a, b, expected):
    assert _statuses(a, b) == expected


def _groups_of_figure(conn, value: float) -> dict[int, tuple[str, set[int]]]:
    """Groups holding a claim of ``value``: id -> (status, documents of its members)."""
    out: dict[int, tuple[str, set[int]]] = {}
    for gid, status, doc in conn.execute(
        "SELECT g.id, g.status, c.document_id FROM claim_groups g JOIN claim_group_members m ON m.group_id = g.id "
        "JOIN claims c ON c.id = m.claim_id WHERE c.value = ?", (value,)):
        out.setdefault(gid, (status, set()))[1].add(doc)
    return out


HEADLINED = """\
    ---
    title: {title}
    date: 2031-07-12
    outlet: Coast Wire (fictional)
    ---
    The suspect was Davor Renk of Illum, a police source told Coast Wire.

    Renk left a bag at the crowded ferry terminal in Tarrow early on Friday, killing {n} people and wounding dozens, police said.
    """

SIDE = """\
    ---
    title: How the {place} bombing reshapes the mayoral race
    date: 2031-07-12
    outlet: Ledger Weekly (fictional)
    ---
    Candidates for mayor suspended their campaigns as the city mourned.

    The {place} bombing killed {n} people, and both candidates called for more police at the ports.
    """


@pytest.mark.parametrize("title", [
    "{n} killed in ferry terminal bomb, suspect named",
    "Ferry terminal bomb kills {n}; police name suspect",
])
def test_a_story_giving_its_toll_in_headline_and_body_is_one_report(tmp_path, title):
    """The headline names no place, the body names Tarrow: a side story naming Tarrow agrees
    with the story, not with one of its two statements only."""
    conn = ingest_stories(tmp_path, {
        "a_main": HEADLINED.format(title=title.format(n=23), n=23),
        "b_side": SIDE.format(place="Tarrow", n=23),
    })
    groups = _groups_of_figure(conn, 23)
    # the headline's 23, the body's and the side story's: one corroborated group of two stories
    assert [(status, len(docs)) for status, docs in groups.values()] == [("corroborated", 2)]


def test_a_side_story_of_another_place_stays_apart(tmp_path):
    conn = ingest_stories(tmp_path, {
        "a_main": HEADLINED.format(title="23 killed in ferry terminal bomb, suspect named", n=23),
        "b_side": SIDE.format(place="Orsk", n=23),
    })
    assert conn.execute("SELECT count(*) FROM claim_groups WHERE status = 'corroborated'").fetchone()[0] == 0
