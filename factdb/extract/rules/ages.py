"""Stage 3, one kind: is a figure an age?

Asked by :mod:`.kinds` after money signs, "Mach" and percentages, before money words and
units. An age is written after the number ("a 34-year-old", "aged 5", "18- to 24-year-olds")
or told by the sentence around a bare number: "The CEO, 54, resigned", "Kim Jong Un (33)",
"left school at 16", "people over 65", "the voting age was lowered to 16", "candidates must
be 21". :func:`read_age` hands back the age mention (or ``[]``: the figure is no claim at
all), or ``None`` to let the next kind try.
"""

from __future__ import annotations

import re

from . import units as U
from .figure import Figure
from .patterns import _alt, lazy_re
from .unit_phrase import _unit_at

AGE_AFTER = lazy_re(r"(?:-|\s)(?P<u>year|month|week|day)s?(?:-|\s)olds?\b|\s(?P<yo>y\.?o\.?)(?=\s(?-i:[a-z]))", re.IGNORECASE)

# an age limit changed or kept: "the age of majority was reduced to 18", "leaving the age ... at 21"
_AGE_SET_BEFORE = lazy_re(
    r"\bages?\b(?!\s+(?:groups?|range|brackets?|bands?|profile|gap|structure|mix|distribution)\b)"
    # (within the clause: not over a comma or "and", "the age rules changed, and sales rose to 45")
    r"(?:(?!\band\b)[^.;!?\n,]){0,40}?\b(?:reduced|lowered|raised|increased|cut|set|fixed|dropped|brought\s+down"
    r"|pushed\s+up|lowering|raising|reducing|leaving|left|keeping|kept|remains?|remained|stays?|stayed"
    # the limit moving by itself: "the retirement age will rise to 67", "age for MPs to fall to 18"
    r"|fall|falls|fell|falling|rise|rises|rose|rising|go(?:es)?\s+(?:up|down)|come(?:s)?\s+down)"
    r"\s+(?:(?:from\s+\w+\s+)?to|at|from)\s+$"
    # ("cut the age at which people can stand for Parliament from 21 to 18": both ends are ages)
    r"|\b(?:leav(?:e|es|ing)|left|keep(?:s|ing)?|kept|set(?:ting)?|lower(?:s|ing)?|rais(?:e|es|ing)|cut(?:ting)?"
    r"|reduc(?:e|es|ing))\s+the\s+(?:[a-z]+\s+)?ages?\b[^.;!?\n\d]{0,60}?\b(?:(?:from\s+\w+\s+)?to|at|from)\s+$",
    re.IGNORECASE,
)
# (or a headline's end: "Minimum age for MPs to fall to eighteen")
_AGE_SET_AFTER = lazy_re(r"\s+(?:by|from|under|for|last|next|this|as)\b|[ \t]*\n", re.IGNORECASE)
# a minimum age stated of people: "candidates must be 21", "you have to be 18 to vote"
_MUST_BE_BEFORE = lazy_re(
    r"\b(?:candidates?|applicants?|voters?|drivers?|people|persons|members|MPs|children|students|players|"
    r"anyone|everyone|you|they|he|she|buyers|recruits|workers|users)(?:\s+[^.;!?\n\d]{0,60}?)?\s+(?:would\s+|will\s+)?"
    r"(?:must|should|has\s+to|have\s+to|needs?\s+to|had\s+to)\s+be\s+$",
    re.IGNORECASE,
)
# "Kim Jong Un, believed to be 33, is..."
_NAME_BELIEVED = lazy_re(
    r"(?-i:[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}),\s+(?:believed|thought|said|reported|understood)\s+to\s+be\s+$"
)
_MUST_BE_AFTER = lazy_re(
    r"\s*(?:[,;.)!?]|$)|\s+(?:or\s+(?:older|over|above)|and\s+over|to\s+(?:vote|stand|drive|buy|drink|"
    r"marry|work|join|apply|enter|run|be|sit)|while|when|before|if|in\s+order)\b",
    re.IGNORECASE,
)
# "18- to 24-year-olds": a range whose first number hangs on a hyphen
_HANGING_AGE = lazy_re(
    r"-\s+to\s+(?P<n>\d{1,3})(?:-|\s)(?P<u>year|month|week|day)s?(?:-|\s)olds?\b", re.IGNORECASE
)
_HANGING_BEFORE = lazy_re(r"\d-\s+to\s+$")
_ROLE_BEFORE_AGE = lazy_re(r"\b(?:" + _alt(U.PERSON_ROLES) + r")s?,\s+$", re.IGNORECASE)
# the last word each alternative of _BEFORE_AGE_WORD can end with (it is case-sensitive)
_AGE_WORD_ENDS = (",", "age", "ages", "limit", "of", "is", "was", "at", "to", "from", "turns", "turned")
_BEFORE_AGE_WORD = lazy_re(
    r"(?:\bages?\s+(?:limit\s+)?(?:of\s+|is\s+|was\s+|at\s+|to\s+|from\s+)?"
    r"|\b(?:who|which)\s+(?:is|was|turns|turned)\s+|\b[A-Z][a-z]+,\s+)$"
)
# "at 18" is an age after a life event or opening a sentence ("At 18, he..."), before a clause end
_AT_AGE_BEFORE = lazy_re(
    r"(?:(?:^|[.!?]\s+|\n\s*)(?-i:At)|\b(?:left|leaving|leave|quit|married|marry|marrying|died|die|dies|"
    r"joined|retired|retire|retiring|started|starting|began|debuted|signed|became|become|pregnant|"
    r"diagnosed|orphaned|elected|emigrated|enlisted|arrived|graduated|school|home|widowed|drafted)"
    r"\b[^.;:,\d]{0,30}?\bat)\s+$",
    re.IGNORECASE,
)
_AT_AGE_AFTER = lazy_re(
    r"\s*(?:[,;.)!?]|$)|\s+(?:to|when|and|or|after|before|in|he|she|they|i|the|would|will|could|"
    r"can|are|were|get|gets|got|have|had|has|who|while|is|was|years|with|from|but)\b",
    re.IGNORECASE,
)
# a personal name (two capitalised words) then "(": "Kim Jong Un (33)"
_NAME_PAREN = lazy_re(r"(?-i:[A-Z][a-z'’-]+\s+(?:[A-Z][a-z'’-]*\.?\s+){0,2}[A-Z][a-z'’-]+)\s?\($")
# "Casey (67) and Holmes (68)", "Harden (13) looks": scores and shirt numbers, not ages
_PAREN_LIST = lazy_re(r"\(\d+\)")
_SPORT_WORDS = lazy_re(
    r"\b(?:guard|forward|cent(?:er|re)|quarterback|pitcher|striker|midfielder|defender|goalkeeper|"
    r"par|birdies?|bogeys?|eagles?|round|tied|half|innings?|seed(?:ed)?|points?|goals?|rebounds?|"
    r"assists?|shot|scored?|leads?|dunks?|drives?|looks|passes|tackles?|No\.)\b",
    re.IGNORECASE,
)
_PEOPLE_BEFORE_BOUND = lazy_re(
    r"\b(?:people|persons|pensioners|those|anyone|adults|children|kids|men|women|voters|workers|drivers|"
    r"patients|residents|citizens|everyone|teenagers|retirees|(?:tax)?payers|earners|savers|smokers|users|"
    r"viewers|members|owners|renters|buyers|claimants|applicants|girls|boys|babies|infants|"
    r"aged|age|ages|anybody|someone|somebody|individuals|couples|households)"
    r"\s+(?:(?:who\s+|that\s+)?(?:are|is|were|was|being|aged)\s+)?$",
    re.IGNORECASE,
)
# a bound written after an age: "70 or older", "18 or over", "12 and under"
_OR_OLDER_AFTER = lazy_re(r"\s+(?:or|and)\s+(?P<dir>older|over|above|younger|under)\b", re.IGNORECASE)
_BEFORE_AGED = lazy_re(r"\b(?:aged|ages)\s+(?:(?:just|only|barely)\s+)?$", re.IGNORECASE)  # "aged just 24"
# a name, then the age with a time adverb between commas: "Agassi, now 34, has", "Smith, then 19,"
_NAME_NOW_BEFORE = lazy_re(r"(?-i:[A-Z][a-z'’-]+),\s+(?:now|then|still|only|just)\s+$", re.IGNORECASE)
# a named person in apposition, then "was N": "The victim, John Smith, was 38, police said"
# (after a person noun, so that a firm in apposition is no person: "its rival, General Motors, was")
_NAME_WAS_BEFORE = lazy_re(
    r"\b(?P<head>[a-z]+),\s+(?-i:[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+),\s+(?:was|is)\s+$", re.IGNORECASE
)
# a person's age told with "be": "when he was just 14", "she is only 16 and", "I was 12,"
_PRONOUN_BE_BEFORE = lazy_re(
    r"\b(?:he|she|i|they|we|you)\s+(?:was|were|is|are|am|\'s|’s)\s+(?:(?:just|only|still|barely|not\s+yet|nearly|almost)\s+)?$",
    re.IGNORECASE,
)
# ... and the clause ends or goes on with a time or another clause, not with a noun or a score
# ("he was 14 points clear", "she was 2 under par")
_AGE_CLAUSE_AFTER = lazy_re(
    r"\s*(?:[,;.)!?]|$)|\s+(?:when|and|at\s+the\s+time|but|so|while|then|before|after)\b", re.IGNORECASE
)


