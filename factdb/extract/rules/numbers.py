"""Stage 1: the number grammar: how journalists write numbers, and what they mean.

Other rule modules build on the regex pieces below (:mod:`.figure` puts them in the one regex
that finds a figure; the dates extractor uses them too) and on :func:`parse_number`, which
hands each stage the value of a number as written. Patterns compile on first use.

Pieces (regex source strings, meant for ``re.IGNORECASE`` | ``re.VERBOSE``-free use):

- ``NUM_DIGITS``   ``1,100``  ``4.5``  ``28500``  ``.5``
- ``NUM_WORDS``    ``seven``  ``twenty-one``  ``two hundred``  ``a dozen``  ``half a million``
- ``NUM_VAGUE``    ``dozens``  ``hundreds``  ``tens of thousands`` (smallest honest reading, bound lower)
- ``SCALE_WORD``   ``million`` ``billion`` ``trillion`` ``thousand`` (after a space)
- ``SCALE_ABBR``   ``m`` ``bn`` ``tn`` ``k`` (attached: ``35bn``)
- ``FRACTION``     ``two-thirds`` ``a quarter`` ``half`` (value is a fraction of 1)
"""

from __future__ import annotations

import re

from .patterns import _alt, lazy_re, trie_regex

SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Scale words written out, and their attached abbreviations ("35bn", "$5m", "25k").
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    # Indian English: "Rs 500 crore" (10 million), "5 lakh" (100,000)
    "crore": 1e7,
    "crores": 1e7,
    "lakh": 1e5,
    "lakhs": 1e5,
}
SCALE_ABBREVIATIONS = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "tr": 1e12,
}
DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
# Vague plurals: their smallest honest reading (the contract: bound "lower").
VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2e6,
    "billions": 2e9,
    "trillions": 2e12,
    "tens of thousands": 2e4,
    "hundreds of thousands": 2e5,
    "tens of millions": 2e7,
    "hundreds of millions": 2e8,
    "tens of billions": 2e10,
    "hundreds of billions": 2e11,
}


# Speed only (issue 13): the number words as tries, not longest-first lists. Ignoring case,
# the engine enters every word of a list in turn at each try (and a number in words tries
# these lists a dozen times over); a trie tests a letter per branch. Both prefer the longer
# of two words one of which begins the other ("seventeen" over "seven"), the only words that
# can match at one place, so they match alike (the words are all lower-case ASCII).
_SMALL = trie_regex(SMALL)
_UNIT9 = trie_regex([w for w, v in SMALL.items() if 1 <= v <= 9])
_TENS = trie_regex(TENS)
_BIG = trie_regex(k for k in SCALES if k != "hundred")
assert all(w.isascii() and w.islower() for w in [*SMALL, *TENS, *SCALES])

# 1,100 / 28500 / 4.5 / .5 — never a leading zero group like "020" (phone numbers), handled by callers.
# Indian grouping too: "12,34,567.89" (lakh and crore places)
NUM_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_W99 = rf"(?:(?:{_TENS})(?:[- ](?:{_UNIT9})\b)?|(?:{_SMALL}))"
_W999 = rf"(?:(?:{_W99}|a|one)\s+hundred(?:\s+(?:and\s+)?{_W99})?|{_W99})"
NUM_WORDS = (
    rf"(?:half\s+a\s+(?:dozen|{_BIG})"
    rf"|(?:a|{_W99})\s+(?:and\s+a\s+half\s+)?dozen"
    rf"|(?:{_W999}(?:\s+and\s+a\s+half)?|a)\s+(?:{_BIG})(?:\s+(?:and\s+)?{_W999}(?![- ]?(?:{_BIG})))?"
    rf"|a\s+hundred"
    rf"|{_W999})"
)
NUM_VAGUE = rf"(?:{_alt(VAGUE)})"
SCALE_WORD = rf"(?:{_alt(SCALES)})"
SCALE_ABBR = rf"(?:{_alt(SCALE_ABBREVIATIONS)})"
FRACTION = (
    rf"(?:(?:{_UNIT9}|a|one)[- ](?:{_alt(DENOMINATORS)})"  # two-thirds, a third, one-quarter
    r"|half)"
)
# A number as written: digits (optionally with a spaced scale word: "4.5 billion") or words.
NUMBER = rf"(?:{NUM_DIGITS}(?:\s+{SCALE_WORD})?|{NUM_WORDS})"

