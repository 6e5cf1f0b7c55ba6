"""Dates and periods: when things happened, as the text writes it.

Kinds ``date`` (one calendar point at day, month, year, weekday or season precision) and
``period`` (a span of calendar time: ``from 1910 to 1945``, ``the 1990s``, ``20th century``).

How it works, in three linear passes so throughput stays flat in text length:

1. One scan finds anchors (digit runs and date words); the few date forms that can start
   there are tried with anchored regexes (all compiled once), giving *atoms*: a span plus
   the calendar parts it states. Overlapping atoms are settled by keeping the longest
   (``3 December 2024`` beats ``December 2024`` beats ``2024``).
2. Neighbouring atoms joined by ``to``/``-``/``until`` (or ``and`` after ``between``) become
   one ``period``; a bare month or year that only reads as a date next to another date
   (``January and February``) is promoted by that neighbour.
3. Atoms are resolved against the publication date (``December 3`` → the most recent
   December 3 on or before publication) and turned into claims.

Conventions follow spec/claims.md and the gold files: the span leaves out prepositions
(``on December 3`` → ``December 3``) but keeps bound words (``early December``,
``mid-2005``, ``at least 2008``) and the ``from``/``between`` of a period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from factdb.extract.registry import Context, Fault, describe, register
from factdb.models import Claim

NAME = "dates"
VERSION = "1.0.1"

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
# Meteorological seasons (northern hemisphere): first month and length in months.
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
}

# Full names first so "Jan" never wins over "January"; abbreviations may carry a full stop.
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH = rf"(?:{_FULL_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
# What may not sit right after a number for it to be a year or a day: more digits,
# a decimal or thousands part, a letter ("2000km"), a percent sign.
_NUM_END = r"(?![\w%]|[.,][0-9])"
# ...and what may not sit right before it ("$2005", "1,2005", "Su-2000", "#2004").
_NOT_BEFORE_NUMBER = frozenset("$£€¥#.,/:+'’-_")

# Pass 1 scans the text once for anchors (a run of digits, or a date word) with a regex
# shaped as a trie, so the engine rejects most positions on their first character; each
# anchor is then tried against the few forms that can start (or end) there with .match().
_ANCHOR = re.compile(
    r"[0-9]+"
    r"|J(?:an(?:uary)?|u(?:ne?|ly?))|F(?:eb(?:ruary)?|riday|all|Y|iscal)|Ma(?:r(?:ch)?|y)"
    r"|A(?:pr(?:il)?|ug(?:ust)?|utumn)|S(?:ep(?:t(?:ember)?)?|aturday|unday|pring|ummer)"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Monday|T(?:uesday|hursday)|W(?:ednesday|inter)"
    r"|[Cc]entury|s(?:pring|ummer)|autumn|winter|f(?:all|iscal)"
)
_P = {
    "iso": re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![\w]|-[0-9]|/[0-9])"),
    "yrange": re.compile(
        rf"(?P<y>{_YEAR})\s*(?P<sep>[-–—/])\s*(?P<y2>{_YEAR}|[0-9]{{2}}){_NUM_END}(?![-–/][0-9])"
    ),
    "decade": re.compile(r"(?P<y>1[0-9]{2}0|20[0-9]0)['’]?s\b"),
    "year": re.compile(rf"(?P<y>{_YEAR}){_NUM_END}(?!\s*[-–/]\s*[0-9])"),
    "dmy": re.compile(
        rf"(?P<d>{_DAY})(?:\s*[-–]\s*(?P<d2>{_DAY}))?\s+(?:of\s+)?(?P<m>{_MONTH})(?!\w)"
        rf"(?:,?\s+(?P<y>{_YEAR}){_NUM_END})?"
    ),
    "mdy": re.compile(
        rf"(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:\s*[-–]\s*(?P<d2>{_DAY}))?{_NUM_END}(?![:/][0-9])"
        rf"(?:,?\s+(?P<y>{_YEAR}){_NUM_END})?"
    ),
    "my": re.compile(rf"(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR}){_NUM_END}"),
    "month": re.compile(rf"(?P<m>{_FULL_MONTH})\b(?P<poss>['’]s\b)?"),
    "weekday": re.compile(r"(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w\-])"),
    "season": re.compile(
        rf"(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all)\b(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}){_NUM_END})?"
    ),
    "fiscal": re.compile(rf"(?:[Ff]iscal(?:\s+[Yy]ear)?\s+|FY\s?)(?P<y>{_YEAR}|[0-9]{{2}}){_NUM_END}"),
    "century": re.compile(r"[Cc]entury\b"),
}
# Words just before an anchor that belong in the span (searched in a short window).
_MOD_BEFORE = re.compile(r"(?<!\w)(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)(?:\s+|-)\Z")
_BOUND_BEFORE = re.compile(
    r"(?<!\w)(?P<bnd>[Aa]t\s+least|[Aa]round|[Cc]irca|[Aa]pproximately|[Rr]oughly)\s+\Z"
)
_SEASON_MOD_BEFORE = re.compile(
    r"(?<!\w)(?P<smod>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id)(?:\s+|-)\Z"
)
_CENTURY_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<mod>early|mid|late)(?:\s+|-))?"
    r"(?:(?P<c>1[0-9]|2[01]|[1-9])(?:st|nd|rd|th)|(?P<cw>"
    + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
    + r"))[\s-]+\Z",
    re.IGNORECASE,
)

# Words before a bare month that make it a date ("in March", "Last April's").
_MONTH_CONTEXT = frozenset(
    "in since by until till from during last next this of before after through throughout to "
    "for between early mid late each every".split()
)
_PERSON_TITLES = frozenset("mr mrs ms miss dr theresa sir lady lord".split())
# Capitalised words that may sit right before a year without making it part of a name.
_NAME_EXCEPTIONS = frozenset(
    "in since by until till from during last next this of before after through throughout to for "
    "between early mid late around about circa each every and or than on as into the its their his "
    "her our year fiscal christmas easter new spring summer autumn winter fall but".split()
)
_WEEKDAY_NAMES = frozenset("good black bloody super cyber man holy ash palm easter shrove".split())
_TIME_AFTER = re.compile(r"\s*(?:GMT|BST|UTC|[ECMP][SD]?T|hrs|hours|h\b|local\s+time)")
_PREV_WORD = re.compile(r"(\S+)\s+\Z")
_CONNECTOR = re.compile(r"\s*(?:[-–—]|to|until|till|through|thru|and)\s*\Z")
_LIST_JOIN = re.compile(r"\s*(?:,|and|or|,\s*and|,\s*or|to|-|–)\s*\Z")
_PERIOD_PREFIX = re.compile(r"(?<!\w)([Ff]rom|[Bb]etween)\s+\Z")
_DATELINE_PREFIX = re.compile(
    r"(?:\A|\n)[ \t]*(?:(?:date|dated|published|updated|posted)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\w*\.?,?\s+)?\Z",
    re.IGNORECASE,
)
_DATELINE_LABEL = re.compile(r"(?:date|dated|published|updated|posted)(?:\s+on)?\s*:?\s*\Z", re.IGNORECASE)
_DATELINE_REST = re.compile(
    r"[ \t,.|]*(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*\w{0,4})?[ \t]*(?:\n|\Z)"
)
_NEWSWIRE_AFTER = re.compile(r"\s*\((?:Reuters|AP|AFP|Xinhua|Yonhap|Bloomberg|UPI)\)")


@dataclass(frozen=True)
class _Atom:
    """One date expression before resolution: its span and the calendar parts it states."""

    start: int
    end: int
    precision: str  # day, month, year, weekday, season, decade, century
    y: int | None = None
    m: int | None = None
    d: int | None = None
    # The far end of a range stated inside one expression ("December 3-5", "2016-17").
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    bound: str = "exact"
    relative: str | None = None  # "last", "this", "next": how a yearless date resolves
    weak: bool = False  # only a date if a neighbouring date vouches for it
    confidence: float = 0.9


def _max_day(m: int, y: int | None) -> int:
    # Without a year, February 29 is possible.
    return calendar.monthrange(y if y is not None else 2000, m)[1]


def _day(s: str) -> int:
    return int(s.rstrip("stndrh"))


def _month(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _before(rx: re.Pattern, text: str, pos: int, window: int = 24) -> re.Match | None:
    """``rx`` (anchored with ``\\Z``) matched against the few characters just before ``pos``."""
    return rx.search(text, max(0, pos - window), pos)


def _prev_word(text: str, pos: int) -> str:
    """The token just before ``pos`` (punctuation included), looking back a short way only."""
    m = _before(_PREV_WORD, text, pos)
    return m.group(1) if m else ""


def _number_starts(text: str, pos: int) -> bool:
    """A number may start here: not glued to a word, a currency sign, a decimal or a designation."""
    if pos == 0:
        return True
    ch = text[pos - 1]
    return ch not in _NOT_BEFORE_NUMBER and not ch.isalnum()


def _word_starts(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum()


def _name_before(text: str, pos: int) -> bool:
    """A capitalised word right before a number names a thing: ``Euro 2004``, ``Windows 2000``."""
    prev = _prev_word(text, pos)
    if not prev or not prev[0].isupper() or not prev[-1].isalpha():
        return False
    low = prev.lower()
    return low not in _NAME_EXCEPTIONS and low not in MONTHS


def _next_is_capital(text: str, pos: int) -> bool:
    return pos + 1 < len(text) and text[pos] == " " and text[pos + 1].isupper()


def _starts_with_month(s: str) -> bool:
    word = re.match(r"[A-Za-z]+", s)
    return bool(word) and word.group(0).lower() in MONTHS


# ---------------------------------------------------------------------------------------
# Pass 1: atoms. Each function tries its forms at one anchor position.


_DIGIT_RUN = re.compile(r"[0-9]+")


def _at_digits(text: str, pos: int, run: int | None = None) -> Iterator[_Atom]:
    """Forms starting at the run of ``run`` digits at ``pos`` (all of them: the run is not followed
    by a digit). Every year form needs exactly four digits, since none may be followed by a word
    character; a day needs one or two. Other runs start no date."""
    if run is None:
        run = len(_DIGIT_RUN.match(text, pos).group())
    starts = _number_starts(text, pos)
    if run <= 2:
        m = _P["dmy"].match(text, pos)
        if m and starts:
            yield from _day_month(m, pos)
        return
    if run != 4:
        return
    mod = _before(_MOD_BEFORE, text, pos)
    m = _P["iso"].match(text, pos)
    if m and starts:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if 1 <= mo <= 12 and 1 <= d <= _max_day(mo, y):
            yield _Atom(pos, m.end(), "day", y, mo, d, confidence=0.95)
    m = _P["yrange"].match(text, pos)
    if m and starts and not _name_before(text, pos):
        y, raw2 = int(m["y"]), m["y2"]
        y2 = int(raw2) if len(raw2) == 4 else (y // 100) * 100 + int(raw2)
        if y2 > y and not (m["sep"] == "/" and y2 - y > 1):
            yield _Atom(pos, m.end(), "year", y, y2=y2, bound="range")
    m = _P["decade"].match(text, pos)
    if m and (starts or mod):
        y = int(m["y"])
        start = mod.start() if mod else pos
        yield _Atom(start, m.end(), "decade", y, y2=y + 9, bound="approx" if mod else "range")
    m = _P["year"].match(text, pos)
    if m:
        yield from _year(text, m, pos, starts, mod)


def _year(text: str, m: re.Match, pos: int, starts: bool, mod: re.Match | None) -> Iterator[_Atom]:
    y = int(m["y"])
    bnd = _before(_BOUND_BEFORE, text, pos)
    if bnd and starts:
        bound = "lower" if bnd["bnd"].lower().startswith("at") else "approx"
        yield _Atom(bnd.start(), m.end(), "year", y, bound=bound)
        return
    if mod:
        yield _Atom(mod.start(), m.end(), "year", y, bound="approx")
        return
    if not starts or _name_before(text, pos) or _TIME_AFTER.match(text, m.end()):
        return
    prev = _prev_word(text, pos).lower()
    old = y < 1800 and prev not in ("in", "since", "from", "of", "until", "by", "before", "after")
    yield _Atom(pos, m.end(), "year", y, weak=old, confidence=0.8)


def _day_month(m: re.Match, pos: int) -> Iterator[_Atom]:
    mo, d = _month(m["m"]), _day(m["d"])
    y = int(m["y"]) if m["y"] else None
    if d > _max_day(mo, y):
        return
    if not m["d2"]:
        yield _Atom(pos, m.end(), "day", y, mo, d)
        return
    d2 = _day(m["d2"])
    if d < d2 <= _max_day(mo, y):
        yield _Atom(pos, m.end(), "day", y, mo, d, y2=y, m2=mo, d2=d2, bound="range")


def _at_month(text: str, pos: int) -> Iterator[_Atom]:
    prev = _prev_word(text, pos).rstrip(".").lower()
    if prev in _PERSON_TITLES:
        return  # "Theresa May", "Mrs May"
    mod = _before(_MOD_BEFORE, text, pos)
    m = _P["mdy"].match(text, pos)
    if m:
        yield from _day_month(m, pos)
    m = _P["my"].match(text, pos)
    if m:
        start = mod.start() if mod else pos
        yield _Atom(start, m.end(), "month", int(m["y"]), _month(m["m"]), bound="approx" if mod else "exact")
    m = _P["month"].match(text, pos)
    if m:
        yield _bare_month(text, m, pos, prev, mod)


def _bare_month(text: str, m: re.Match, pos: int, prev: str, mod: re.Match | None) -> _Atom:
    """``in March``, ``early December``, ``December's``: month precision, year from context."""
    name = m["m"]
    strong = bool(mod or m["poss"]) or prev in _MONTH_CONTEXT
    if name == "May" and not mod and prev in ("to", "by", "for") and _next_is_capital(text, m.end("m")):
        strong = False  # "a letter to May Gurney"
    return _Atom(
        mod.start() if mod else pos,
        m.end("m"),
        "month",
        None,
        MONTHS[name.lower()],
        bound="approx" if mod else "exact",
        relative=prev if prev in ("last", "next", "this") else None,
        weak=not strong,
        confidence=0.85,
    )