def read_age(f: Figure) -> list | None:
    """The figure as an age, ``[]`` when it is half of an age range claimed elsewhere, or
    ``None`` when nothing makes it an age."""
    text, e, before, start = f.text, f.end, f.before, f.start
    # No test here asks whether a percent sign or word follows: kinds.classify, the only
    # caller, has already claimed such a figure as a percentage before asking for an age.
    digits, words, sep, vague, bound_word = f.digits, f.words, f.sep, f.vague, f.bound_word
    v1, vhigh, make, finish = f.v1, f.vhigh, f.make, f.finish
    if digits and not sep and not bound_word:
        ha = _HANGING_AGE.match(text, e)
        if ha and float(ha.group("n")) > v1:
            return finish([make("age", ha.group("u").lower(), ha.end(), value_high=float(ha.group("n")), conf=0.9)])
    am = AGE_AFTER.match(text, e)
    if digits and am and "to" in before and _HANGING_BEFORE.search(before):
        return []  # the second half of "18- to 24-year-olds", claimed with the first
    if am:
        return finish([make("age", (am.group("u") or "year").lower(), am.end(), value_high=vhigh, conf=0.92)])
    # cheap tests before the regexes: most figures fail a number test or lack the cue's letters
    # (a, g, e, t have no other character that re.IGNORECASE folds to them, so str.lower() tells)
    low_before = before.lower()
    if (digits or words) and not bound_word and 1 <= v1 <= 120 and v1 == int(v1) and not sep \
            and before.rstrip().endswith(_AGE_WORD_ENDS) and _BEFORE_AGE_WORD.search(before) and not _unit_at(text, e) \
            and (re.search(r"\bages?\s+\w*\s*$", before)
                 or re.match(r"[,.;)]|\s+(?:years|in|at|when|and|,|while|for|is|was|would|will|on)\b|$", text[e : e + 12])) \
            and not (re.search(r"[A-Z][a-z]+,\s+$", before) and not re.match(r",", text[e : e + 1])):
        return finish([make("age", "year", e, conf=0.7)])
    mb = _BEFORE_AGED.search(before) if (digits or words) and "age" in low_before else None
    if mb:
        s = start - (len(before) - mb.start())
        um = _unit_at(text, e)
        if not um or um.group("u").lower() in ("years", "year"):
            end = um.end() if um else e
            return finish([make("age", "year", end, value_high=vhigh, conf=0.9, s=s)])
    if sep and vhigh is not None and (f.m.group("between") or "").lower() == "from" and not bound_word \
            and 1 <= v1 <= 120 and 1 <= vhigh <= 120 and v1 == int(v1) and vhigh == int(vhigh) \
            and not _unit_at(text, e) and "age" in text[max(0, start - 90) : start].lower() \
            and _AGE_SET_BEFORE.search(text, max(0, start - 90), start) \
            and (_AT_AGE_AFTER.match(text, e) or _AGE_SET_AFTER.match(text, e)):
        # "lower the voting age from 18 to 16": a change of the limit, two ages (finish splits it)
        return finish([make("age", "year", e, conf=0.7)])
    if (digits or words) and v1 == int(v1) and not sep and not vague and not _unit_at(text, e):
        bw_ = (bound_word or "").lower()
        if not bound_word and 1 <= v1 <= 120 and "age" in text[max(0, start - 90) : start].lower() \
                and _AGE_SET_BEFORE.search(text, max(0, start - 90), start) \
                and (_AT_AGE_AFTER.match(text, e) or _AGE_SET_AFTER.match(text, e)):
            return finish([make("age", "year", e, conf=0.7)])  # "the voting age was lowered to 16"
        if (not bound_word or bw_ == "at least") and 10 <= v1 <= 100 \
                and text[max(0, start - 90) : start].rstrip()[-2:].lower() == "be" \
                and _MUST_BE_BEFORE.search(text, max(0, start - 90), start) \
                and _MUST_BE_AFTER.match(text, e):
            return finish([make("age", "year", e, conf=0.7)])  # "candidates must be 21"
        if not bound_word and digits and 10 <= v1 <= 110 and text[e : e + 1] == "," \
                and _ROLE_BEFORE_AGE.search(before):
            return finish([make("age", "year", e, conf=0.75)])  # "The CEO, 54, resigned"
        if not bound_word and 10 <= v1 <= 110 and text[e : e + 1] == "," and _NAME_BELIEVED.search(before):
            return finish([make("age", "year", e, conf=0.7)])  # "Kim Jong Un, believed to be 33,"
        if not bound_word and 1 <= v1 <= 120 and low_before.rstrip().endswith("at") \
                and _AT_AGE_BEFORE.search(before) and _AT_AGE_AFTER.match(text, e):
            return finish([make("age", "year", e, conf=0.7)])  # "left school at 16", "At 18, he..."
        if not bound_word and digits and 10 <= v1 <= 115 and text[start - 1 : start] == "(" \
                and text[e : e + 1] == ")" and _NAME_PAREN.search(before) \
                and not _PAREN_LIST.search(text, e + 1, e + 60) and not _PAREN_LIST.search(before[-60:]) \
                and not _SPORT_WORDS.search(text, max(0, start - 80), min(len(text), e + 60)):
            return finish([make("age", "year", e, conf=0.7)])  # "Kim Jong Un (33)"
        if not bound_word and 2 <= v1 <= 110 and _AGE_CLAUSE_AFTER.match(text, e) \
                and (_NAME_NOW_BEFORE.search(before) and text[e : e + 1] == ","
                     or _PRONOUN_BE_BEFORE.search(before)
                     or _person_named_was(text, start)):
            return finish([make("age", "year", e, conf=0.7)])  # "Agassi, now 34,", "when she was just 14"
        oo = _OR_OLDER_AFTER.match(text, e) if not bound_word and 2 <= v1 <= 110 else None
        if oo and _PEOPLE_BEFORE_BOUND.search(before):
            # "someone is 70 or older", "anyone 18 or over", "children 12 and under"
            b = "lower" if oo.group("dir").lower() in ("older", "over", "above") else "upper"
            return finish([make("age", "year", oo.end(), conf=0.7, b=b)])
        if bw_ in ("over", "under", "aged over", "aged under") and 2 <= v1 <= 110 \
                and _PEOPLE_BEFORE_BOUND.search(before) and _AT_AGE_AFTER.match(text, e):
            return finish([make("age", "year", e, conf=0.7)])  # "people over 65", "children under five"
    return None


_PERSON_HEADS = frozenset(U.PERSON_NOUNS) | {r.lower() for r in U.PERSON_ROLES} | {
    "victim", "husband", "wife", "son", "daughter", "father", "mother", "brother", "sister", "suspect",
    "gunman", "driver", "owner", "friend", "neighbour", "neighbor", "partner", "patient",
}


def _person_named_was(text: str, start: int) -> bool:
    """ "The victim, John Smith, was 38": a person noun, a name in apposition, then "was N"."""
    nw = _NAME_WAS_BEFORE.search(text, max(0, start - 80), start)
    if nw is None or nw.group("head").lower() not in _PERSON_HEADS:
        return False
    return not _SPORT_WORDS.search(text, max(0, start - 80), min(len(text), start + 60))
