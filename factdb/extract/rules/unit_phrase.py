"""Unit phrases: the unit written after a number, read against the unit table.

Stage 2 of the grammar (see :mod:`.mention`): ``_unit_at(text, e)`` reads the unit phrase at
``e`` (up to four pieces, longest first, a dict lookup in :data:`.units.UNITS`, which holds the
hand-written news forms over the forms generated from Pint) and applies the case and spacing
rules of short forms ("4GB" not "4 gb"; spaced "100 m" only before a clause end or a measuring
word).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import units as U
from .patterns import lazy_re

# A unit phrase: up to four pieces joined by a space or hyphen, read longest first against the
# unit table (a dict lookup; an alternation of ~900 forms cost 40 ms to compile at start-up).
# A unit ends where no word character, "/", "²" or "³" follows ("5km/h" is no "km").
_UNIT_PIECE = r"[^\W\d_][\w./°º²³µμ·]*|[°º℃℉][\w.]*"
_UNIT_TOKEN = lazy_re(rf"(?P<sp>\s*-\s*|\s*)(?P<u>(?:{_UNIT_PIECE})(?:[ -](?:{_UNIT_PIECE})){{0,3}})")
_UNIT_END_BAD = frozenset("/²³")
_UNIT_CUT = lazy_re(r"[^\w/²³]")
_UNIT_BRACKET = lazy_re(r"[ \t]?(?P<b>[(\[{<])")
_CLOSING = {"(": ")", "[": "]", "{": "}", "<": ">"}
_UNIT_PER = lazy_re(r"/(?=[^\W\d_])")


class _UnitMatch:
    """The unit phrase at a position, with the ``group``/``start``/``end`` of a regex match."""

    __slots__ = ("_sp", "_u", "_s", "_e", "_u0")

    def __init__(self, sp: str, u: str, start: int, u0: int, end: int):
        self._sp, self._u, self._s, self._u0, self._e = sp, u, start, u0, end

    def group(self, name: str = "u") -> str:
        return self._sp if name == "sp" else self._u

    def start(self, name: str | None = None) -> int:
        return self._u0 if name == "u" else self._s

    def end(self, name: str | None = None) -> int:
        return self._e


class _UnitReader:
    def match(self, text: str, pos: int) -> _UnitMatch | None:
        bm = _UNIT_BRACKET.match(text, pos)
        if bm is not None:  # "20 (kg)", "20 [kg]": a unit alone in brackets
            inner = self._read(text, bm.end())
            if inner is not None and text[inner.end() : inner.end() + 1] == _CLOSING[bm.group("b")]:
                return _UnitMatch(bm.group(0)[: -1], inner.group("u"), pos, inner.start("u"), inner.end() + 1)
        return self._read(text, pos)

    def _read(self, text: str, pos: int) -> _UnitMatch | None:
        tm = _UNIT_TOKEN.match(text, pos)
        if tm is None:
            return None
        u0, u1 = tm.start("u"), tm.end("u")
        tok = tm.group("u")
        end_ok = u1 >= len(text) or not (text[u1].isalnum() or text[u1] in _UNIT_END_BAD)
        n = _unit_length(tok, end_ok)
        if n == 0:
            return None
        return _UnitMatch(tm.group("sp"), tok[:n], pos, u0, u0 + n)


@lru_cache(maxsize=16384)
def _unit_length(tok: str, end_ok: bool) -> int:
    """How many characters of ``tok`` are the longest unit it starts with (0: none). A unit can
    end only at the token's end (when ``end_ok``) or before a separator inside it ("m." -> "m");
    before "/" too when a word follows ("centimeters/millisecond": the rate is read in
    composition)."""
    cuts = [len(tok)] if end_ok else []
    cuts += [c.start() for c in _UNIT_CUT.finditer(tok)][::-1]
    if "/" in tok:
        cuts += [c.start() for c in _UNIT_PER.finditer(tok)][::-1]
    for cut in cuts:
        if cut > 0 and _unit_key(tok[:cut]) is not None:
            return cut
    return 0


_UNIT = _UnitReader()
_CLAUSE_END_AFTER = lazy_re(r"[ \t]*(?:[.;!?)]|$|\r?\n)")
# a word between a number and its duration unit that keeps the number's value ("2 more minutes",
# "47 continuous years", "six consecutive months", "three straight days", "12 long years")
_EXTRA_BEFORE_UNIT = lazy_re(
    r"\s+(?:more|additional|extra|further|less|fewer|consecutive|straight|successive|continuous|"
    r"uninterrupted|unbroken|full|whole|long|solid)(?=\s)",
    re.IGNORECASE,
)
_SPACED_SHORT_NEXT = lazy_re(U.SPACED_SHORT_NEXT, re.IGNORECASE)


def _unit_at(text: str, e: int) -> re.Match | None:
    """The unit written at ``e``, if its case and spacing allow it to be one: "4GB" not "4 gb",
    "5 in 10" is no inch, spaced "100 m" only before "tall", "of", a clause end..."""
    if _UNIT_AT_LAST[0] is text and _UNIT_AT_LAST[1] == e:
        return _UNIT_AT_LAST[2]  # the classify stage asks up to four times per figure
    um = _unit_at_uncached(text, e)
    _UNIT_AT_LAST[:] = [text, e, um]
    return um


_UNIT_AT_LAST: list = [None, -1, None]


def _unit_at_uncached(text: str, e: int) -> re.Match | None:
    um = _UNIT.match(text, e)
    if um is None:
        return None
    written = um.group("u")
    u = _unit_key(written) or written.lower()
    if u in U.CASED_FORMS:
        if written not in U.CASED_FORMS[u]:
            return None
    elif len(u) <= 2 and u in U.ATTACHED_ONLY and written != u:
        return None  # "5G", "4M": not grams or metres
    if u in U.ATTACHED_ONLY and um.group("sp") != "":
        if "-" in um.group("sp") or (u in U.STRICT_ATTACHED and not (u == "in" and _CLAUSE_END_AFTER.match(text, um.end()))
                                     and not (u in ("c", "f") and text[um.end() : um.end() + 1] == ")")):
            # spaced "in" is an inch only where the clause ends: "above 5 in."; a spaced "C" or "F"
            # only closing a bracket ("53 degrees (12 C)"; measures checks the temperature before it)
            return None
        if _SPACED_SHORT_NEXT.match(text, um.end()) is None:
            return None
    return um


@lru_cache(maxsize=8192)
def _unit_key(u: str) -> str | None:
    """The table key of a unit as matched: "Nautical-Mile" -> "nautical mile"."""
    low = u.lower()
    if low in U.UNITS:
        return low
    low = " ".join(low.replace("-", " ").split())
    return low if low in U.UNITS else None
