"""Curated domain rules that name what a number measures: ``attribute`` and ``subject``.

The rules are data (``factdb/extract/data/attributes.json``); this module compiles them once
and matches each claim against a window of words around its span, inside its sentence.
Also here: sentence splitting, shared by the attribution step.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .patterns import lazy_re

DATA = Path(__file__).resolve().parent.parent / "data" / "attributes.json"


def _rx(words: list[str]) -> lazy_re:
    return lazy_re(_first_chars(words) + r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)


def _first_chars(words: list[str]) -> str:
    """A lookahead on the letters the alternatives can start with, so the engine rejects most
    positions on one character; "" (no guard) unless every alternative plainly starts with a
    letter (no group, no alternation, no quantifier on that letter, balanced brackets)."""
    if not words or not all(
        re.fullmatch(r"[A-Za-z](?![?*{])[^|()]*", w) and w.count("[") == w.count("]") for w in words
    ):
        return ""
    return "(?=[" + "".join(sorted({w[0].lower() for w in words})) + "])"


@dataclass(frozen=True)
class Rule:
    attribute: str
    kinds: frozenset
    units: frozenset | None
    participles: frozenset | None
    all: tuple
    none: tuple
    subject: str
    labels: tuple
    label_default: str
    first_words: tuple = ()  # the words of ``all[0]``, for :func:`_first_words_rx`


def _load():
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    labels = {
        name: tuple((_rx(rx.split("|")), lab) for rx, lab in pairs)
        for name, pairs in raw.get("labels", {}).items()
    }
    rules = []
    for r in raw["rules"]:
        rules.append(
            Rule(
                attribute=r["attribute"],
                kinds=frozenset(r["kinds"]),
                units=frozenset(r["units"]) if "units" in r else None,
                participles=frozenset(r["participle"]) if "participle" in r else None,
                all=tuple(_rx(g) for g in r.get("all", [])),
                none=tuple(_rx(g) for g in r.get("none", [])),
                subject=r.get("subject", ""),
                labels=labels.get(r.get("labels", ""), ()),
                label_default=r.get("label_default", ""),
                first_words=tuple(r["all"][0]) if r.get("all") else (),
            )
        )
    return (
        tuple(rules),
        raw.get("default_subjects", {}),
        int(raw.get("window_words_before", 12)),
        int(raw.get("window_words_after", 10)),
    )


RULES, DEFAULT_SUBJECTS, WORDS_BEFORE, WORDS_AFTER = _load()

# A sentence ends after ".", "!" or "?" with closing quotes or brackets, then space, before an
# opening quote or a capital (group "gap"), and at every line break ("\n" and the space after it).
# The match starts on the stop or the line break: a pattern that opens with one character class
# lets the regex engine skip to those characters instead of trying every position.
_SENT_END = lazy_re(r"[.!?\n](?:(?<=[.!?])(?P<gap>[\"”’)\]]*\s+)(?=[\"“‘(\[]?[A-Z0-9•])|(?<=\n)\s*)")
_ABBREV_WORDS = (
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen", "Rep", "Rev", "Prof", "No",
    "Nos", "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "approx", "est", "Fig", "e.g", "i.e",
)
_ABBREV = lazy_re(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:" + "|".join(re.escape(w) for w in _ABBREV_WORDS) + r")\.)$"
)
# What the text before a full stop ends with when _ABBREV can match there: a capital and the
# stop ("U.S."), or one of the words and the stop ("Mr.")
_ABBREV_ENDS = tuple(w + "." for w in _ABBREV_WORDS)
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")



def _LONG_WORD_END(seven: str) -> bool:  # noqa: N802 - a test named like the regexes it spares
    """Whether the seven characters before a full stop are all ASCII letters: a word of 7+
    letters, which no :data:`_ABBREV` alternative ends with (each is a letter or a word of at
    most six letters after a word boundary), so the regex need not be asked."""
    return len(seven) == 7 and seven.isascii() and seven.isalpha()


class Sentences:
    """Sentence boundaries of a text, found once; lookup by offset with bisect.

    A line break always ends a sentence (headlines, datelines and bullet lines carry no
    full stop). This is factdb's one sentence splitter: extraction and entity linking
    both use it, through :func:`sentences`, which caches it per text.
    """

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        for m in _SENT_END.finditer(text):
            gap = m.group("gap")
            if gap is not None and "\n" not in gap and gap.strip() == "":
                at = m.start("gap")
                # Speed only (issue 13): the regex is asked only where the text before the stop
                # ends as one of its alternatives does (most stops end an ordinary word)
                if text[at - 1] == "." and not _LONG_WORD_END(text[max(0, at - 8) : at - 1]) \
                        and (text[at - 2 : at - 1] in _CAPITALS or text.endswith(_ABBREV_ENDS, max(0, at - 12), at)) \
                        and _ABBREV.search(text[max(0, at - 12) : at]):
                    continue  # "Mr. Smith", "U.S. troops": no sentence end
            starts.append(m.end())
        self.starts = starts
        # Per-sentence results other steps compute once and reuse for every claim of the
        # sentence (the attribution step's source index): keyed by (step, sentence start).
        self.memo: dict = {}

    def bounds(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        s = self.starts[i]
        e = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return s, e


@lru_cache(maxsize=8)
def sentences(text: str) -> Sentences:
    return Sentences(text)


_CHUNK = 256  # first guess, in characters, of how far a window's words reach


def window(sentence: str, s: int, e: int) -> tuple[str, tuple[int, int]]:
    """The span with up to WORDS_BEFORE words before and WORDS_AFTER after, inside the sentence,
    and where the span sits in it."""
    return window_at(sentence, 0, len(sentence), s, e)


def window_at(text: str, s0: int, s1: int, s: int, e: int) -> tuple[str, tuple[int, int]]:
    """:func:`window` for the sentence ``text[s0:s1]`` and the span ``text[s:e]`` (text offsets),
    without copying or splitting the whole sentence: the words are read from a chunk next to
    the span that doubles until it holds them, so a claim costs the length of its own window
    however long its sentence (one 64 KB "sentence" of figures stays linear)."""
    before = " ".join(_words_before(text, s0, s, WORDS_BEFORE)) + " "
    after = " " + " ".join(_words_after(text, e, s1, WORDS_AFTER))
    return before + text[s:e] + after, (len(before), len(before) + e - s)


def _words_before(text: str, lo: int, pos: int, n: int) -> list[str]:
    """``text[lo:pos].split()[-n:]``, reading back from ``pos`` only as far as needed."""
    size = _CHUNK
    while True:
        a = max(lo, pos - size)
        words = text[a:pos].split()
        # the chunk's first word is whole if the chunk starts the range or follows a space
        if a == lo or text[a - 1].isspace() or text[a].isspace():
            return words[-n:]
        if len(words) > n:
            return words[-n:]  # the possibly cut first word is not among the last n
        size *= 2


def _words_after(text: str, pos: int, hi: int, n: int) -> list[str]:
    """``text[pos:hi].split()[:n]``, reading on from ``pos`` only as far as needed."""
    size = _CHUNK
    while True:
        b = min(hi, pos + size)
        words = text[pos:b].split()
        if b == hi or text[b].isspace() or text[b - 1].isspace():
            return words[:n]
        if len(words) > n:
            return words[:n]
        size *= 2


def name(
    kind: str, unit: str | None, participle: str | None, win: str, span_at: tuple[int, int] = (0, 0)
) -> tuple[str | None, str]:
    """(attribute or None, subject) for a claim of ``kind``/``unit`` seen in window ``win``.

    Of the rules that match, the one whose head concept is mentioned nearest the span wins;
    ties go to the rule listed first."""
    best = None
    # Speed only (issue 13): most windows hold no rule's first words; one search for all of
    # them at once says so, and spares the rules that need them a search each (the rules
    # without context words, the fallbacks, are still weighed as before).
    first = _first_words_rx(kind, unit, participle)
    none_first = first is not None and first.search(win) is None
    for order, r in _candidates(kind, unit, participle):
        if none_first and r.all:
            continue  # its first words are absent: the search below would fail
        first_match = None
        dist = 0 if r.all else 10**6  # rules without context words are fallbacks
        ok = True
        for rx in r.all:
            # one search says whether the rule's words are there (for most rules they are
            # not); every mention is listed only for the head concept
            if rx.search(win) is None:
                ok = False
                break
            if first_match is None:
                # the rule's head concept: how near is its closest mention to the span?
                near = min(rx.finditer(win), key=lambda h: _distance(h, span_at))
                first_match = near.group(0).lower()
                dist = _distance(near, span_at)
        if not ok or any(rx.search(win) for rx in r.none):
            continue
        if best is not None and (dist, order) >= best[0]:
            continue
        label = r.label_default
        for rx, lab in r.labels:
            if rx.search(win):
                label = lab
                break
        subject = r.subject.format(label=label, match=first_match or "", unit=unit or "")
        best = ((dist, order), r.attribute, subject.strip() or DEFAULT_SUBJECTS.get(kind, kind))
    if best is None:
        return None, DEFAULT_SUBJECTS.get(kind, kind)
    return best[1], best[2]


@lru_cache(maxsize=4096)
def _candidates(kind: str, unit: str | None, participle: str | None) -> tuple[tuple[int, Rule], ...]:
    """(order, rule) for the rules whose kind, unit and participle fit, in file order."""
    return tuple(
        (order, r)
        for order, r in enumerate(RULES)
        if kind in r.kinds
        and (r.units is None or (unit or "") in r.units)
        and (r.participles is None or (participle or "") in r.participles)
    )


@lru_cache(maxsize=4096)
def _first_words_rx(kind: str, unit: str | None, participle: str | None) -> lazy_re | None:
    """One regex that finds what any candidate rule's first word group finds (the same words
    and the same word boundaries, in one alternation), or None when fewer than two rules need
    words (one search spares nothing)."""
    words = sorted({w for _, r in _candidates(kind, unit, participle) if r.all for w in r.first_words})
    if sum(1 for _, r in _candidates(kind, unit, participle) if r.all) < 2:
        return None
    return _rx(words)


def _distance(m: re.Match, span: tuple[int, int]) -> int:
    if m.end() <= span[0]:
        return span[0] - m.end()
    if m.start() >= span[1]:
        # what a number measures is usually named before it ("inflation rose to 2.5%")
        return 3 * (m.start() - span[1]) + 5
    return 0
