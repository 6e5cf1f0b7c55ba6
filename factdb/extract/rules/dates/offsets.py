"""Dates stated from another date: a distance (``3 days after January 12th``, ``two weeks
before May 13, 1999``, ``10 days from Tuesday``) or a length (``for 10 days from 18 Dec``,
``from 18th Dec for 10 days``, ``2 weeks starting May 20th``).

Each is an extra claim next to the date it is counted from, which stays a claim of its own:
the text states both ("two days before Nov. 13" names November 13 and November 11). Only a
day or a weekday can anchor one, and only when it resolves to a calendar day, so a derived
date is never a guess.

A length ends on the day that many units after the first ("for 10 days from 18 December":
18 to 28 December), as Recognizers-Text and Duckling both resolve it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from factdb.extract.rules.patterns import lazy_re

from .forms import Atom, max_day
from .words import TEENS, TENS, UNITS

_COUNTS = {"a": 1, "an": 1, "one": 1, **UNITS, **TEENS, **TENS}
_COUNT = r"(?P<n>[0-9]{1,3}|" + "|".join(sorted(_COUNTS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<u>days?|weeks?|fortnights?|months?|years?)"
# "3 days after", "two weeks before", "a month prior to", "10 days from" just before the date
_DISTANCE_BEFORE = lazy_re(
    rf"(?<![\w-]){_COUNT}[ \t]+{_UNIT}[ \t]+(?P<rel>before|after|from|prior[ \t]+to)[ \t]+\Z", re.IGNORECASE
)
# "for 10 days from", "2 weeks starting", "for 1 week, from" just before the date
_LENGTH_BEFORE = lazy_re(
    rf"(?<![\w-])(?P<for>for[ \t]+)?{_COUNT}[ \t]+{_UNIT},?[ \t]+"
    r"(?P<rel>from|starting(?:[ \t]+on)?|beginning(?:[ \t]+on)?|commencing(?:[ \t]+on)?)[ \t]+\Z",
    re.IGNORECASE,
)
# "for 10 days" just after the date
_LENGTH_AFTER = lazy_re(rf"[ \t]+for[ \t]+{_COUNT}[ \t]+{_UNIT}(?![\w-])", re.IGNORECASE)
_FROM_BEFORE = lazy_re(r"(?<!\w)[Ff]rom[ \t]+\Z")
_CUES_BEFORE = ("before", "after", "from", "prior", "starting", "beginning", "commencing")


def _count(raw: str) -> int:
    return int(raw) if raw.isdigit() else _COUNTS[raw.lower()]


def _unit(raw: str) -> str:
    return raw.lower().rstrip("s")


def _anchors(a: Atom) -> bool:
    """Can ``a`` anchor a distance or a length: one day, or one weekday?"""
    if a.bound != "exact" or a.m2 is not None or a.y2 is not None or a.week or a.nth is not None:
        return False
    return (a.precision == "day" and a.m is not None) or a.precision == "weekday"


def derived(text: str, found: list[Atom]) -> list[Atom]:
    """The dates and periods stated from the atoms in ``found``."""
    out: list[Atom] = []
    for a in found:
        if not _anchors(a):
            continue
        tail = text[max(0, a.start - 40) : a.start].lower()
        if any(c in tail for c in _CUES_BEFORE):
            m = _LENGTH_BEFORE.search(text, max(0, a.start - 40), a.start)
            # "10 days from Tuesday" is a distance; "for 10 days from", "2 weeks starting" a length
            if m and (m["for"] or not m["rel"].lower().startswith("from")):
                out.append(replace(a, start=m.start(), bound="range", length=(_count(m["n"]), _unit(m["u"]))))
                continue
            m = _DISTANCE_BEFORE.search(text, max(0, a.start - 40), a.start)
            if m:
                sign = -1 if m["rel"].lower().startswith(("before", "prior")) else 1
                out.append(replace(a, start=m.start(), offset=(sign * _count(m["n"]), _unit(m["u"]))))
                continue
        m = _LENGTH_AFTER.match(text, a.end)
        if m:
            f = _FROM_BEFORE.search(text, max(0, a.start - 8), a.start)
            start = f.start() if f else a.start
            out.append(replace(a, start=start, end=m.end(), bound="range", length=(_count(m["n"]), _unit(m["u"]))))
    return out


def shift(day: dt.date, n: int, unit: str) -> dt.date:
    """``day`` moved ``n`` units (day, week, fortnight, month, year); a month or year move
    keeps the day of the month where the target month has it, else its last day."""
    if unit in ("day", "week", "fortnight"):
        return day + dt.timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit])
    months = n * (12 if unit == "year" else 1)
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    m += 1
    return dt.date(y, m, min(day.day, max_day(m, y)))