def _at_weekday(text: str, pos: int) -> Iterator[_Atom]:
    m = _P["weekday"].match(text, pos)
    if not m:
        return
    prev = _prev_word(text, pos)
    prev_l = prev.lower()
    if prev_l in _WEEKDAY_NAMES:
        return  # "Good Friday", "Black Monday"
    after = text[m.end() : m.end() + 12]
    if len(after) > 1 and after[0] == " " and after[1].isupper() and not _starts_with_month(after[1:]):
        return  # "Sunday Times", "Monday Night Football"
    if prev_l == "on" and _prev_word(text, pos - len(prev) - 1).lower() in ("mail", "independent"):
        return  # "Mail on Sunday"
    relative = prev_l if prev_l in ("last", "next", "this") else None
    yield _Atom(pos, m.end(), "weekday", d=WEEKDAYS[m["w"].lower()], relative=relative, confidence=0.8)


def _at_season(text: str, pos: int) -> Iterator[_Atom]:
    m = _P["season"].match(text, pos)
    if not m:
        return
    smod = _before(_SEASON_MOD_BEFORE, text, pos)
    mod = smod["smod"].lower() if smod else ""
    y = int(m["y"]) if m["y"] else None
    if y is None and mod not in ("last", "this", "next"):
        return  # "in the summer", "winter Olympics", "prices fall": too vague or not a date
    approx = mod in ("early", "late", "mid")
    yield _Atom(
        smod.start() if approx else pos,
        m.end(),
        "season",
        y,
        SEASONS[m["s"].lower()],
        bound="approx" if approx else "exact",
        relative=mod if mod in ("last", "this", "next") else None,
    )


