"""Stage 1b: how the two numbers of "X to Y" read.

A :data:`.figure.MASTER` match may hold a second number ("5 to 7", "$10-$15 billion",
"between 2 and 3 million"). This stage decides whether the two are one range (and which
scale the first takes from the second: "four to five thousand" is 4,000-5,000), a change
"from X to Y" (two exact claims, :func:`split_from`), or no pair at all ("rose 32,000 to
1.41 million": the second number is read again on its own). It hands the values to
:mod:`.kinds`.
"""

from __future__ import annotations

import re

from . import numbers as N
from .figure import number_value, scale_of, second_value, word_tokens
from .mention import Mention
from .patterns import lazy_re


def range_reading(text: str, m: re.Match, v1: float) -> tuple[float, float | None, bool]:
    """How "X to Y" reads: (first value, second value or None when the two are no range,
    whether they are a change "from X to Y" made two claims).

    ``v1`` is the first number as written with its own scale. A scale written only after the
    second number is shared by the first when the first is a bare small figure
    (:func:`_shared_scale`). A range never ends below its start: "range from 7.3 to 6.9"
    becomes two claims, "won 3 to 1" no range at all.
    """
    v2 = second_value(m)
    if v2 is None or m.group("frac"):
        return v1, None, False  # "cut by a third to $25.5 billion": a fraction starts no range
    from_ = (m.group("between") or "").lower() == "from"
    # "anywhere from 25 to 75 percent", "estimates range from 3 to 5": a range, not a change
    change = from_ and not _RANGE_CUE.search(text, max(0, m.start("between") - 30), m.start("between"))
    shared, declined = _shared_scale(m, v1, change)
    v1 *= shared
    if declined and not from_ and _CHANGE_BEFORE.search(text, max(0, m.start() - 60), m.start()):
        return v1, None, False  # "rose 8,000 to 2.24 million": a rise of 8,000 to a level, no range
    digits = m.group("digits") or ""
    if declined and v1 >= 1000 and "," not in digits:
        # "rise 3.5% in 2005 to 5.5 million tonnes": a figure this large beside a scaled one
        # is written with separators; without them it is a year or a code, not a range start
        return v1, None, False
    if not from_ and (m.group("cur") or m.group("sca") or m.group("scw")) \
            and change_then_level(text, m.start(), v1, v2, m.group("sep")):
        # "rose $1.64 to $47.10": a rise of $1.64 to a price, no range. The first number must be
        # written whole (its own sign or scale): "ridership rose 20 to 170 percent" is a range
        return v1, None, False
    if v2 <= v1 and m.group("sep").lower() == "-to-":
        return v1, None, False  # "one-to-one talks", "a 3-to-1 vote": a ratio, no range
    if v2 < v1:
        if not from_:
            return v1, None, False
        change = True
    return v1, v2, change


def _shared_scale(m: re.Match, v1: float, change: bool) -> tuple[float, bool]:
    """(the factor the first number of "X to Y scale" takes from the second, whether a scale
    was there to share but X stands alone).

    X shares Y's scale only when it is a bare figure that reads as a part of one: no scale
    of its own ("5 million to 6 billion"), no thousands separator and under 1,000 ("$800,000
    to $1.3 million", "1,000 to 2 million"), and not above Y's own figure ("$10 to $15
    billion", "four to five thousand", "between 2 and 3 million" share; "from $200 to $4
    million" does not). A change may fall, so there X may be up to ten times Y's figure
    ("fell from 5 to 4 billion dollars")."""
    readings = _second_parts(m)
    if not readings:
        return 1.0, False
    if m.group("sca") or m.group("scw") or m.group("vague") or m.group("frac"):
        return 1.0, False
    digits, words = m.group("digits"), m.group("words")
    if words and any(t in N.SCALES and t != "hundred" for t in word_tokens(words)):
        return 1.0, False  # "two million to 3 billion": X carries its own scale
    if (digits and "," in digits) or v1 >= 1000:
        return 1.0, True
    for base, scale in readings:
        if v1 <= base or (change and v1 <= 10 * base):
            return scale, False
    return 1.0, True



