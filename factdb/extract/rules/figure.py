"""Stage 1 of the pass: find a figure and read its number.

A *figure* is what one match of :data:`MASTER` covers: an optional "between"/"from", an
optional bound word ("about", "more than"), an optional currency sign or code before the
number ("$", "HK$", "USD"), the number itself (digits, words, a fraction, a vague plural),
its scale ("bn", "million") and, for "X to Y" or "X-Y", the second number with its own
scale. The number pieces come from :mod:`.numbers`, the signs from :mod:`.currency`.

This module reads the values of a match (:func:`number_value`, :func:`second_value`,
:func:`scale_word`, :func:`neg_start`); :mod:`.ranges` decides how the two numbers of
"X to Y" read, and :mod:`.kinds` what the figure measures (it hands on the match).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import numbers as N
from .cues import _BOUND_BEFORE, _DIG, _NUMW
from .currency import _PREFIX_SIGNS, CUR_PREFIX, CUR_PREFIX2
from .patterns import _ICASE_FOLD, lazy_re, trie_regex

_MINUS_WORD = lazy_re(r"(?<![\w-])minus[\s-]$", re.IGNORECASE)


def neg_start(m: re.Match) -> int | None:
    """Where the minus of a negative number starts ("-1.3%", "minus five percent", "minus-5
    yards"), or None. A hyphen after a word or digit is no minus ("Su-27", "1990-95")."""
    if _NEG_LAST[0] is m:
        return _NEG_LAST[1]  # asked three times per match: read once
    _NEG_LAST[0], _NEG_LAST[1] = m, _neg_of(m)
    return _NEG_LAST[1]


_NEG_LAST: list = [None, None]


def _neg_of(m: re.Match) -> int | None:
    s, t = m.start(), m.string
    if not s or t[s - 1] not in "-− ":
        return None  # most figures: a space or a bracket before, no minus (the fast path)
    if m.group("cur") or m.group("bound") or m.group("between"):
        return None
    if t[s - 1] in "-−" and (s < 2 or not (t[s - 2].isalnum() or t[s - 2] in "-_−")):
        return s - 1
    if s >= 6 and t[s - 1] in " -" and t[s - 6 : s - 1].lower() == "minus":
        mm = _MINUS_WORD.search(t, max(0, s - 7), s)
        if mm:
            return mm.start()
    return None


_SCALE_ATT = r"(?:bn|bln|mn|mln|tn|trn|m|b|k)"
_VAGUE = N.NUM_VAGUE
_FRACTION = (
    rf"(?:(?:{N._UNIT9})-(?:thirds|quarters|fifths|sixths|eighths|tenths|third|quarter|fifth|half)\b"
    rf"|(?:a|one|{N._UNIT9})\s+(?:thirds?|quarters?|fifths?|tenths?)(?=\s+of\b)"
    r"|(?<!first\s)(?<!second\s)(?<!other\s)(?<!the\s)(?<!a\s)half(?=\s+of\b)"
    # "grew by a third", "cut by half" (not "by a third party"), and with a bound word between
    # ("jumped by almost a quarter", "fell by nearly half": lookbehinds are fixed-width, one each)
    r"|(?:(?<=\bby\s)|(?<=\bby\salmost\s)|(?<=\bby\snearly\s)|(?<=\bby\sabout\s)|(?<=\bby\sover\s)"
    r"|(?<=\bby\saround\s)|(?<=\bby\sroughly\s)|(?<=\bby\smore\sthan\s)|(?<=\bby\sless\sthan\s)"
    r"|(?<=\bby\sup\sto\s)|(?<=\bby\sat\sleast\s))"
    r"(?:(?:a|one)\s+(?:third|quarter|fifth|tenth)|half)\b"
    r"(?!\s+(?:party|parties|time|term|round|place|person|way|world|quarter|century|hour|day|year|point|points)\b"
    # ("by more than half a million people": a number, not a fraction)
    r"|\s+an?\s+(?:dozen|hundred|thousand|million|billion|trillion)\b))"
)
# "a quarter of a million", "three-quarters of a billion": a fraction of a scale word (below),
# not a fraction of a whole followed by a second figure
_FRACTION = rf"(?:{_FRACTION})(?!\s+of\s+an?\s+(?:{N._BIG})\b)"
# "half million", "a quarter million", "three quarters billion", "a quarter of a million",
# "three-quarters of a billion": a fraction of a scale word
_FRACTION_SCALE = rf"(?:(?:a|one|two|three)[\s-]+)?(?:half|quarters?|thirds?)\s+(?:of\s+an?\s+)?(?:{N._BIG})\b"
_FRACTION_SCALE_RE = lazy_re(
    rf"(?:(?P<n>a|one|two|three)[\s-]+)?(?P<d>half|quarters?|thirds?)\s+(?:of\s+an?\s+)?(?P<s>{N._BIG})", re.IGNORECASE
)
# "1/4 mile", "10 1/2 miles", "1/2h": a written fraction, kept only before a unit (see scan.SLASH_KINDS)
# (the whole part may be joined with a hyphen, as wire copy writes it: "7-1/4 years")
_SLASH = r"(?:\d{1,3}(?:\s+|-))?\d{1,2}/\d{1,2}(?=\s?-?[^\W\d_])"
# Speed only (issue 13): the engine enters every alternative of an ignore-case alternation
# (it skips ahead only on case-sensitive literals), so each reading is guarded by the
# characters it can start with: a figure in digits no longer walks the word alternatives.
# "a pair of missiles", "a trio of lawsuits": a group word is its number, exactly (not a
# vague plural); the counted noun follows "of", as after "dozens of"
GROUP_WORDS = {"pair": 2, "trio": 3}
# a pair of scissors is one thing: nouns with no singular are no pairs of two
PLURALIA_TANTUM = frozenset(
    "scissors trousers jeans glasses spectacles binoculars pants shorts tights pliers tongs shears goggles "
    "pyjamas pajamas knickers briefs leggings overalls handcuffs headphones snips tweezers".split()
)
_GROUP = (
    r"an?\s+(?:pair|trio)(?=\s+of\s+(?!(?:the|a|an|his|her|its|their|our|my|your|those|these|them)\b)"
    rf"(?!(?:{'|'.join(sorted(PLURALIA_TANTUM))})\b)[a-z0-9])"
)
_NUM1 = (
    rf"(?:(?=[a-z])(?:(?P<vague>{_VAGUE})(?=\s+of\b)|(?P<group>{_GROUP})|(?P<frac>{_FRACTION}))"
    rf"|(?=[\d.])(?:(?P<slash>{_SLASH})|(?P<digits>{_DIG}))"
    rf"|(?=[aothq])(?P<fscale>{_FRACTION_SCALE})"
    rf"|(?P<words>{_NUMW}))"
)
_SCALE_SPACED = r"(?:bn|bln|mn|mln|tn|trn)"  # "185.61 mln": Reuters style
# a scale word, or "hundred" before one ("4 hundred million people"), or "hundred" after digits
_SCALE_WORDS = rf"(?:hundred\s+(?:{N._BIG})|{N._BIG}|(?<=\d\s)hundred)"
# a scale word after a space, or hyphenated to digits as a compound modifier: "$1.59-billion",
# "a 3-million-euro fine", "2.5-trillion-yen" (the value carries the scale)
_SCALE_GAP = r"(?:\s+|(?<=\d)-)"
_SCALE = rf"(?:(?P<sca>{_SCALE_ATT}|(?<=\d)\s{_SCALE_SPACED})(?![a-z])|{_SCALE_GAP}(?P<scw>{_SCALE_WORDS})\b)"
_SCALE2 = rf"(?:(?P<sca2>{_SCALE_ATT}|(?<=\d)\s{_SCALE_SPACED})(?![a-z])|{_SCALE_GAP}(?P<scw2>{_SCALE_WORDS})\b)"


# A necessary condition for MASTER to match at a position, tested right after its lookbehind so
# that most word starts are rejected on a character or two instead of trying every branch.
# A match begins with: digits (or ".5"), a currency sign, a case-sensitive currency prefix
# ("US$", "U.S. $", "A$", "USD", "Rs"), or a whole word that starts "between/from", a bound,
# a vague plural, a fraction or a number word. It only filters: the matches are unchanged.
_FIRST_WORDS = sorted(
    {
        re.match(r"[a-z]+", w).group(0)
        for w in ["between", "from", "a", "one", "half", *_BOUND_BEFORE, *N.VAGUE, *N.SMALL, *N.TENS]
    }
)
_SIGN_FIRST = sorted({w[0] for w in _PREFIX_SIGNS if not w[0].isascii()} | set("$£€¥₩₹₽₺₪"))
# two-letter starts of letter signs that "[A-Z][A-Z$.s]" does not already let through
_SIGN_TWO = sorted({w[:2] for w in _PREFIX_SIGNS if w[0].isascii() and w[0].isalpha()}
                   - {w[:2] for w in _PREFIX_SIGNS if re.fullmatch(r"[A-Z][A-Z$.s]", w[:2])})
_MASTER_GUARD = (
    rf"(?=\d|\.\d|[{''.join(_SIGN_FIRST)}]|(?-i:[A-Z][A-Z$.s]|{trie_regex(_SIGN_TWO)})"
    rf"|{trie_regex(_FIRST_WORDS)}\b)"
)
MASTER = lazy_re(
    r"(?<![\w/:.,\u2013$£€¥₩#@&%])(?:(?<![\w\-]-)|(?<=minus-))"  # "%20in%20": URL escapes are not numbers; "Su-27" no
    rf"{_MASTER_GUARD}"
    r"(?:(?=[bf])(?P<between>between|from)\s+)?"
    # a trie, not a longest-first list: the same words in the same order of preference, but
    # the engine tests a character per branch instead of entering each of 60 words (issue 13)
    rf"(?:(?=[a-z])(?P<bound>{trie_regex(_BOUND_BEFORE)})\s+)?"
    rf"(?:(?!\d)(?P<cur>{CUR_PREFIX}\s?))?"
    rf"(?P<num>{_NUM1})"
    rf"{_SCALE}?"
    # "X-to-Y" is a range written as a compound modifier ("a six-to-nine month tour")
    r"(?:(?P<sep>(?(between)\s+and\s+|(?!))|-to-|\s*[-\u2013\u2014]\s*~?|\s+to\s+~?)"
    rf"(?P<cur2>{CUR_PREFIX2}\s?)?(?P<num2>{_DIG}|{_NUMW}){_SCALE2}?(?![\d.,]\d))?"
    r"(?![\d]|[.,]\d|:\d|/\d)",
    re.IGNORECASE,
)


# --- Finding figures fast ------------------------------------------------------------------
# MASTER opens with lookbehinds, so ``MASTER.search`` cannot skip ahead: the engine starts a
# match attempt at every character of the text, about a fifth of the whole extraction's time.
# :func:`figure_search` tries MASTER (with ``match``) only where :data:`_CANDIDATE` says a
# figure may start, so it finds exactly the matches ``MASTER.search`` finds, about twice as
# fast. The candidate scan runs over the lower-cased text, in which the regex engine skips to
# the characters a figure can follow (anything but a word character or one of MASTER's
# excluded signs; every non-ASCII character, to keep the class a cheap table) and then asks
# for what a figure must begin with (what MASTER's optional groups and number may begin with):
# - a digit, or "." and a digit;
# - a word a number can begin with (:data:`_NUM_LEAD_WORDS`, no word boundary asked), or "a"
#   before a word that makes it a number (:data:`_A_NEXT_WORDS`);
# - a bound ("about", "more than"), "between" or "from";
# - a currency sign or code as MASTER's ``cur`` group reads it (``currency.CUR_PREFIX``): a
#   sign of ``_PREFIX_SIGNS`` in lower case, "u.s. $", or three capitals before a digit.
# Lower-casing keeps every position (no character changes length but "İ") and maps what
# MASTER matches ignoring case onto these lower-case words (all but "ſ" and "ı", which
# ignoring case matches to "s" and "i"): a block holding "İ", "ſ" or "ı" is searched with
# MASTER itself. tests/test_figure_search.py compares both searches on many wordings.

# The words a number (MASTER's "num" group) can start with, one per branch: a vague plural's
# first word ("tens of"), a fraction's ("two-thirds", "a third of", "half of", "by a quarter"),
# a fraction of a scale ("a quarter million"), a number word (``cues._NUMW_FIRST``).
_NUM_LEAD_WORDS = (
    {w.split()[0] for w in N.VAGUE}
    | {w for w, v in N.SMALL.items() if 1 <= v <= 9}
    | {"one", "two", "three", "half", "quarter", "quarters", "third", "thirds"}
    | set(N.SMALL)
    | set(N.TENS)
)
# "a" starts a number only before these words (and "a" before anything else is the commonest
# word start): "a third of", "by a quarter", "a half million", "a dozen", "a and a half dozen"
# is no wording but the regex allows it, "a hundred", "a million", "a pair of"
_A_NEXT_WORDS = (
    {"third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths", "half"}
    | {"and", "dozen", "hundred"}
    | set(GROUP_WORDS)  # "a pair of", "a trio of"
    | {w for w in N.SCALES if w != "hundred"}
)
_SEP = r"[\x00-\x1f !-\x22'-+\-;-?\[-\^`{-\x7f\x80-\U0010ffff]"
_CANDIDATE = lazy_re(
    rf"{_SEP}(?="
    + trie_regex(_NUM_LEAD_WORDS | set(_BOUND_BEFORE) | {"between", "from"} | {w.lower() for w in _PREFIX_SIGNS})
    + rf"|\d|\.\d|a\s+(?:{trie_regex(_A_NEXT_WORDS)})|u\.s\.\s\$"
    # last, so that only a figure that can start nothing else is asked for capitals: an ISO
    # code is written in capitals ("USD 5"); lower case cannot tell "the 1990s" from it
    r"|(?P<code>[a-z]{3}(?=\s?\d)))"
)


def _is_code_at(block: str, at: int) -> bool:
    code = block[at : at + 3]
    return code.isascii() and code.isupper()


# The candidate scan's regex costs some 15 ms to compile, which a process pays back after
# about 100 KB of text: ``factdb extract`` on one article searches with MASTER alone.
_CANDIDATES_AFTER = 100_000
_searched = [0]  # characters searched so far in this process


def figure_search(block: str) -> Callable[[int], re.Match | None]:
    """A function ``search(pos)`` that returns what ``MASTER.search(block, pos)`` returns."""
    if _searched[0] < _CANDIDATES_AFTER:
        _searched[0] += len(block)
        return lambda pos: MASTER.search(block, pos)
    return candidate_search(block)


def candidate_search(block: str) -> Callable[[int], re.Match | None]:
    """:func:`figure_search` through the candidate scan, whatever was searched before."""
    low = block.lower()
    if len(low) != len(block) or "ſ" in block or "ı" in block:
        return lambda pos: MASTER.search(block, pos)
    match, candidate = MASTER.match, _CANDIDATE.search

    def search(pos: int) -> re.Match | None:
        if pos <= 0:
            if (m := match(block, 0)) is not None:
                return m
            pos = 1
        # a candidate is the character before a possible start: the start itself is c.end()
        while (c := candidate(low, pos - 1)) is not None:
            if (c.group("code") is None or _is_code_at(block, c.end())) and (m := match(block, c.end())) is not None:
                return m
            pos = c.end() + 1
        return None

    return search


def number_value(m: re.Match) -> tuple[float | None, bool]:
    """(value of the first number with its scale, is_vague)."""
    # one call for all the groups asked below (asked one by one, they were a third of the cost)
    vague, frac, fscale, slash, digits, words, sca, scw, group = m.group(
        "vague", "frac", "fscale", "slash", "digits", "words", "sca", "scw", "group"
    )
    if vague:
        return float(N.VAGUE[" ".join(vague.lower().split())]), True
    if group:
        return float(GROUP_WORDS[group.split()[-1].lower()]), False
    if frac:
        return N.parse_number(frac), False
    if fscale:
        fm = _FRACTION_SCALE_RE.match(fscale)
        n = {"a": 1, "one": 1, "two": 2, "three": 3}.get((fm.group("n") or "a").lower(), 1)
        d = N.DENOMINATORS[fm.group("d").lower()]
        v = n / d * scale_word(fm.group("s"))
        return (-v if neg_start(m) is not None else v), False
    if slash:
        *whole, fraction = slash.replace("-", " ").split()
        a, b = (int(x) for x in fraction.split("/"))
        if not 0 < a < b:
            return None, False  # "24/7", "9/11": no fraction
        return (int(whole[0]) if whole else 0) + a / b, False
    if digits:
        v = float(digits.replace(",", ""))
    else:
        v = N.parse_number(words)
        if v is None:
            return None, False
    if sca:
        v *= scale_word(sca)
    elif scw:
        v *= scale_word(scw)
    if neg_start(m) is not None:
        v = -v  # "-1.3%", "minus five percent"
    return v, False


def second_value(m: re.Match) -> float | None:
    s = m.group("num2")
    if s is None:
        return None
    v = N.parse_number(s)
    if v is None:
        return None
    if m.group("sca2"):
        v *= scale_word(m.group("sca2"))
    elif m.group("scw2"):
        v *= scale_word(m.group("scw2"))
    return v


def scale_of(m: re.Match, second: bool) -> float:
    a, w = ("sca2", "scw2") if second else ("sca", "scw")
    if m.group(a):
        return scale_word(m.group(a))
    if m.group(w):
        return scale_word(m.group(w))
    return 1.0



def word_tokens(s: str) -> list[str]:
    return s.translate(_ICASE_FOLD).lower().replace("-", " ").split()


def scale_word(word: str) -> float:
    """The factor of a matched scale ("bn", " mln", "million"); folded like bound words, since
    IGNORECASE matched "billıon" (dotless i) as "billion"."""
    w = word.translate(_ICASE_FOLD).lower().strip()
    if " " in w or "\t" in w or "\n" in w:  # "hundred million"
        f = 1.0
        for part in w.split():
            f *= N.SCALES[part]
        return f
    return N.SCALES[w] if w in N.SCALES else N.SCALE_ABBREVIATIONS[w]



@dataclass(slots=True)
class Figure:
    """A figure as :mod:`.kinds` hands it to each kind reader (:mod:`.ages`, :mod:`.measures`,
    :mod:`.counted`): the match and what was already read from it."""

    text: str
    m: re.Match
    v1: float  # the first number's value with its scale (a range's start)
    vhigh: float | None  # a range's end, or None
    vague: bool  # a vague plural ("dozens"): bound lower
    digits: str | None  # the first number when written in digits
    words: str | None  # the first number when written in words
    sep: str | None  # the range separator, when the figure is still a range
    bound_word: str | None  # "about", "more than" before the number
    start: int  # where the claim starts (bound word, sign or number)
    end: int  # where the figure ends: the kind readers look at text[end:]
    before: str  # up to 40 characters before ``start``
    scaled: bool  # a scale was written ("5m", "4.5 billion")
    sca_att: str  # the attached scale abbreviation, lower case ("m", "bn"), or ""
    make: Callable  # make(kind, unit, end, ...) -> Mention of this figure
    finish: Callable  # finish([mentions]) -> the mentions with bounds written after ("30 or more")
