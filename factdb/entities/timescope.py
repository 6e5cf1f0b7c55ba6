"""Time phrases in a sentence, resolved against the publication date: what a figure's own
words say about when it holds ("in 1999", "in December 2012", "on Thursday", "last year").

Linking reads these itself, beside the date claims the extractor stores, so a claim's
scope and a launch's date never depend on a date being stored as a claim of its own.
Each phrase comes back in the shape of a date claim (``char_start``, ``char_end``,
``quote``, ``date_start``, ``date_end``, ``date_precision``, ``resolved``), so the two
sources are used the same way.

Resolution, for a document published on day P:
- a weekday ("on Thursday", "late Saturday") is the such day in P − 5 … P + 1 (the day
  after the dateline is a story filed in US time about Asia's morning); "last Thursday"
  is strictly before P;
- "March 14" / "14 March" without a year is the latest such day on or before P + 1;
  "in December" likewise by month;
- "yesterday" P − 1, "today"/"tonight" P, "last year" / "last month" the period before P's;
- "a month later", "two days earlier" count from the date written before them in the same
  span ("a nuclear test on Jan. 6 and a month later a rocket": February);
- "three days ago" is P − 3; "last week" (the Sunday-to-Saturday week before P's) and "two weeks ago"
  (P − 17 … P − 11) are their month when the days lie in one, else a time that is not
  resolved ("a few days ago" too): the text dates the figure, so the publication day must
  not, though no label can say when.
Without P, only phrases with a year resolve.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"

_PATTERNS = [
    ("md", re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?")),
    ("dm", re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+{_YEAR}\b)?")),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")),
    ("wd", re.compile(rf"\b(?P<last>last\s+)?{_WEEKDAY}\b")),
    ("rel", re.compile(r"\b(?P<rel>yesterday|today|tonight|last year|this year|last month|this month|last week)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several|\d{1,2})\s+"
                       r"(?P<unit>days?|weeks?)\s+ago\b", re.I)),
    ("since", re.compile(rf"\bsince\s+{_YEAR}\b")),
    ("year", re.compile(rf"(?<![\d,.$£€-]){_YEAR}(?![\d,]|\.\d|\s*(?:%|percent|per cent|km|kilomet|miles?\b|people\b))")),
    ("mon", re.compile(rf"\b(?:in|since|during|until|by|late|early|mid-?)\s+{_MONTH}(?!\s+\d)\b")),
]


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _row(m: re.Match, start: str | None, end: str | None, precision: str, resolved: bool = True) -> dict:
    return {"char_start": m.start(), "char_end": m.end(), "quote": m.group(), "date_start": start,
            "date_end": end, "date_precision": precision, "resolved": resolved and start is not None}


def _days(m: re.Match, first: dt.date, last: dt.date) -> dict:
    """A time the text gives as a span of days with no day named ("last week", "two weeks
    ago"): its month when the span lies in one (a launch "last week" in mid-April is an April
    launch), else a row that is not resolved — a time of its own that no label states, so the
    figure or launch is not dated by its publication either."""
    if (first.year, first.month) == (last.year, last.month):
        return _row(m, f"{first.year:04d}-{first.month:02d}", None, "month")
    return _row(m, None, None, "week", resolved=False)


def _month_day(month: int, day: int, year: int | None, published: dt.date | None) -> dt.date | None:
    try:
        if year is not None:
            return dt.date(year, month, day)
        if published is None:
            return None
        d = dt.date(published.year, month, day)
        if d > published + dt.timedelta(days=1):
            d = dt.date(published.year - 1, month, day)
        return d
    except (ValueError, OverflowError):
        return None


def find_times(text: str, start: int = 0, end: int | None = None, published: dt.date | None = None) -> list[dict]:
    """Time phrases of ``text[start:end]``, non-overlapping, longest first at each place."""
    end = len(text) if end is None else end
    found: list[dict] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _PATTERNS:
        if kind == "ago" and text.find("ago", start, end) < 0:
            continue  # asked of every claim's clause: a substring test spares the regex
        for m in rx.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            try:
                row = _resolve(kind, m, published)
            except (ValueError, OverflowError):  # a day off the calendar (year 1, year 9999): no time
                row = None
            if row is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(row)
    found.sort(key=lambda r: r["char_start"])
    # "on Jan. 6 and a month later launched a rocket": counted from the date written before it
    for m in _LATER.finditer(text, start, end):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        anchor = next((r for r in reversed(found) if r["char_end"] <= m.start() and r["resolved"]
                       and r["date_precision"] in ("day", "month")), None)
        if anchor is None:
            continue
        try:
            row = _later(m, anchor)
        except (ValueError, OverflowError):
            row = None
        if row is not None:
            found.append(row)
    return sorted(found, key=lambda r: r["char_start"])


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}
_LATER = re.compile(r"\b(?P<n>a|an|one|two|three|four|five|six|\d{1,2})\s+(?P<unit>days?|weeks?|months?)\s+(?P<dir>later|earlier)\b",
                    re.I)


def _later(m: re.Match, anchor: dict) -> dict | None:
    """The date ``m`` ("a month later", "two days earlier") counts from ``anchor``: a day for
    days and weeks (when the anchor is a day), a month for months."""
    n = _NUMBER_WORDS.get(m.group("n").lower()) or int(m.group("n"))
    sign = 1 if m.group("dir").lower() == "later" else -1
    unit = m.group("unit").lower().rstrip("s")
    base = anchor["date_start"]
    if unit in ("day", "week"):
        if anchor["date_precision"] != "day":
            return None
        d = dt.date.fromisoformat(base) + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
        return _row(m, _iso(d), None, "day")
    y, mo = int(base[:4]), int(base[5:7])
    k = y * 12 + (mo - 1) + sign * n
    return _row(m, f"{k // 12:04d}-{k % 12 + 1:02d}", None, "month")


def _resolve(kind: str, m: re.Match, published: dt.date | None) -> dict | None:
    g = m.groupdict()
    if kind in ("md", "dm"):
        month = _MONTHS[g["month"].lower().rstrip(".")]
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        d = _month_day(month, day, int(g["year"]) if g.get("year") else None, published)
        return _row(m, d and _iso(d), None, "day", d is not None)
    if kind == "my":
        return _row(m, f"{int(g['year']):04d}-{_MONTHS[g['month'].lower().rstrip('.')]:02d}", None, "month")
    if kind == "wd":
        if published is None:
            return _row(m, None, None, "weekday", False)
        back = (published.weekday() - _WEEKDAYS[g["weekday"].lower()]) % 7
        if back == 6 and not g.get("last"):
            back = -1  # the day after the dateline: a story filed in US time about Asia's morning
        if g.get("last") and back <= 0:
            back += 7
        return _row(m, _iso(published - dt.timedelta(days=back)), None, "day")
    if kind == "rel":
        if published is None:
            return None
        rel = g["rel"].lower()
        if rel == "yesterday":
            return _row(m, _iso(published - dt.timedelta(days=1)), None, "day")
        if rel in ("today", "tonight"):
            return _row(m, _iso(published), None, "day")
        if rel == "last year":
            return _row(m, str(published.year - 1), None, "year")
        if rel == "this year":
            return _row(m, str(published.year), None, "year")
        if rel == "last week":
            # the calendar week before publication's, Sunday to Saturday as the US wires count it
            # (a Sunday story's "last week" is the seven days before it): its own time, not publication's
            first = published - dt.timedelta(days=(published.weekday() + 1) % 7 + 7)
            return _days(m, first, first + dt.timedelta(days=6))
        first = published.replace(day=1)
        prev = first - dt.timedelta(days=1) if rel == "last month" else first
        return _row(m, f"{prev.year:04d}-{prev.month:02d}", None, "month")
    if kind == "ago":
        if published is None:
            return None
        word = m.group("n").lower()
        n = _NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else None)
        if n is None:
            # "a few days ago", "several weeks ago": some days before publication, none named
            return _row(m, None, None, "week", resolved=False)
        if m.group("unit").lower().startswith("day"):
            return _row(m, _iso(published - dt.timedelta(days=n)), None, "day")
        # "two weeks ago" is a week's rounding of some 10-17 days: the days it can mean
        return _days(m, published - dt.timedelta(days=7 * n + 3), published - dt.timedelta(days=max(1, 7 * n - 3)))
    if kind == "since":
        return _row(m, g["year"], str(published.year) if published else None, "period")
    if kind == "year":
        return _row(m, g["year"], None, "year")
    if kind == "mon":
        if published is None:
            return None
        month = _MONTHS[g["month"].lower().rstrip(".")]
        if g["month"] == "May" and not m.group().lower().startswith(("in", "since", "during", "until", "by")):
            return None
        year = published.year if month <= published.month + (published.day >= 28) else published.year - 1
        return _row(m, f"{year:04d}-{month:02d}", None, "month")
    return None