_DIGIT_RE = lazy_re(rf"^{NUM_DIGITS}$")
_ATTACHED_RE = lazy_re(rf"^({NUM_DIGITS})\s*({SCALE_ABBR})$", re.IGNORECASE)
_TOKEN_RE = lazy_re(r"[a-z]+|\d[\d,]*(?:\.\d+)?|\.\d+")
NUMBER_RE = lazy_re(rf"\b{NUMBER}\b", re.IGNORECASE)


def _digits(s: str) -> float:
    return float(s.replace(",", ""))


def parse_number(s: str) -> float | None:
    """The value of a number as journalists write it, or None when it is not one.

    ``"1,100"`` -> 1100, ``"35bn"`` -> 35e9, ``"4.5 billion"`` -> 4.5e9, ``"twenty-one"`` -> 21,
    ``"a dozen"`` -> 12, ``"half a million"`` -> 5e5, ``"two-thirds"`` -> 0.666…,
    ``"tens of thousands"`` -> 20000 (vague plurals take their smallest honest reading).
    Fractions come back as fractions of 1; callers turn them into percentages.
    """
    if not s:
        return None
    t = s.strip().lower().replace("\u2009", "").replace("\u00a0", " ")
    if not t:
        return None
    if _DIGIT_RE.match(t):
        return _digits(t)
    t = " ".join(t.split())
    if t in VAGUE:
        return float(VAGUE[t])
    m = _ATTACHED_RE.match(t)
    if m:
        return _digits(m.group(1)) * SCALE_ABBREVIATIONS[m.group(2)]
    tokens = _TOKEN_RE.findall(t.replace("-", " "))
    if not tokens or len(tokens) != len(t.replace("-", " ").split()):
        return None
    total = 0.0
    current = 0.0
    seen_number = False
    numerator: float | None = None
    have = False  # a number word or digits since the last scale word ("0 million" is 0)
    for i, tok in enumerate(tokens):
        if tok[0].isdigit() or tok[0] == ".":
            if seen_number and current:
                return None  # "3 5": two numbers, not one
            current += _digits(tok)
            seen_number = have = True
        elif tok in SMALL:
            if seen_number and current % 10 and current < 100 and tok:
                return None  # "seven three"
            current += SMALL[tok]
            seen_number = have = True
        elif tok in TENS:
            if current % 100:
                return None
            current += TENS[tok]
            seen_number = have = True
        elif tok == "hundred":
            current = (current if have else 1) * 100
            seen_number = have = True
        elif tok in SCALES:
            total += (current if have else 1) * SCALES[tok]
            current = 0.0
            have = False
            seen_number = True
        elif tok in ("dozen", "dozens"):
            current = (current or 1) * 12
            seen_number = True
        elif tok in ("a", "an", "and", "of"):
            continue
        elif tok in DENOMINATORS:
            denom = DENOMINATORS[tok]
            if tok in ("half", "halves") and i + 1 < len(tokens) and tokens[i + 1] in ("a", "an"):
                # "half a million", "half a dozen"
                current += 0.5
                seen_number = have = True
                continue
            if tok in ("half", "halves") and seen_number and current and i > 0 and tokens[i - 1] == "a":
                current += 0.5  # "one and a half"
                continue
            numerator = current or 1
            current = 0.0
            total += numerator / denom
            seen_number = True
        elif tok in SCALE_ABBREVIATIONS and i == len(tokens) - 1 and seen_number:
            total += (current if have else 1) * SCALE_ABBREVIATIONS[tok]
            current = 0.0
            have = False
        else:
            return None
    if not seen_number:
        return None
    return total + current


def is_fraction(s: str) -> bool:
    """True for fraction words ("two-thirds", "a quarter", "half")."""
    toks = s.lower().replace("-", " ").split()
    return bool(toks) and toks[-1] in DENOMINATORS
