"""Named days with their year written: ``Christmas 2014``, ``Easter 2018``, ``Black Friday
2010``, ``St. Patrick's Day, 2020``, ``Thanksgiving of 1999``.

Only with a year: a bare "Christmas" has no digit or month name (the contract's gold files do
not score such dates) and "Easter" alone is as often the season as the day. The name is found
from the year after it (the digit scan of :mod:`.forms`), so no holiday word is scanned for.

The table holds days whose date every English-language calendar agrees on (fixed dates, the
Western Easter and the days counted from it) and the United States' Thanksgiving with the days
named after it, which news in English uses under those names. Days that differ by country
(Labour Day, Mother's Day, Independence Day) are left out: their date depends on a place the
text may not state.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from factdb.extract.rules.patterns import lazy_re


def easter(y: int) -> dt.date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def thanksgiving(y: int) -> dt.date:
    """United States Thanksgiving: the fourth Thursday of November."""
    first = dt.date(y, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def _fixed(m: int, d: int) -> Callable[[int], dt.date]:
    return lambda y: dt.date(y, m, d)


def _after(base: Callable[[int], dt.date], days: int) -> Callable[[int], dt.date]:
    return lambda y: base(y) + dt.timedelta(days=days)


# lower-case name (apostrophes straight, "st" for "saint") -> the day in a given year
HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "boxing day": _fixed(12, 26),
    "new year's day": _fixed(1, 1),
    "new year's eve": _fixed(12, 31),
    "valentine's day": _fixed(2, 14),
    "st patrick's day": _fixed(3, 17),
    "st patrick": _fixed(3, 17),
    "st patricks day": _fixed(3, 17),
    "april fools' day": _fixed(4, 1),
    "april fool's day": _fixed(4, 1),
    "earth day": _fixed(4, 22),
    "halloween": _fixed(10, 31),
    "easter": easter,
    "easter sunday": easter,
    "easter day": easter,
    "good friday": _after(easter, -2),
    "easter monday": _after(easter, 1),
    "ash wednesday": _after(easter, -46),
    "thanksgiving": thanksgiving,
    "thanksgiving day": thanksgiving,
    "black friday": _after(thanksgiving, 1),
    "cyber monday": _after(thanksgiving, 4),
}

# The name's last word, checked before the look-back regex runs (most years follow no name).
_LAST_WORDS = frozenset(n.rsplit(" ", 1)[-1] for n in HOLIDAYS) | {"day's"}
# The name, then what may stand between it and the year: ", " / " of " / " in ".
_NAME_BEFORE = lazy_re(
    r"(?<![\w'’])(?P<h>(?:(?:st\.?|saint)\s+)?[a-z]+(?:['’]s?)?(?:\s+[a-z]+['’]?s?){0,2})"
    r"(?:[ \t]*,)?[ \t]+(?:(?:of|in)[ \t]+)?\Z",
    re.IGNORECASE,
)


def _key(name: str) -> str:
    low = " ".join(name.lower().replace("’", "'").split())
    return re.sub(r"^(?:st\.?|saint) ", "st ", low)


def holiday_before(text: str, pos: int) -> tuple[int, Callable[[int], dt.date]] | None:
    """A named day just before the year at ``pos``: (where its name starts, its date by year)."""
    # the word before the year, found with C-level string calls: most years follow no name
    end = pos - 1
    if end < 1 or text[end] not in " \t,":
        return None
    while end > 0 and text[end - 1] in " \t,":
        end -= 1
    word = text[text.rfind(" ", max(0, end - 14), end) + 1 : end].lower()
    if word in ("of", "in"):
        end -= len(word) + 1
        word = text[text.rfind(" ", max(0, end - 14), end) + 1 : end].lower()
    if word.replace("’", "'") not in _LAST_WORDS:
        return None
    m = _NAME_BEFORE.search(text, max(0, pos - 32), pos)
    if not m:
        return None
    name = m["h"]
    # the longest name that ends the match: "Good Friday" before "Friday", "St. Patrick's Day"
    parts = name.split()
    while parts and parts[-1].lower() in ("of", "in"):
        parts.pop()
    for i in range(len(parts)):
        key = _key(" ".join(parts[i:]))
        if key in HOLIDAYS:
            return m.start("h") + _word_offset(name, i), HOLIDAYS[key]
    return None


def _word_offset(s: str, i: int) -> int:
    """Offset of the ``i``-th whitespace-separated word of ``s``."""
    for n, m in enumerate(re.finditer(r"\S+", s)):
        if n == i:
            return m.start()
    return 0
