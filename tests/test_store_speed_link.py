"""The link stage's fast paths (issue 13) find what the plain rules find.

The gazetteer scans with a second regex that opens on the non-word character before a
mention (``Gazetteer._scan``) instead of a look-behind at every character, and ``link_claim``
skips the rules when no mention is within a claim's reach. Each is checked here against the
plain version it replaces: the look-behind regex itself (``Gazetteer.regex``), and the links
a claim gets when the text does name entities, but far away.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.entities.gazetteer import build, gazetteer, parse
from factdb.entities.linking import REACH, plan_links


def plain_find(gaz, text):
    """The matcher as it was: one look-behind regex over every position of the text."""
    out = []
    for m in gaz.regex.finditer(text):
        key = gaz.resolve(m.group())
        if key is not None:
            out.append((key, m.start(), m.end(), m.group()))
    return out


def fast_find(gaz, text):
    # every match too, not only those that resolve to an entity: "ſhort-range missile"
    # matches case-insensitively, though no alias is written that way
    assert gaz.spans(text) == [m.span() for m in gaz.regex.finditer(text)]
    return [(m.entity, m.char_start, m.char_end, m.quote) for m in gaz.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "North Korea fired a missile",  # a mention at the very start (nothing before it)
        "(North Korea) fired",  # after an opening bracket, before a closing one
        "“Pyongyang”,Seoul;Tokyo",  # mentions one non-word character apart
        "North Korea North Korea",
        "NorthKorea and xNorth Korea and North Koreans",  # no mention inside a word
        "an ICBM, two icbms and an Icbm.",  # case-insensitive aliases, any case
        "THAAD\nthaad\tThaad",
        "a ſhort-range missile and a ſhort-range miſſile",  # non-ASCII letters that match case-insensitively
        "the KELVIN K and İCBM and ıcbm",
        "an écbm, a Éhort-range missile, ëhaad",  # non-ASCII letters that match nothing
        "Hwasong-15 and Hwasong-17s, Unha-3",  # the gazetteer's regex patterns
        "North Korea's state media said",  # longest alias wins
        "Mr. Kim Jong Un's sister",
        "",
        "Seoul",
        "...",
        "the North's leader and the South's military said",
    ],
)
def test_fast_scan_finds_what_the_look_behind_scan_finds(text):
    gaz = gazetteer()
    assert gaz._scan is not None  # the shipped gazetteer qualifies for the fast scan
    assert fast_find(gaz, text) == plain_find(gaz, text)


def _pieces():
    gaz = gazetteer()
    aliases = sorted(gaz._exact)[::3] + sorted(gaz._folded)[::3]
    odd = ["ſ", "İ", "ı", "K", "é", "_", "7", "-", "’", "'s", "(", ")", ".", "\n", " ", "  ", "x", "The "]
    # and aliases without their first letter, after which a letter that is not theirs
    return aliases + [a.upper() for a in aliases[::5]] + [a.title() for a in aliases[1::5]] + [a[1:] for a in aliases[2::4]] + odd


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), max_size=25))
def test_fast_scan_on_random_texts(pieces):
    text = "".join(pieces)
    gaz = gazetteer()
    assert fast_find(gaz, text) == plain_find(gaz, text)


def test_a_gazetteer_the_fast_scan_cannot_serve_falls_back_to_the_plain_scan():
    # a pattern that may start with a non-word character, and an alias that does: the
    # fast scan's premise (every mention starts with a word character) does not hold
    entries = [
        {"name": "Testland", "type": "country", "description": "d", "aliases": ["Testville"]},
        {"name": "Rocket", "type": "weapon_system", "description": "d", "patterns": [r"\(R-\d+\)"]},
    ]
    gaz = build(parse(entries))
    assert gaz._scan is None
    # "(R-8)" starts right where "(R-7)" ends: a scan opening on the character before a
    # mention would have taken that ")" as the previous mention's and missed it
    text = "Testville said the (R-7)(R-8) and x(R-9) flew over Testland"
    assert fast_find(gaz, text) == plain_find(gaz, text)
    assert [m.quote for m in gaz.find(text)] == ["Testville", "(R-7)", "(R-8)", "Testland"]
    gaz = build(parse([{"name": "'Ndrangheta", "type": "organization", "description": "d"}]))
    assert gaz._scan is None
    assert [m.quote for m in gaz.find("the 'Ndrangheta and 'Ndrangheta")] == ["'Ndrangheta", "'Ndrangheta"]


def test_a_gazetteer_with_simple_patterns_uses_the_fast_scan():
    entries = [
        {"name": "Testland", "type": "country", "description": "d", "aliases": ["Testville"]},
        {"name": "Rocket", "type": "weapon_system", "description": "d", "patterns": [r"Rx-\d+"]},
        {"name": "Glider", "type": "weapon_class", "description": "d", "aliases": ["glide thing"], "ignore_case": True},
    ]
    gaz = build(parse(entries))
    assert gaz._scan is not None
    text = "Rx-5, Testville; GLIDE THING (glide Thing) Rx-x Testland."
    assert fast_find(gaz, text) == plain_find(gaz, text)
    assert [m.entity for m in gaz.find(text)] == ["Rocket", "Testland", "Glider", "Glider", "Testland"]


def _claim(text, quote, attribution=None, attribute="missile.range", kind="distance"):
    start = text.index(quote)
    return {"id": f"c{start}", "kind": kind, "char_start": start, "char_end": start + len(quote),
            "attribute": attribute, "attribution": attribution}


def test_a_text_naming_no_entity_links_claimants_named_by_the_attribution_only():
    text = "The missile flew 1,100 km, the military said. Officials said it reached 60 km."
    claims = [
        _claim(text, "1,100 km", attribution="South Korea's military"),
        _claim(text, "60 km", attribution="Officials"),
        _claim(text, "1,100 km", attribution=None, kind="date"),
    ]
    planned = plan_links(text, claims)
    assert planned.mentions == []
    assert [(ln.claim_id, ln.entity, ln.role, ln.mention, ln.rule) for ln in planned.links] == [
        (claims[0]["id"], "South Korean military", "claimant", None, "attribution-text")
    ]


def test_a_claim_out_of_reach_of_every_mention_gets_what_the_attribution_names():
    near = "North Korea fired a missile that flew 1,100 km. "
    far = "Filler words go on here. " * (REACH // 20)
    text = near + far + "It also flew 60 km."
    claims = [_claim(text, "1,100 km"), _claim(text, "60 km", attribution="Seoul officials")]
    links = [(ln.claim_id, ln.entity, ln.role, ln.rule) for ln in plan_links(text, claims).links]
    # the near claim gets the launcher from its sentence; the far one only its attribution's actor
    assert (claims[0]["id"], "North Korea", "agent", "missile-launcher") in links
    assert [x for x in links if x[0] == claims[1]["id"]] == [(claims[1]["id"], "South Korea", "claimant", "attribution-text")]
