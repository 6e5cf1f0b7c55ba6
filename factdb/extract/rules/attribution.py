"""Who states a claim: "according to South Korea's military", "Blinken cited", "officials said".

:func:`attribution` looks only inside the claim's sentence and returns the short name as
written, or None when the sentence names no source (pronouns do not count). Used by
:mod:`.build` (stage 5) for each claim's ``attribution``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .patterns import lazy_re, trie_regex

_SAY = (
    r"(?:said|says|say|told|tells|reported|reports|estimated|estimates|announced|announces|cited|cites|"
    r"claimed|claims|stated|states|added|noted|notes|confirmed|confirms|warned|warns|predicted|predicts|"
    r"forecast|forecasts|disclosed|revealed|reveals|expects|expected|believes|believed|argued|argues|"
    r"insisted|wrote|writes|explained|explains|calculated|calculates|projected|projects)"
)
# A name: capitalised words (with "of", "for", "and", "'s", initials), e.g. "South Korea's military",
# "the Office for National Statistics", "Kim Jong Un", "U.S. officials".
_CAP = r"[A-Z][\w.'’&-]*"
_NAME = (
    rf"(?:{_CAP}(?:\s+(?:of|for|and|de|van|von|al|bin)\s+{_CAP}|\s+{_CAP})*"
    r"(?:['’]s?(?:\s+(?!(?:is|are|was|were|has|have|had|will|would|could|may|might|also|not)\b)[a-z][\w-]*){1,2}?(?=\s|$))?)"
)
_GROUP_NOUNS = (
    r"(?:officials?|analysts?|sources?|experts?|economists?|authorities|police|spokes(?:man|woman|person)|"
    r"ministry|government|company|firm|bank|military|army|navy|researchers?|scientists?|investigators?|"
    r"prosecutors?|diplomats?|observers?|monitors?|witnesses|residents|statement|report|survey|study|"
    r"data|figures|estimates|regulators?|lawmakers|legislators|organisers|organizers|agency|group|union)"
)
# "South Korean officials", "the defence ministry", "US intelligence officials"
_GROUP = rf"(?:(?:(?:{_CAP}|[a-z][\w-]*)\s+){{0,3}}{_GROUP_NOUNS})"

# A full stop inside a name: initials and dotted abbreviations ("U.S.", "S. Korea", "J.B.") and
# titles ("Gen.", "Dr."). Such a stop neither ends the name nor the sentence.
_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen", "Rep", "Adm", "Maj",
           "Prof", "St", "Jr", "Sr", "Cmdr", "Brig", "Amb", "Pres")
_ABBR_DOT = r"(?:(?<=[\s.][A-Z])" + "".join(f"|(?<=\\s{t})" for t in _TITLES) + r")\."
_NOT_ABBR_DOT = r"(?<![\s.][A-Z])" + "".join(f"(?<!\\s{t})" for t in _TITLES) + r"\."
_ACCORDING = lazy_re(
    rf"\baccording\s+to\s+(?:the\s+|a\s+|an\s+)?(?P<who>(?:[^,.;:()\"“”?!]|{_ABBR_DOT}(?=\s?[A-Za-z]|\s*$)){{2,80}}?)"
    rf"(?=\s*(?:[,;:()\"“”?!]|{_NOT_ABBR_DOT}|$"
    r"|\s+(?:which|who|that|as|in|on|at|from|when|after|before|while|released|published)\b))"
)
_BEFORE_VERB = lazy_re(
    rf"(?:^|[\s(“\"])(?:the\s+|The\s+)?(?P<who>{_NAME}|{_GROUP})\s+(?:(?:has|have|had|also|later|previously|"
    rf"recently|earlier|separately|reportedly)\s+)?{_SAY}\b"
)
_AFTER_VERB = lazy_re(
    rf"[,”\"]\s*{_SAY}\s+(?:the\s+)?(?P<who>{_NAME}|{_GROUP})"
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "there", "who", "which"}
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "but", "and", "however", "meanwhile", "it", "this", "last",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "further",
    "also", "separately", "still", "yet", "now", "today", "yesterday", "earlier", "later", "then",
    "so", "thus", "instead", "indeed", "overall", "elsewhere", "previously", "recently", "that",
    "these", "those", "there", "here", "what", "when", "while", "as", "if", "at", "by", "for",
}


def _clean(who: str) -> str | None:
    w = " ".join(who.split()).strip(" '’")
    if w.endswith(".") and not re.search(r"(?:\b[A-Z]\.)+$", w):
        w = w[:-1]
    while w and w.split(" ", 1)[0].lower().rstrip(",") in _NOT_NAMES:
        w = w.split(" ", 1)[1] if " " in w else ""
    first = w.split(" ", 1)[0].lower() if w else ""
    if not w or w.lower() in _PRONOUNS or first in _PRONOUNS:
        return None
    if len(w) > 60 or not any(c.isalpha() for c in w):
        return None
    return w


# Both verb patterns contain a _SAY verb: a sentence without one cannot match either. Shaped
# as a trie (same words, so the same sentences pass): the plain alternation tried all of
# its verbs at every letter that starts one, half this test's time.
_ANY_SAY = lazy_re(trie_regex(_SAY[3:-1].split("|")))
# ... and where each ends as a whole word, as both patterns need it ("said\b")
_SAY_WORD = lazy_re(rf"(?:{trie_regex(_SAY[3:-1].split('|'))})\b")


@lru_cache(maxsize=256)
def _sources(sentence: str) -> tuple[tuple, tuple]:
    """The named sources of a sentence, found once however many claims it holds:
    ((start, end, who) for "according to", (start, end, who_start, who_end, who) for verbs),
    in match order, unnamed ones (pronouns...) left out."""
    according, before, after = _scan(sentence)
    return tuple(according), tuple(before + after)


def _scan(sentence: str) -> tuple[list, list, list]:
    according = []
    if "according" in sentence:
        for m in _ACCORDING.finditer(sentence):
            who = _clean(m.group("who"))
            if who:
                according.append((m.start(), m.end(), who))
    verbs: tuple[list, list] = ([], [])
    if _ANY_SAY.search(sentence):
        # Speed only (issue 13): a name-before-verb source ends with its verb, so none ends
        # after the sentence's last speech verb: the scan stops there (half these sentences'
        # text lies after it, and the scan tries a name at every space).
        last_say = None
        for sm in _SAY_WORD.finditer(sentence):
            last_say = sm.end()
        if last_say is None:
            return according, [], []  # no verb as a whole word: neither pattern can match
        for rx, out, end in ((_BEFORE_VERB, verbs[0], last_say), (_AFTER_VERB, verbs[1], len(sentence))):
            for m in rx.finditer(sentence, 0, end):
                who = _clean(m.group("who"))
                if who:
                    out.append((m.start(), m.end(), m.start("who"), m.end("who"), who))
    return according, verbs[0], verbs[1]


class _Sorted:
    """One regex's sources in a sentence (non-overlapping matches, so starts and ends both
    ascend), with the arrays a claim bisects to find its nearest source in O(log n)."""

    __slots__ = ("items", "starts", "ends")

    def __init__(self, items: list[tuple]):
        self.items = items
        self.starts = [it[0] for it in items]
        self.ends = [it[1] for it in items]

    def near(self, span_start: int, span_end: int) -> set[int]:
        """Indexes that can be nearest to the span by :func:`_distance`: the two starts on each
        side of ``span_end`` and the two ends on each side of ``span_start`` (two, not one, so
        that skipping the one source whose name holds the claim still leaves the next)."""
        n = len(self.items)
        i = bisect.bisect_right(self.starts, span_end)
        j = bisect.bisect_right(self.ends, span_start)
        return {k for k in (i - 2, i - 1, i, i + 1, j - 2, j - 1, j, j + 1) if 0 <= k < n}


class SourceIndex:
    """The sources of one sentence, indexed: each claim then looks up its nearest source in
    logarithmic time, so a sentence dense with figures and sources stays linear overall."""

    def __init__(self, sentence: str):
        according, before, after = _scan(sentence)
        self.according = _Sorted(according)
        self.verbs = (_Sorted(before), _Sorted(after))

    def nearest(self, span_start: int, span_end: int) -> str | None:
        """The same choice as the plain scan in :func:`attribution`: the nearest "according
        to" source, else the nearest speech-verb source whose name does not hold the claim;
        ties go to the source met first (verb-before-name sources before name-after-verb)."""
        acc = self.according
        if acc.items:
            k = min(acc.near(span_start, span_end), key=lambda k: (_distance(acc.items[k], span_start, span_end), k))
            return acc.items[k][2]
        best = None
        for order, idx in enumerate(self.verbs):
            for k in idx.near(span_start, span_end):
                start, end, who_start, who_end, who = idx.items[k]
                if who_start <= span_start < who_end:
                    continue  # the claim is inside the name
                key = (_distance(idx.items[k], span_start, span_end), order, k)
                if best is None or key < best[0]:
                    best = (key, who)
        return best[1] if best else None


def _distance(source: tuple, span_start: int, span_end: int) -> int:
    return min(abs(source[0] - span_end), abs(span_start - source[1]))


def attribution_at(sentences, s0: int, s1: int, span_start: int, span_end: int) -> str | None:
    """:func:`attribution` for the sentence ``text[s0:s1]`` of a :class:`~.attributes.Sentences`
    (text offsets): the sentence is scanned for sources once, whatever number of claims it holds."""
    key = ("attribution", s0)
    index = sentences.memo.get(key)
    if index is None:
        index = sentences.memo[key] = SourceIndex(sentences.text[s0:s1])
    return index.nearest(span_start - s0, span_end - s0)


def attribution(sentence: str, span_start: int, span_end: int) -> str | None:
    """The source named in ``sentence`` for the claim at ``span_start:span_end`` (sentence offsets)."""
    according, verbs = _sources(sentence)
    best: tuple[int, str] | None = None
    for start, end, who in according:
        d = min(abs(start - span_end), abs(span_start - end))
        if best is None or d < best[0]:
            best = (d, who)
    if best:
        return best[1]
    for start, end, who_start, who_end, who in verbs:
        if who_start <= span_start < who_end:
            continue  # the claim is inside the name
        d = min(abs(start - span_end), abs(span_start - end))
        if best is None or d < best[0]:
            best = (d, who)
    return best[1] if best else None
