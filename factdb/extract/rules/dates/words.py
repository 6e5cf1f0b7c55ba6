"""Numbers written in words, as dates use them.

- a day of the month: ``first``, ``ninth``, ``twenty-seventh``, ``twenty second``, and the
  cardinals ``twenty nine``, ``fifteen``;
- a year: ``nineteen eighty six``, ``nineteen oh five``, ``twenty twenty``, ``nineteen hundred
  ninety three``, ``seventeen hundred thirty three``, ``two thousand``, ``two thousand and
  fifteen``.

Words are read with one short token regex and looked up in dicts, so nothing here compiles a
long alternation at import. Whether a worded number is a date at all is for the caller
(:mod:`.forms`) to decide from what stands around it: these functions only read numbers.
"""

from __future__ import annotations

import re

UNITS = {w: i for i, w in enumerate("one two three four five six seven eight nine".split(), 1)}
TEENS = {
    w: i
    for i, w in enumerate(
        "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), 10
    )
}
TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
ORD_UNITS = {
    w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth".split(), 1)
}
ORD_TEENS = {
    w: i
    for i, w in enumerate(
        (
            "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
            "eighteenth nineteenth"
        ).split(),
        10,
    )
}
ORD_TENS = {"twentieth": 20, "thirtieth": 30}
NUMBER_WORDS = frozenset({*UNITS, *TEENS, *TENS, *ORD_UNITS, *ORD_TEENS, *ORD_TENS})

# One word, and what joins it to the next: spaces or a hyphen ("twenty-seventh", "twenty nine").
_TOKEN = re.compile(r"([A-Za-z]+)([ \t]+|[ \t]*-[ \t]*)?")


# The words a year in words starts with ("two thousand", "nineteen ...", "twenty ...").
YEAR_FIRST = frozenset({"two", "twenty", *TEENS})
_FIRST = re.compile(r"[A-Za-z]+")


def _first_word(text: str, pos: int) -> str:
    m = _FIRST.match(text, pos)
    return m.group().lower() if m else ""


def _tokens(text: str, pos: int, limit: int = 7) -> list[tuple[str, int]]:
    """Up to ``limit`` words from ``pos``: (lower-case word, end offset), stopping at anything
    that is not a space or hyphen between words."""
    out: list[tuple[str, int]] = []
    while len(out) < limit:
        m = _TOKEN.match(text, pos)
        if not m:
            break
        out.append((m.group(1).lower(), m.end(1)))
        if not m.group(2):
            break
        pos = m.end()
    return out


def _below_100(toks: list[tuple[str, int]], i: int) -> tuple[int, int] | None:
    """A cardinal 1-99 at token ``i``: (value, index after it)."""
    if i >= len(toks):
        return None
    w = toks[i][0]
    if w in TENS:
        if i + 1 < len(toks) and toks[i + 1][0] in UNITS:
            return TENS[w] + UNITS[toks[i + 1][0]], i + 2
        return TENS[w], i + 1
    if w in TEENS:
        return TEENS[w], i + 1
    if w in UNITS:
        return UNITS[w], i + 1
    return None


def _compound_after(text: str, end: int) -> bool:
    """Does a hyphen join the number to a word after it ("two-fold", "twenty-year-old")?"""
    return text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha()


def day_words(text: str, pos: int) -> tuple[int, int, bool] | None:
    """A day of the month in words at ``pos``: (day 1-31, end offset, ordinal?)."""
    if _first_word(text, pos) not in NUMBER_WORDS:
        return None  # the common case, settled without reading further
    found = _day_words(text, pos)
    return None if found is None or _compound_after(text, found[1]) else found


def _day_words(text: str, pos: int) -> tuple[int, int, bool] | None:
    toks = _tokens(text, pos, 2)
    if not toks:
        return None
    w, end = toks[0]
    if w in ORD_UNITS or w in ORD_TEENS or w in ORD_TENS:
        return {**ORD_UNITS, **ORD_TEENS, **ORD_TENS}[w], end, True
    if w in ("twenty", "thirty") and len(toks) > 1:
        nxt, end2 = toks[1]
        if nxt in ORD_UNITS:
            day = TENS[w] + ORD_UNITS[nxt]
            return (day, end2, True) if day <= 31 else None
        if nxt in UNITS:
            day = TENS[w] + UNITS[nxt]
            return (day, end2, False) if day <= 31 else None
    n = _below_100(toks[:1], 0)
    if n and 1 <= n[0] <= 31:
        return n[0], end, False
    return None


def year_words(text: str, pos: int) -> tuple[int, int] | None:
    """A year in words at ``pos`` (1000-2099): (year, end offset)."""
    if _first_word(text, pos) not in YEAR_FIRST:
        return None
    found = _year_words(text, pos)
    return None if found is None or _compound_after(text, found[1]) else found


def _year_words(text: str, pos: int) -> tuple[int, int] | None:
    toks = _tokens(text, pos, 6)
    if len(toks) < 2:
        return None
    w0, w1 = toks[0][0], toks[1][0]
    if w0 == "two" and w1 == "thousand":  # two thousand (and) fifteen
        i = 2
        if i < len(toks) and toks[i][0] == "and":
            i += 1
        rest = _below_100(toks, i)
        if rest:
            return 2000 + rest[0], toks[rest[1] - 1][1]
        return 2000, toks[1][1]
    century = TEENS.get(w0) or (20 if w0 == "twenty" else None)
    if century is None:
        return None
    if w1 == "hundred":  # nineteen hundred (and) ninety three, seventeen hundred
        i = 2
        if i < len(toks) and toks[i][0] == "and":
            i += 1
        rest = _below_100(toks, i)
        if rest:
            y, end = century * 100 + rest[0], toks[rest[1] - 1][1]
        else:
            y, end = century * 100, toks[1][1]
    elif w1 in ("oh", "o") and len(toks) > 2 and toks[2][0] in UNITS:  # nineteen oh five
        y, end = century * 100 + UNITS[toks[2][0]], toks[2][1]
    else:
        rest = _below_100(toks, 1)
        if not rest or rest[0] < 10:  # "nineteen five" is no year
            return None
        y, end = century * 100 + rest[0], toks[rest[1] - 1][1]
    return (y, end) if 1000 <= y <= 2099 else None
