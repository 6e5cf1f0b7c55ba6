"""Cues shared by the grammar's stages: bound words, number pieces, temperature, percent and price context.

- ``_bound_of(word)``   the contract bound of a bound word written before a figure ("over" -> lower)
- ``_BOUND_TAIL``       a bound word ending the text before a position ("more than |a year")
- ``_DIG``, ``_NUMW``   digits and number words as the figure regexes embed them
- ``_TEMP_CONTEXT``     a temperature word shortly before a figure ("highs of |30C")
- ``PERCENT_AFTER``, ``BEFORE_MONEY``   a percent sign or word after a figure; a price word before it
"""

from __future__ import annotations

import re

from . import numbers as N
from . import units as U
from .patterns import _ICASE_FOLD, _alt, lazy_re

_BOUND_BEFORE = {k.lower(): v for k, v in U.BOUND_BEFORE.items()}

def _bound_of(word: str) -> str:
    return _BOUND_BEFORE.get(" ".join(word.translate(_ICASE_FOLD).lower().split()), "exact")


# cheap guard first: only where a number word starts is the full word grammar tried
_NUMW_FIRST = N._alt(list(N.SMALL) + list(N.TENS) + ["a", "half"])

_NUMW = rf"(?:(?=(?:{_NUMW_FIRST})\b)(?:{N.NUM_WORDS})(?![a-z]))"

# No leading zero ("020 7946", "0800": phone numbers and codes), except a zero-padded decimal
# of seconds, as race results print them ("in 09.58 seconds", "a 04.7 sec gap"); clock times
# ("09:30", "09.30 hrs") and numeric dates ("01.02.2005") stay out
_DIG = rf"(?:(?!0\d){N.NUM_DIGITS}|0\d\.\d+(?=\s?(?i:seconds?|secs?)\b))"

_TEMP_CONTEXT = lazy_re(
    r"(?:\b(?:temperatures?|temps?|degrees?|heat\w*|highs?|lows?|hot|hotter|hottest|warm\w*|cold\w*|"
    r"cool\w*|freez\w*|chill\w*|thermometers?|mercury|weather|forecasters?)\b|°)[^.;]{0,40}$",
    re.IGNORECASE,
)

_BOUND_TAIL = lazy_re(rf"(?<![\w-])(?P<bound>{_alt(_BOUND_BEFORE)})\s+$", re.IGNORECASE)

_WORD = lazy_re(r"[A-Za-z](?:[A-Za-z0-9'’\-]|\.(?=[A-Za-z]))*\.?")


_BEFORE_KILL = lazy_re(
    # (and the headline present: "tornadoes injure seven", "bomb wounds 12")
    # ("stab wounds 3 and 4", "the wound 2 inches deep": the noun, not the verb)
    r"\b(?:killed|killing|kills|kill|wounded|wounding|injured|injuring|injures|injure|"
    r"(?<!stab\s)(?<!shot\s)(?<!gunshot\s)(?<!bullet\s)(?<!knife\s)(?<!the\s)(?<!his\s)(?<!her\s)(?<!its\s)"
    r"(?<!their\s)(?<!a\s)wounds?|"
    r"death\s+toll(?:\s+(?:has\s+)?(?:rose|risen|rises|climbed|stands|stood|reached|is|was|of|at|to)){0,2}"
    r"(?:\s+(?:at|to|of))?"
    # any toll that moves, in a headline's present too: "flood toll reaches 12", "quake toll rose to 120"
    # (a verb is needed: "the toll of $5", "toll road" are no deaths)
    r"|toll\s+(?:has\s+)?(?:rose|risen|rises|climbed|climbs|reached|reaches|hit|hits|stands|stood|topped|tops)"
    r"(?:\s+(?:at|to))?"
    # the toll in other words: "the number of dead rose to more than 300", "the number of
    # people killed stood at 12" (a verb again: "the number of dead is unknown" has no figure)
    r"|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|people\s+killed|those\s+killed|injured|wounded)"
    r"\s+(?:has\s+)?(?:rose|risen|rises|climbed|climbs|reached|reaches|hit|hits|stands|stood|topped|tops|is|was)"
    r"(?:\s+(?:at|to))?)\s+$",
    re.IGNORECASE,
)


_WORD_MARKS = frozenset("_.'’-")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def last_word(s: str) -> str | None:
    r"""The word ``s`` ends with, before its trailing space: what ``([A-Za-z][\w.'’-]*)\s+$``
    finds, read back from the end instead of tried at every position of ``s`` (that search
    backtracked through every word and cost several microseconds per figure). None when
    ``s`` does not end in space or its last word has no ASCII letter."""
    q = len(s.rstrip())
    if q == len(s):
        return None
    p = q
    while p and (s[p - 1].isalnum() or s[p - 1] in _WORD_MARKS):
        p -= 1
    for i in range(p, q):  # the word starts at its first ASCII letter ("3G" -> "G")
        if s[i] in _ASCII_LETTERS:
            return s[i:q]
    return None


_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}


# a percent sign or word right after a number ("5%", "5 per cent", "2 percentage points", "3pp")
PERCENT_AFTER = lazy_re(
    r"(?P<sp>\s?-?\s?)(?P<u>%|per[ -]?cent(?:age[ -]points?)?|percentage[ -]points?|pct\b"
    r"|(?<=\d)(?:pc|ppts?|pp)\b)",
    re.IGNORECASE,
)

# a word that makes the figure after it a price ("it cost 5 m.", "paid 20 pounds")
BEFORE_MONEY = lazy_re(
    r"\b(?:cost|costs|costing|pay|paid|pays|price|priced|worth|fine|fined|fee|fees|spent|spend|"
    r"raised|salary|wage|bill|sum|charge|charged|sold\s+for|bought\s+for|"
    # verbs and nouns of income: "earned 3 million", "grossed 12 million", "a profit of 40
    # million" are sums of money even with the currency unwritten. Not "made" or "generated"
    # ("made 3 million cars", "generated 40 million views"), nor "loss" ("a weight loss of 5 pounds")
    r"earn|earns|earned|earning|grossed|grossing|grosses|profit|profits|revenue|revenues|"
    r"earnings|takings|turnover)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
