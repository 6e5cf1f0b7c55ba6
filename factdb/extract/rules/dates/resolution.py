"""Pass 3 of the dates extractor: resolution against the publication date.

The contract (spec/claims.md, "Resolution against the publication date"): a day, month,
weekday, season, quarter or half written without a year takes the most recent such date on or
before publication, unless its clause points forward (:mod:`.tense`), when it takes the
nearest such date on or after publication. ``last``/``this``/``next`` written before it
decide instead (``next May``: the first May after publication).

A resolution that would leave the calendar's range (year 1 to 9999: "next Monday" in an
article dated 9999-12-31) leaves the date unresolved, as without a publication date, instead
of failing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from .forms import Atom, max_day
from .offsets import shift

# How a yearless date resolves: "back" (on or before publication, the default), "forward" (on
# or after: the clause points forward), or "last"/"next" (strictly before/after) and "this".
Direction = str

_LENGTH = {"season": 3, "quarter": 3, "half": 6}


def _resolve_year(m: int, d: int | None, pub: dt.date, how: Direction) -> int:
    """The year of the (month, day) nearest ``pub`` in the direction ``how``."""
    key, now = (m, d or 0), (pub.month, pub.day if d else 0)
    if how == "next":
        y = pub.year if key > now else pub.year + 1
    elif how == "forward":
        y = pub.year if key >= now else pub.year + 1
    elif how == "last":
        y = pub.year if key < now else pub.year - 1
    else:
        y = pub.year if key <= now else pub.year - 1
    ahead = how in ("next", "forward")
    while d and d > max_day(m, y):  # February 29
        y += 1 if ahead else -1
    return y


def _weekday_date(wd: int, pub: dt.date, how: Direction) -> dt.date:
    back = (pub.weekday() - wd) % 7
    if how == "next":
        return pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    if how == "forward":
        return pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
    if how == "last" and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def _month_day(d: int, wd: int | None, pub: dt.date, how: Direction) -> dt.date | None:
    """The nearest date with day of month ``d`` (and weekday ``wd``) in direction ``how``.

    Months are tried one by one from the publication month; a (weekday, day) pair recurs
    within 14 months for days up to 28, and within a few years for 29-31, so 60 tries bound
    the search."""
    step = 1 if how in ("next", "forward") else -1
    y, m = pub.year, pub.month
    for _ in range(60):
        if d <= max_day(m, y):
            cand = dt.date(y, m, d)
            ok_side = (cand >= pub if step > 0 else cand <= pub) and not (
                cand == pub and how in ("next", "last")
            )
            if ok_side and (wd is None or cand.weekday() == wd):
                return cand
        m += step
        if m == 0:
            y, m = y - 1, 12
        elif m == 13:
            y, m = y + 1, 1
    return None


def _span_year(first_month: int, months: int, pub: dt.date, how: Direction) -> int:
    """The year a yearless season, quarter or half starts in.

    Back: the latest one begun by ``pub``; forward: the first one not yet over at ``pub``;
    "last": the latest one over by ``pub``; "next": the first one begun after ``pub``."""
    begun = pub.year if pub.month >= first_month else pub.year - 1
    end_y, end_m = begun + (first_month + months - 1 > 12), (first_month + months - 2) % 12 + 1
    over = (pub.year, pub.month) > (end_y, end_m)
    if how == "next":
        return begun + 1
    if how == "forward":
        return begun + 1 if over else begun
    if how == "last":
        return begun if over else begun - 1
    return begun


def _week(a: Atom, pub: dt.date | None, how: Direction) -> tuple[str, str | None, bool]:
    """A week, Monday to Sunday, or seven days from a given day ("the week beginning May 3")."""
    y = a.y
    if a.week == "iso":
        start = dt.date.fromisocalendar(y, a.d, 1)
    else:
        if y is None and pub is not None:
            y = _resolve_year(a.m, a.d if a.week != "nth" else None, pub, how)
        if y is None:
            return iso_parts(None, a.m, a.d if a.week != "nth" else None), None, False
        if a.week == "nth":  # the week holding the month's nth Thursday, as ISO weeks count
            first_thursday = 1 + (3 - dt.date(y, a.m, 1).weekday()) % 7
            if first_thursday + 7 * (a.d - 1) > max_day(a.m, y):
                return iso_parts(None, a.m), None, False
            day = dt.date(y, a.m, first_thursday) + dt.timedelta(weeks=a.d - 1)
            start = day - dt.timedelta(days=3)
        else:
            day = dt.date(y, a.m, a.d)
            if a.week == "from":
                start = day
            elif a.week == "to":
                start = day - dt.timedelta(days=6)
            else:
                start = day - dt.timedelta(days=day.weekday())
    return start.isoformat(), (start + dt.timedelta(days=6)).isoformat(), True


def _nth_weekday(a: Atom, pub: dt.date | None, how: Direction) -> tuple[str, str | None, bool]:
    y = a.y
    if y is None and pub is not None:
        y = _resolve_year(a.m, None, pub, how)
    if y is None:
        return iso_parts(None, a.m), None, False
    if a.nth < 0:
        last = max_day(a.m, y)
        day = last - (dt.date(y, a.m, last).weekday() - a.wd) % 7
    else:
        day = 1 + (a.wd - dt.date(y, a.m, 1).weekday()) % 7 + 7 * (a.nth - 1)
        if day > max_day(a.m, y):
            return iso_parts(None, a.m), None, False
    return dt.date(y, a.m, day).isoformat(), None, True


def iso_parts(y: int | None, m: int | None = None, d: int | None = None) -> str:
    if y is None:
        if m is None:
            return f"---{d:02d}"
        return f"--{m:02d}" + (f"-{d:02d}" if d else "")
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else "")


def needs_year(a: Atom) -> bool:
    """Is ``a`` written without a year, so that resolution (and its direction) matters?"""
    return a.y is None and a.precision in ("day", "month", "weekday", "season", "quarter", "half", "week")


def resolve(a: Atom, pub: dt.date | None, forward: bool = False) -> tuple[str, str | None, bool]:
    """(date_start, date_end, resolved) for an atom; ``forward``: its clause points forward."""
    if a.offset or a.length:
        return _derived(a, pub, forward)
    if pub is None:
        return _resolve_against(a, None, "back")
    how = a.relative or ("forward" if forward else "back")
    try:
        start, end, resolved = _resolve_against(a, pub, how)
    except (OverflowError, ValueError):  # past date.min/date.max, or year 0 in the calendar module
        return _resolve_against(a, None, how)
    if resolved and not (_in_calendar(start) and (end is None or _in_calendar(end))):
        return _resolve_against(a, None, how)
    return start, end, resolved


def _derived(a: Atom, pub: dt.date | None, forward: bool) -> tuple[str, str | None, bool]:
    """A date counted from a day ("3 days after January 12th"), or a period that day starts
    ("for 10 days from 18 Dec"): only when that day resolves to a calendar day."""
    start, end, resolved = resolve(replace(a, offset=None, length=None, bound="exact"), pub, forward)
    if not resolved or end is not None or len(start) != 10:
        return start, end, False
    day = dt.date.fromisoformat(start)
    try:
        if a.offset:
            return shift(day, *a.offset).isoformat(), None, True
        return start, shift(day, *a.length).isoformat(), True
    except (OverflowError, ValueError):  # past the calendar's range
        return start, None, False


def _in_calendar(iso: str) -> bool:
    """Does an ISO date string we wrote name a year datetime can represent (0001-9999)?"""
    year = iso.split("-", 1)[0]
    return year.isdigit() and len(year) == 4 and year != "0000"


def _resolve_against(a: Atom, pub: dt.date | None, how: Direction) -> tuple[str, str | None, bool]:
    p = a.precision
    if p in ("decade", "century"):
        return str(a.y), str(a.y2), True
    if p == "year":  # four digits always: year 14 is "0014" in ISO 8601
        return f"{a.y:04d}", (f"{a.y2:04d}" if a.y2 else None), True
    if p == "weekday":
        if pub is None:
            return f"-W-{a.d + 1}", None, False
        return _weekday_date(a.d, pub, how).isoformat(), None, True
    if p == "week":
        return _week(a, pub, how)
    if p in _LENGTH and a.m2 is not None and a.y is not None and a.y2 is not None:  # "from Q1 2017 to Q3 2018"
        return iso_parts(a.y, a.m), iso_parts(a.y2, a.m2), True
    if p in _LENGTH:
        months = _LENGTH[p]
        y = a.y
        if y is None and pub is not None:
            if a.relative and p != "season":  # "the third quarter of next year"
                y = pub.year + {"this": 0, "next": 1, "last": -1}[a.relative]
            else:
                y = _span_year(a.m, months, pub, how)
        last = a.m + months - 1
        end_y = None if y is None else y + (last > 12)
        return iso_parts(y, a.m), iso_parts(end_y, (last - 1) % 12 + 1), y is not None
    if p == "day" and a.m is None:  # "on the 15th", "Tuesday the 19th"
        found = _month_day(a.d, a.wd, pub, how) if pub is not None else None
        if found is None:
            return iso_parts(None, None, a.d), None, False
        return found.isoformat(), None, True
    if a.nth is not None:  # "the first Tuesday in November"
        return _nth_weekday(a, pub, how)
    # day or month, possibly a range
    y, y2 = a.y, a.y2
    is_range = a.m2 is not None or a.y2 is not None
    if y is None and pub is not None:
        if is_range and how in ("forward", "next"):
            y = _resolve_year(a.m, a.d if p == "day" else None, pub, how)
            y2 = y if (a.m, a.d or 0) <= (a.m2, a.d2 or 0) else y + 1
        elif is_range:
            y2 = _resolve_year(a.m2, a.d2 if p == "day" else None, pub, how)
            y = y2 if (a.m, a.d or 0) <= (a.m2, a.d2 or 0) else y2 - 1
        else:
            y = _resolve_year(a.m, a.d if p == "day" else None, pub, how)
    start = iso_parts(y, a.m, a.d if p == "day" else None)
    end = iso_parts(y2 if y2 is not None else y, a.m2, a.d2) if is_range else None
    return start, end, y is not None