def _at_fiscal(text: str, pos: int) -> Iterator[_Atom]:
    m = _P["fiscal"].match(text, pos)
    if m:
        raw = m["y"]
        yield _Atom(pos, m.end(), "year", int(raw) if len(raw) == 4 else 2000 + int(raw))


def _at_century(text: str, pos: int) -> Iterator[_Atom]:
    m = _P["century"].match(text, pos)
    before = _before(_CENTURY_BEFORE, text, pos, 40) if m else None
    if not before:
        return
    c = int(before["c"]) if before["c"] else ORDINAL_WORDS[before["cw"].lower()]
    first = (c - 1) * 100
    bound = "approx" if before["mod"] else "range"
    yield _Atom(before.start(), m.end(), "century", first, y2=first + 99, bound=bound)


_DISPATCH = {
    **{name: _at_month for name in MONTHS},
    **{name: _at_weekday for name in WEEKDAYS},
    **{name: _at_season for name in SEASONS},
    "fy": _at_fiscal,
    "fiscal": _at_fiscal,
    "century": _at_century,
}


def _atoms(text: str) -> list[_Atom]:
    """All atoms, overlaps settled: earliest start first, then the longest."""
    found: list[_Atom] = []
    for anchor in _ANCHOR.finditer(text):
        pos = anchor.start()
        word = anchor.group()
        if word[0].isdigit():
            found.extend(_at_digits(text, pos, len(word)))
        elif _word_starts(text, pos):
            found.extend(_DISPATCH[word.lower()](text, pos))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[_Atom] = []
    last_end = -1
    for a in found:
        if a.start >= last_end:
            kept.append(a)
            last_end = a.end
    return [a for a in kept if not _is_dateline(text, a)]