def _second_parts(m: re.Match) -> list[tuple[float, float]]:
    """The ways the second number of a range splits into (figure, scale) with a scale, the
    largest scale first: "$15 billion" (15, 1e9); "five hundred thousand" (5, 1e5) then
    (500, 1e3), so "four to five hundred thousand" is 400,000 and "two hundred to three hundred
    thousand" 200,000; "a hundred" (1, 100). Empty when the second number has no scale."""
    s = m.group("num2")
    extra = scale_of(m, True)
    toks = word_tokens(s)
    if s[:1].isdigit() or s[:1] == ".":
        toks = [s]
    run = 0
    while run < len(toks) and toks[len(toks) - 1 - run] in N.SCALES:
        run += 1
    out = []
    for k in range(run, -1, -1):
        scale = extra
        for t in toks[len(toks) - k :] if k else ():
            scale *= N.SCALES[t]
        if scale == 1.0:
            continue
        head = [t for t in toks[: len(toks) - k] if t not in ("a", "an")]
        base = N.parse_number(" ".join(head)) if head else 1.0
        if base is not None:
            out.append((base, scale))
    return out


def broken_range(text: str, m: re.Match) -> bool:
    """Did a match of "X to Y" turn out to be no range (so Y still needs reading)?"""
    v1, _ = number_value(m)
    return v1 is not None and range_reading(text, m, v1)[1] is None


# A change stated by its size before its new level: "rose 32,000 to 1.41 million",
# "fell by 600,000 to 5.9 million", "rose a higher than expected 17,000 to 4.483 million".
_CHANGE_BEFORE = lazy_re(
    r"\b(?:rose|rise[sn]?|rising|fell|falls?|falling|fallen|climbed|climbs?|jumped|jumps?|dropped|drops?|"
    r"slipped|slips?|gained|gains?|grew|grows?|declined|declines?|increased|increases?|decreased|"
    r"decreases?|added|adds?|shed|sheds|lost|loses?|up|down|surged|surges?|slumped|plunged|soared|"
    # and their -ing forms: "gaining 95 cents to $30.59", "shedding 2 cents to 88 cents"
    r"climbing|jumping|dropping|slipping|gaining|growing|declining|increasing|decreasing|adding|shedding|"
    r"losing|surging|slumping|plunging|soaring|"
    r"edged\s+(?:up|down)|edging\s+(?:up|down)|by)\s+(?:[a-z][\w-]*\s+){0,4}$",
    re.IGNORECASE,
)


# How much larger the second number of "<verb of change> X to Y" must be for X to read as the
# size of the change and Y as the new level. A change is a small part of the level it reaches
# ("gained 95 cents to $30.59", "fell 4 cents to 96 cents", "was up 23 points to 6661.89");
# a forecast band after the same verbs has ends of one size ("rise 2 to 3 percent", "rise $1
# to $2 a gallon") and stays a range.
_LEVEL_RATIO = 8.0


def change_then_level(text: str, start: int, low: float | None, high: float | None, gap: str) -> bool:
    """Is "X to Y" starting at ``start`` the size of a change and the level it reached, not a range?

    Only with "to" between the two, a verb of change right before X (:data:`_CHANGE_BEFORE`),
    and Y at least :data:`_LEVEL_RATIO` times X."""
    if low is None or high is None or low <= 0 or high < _LEVEL_RATIO * low or gap.strip().lower() != "to":
        return False
    return _CHANGE_BEFORE.search(text, max(0, start - 60), start) is not None


# Words that make "from X to Y" the two ends of one range rather than a change.
_RANGE_CUE = lazy_re(
    r"\b(?:anywhere|somewhere|rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|spans?|spanning)\s+$", re.IGNORECASE
)


def split_from(text, m, first: Mention, v1, v2) -> list[Mention]:
    """ "from 3 to 5 percent": two exact claims, the first taking the second's unit."""
    f = first.value / v1 if v1 else 1.0
    a_end = m.end("sca") if m.group("sca") else m.end("scw") if m.group("scw") else m.end("num")
    a_start = m.start("cur") if m.group("cur") else m.start("num")
    b_start = m.start("cur2") if m.group("cur2") else m.start("num2")
    one = Mention(first.kind, a_start, a_end, v1 * f, first.unit, "exact", None, first.currency,
                  first.confidence, first.noun_phrase, first.participle, m.start("num"), m.end("num"))
    two = Mention(first.kind, b_start, first.end, v2 * f, first.unit, "exact", None, first.currency,
                  first.confidence, first.noun_phrase, first.participle, m.start("num2"), m.end("num2"))
    return [one, two]


