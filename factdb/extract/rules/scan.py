"""The pass: every numeric mention in a text, read once and shared by three extractors.

The ``quantities``, ``money`` and ``counts`` extractors all ask :func:`analysis` (cached per
text), so a number is read once and claimed by exactly one kind: "5m" is five million
dollars after a ``$``, five million people before "people", and five metres otherwise.

Per block of text between blank lines (a blank line is a boundary no figure reads across),
:data:`.figure.MASTER` finds each figure and :func:`.kinds.classify` reads what it measures;
then the side finders (:mod:`.side_finders`) add what the one regex does not start on, and
:func:`.composition.compose` joins mentions (ranges with a unit on each end, composite
amounts). The sorted mentions go to :mod:`.build`, which makes contract claims of them.
Work is linear in the text length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import kinds
from .composition import compose
from .currency import _known_code, currency_of_sign
from .figure import MASTER, figure_search, neg_start
from .mention import Mention
from .patterns import lazy_re
from .ranges import broken_range
from .side_finders import (
    _drop_rate_footers,
    _inherit_parenthesised_bounds,
    _multiplier_words,
    _race_times,
    _ratios,
    _side_finders,
    unfolded,
)

# a written fraction ("1/4 mile") is kept only as a measure: "24/7", "9/11" are no figures
SLASH_KINDS = {"distance", "altitude", "speed", "weight", "duration", "other_quantity"}


@dataclass(frozen=True)
class Analysis:
    mentions: tuple[Mention, ...]
    faults: tuple[tuple[int | None, str], ...]  # (offset or None, "ExcType: message") per failure


def analyse(text: str) -> tuple[Mention, ...]:
    """Every numeric mention in ``text``, each claimed by one kind, in text order."""
    return analysis(text).mentions


@lru_cache(maxsize=8)
def analysis(text: str) -> Analysis:
    """:func:`analyse` with the failures met on the way.

    Containment: an exception while reading one match costs that match (a fault at its
    offset) and the pass goes on; one in a whole-text finder costs that finder's mentions.
    """
    from factdb.extract.registry import describe  # the registry imports rules lazily: no cycle

    out: list[Mention] = []
    faults: list[tuple[int | None, str]] = []
    for b0, b1 in _blocks(text):
        # a blank line is a boundary: no number reads a unit or a word across it
        block = text if (b0, b1) == (0, len(text)) else text[b0:b1]
        pos = 0
        search = figure_search(block)
        while (m := search(pos)) is not None:
            pos = m.end()
            cur = m.group("cur")
            if cur and not _known_code(cur):
                pos = m.start("num")  # "ABC 5": no currency, read the number
                continue
            try:
                found = kinds.classify(block, m)
                if m.group("slash"):
                    found = [x for x in found if x.kind in SLASH_KINDS]
                if neg_start(m) is not None:
                    found = _signed(found)
                for x in found:
                    if b0:
                        x.start += b0
                        x.end += b0
                        x.num_start += b0
                        x.num_end += b0
                    out.append(x)
                if m.group("num2") is not None and broken_range(block, m):
                    # "rose 32,000 to 1.41 million": no range, so the second figure is read on its own
                    pos = m.start("cur2") if m.group("cur2") else m.start("num2")
            except Exception as exc:  # no one match may end the pass
                faults.append((b0 + m.start(), describe(exc)))
        if "$" in block:
            try:
                _code_dollars(block, b0, out)
            except Exception as exc:  # noqa: BLE001 - contained like a match
                faults.append((b0, describe(exc)))
    low = None if unfolded(text) else text.lower()

    def guarded(step, *args) -> None:
        try:
            step(*args)
        except Exception as exc:  # a finder's bug costs its own mentions only
            faults.append((None, describe(exc)))

    guarded(_side_finders, text, out, low)
    if low is None or "fold" in low:
        guarded(_multiplier_words, text, out)
    if ":" in text:
        guarded(_race_times, text, out)
    if low is None or " in " in low:
        guarded(_ratios, text, out)
    out.sort(key=lambda x: (x.start, x.end))
    if "=" in text:
        guarded(_drop_rate_footers, text, out)
    guarded(compose, text, out)
    guarded(_inherit_parenthesised_bounds, text, out)
    return Analysis(tuple(out), tuple(faults))


_CODE_DOLLAR = lazy_re(r"(?<![\w$])(?P<p>usd|aud|cad|nzd|mxn|mex)\$$", re.IGNORECASE)


def _code_dollars(block: str, b0: int, out: list[Mention]) -> None:
    """ "usd$ 15", "nzd$15": a code glued to "$" (MASTER starts no number inside a word)."""
    i = block.find("$")
    while i >= 0:
        cm = _CODE_DOLLAR.search(block, max(0, i - 4), i + 1) if i and block[i - 1].isalpha() else None
        if cm is not None:
            sub = block[i:]
            m = MASTER.match(sub)
            if m is not None and m.group("cur"):
                for x in kinds.classify(sub, m):
                    if x.kind == "money":
                        x.currency = x.unit = currency_of_sign(cm.group("p") + "$")
                        x.start, x.end = b0 + cm.start(), b0 + i + x.end
                        x.num_start += b0 + i
                        x.num_end += b0 + i
                        out.append(x)
        i = block.find("$", i + 1)


_BLANK_LINE = lazy_re(r"\n[ \t\r\f\v]*\n")


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of text between blank lines."""
    if "\n" not in text:
        return [(0, len(text))]
    out, at = [], 0
    for bl in _BLANK_LINE.finditer(text):
        out.append((at, bl.start()))
        at = bl.end()
    out.append((at, len(text)))
    return out


def _signed(found: list[Mention]) -> list[Mention]:
    """A number written with a minus sign: a change or a temperature, never a count or an age;
    negative temperatures are the negative-temperature finder's ("-10C" needs its context test)."""
    return [x for x in found if x.kind not in ("count", "casualties", "age") and x.unit not in ("celsius", "fahrenheit")]