def _is_dateline(text: str, a: _Atom) -> bool:
    """The article's own date at its head (``date 2024-01-03``, ``Tue Aug 15 2023``) or wire dateline."""
    if _NEWSWIRE_AFTER.match(text, a.end):
        return True
    if a.precision not in ("day",):
        return False
    before = text[max(0, a.start - 40) : a.start]
    if not _DATELINE_PREFIX.search(before):
        return False
    if _DATELINE_LABEL.search(before):
        return True
    return bool(_DATELINE_REST.match(text, a.end))


# ---------------------------------------------------------------------------------------
# Pass 2: periods and promotion of weak atoms.


def _combine(a: _Atom, b: _Atom, start: int) -> _Atom | None:
    """``a`` to ``b`` as one period atom, or None when they do not make a sensible range."""
    if a.precision != b.precision or a.precision not in ("day", "month", "year"):
        return None
    if a.bound != "exact" or b.bound != "exact" or a.y2 or b.y2 or a.m2 or b.m2:
        return None
    if a.precision == "year":
        if b.y <= a.y:
            return None
        return _Atom(start, b.end, "year", a.y, y2=b.y, bound="range", confidence=0.9)
    ya, yb = a.y, b.y
    key_a, key_b = (a.m, a.d or 0), (b.m, b.d or 0)
    if ya is None and yb is not None:
        ya = yb if key_a <= key_b else yb - 1
    elif yb is None and ya is not None:
        yb = ya if key_b >= key_a else ya + 1
    if ya is not None and (ya, *key_a) >= (yb, *key_b):
        return None
    return _Atom(
        start,
        b.end,
        a.precision,
        ya,
        a.m,
        a.d,
        y2=yb,
        m2=b.m,
        d2=b.d,
        bound="range",
        relative=b.relative,
        confidence=0.9,
    )


def _periods(text: str, atoms: list[_Atom]) -> list[_Atom]:
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and b.start - a.end <= 12:
            gap = text[a.end : b.start]
            if _CONNECTOR.match(gap):
                prefix = _PERIOD_PREFIX.search(text, max(0, a.start - 10), a.start)
                is_and = gap.strip() == "and"
                if not is_and or (prefix and prefix.group(1).lower() == "between"):
                    start = prefix.start(1) if prefix else a.start
                    period = _combine(a, b, start)
                    if period is not None:
                        out.append(period)
                        i += 2
                        continue
            if _LIST_JOIN.match(gap) and (a.weak != b.weak):
                # "January and February", "2000 and 2003": a strong date vouches for its neighbour.
                a, b = replace(a, weak=False), replace(b, weak=False)
                atoms[i + 1] = b
        out.append(a)
        i += 1
    return [a for a in out if not a.weak]


# ---------------------------------------------------------------------------------------
# Pass 3: resolution against the publication date, and claims.


def _resolve_year(m: int, d: int | None, pub: dt.date, relative: str | None) -> int:
    """The year of the most recent (month, day) on or before ``pub`` (after it for "next")."""
    key, now = (m, d or 0), (pub.month, pub.day if d else 0)
    if relative == "next":
        y = pub.year if key > now else pub.year + 1
    elif relative == "last":
        y = pub.year if key < now else pub.year - 1
    else:
        y = pub.year if key <= now else pub.year - 1
    while d and d > _max_day(m, y):  # February 29
        y += 1 if relative == "next" else -1
    return y


def _weekday_date(wd: int, pub: dt.date, relative: str | None) -> dt.date:
    back = (pub.weekday() - wd) % 7
    if relative == "next":
        return pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    if relative == "last" and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def _season_year(first_month: int, pub: dt.date, relative: str | None) -> int:
    """The year a yearless season starts in: the latest one begun by ``pub`` ("last": ended)."""
    begun = pub.year if pub.month >= first_month else pub.year - 1
    if relative == "next":
        return begun + 1
    if relative == "last":
        end_month = first_month + 2
        ended = (pub.year, pub.month) > ((begun + (end_month > 12)), (end_month - 1) % 12 + 1)
        return begun if ended else begun - 1
    return begun


def _iso_parts(y: int | None, m: int | None = None, d: int | None = None) -> str:
    if y is None:
        return f"--{m:02d}" + (f"-{d:02d}" if d else "")
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else "")


def _resolve(a: _Atom, pub: dt.date | None) -> tuple[str, str | None, bool]:
    """(date_start, date_end, resolved) for an atom.

    A resolution that would leave the calendar's range (year 1 to 9999: "next Monday" in an
    article dated 9999-12-31, "December 3" in one dated 0001-01-01) leaves the atom
    unresolved, as without a publication date, instead of failing."""
    if pub is None:
        return _resolve_against(a, None)
    try:
        start, end, resolved = _resolve_against(a, pub)
    except (OverflowError, ValueError):  # past date.min/date.max, or year 0 in the calendar module
        return _resolve_against(a, None)
    if resolved and not (_in_calendar(start) and (end is None or _in_calendar(end))):
        return _resolve_against(a, None)
    return start, end, resolved


def _in_calendar(iso: str) -> bool:
    """Does an ISO date string we wrote name a year datetime can represent (0001-9999)?"""
    year = iso.split("-", 1)[0]
    return year.isdigit() and len(year) == 4 and year != "0000"


def _resolve_against(a: _Atom, pub: dt.date | None) -> tuple[str, str | None, bool]:
    p = a.precision
    if p in ("decade", "century"):
        return str(a.y), str(a.y2), True
    if p == "year":
        return str(a.y), (str(a.y2) if a.y2 else None), True
    if p == "weekday":
        if pub is None:
            return f"-W-{a.d + 1}", None, False
        return _weekday_date(a.d, pub, a.relative).isoformat(), None, True
    if p == "season":
        y = a.y
        if y is None and pub is not None:
            y = _season_year(a.m, pub, a.relative)
        last = a.m + 2
        end_y = None if y is None else y + (last > 12)
        return _iso_parts(y, a.m), _iso_parts(end_y, (last - 1) % 12 + 1), y is not None
    # day or month, possibly a range
    y, y2 = a.y, a.y2
    is_range = a.m2 is not None
    if y is None and pub is not None:
        if is_range:
            y2 = _resolve_year(a.m2, a.d2 if p == "day" else None, pub, a.relative)
            y = y2 if (a.m, a.d or 0) <= (a.m2, a.d2 or 0) else y2 - 1
        else:
            y = _resolve_year(a.m, a.d if p == "day" else None, pub, a.relative)
    start = _iso_parts(y, a.m, a.d if p == "day" else None)
    end = _iso_parts(y2 if y2 is not None else y, a.m2, a.d2) if is_range else None
    return start, end, y is not None


def _claim(text: str, a: _Atom, pub: dt.date | None) -> Claim:
    start, end, resolved = _resolve(a, pub)
    is_period = a.bound == "range" or a.precision in ("decade", "century")
    return Claim(
        kind="period" if is_period else "date",
        char_start=a.start,
        char_end=a.end,
        quote=text[a.start : a.end],
        bound=a.bound,
        date_start=start,
        date_end=end,
        date_precision=a.precision,
        resolved=resolved,
        extractor=NAME,
        extractor_version=VERSION,
        confidence=a.confidence,
    )


def find_dates(text: str, published: dt.date | None = None) -> list[Claim]:
    """Every date and period in ``text``, resolved against ``published`` when given."""
    return [c for c in _dates(text, published) if isinstance(c, Claim)]


def _dates(text: str, published: dt.date | None) -> Iterator[Claim | Fault]:
    """Claims, with a :class:`Fault` in place of any one that could not be built: a bad
    rule loses that date, not the document's other dates."""
    atoms = _periods(text, _atoms(text))
    for a in atoms:
        try:
            claim = _claim(text, a, published)
        except Exception as exc:  # containment: one atom's failure costs its claim only
            yield Fault(NAME, VERSION, a.start, describe(exc))
            continue
        yield claim


@register(NAME, VERSION, "Dates and periods: days, months, years, weekdays, seasons, decades, ranges")
def run(ctx: Context) -> list[Claim | Fault]:
    published = ctx.published
    if isinstance(published, dt.datetime):
        published = published.date()
    return list(_dates(ctx.text, published))
