"""One pass over the text that finds every numeric mention and decides what it measures.

The ``quantities``, ``money`` and ``counts`` extractors share this pass (cached per text), so
a number is read once and claimed by exactly one kind: "5m" is five million dollars after a
``$``, five million people before "people", and five metres otherwise.

How it works: one compiled master regex (:data:`MASTER`) finds bound word + currency +
number + scale (+ a range's second number) with ``finditer``; then a few anchored regexes
look at the text right after (unit, percent, currency word, counted noun, participle) and
right before ("aged", "Mach", "killed"). Work is linear in the text length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import numbers as N
from . import units as U
from .composition import compose
from .counted import _count
from .cues import _BEFORE_WORD, _BOUND_BEFORE, _DIG, _NUMW, _TEMP_CONTEXT, _WORD, _bound_of
from .currency import (  # noqa: F401 - currency_of_sign is part of this module's interface
    _CODE_ALT,
    _CODES,
    _CUR_WORD_CASED,
    _LOWER_DOLLAR_BEFORE,
    _MINOR,
    _PENCE_AFTER,
    _PREFIX_SIGNS,
    _SCALE_AFTER_CODE,
    CUR_PREFIX,
    CUR_PREFIX2,
    _currency_word_at,
    _known_code,
    currency_of_sign,
)
from .mention import Mention
from .patterns import _ICASE_FOLD, _alt, _trie, lazy_re
from .side_finders import (
    _UNFOLDED,
    _drop_rate_footers,
    _inherit_parenthesised_bounds,
    _multiplier_words,
    _race_times,
    _ratios,
    _side_finders,
)
from .unit_phrase import _EXTRA_BEFORE_UNIT, _unit_at, _unit_key, _UnitMatch

_RACE_AFTER = re.compile(
    r"\s+(?:" + "|".join(re.escape(w) for w in sorted(U.RACE_EVENTS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)

_MINUS_WORD = re.compile(r"(?<![\w-])minus[\s-]$", re.IGNORECASE)


def _neg_start(m: re.Match) -> int | None:
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
    # "grew by a third", "cut by half" (not "by a third party")
    r"|(?<=\bby\s)(?:(?:a|one)\s+(?:third|quarter|fifth|tenth)|half)\b"
    r"(?!\s+(?:party|parties|time|term|round|place|person|way|world|quarter|century|hour|day|year)\b))"
)
# "half million", "a quarter million", "three quarters billion": a fraction of a scale word
_FRACTION_SCALE = rf"(?:(?:a|one|two|three)\s+)?(?:half|quarters?|thirds?)\s+(?:{N._BIG})\b"
_FRACTION_SCALE_RE = lazy_re(
    rf"(?:(?P<n>a|one|two|three)\s+)?(?P<d>half|quarters?|thirds?)\s+(?P<s>{N._BIG})", re.IGNORECASE
)
# "1/4 mile", "10 1/2 miles", "1/2h": a written fraction, kept only before a unit (see _SLASH_KINDS)
_SLASH = r"(?:\d{1,3}\s+)?\d{1,2}/\d{1,2}(?=\s?-?[^\W\d_])"
_NUM1 = (
    rf"(?:(?P<vague>{_VAGUE})(?=\s+of\b)|(?P<frac>{_FRACTION})|(?P<slash>{_SLASH})"
    rf"|(?P<digits>{_DIG})|(?=[aothq])(?P<fscale>{_FRACTION_SCALE})"
    rf"|(?P<words>{_NUMW}))"
)
_SLASH_KINDS = {"distance", "altitude", "speed", "weight", "duration", "other_quantity"}
_SCALE_SPACED = r"(?:bn|bln|mn|mln|tn|trn)"  # "185.61 mln": Reuters style
# a scale word, or "hundred" before one ("4 hundred million people"), or "hundred" after digits
_SCALE_WORDS = rf"(?:hundred\s+(?:{N._BIG})|{N._BIG}|(?<=\d\s)hundred)"
_SCALE = rf"(?:(?P<sca>{_SCALE_ATT}|(?<=\d)\s{_SCALE_SPACED})(?![a-z])|\s+(?P<scw>{_SCALE_WORDS})\b)"
_SCALE2 = rf"(?:(?P<sca2>{_SCALE_ATT}|(?<=\d)\s{_SCALE_SPACED})(?![a-z])|\s+(?P<scw2>{_SCALE_WORDS})\b)"


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
    rf"(?=\d|\.\d|[{''.join(_SIGN_FIRST)}]|(?-i:[A-Z][A-Z$.s]|{_trie(_SIGN_TWO)})"
    rf"|{_trie(_FIRST_WORDS)}\b)"
)
MASTER = re.compile(
    r"(?<![\w/:.,\u2013$£€¥₩#@&%])(?:(?<![\w\-]-)|(?<=minus-))"  # "%20in%20": URL escapes are not numbers; "Su-27" no
    rf"{_MASTER_GUARD}"
    r"(?:(?P<between>between|from)\s+)?"
    rf"(?:(?P<bound>{_alt(_BOUND_BEFORE)})\s+)?"
    rf"(?P<cur>{CUR_PREFIX}\s?)?"
    rf"(?P<num>{_NUM1})"
    rf"{_SCALE}?"
    r"(?:(?P<sep>(?(between)\s+and\s+|(?!))|\s*[-\u2013\u2014]\s*~?|\s+to\s+~?)"
    rf"(?P<cur2>{CUR_PREFIX2}\s?)?(?P<num2>{_DIG}|{_NUMW}){_SCALE2}?(?![\d.,]\d))?"
    r"(?![\d]|[.,]\d|:\d|/\d)",
    re.IGNORECASE,
)

# ---- tails: anchored at the end of the number --------------------------------------------
_PCT = re.compile(
    r"(?P<sp>\s?-?\s?)(?P<u>%|per[ -]?cent(?:age[ -]points?)?|percentage[ -]points?|pct\b"
    r"|(?<=\d)(?:pc|ppts?|pp)\b)",
    re.IGNORECASE,
)
_MINUS_BEFORE = re.compile(r"(?:\bminus\s+|−\s?)$", re.IGNORECASE)

_AGE = re.compile(r"(?:-|\s)(?P<u>year|month|week|day)s?(?:-|\s)olds?\b|\s(?P<yo>y\.?o\.?)(?=\s(?-i:[a-z]))", re.IGNORECASE)
_FOLD = re.compile(r"-?\s?fold\b", re.IGNORECASE)

# an age limit changed or kept: "the age of majority was reduced to 18", "leaving the age ... at 21"
_AGE_SET_BEFORE = re.compile(
    r"\bages?\b[^.;!?\n]{0,40}?\b(?:reduced|lowered|raised|increased|cut|set|fixed|dropped|brought\s+down"
    r"|pushed\s+up|lowering|raising|reducing|leaving|left|keeping|kept|remains?|remained|stays?|stayed)"
    r"\s+(?:to|at)\s+$"
    r"|\b(?:leav(?:e|es|ing)|left|keep(?:s|ing)?|kept|set(?:ting)?|lower(?:s|ing)?|rais(?:e|es|ing)|cut(?:ting)?"
    r"|reduc(?:e|es|ing))\s+the\s+(?:[a-z]+\s+)?ages?\b[^.;!?\n\d]{0,40}?\b(?:to|at)\s+$",
    re.IGNORECASE,
)
_AGE_SET_AFTER = re.compile(r"\s+(?:by|from|under|for|last|next|this|as)\b", re.IGNORECASE)
# a minimum age stated of people: "candidates must be 21", "you have to be 18 to vote"
_MUST_BE_BEFORE = re.compile(
    r"\b(?:candidates?|applicants?|voters?|drivers?|people|persons|members|MPs|children|students|players|"
    r"anyone|everyone|you|they|he|she|buyers|recruits|workers|users)(?:\s+[^.;!?\n\d]{0,40}?)?\s+(?:would\s+|will\s+)?"
    r"(?:must|should|has\s+to|have\s+to|needs?\s+to|had\s+to)\s+be\s+$",
    re.IGNORECASE,
)
# "Kim Jong Un, believed to be 33, is..."
_NAME_BELIEVED = re.compile(
    r"(?-i:[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}),\s+(?:believed|thought|said|reported|understood)\s+to\s+be\s+$"
)
_MUST_BE_AFTER = re.compile(
    r"\s*(?:[,;.)!?]|$)|\s+(?:or\s+(?:older|over|above)|and\s+over|to\s+(?:vote|stand|drive|buy|drink|"
    r"marry|work|join|apply|enter|run|be|sit)|while|when|before|if|in\s+order)\b",
    re.IGNORECASE,
)
# "18- to 24-year-olds": a range whose first number hangs on a hyphen
_HANGING_AGE = re.compile(
    r"-\s+to\s+(?P<n>\d{1,3})(?:-|\s)(?P<u>year|month|week|day)s?(?:-|\s)olds?\b", re.IGNORECASE
)
_HANGING_BEFORE = re.compile(r"\d-\s+to\s+$")
_OF_PP = re.compile(r"\s+of\s+a\s+(?:percentage[ -]point|per\s*cent(?:age)?\s+point)\b", re.IGNORECASE)
_ROLE_BEFORE_AGE = re.compile(r"\b(?:" + _alt(U.PERSON_ROLES) + r")s?,\s+$", re.IGNORECASE)
_BEFORE_AGE_WORD = re.compile(
    r"(?:\bages?\s+(?:limit\s+)?(?:of\s+|is\s+|was\s+|at\s+|to\s+|from\s+)?"
    r"|\b(?:who|which)\s+(?:is|was|turns|turned)\s+|\b[A-Z][a-z]+,\s+)$"
)
# "at 18" is an age after a life event or opening a sentence ("At 18, he..."), before a clause end
_AT_AGE_BEFORE = re.compile(
    r"(?:(?:^|[.!?]\s+|\n\s*)(?-i:At)|\b(?:left|leaving|leave|quit|married|marry|marrying|died|die|dies|"
    r"joined|retired|retire|retiring|started|starting|began|debuted|signed|became|become|pregnant|"
    r"diagnosed|orphaned|elected|emigrated|enlisted|arrived|graduated|school|home|widowed|drafted)"
    r"\b[^.;:,\d]{0,30}?\bat)\s+$",
    re.IGNORECASE,
)
_AT_AGE_AFTER = re.compile(
    r"\s*(?:[,;.)!?]|$)|\s+(?:to|when|and|or|after|before|in|he|she|they|i|the|would|will|could|"
    r"can|are|were|get|gets|got|have|had|has|who|while|is|was|years|with|from|but)\b",
    re.IGNORECASE,
)
# a personal name (two capitalised words) then "(": "Kim Jong Un (33)"
_NAME_PAREN = re.compile(r"(?-i:[A-Z][a-z'’-]+\s+(?:[A-Z][a-z'’-]*\.?\s+){0,2}[A-Z][a-z'’-]+)\s?\($")
# "Casey (67) and Holmes (68)", "Harden (13) looks": scores and shirt numbers, not ages
_PAREN_LIST = re.compile(r"\(\d+\)")
_SPORT_WORDS = re.compile(
    r"\b(?:guard|forward|cent(?:er|re)|quarterback|pitcher|striker|midfielder|defender|goalkeeper|"
    r"par|birdies?|bogeys?|eagles?|round|tied|half|innings?|seed(?:ed)?|points?|goals?|rebounds?|"
    r"assists?|shot|scored?|leads?|dunks?|drives?|looks|passes|tackles?|No\.)\b",
    re.IGNORECASE,
)
_PEOPLE_BEFORE_BOUND = re.compile(
    r"\b(?:people|persons|pensioners|those|anyone|adults|children|kids|men|women|voters|workers|drivers|"
    r"patients|residents|citizens|everyone|teenagers|retirees|(?:tax)?payers|earners|savers|smokers|users|"
    r"viewers|members|owners|renters|buyers|claimants|applicants|girls|boys|babies|infants|"
    r"aged|age|ages|anybody|someone|somebody|individuals|couples|households)"
    r"\s+(?:(?:who\s+|that\s+)?(?:are|is|were|was|being|aged)\s+)?$",
    re.IGNORECASE,
)
_OLD_AFTER = re.compile(r"\s+old\b", re.IGNORECASE)
# "8,848 metres high", "100 feet (30 meters) in altitude", and the restatement inside the brackets
_HIGH_AFTER = re.compile(
    r"(?:\s*\([^()]{1,40}\))?\)?\s+(?:high|tall|up|in\s+(?:altitude|height)|above\s+(?:sea|ground|the))\b",
    re.IGNORECASE,
)
# "flying at 30,000 feet", "orbits at 500 km", "climbed to 20 km"
_BEFORE_ALT_VERB = re.compile(
    r"(?:\b(?:fl(?:y|ies|ying|ew|own)|cruis\w*|hover\w*|orbit\w*|circl\w*)\s+at"
    r"|\b(?:climb\w*|ascend\w*|soar\w*)\s+to)\s+$",
    re.IGNORECASE,
)
_POST_BOUND = re.compile(rf"\s*(?:,\s*)?(?P<b>{_alt(U.BOUND_AFTER)})\b(?!\s+(?:than|of)\b)", re.IGNORECASE)
_PLUS_ATTACHED = re.compile(r"\+|-plus\b", re.IGNORECASE)

# ---- looking back: anchored at the end of the text before the match ----------------------
_BEFORE_AGED = re.compile(r"\b(?:aged|ages)\s+$", re.IGNORECASE)
_BEFORE_MACH = re.compile(r"\bMach\s*-?\s*$")
_BEFORE_ALT = re.compile(
    r"(?:altitude|apogee|height|elevation|ceiling|altitudes)\b[^.;]{0,30}$", re.IGNORECASE
)
_BEFORE_DIST = re.compile(
    r"(?:flew|flown|flying|travell?ed|travell?ing|distance|range|flight|away|from)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
_BEFORE_MONEY = re.compile(
    r"\b(?:cost|costs|costing|pay|paid|pays|price|priced|worth|fine|fined|fee|fees|spent|spend|"
    r"raised|salary|wage|bill|sum|charge|charged|sold\s+for|bought\s+for)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
_YEARISH_BEFORE = re.compile(
    r"\b(?:in|since|by|from|until|till|during|before|after|of|the|fiscal|year|early|late|mid|"
    r"spring|summer|autumn|fall|winter|through|between|and|to|circa|c\.)\s+$",
    re.IGNORECASE,
)

def _number_value(m: re.Match) -> tuple[float | None, bool]:
    """(value of the first number with its scale, is_vague)."""
    if m.group("vague"):
        return float(N.VAGUE[" ".join(m.group("vague").lower().split())]), True
    if m.group("frac"):
        return N.parse_number(m.group("frac")), False
    if m.group("fscale"):
        fm = _FRACTION_SCALE_RE.match(m.group("fscale"))
        n = {"a": 1, "one": 1, "two": 2, "three": 3}.get((fm.group("n") or "a").lower(), 1)
        d = N.DENOMINATORS[fm.group("d").lower()]
        v = n / d * _scale_word(fm.group("s"))
        return (-v if _neg_start(m) is not None else v), False
    if m.group("slash"):
        *whole, fraction = m.group("slash").split()
        a, b = (int(x) for x in fraction.split("/"))
        if not 0 < a < b:
            return None, False  # "24/7", "9/11": no fraction
        return (int(whole[0]) if whole else 0) + a / b, False
    if m.group("digits"):
        v = float(m.group("digits").replace(",", ""))
    else:
        v = N.parse_number(m.group("words"))
        if v is None:
            return None, False
    if m.group("sca"):
        v *= _scale_word(m.group("sca"))
    elif m.group("scw"):
        v *= _scale_word(m.group("scw"))
    if _neg_start(m) is not None:
        v = -v  # "-1.3%", "minus five percent"
    return v, False


def _second_value(m: re.Match) -> float | None:
    s = m.group("num2")
    if s is None:
        return None
    v = N.parse_number(s)
    if v is None:
        return None
    if m.group("sca2"):
        v *= _scale_word(m.group("sca2"))
    elif m.group("scw2"):
        v *= _scale_word(m.group("scw2"))
    return v


def _scale_of(m: re.Match, second: bool) -> float:
    a, w = ("sca2", "scw2") if second else ("sca", "scw")
    if m.group(a):
        return _scale_word(m.group(a))
    if m.group(w):
        return _scale_word(m.group(w))
    return 1.0


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
        while (m := MASTER.search(block, pos)) is not None:
            pos = m.end()
            cur = m.group("cur")
            if cur and not _known_code(cur):
                pos = m.start("num")  # "ABC 5": no currency, read the number
                continue
            try:
                found = _classify(block, m)
                if m.group("slash"):
                    found = [x for x in found if x.kind in _SLASH_KINDS]
                if _neg_start(m) is not None:
                    found = _signed(found)
                for x in found:
                    if b0:
                        x.start += b0
                        x.end += b0
                        x.num_start += b0
                        x.num_end += b0
                    out.append(x)
                if m.group("num2") is not None and _broken_range(block, m):
                    # "rose 32,000 to 1.41 million": no range, so the second figure is read on its own
                    pos = m.start("cur2") if m.group("cur2") else m.start("num2")
            except Exception as exc:  # no one match may end the pass
                faults.append((b0 + m.start(), describe(exc)))
        if "$" in block:
            try:
                _code_dollars(block, b0, out)
            except Exception as exc:  # noqa: BLE001 - contained like a match
                faults.append((b0, describe(exc)))
    low = None if _UNFOLDED.search(text) else text.lower()

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
    """ "usd$ 15", "nzd$15": a code glued to "$" (the engine starts no number inside a word)."""
    i = block.find("$")
    while i >= 0:
        cm = _CODE_DOLLAR.search(block, max(0, i - 4), i + 1) if i and block[i - 1].isalpha() else None
        if cm is not None:
            sub = block[i:]
            m = MASTER.match(sub)
            if m is not None and m.group("cur"):
                for x in _classify(sub, m):
                    if x.kind == "money":
                        x.currency = x.unit = currency_of_sign(cm.group("p") + "$")
                        x.start, x.end = b0 + cm.start(), b0 + i + x.end
                        x.num_start += b0 + i
                        x.num_end += b0 + i
                        out.append(x)
        i = block.find("$", i + 1)


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


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




def _range_reading(text: str, m: re.Match, v1: float) -> tuple[float, float | None, bool]:
    """How "X to Y" reads: (first value, second value or None when the two are no range,
    whether they are a change "from X to Y" made two claims).

    ``v1`` is the first number as written with its own scale. A scale written only after the
    second number is shared by the first when the first is a bare small figure
    (:func:`_shared_scale`). A range never ends below its start: "range from 7.3 to 6.9"
    becomes two claims, "won 3 to 1" no range at all.
    """
    v2 = _second_value(m)
    if v2 is None or m.group("frac"):
        return v1, None, False  # "cut by a third to $25.5 billion": a fraction starts no range
    from_ = (m.group("between") or "").lower() == "from"
    # "anywhere from 25 to 75 percent", "estimates range from 3 to 5": a range, not a change
    change = from_ and not _RANGE_CUE.search(text, max(0, m.start("between") - 30), m.start("between"))
    shared, declined = _shared_scale(m, v1, change)
    v1 *= shared
    if declined and not from_ and _CHANGE_BEFORE.search(text, max(0, m.start() - 60), m.start()):
        return v1, None, False  # "rose 8,000 to 2.24 million": a rise of 8,000 to a level, no range
    digits = m.group("digits") or ""
    if declined and v1 >= 1000 and "," not in digits:
        # "rise 3.5% in 2005 to 5.5 million tonnes": a figure this large beside a scaled one
        # is written with separators; without them it is a year or a code, not a range start
        return v1, None, False
    if v2 < v1:
        if not from_:
            return v1, None, False
        change = True
    return v1, v2, change


def _shared_scale(m: re.Match, v1: float, change: bool) -> tuple[float, bool]:
    """(the factor the first number of "X to Y scale" takes from the second, whether a scale
    was there to share but X stands alone).

    X shares Y's scale only when it is a bare figure that reads as a part of one: no scale
    of its own ("5 million to 6 billion"), no thousands separator and under 1,000 ("$800,000
    to $1.3 million", "1,000 to 2 million"), and not above Y's own figure ("$10 to $15
    billion", "four to five thousand", "between 2 and 3 million" share; "from $200 to $4
    million" does not). A change may fall, so there X may be up to ten times Y's figure
    ("fell from 5 to 4 billion dollars")."""
    readings = _second_parts(m)
    if not readings:
        return 1.0, False
    if m.group("sca") or m.group("scw") or m.group("vague") or m.group("frac"):
        return 1.0, False
    digits, words = m.group("digits"), m.group("words")
    if words and any(t in N.SCALES and t != "hundred" for t in _word_tokens(words)):
        return 1.0, False  # "two million to 3 billion": X carries its own scale
    if (digits and "," in digits) or v1 >= 1000:
        return 1.0, True
    for base, scale in readings:
        if v1 <= base or (change and v1 <= 10 * base):
            return scale, False
    return 1.0, True


def _word_tokens(s: str) -> list[str]:
    return s.translate(_ICASE_FOLD).lower().replace("-", " ").split()


def _scale_word(word: str) -> float:
    """The factor of a matched scale ("bn", " mln", "million"); folded like bound words, since
    IGNORECASE matched "billıon" (dotless i) as "billion"."""
    w = word.translate(_ICASE_FOLD).lower().strip()
    if " " in w or "\t" in w or "\n" in w:  # "hundred million"
        f = 1.0
        for part in w.split():
            f *= N.SCALES[part]
        return f
    return N.SCALES[w] if w in N.SCALES else N.SCALE_ABBREVIATIONS[w]


def _second_parts(m: re.Match) -> list[tuple[float, float]]:
    """The ways the second number of a range splits into (figure, scale) with a scale, the
    largest scale first: "$15 billion" (15, 1e9); "five hundred thousand" (5, 1e5) then
    (500, 1e3), so "four to five hundred thousand" is 400,000 and "two hundred to three hundred
    thousand" 200,000; "a hundred" (1, 100). Empty when the second number has no scale."""
    s = m.group("num2")
    extra = _scale_of(m, True)
    toks = _word_tokens(s)
    if s[:1].isdigit() or s[:1] == ".":
        toks = [s]
    run = 0
    while run < len(toks) and toks[len(toks) - 1 - run] in N.SCALES:
        run += 1
    out = []
    for k in range(run, -1, -1):
        scale = extra
        for t in toks[len(toks) - k :] if k else ():
            scale *= N.SCALES[t]
        if scale == 1.0:
            continue
        head = [t for t in toks[: len(toks) - k] if t not in ("a", "an")]
        base = N.parse_number(" ".join(head)) if head else 1.0
        if base is not None:
            out.append((base, scale))
    return out


def _broken_range(text: str, m: re.Match) -> bool:
    """Did a match of "X to Y" turn out to be no range (so Y still needs reading)?"""
    v1, _ = _number_value(m)
    return v1 is not None and _range_reading(text, m, v1)[1] is None


# A change stated by its size before its new level: "rose 32,000 to 1.41 million",
# "fell by 600,000 to 5.9 million", "rose a higher than expected 17,000 to 4.483 million".
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|falls?|falling|fallen|climbed|climbs?|jumped|jumps?|dropped|drops?|"
    r"slipped|slips?|gained|gains?|grew|grows?|declined|declines?|increased|increases?|decreased|"
    r"decreases?|added|adds?|shed|sheds|lost|loses?|up|down|surged|surges?|slumped|plunged|soared|"
    r"edged\s+(?:up|down)|by)\s+(?:[a-z][\w-]*\s+){0,4}$",
    re.IGNORECASE,
)


# Words that make "from X to Y" the two ends of one range rather than a change.
_RANGE_CUE = re.compile(
    r"\b(?:anywhere|somewhere|rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|spans?|spanning)\s+$", re.IGNORECASE
)

def _classify(text: str, m: re.Match) -> list[Mention]:
    v1, vague = _number_value(m)
    if v1 is None:
        return []
    frac = m.group("frac") is not None
    num_start = m.start("num")
    neg_at = _neg_start(m)
    first_start = m.start("cur") if m.group("cur") else neg_at if neg_at is not None else num_start
    bound_word = m.group("bound")
    bound = _bound_of(bound_word) if bound_word else "exact"
    start = m.start("bound") if bound_word else first_start
    between = m.group("between")
    sep = m.group("sep")
    v2 = None
    is_from = False
    e = m.end()
    if sep:
        v1, v2, is_from = _range_reading(text, m, v1)
    if sep and v2 is None:
        # not a range after all: stop after the first number (the caller reads the second anew)
        e = m.end("sca") if m.group("sca") else m.end("scw") if m.group("scw") else m.end("num")
        sep = None
    if between and not sep:
        between = None
    if between and not is_from:
        start = m.start("between")
    # "rose from 3 to 5 percent" is a change, not a range: two exact claims
    split_from = is_from and sep is not None

    digits = m.group("digits")
    words = m.group("words")
    next_ch = text[e : e + 1]

    cur = m.group("cur")

    def make(kind, unit, end, value=v1, value_high=None, currency=None, conf=0.9, s=None, b=None, **kw):
        bb = b if b is not None else bound
        if vague and bb == "exact":
            bb = "lower"
        vh = value_high
        if vh is not None:
            bb = "range"
        return Mention(
            kind, start if s is None else s, end, value, unit, bb, vh, currency, conf,
            num_start=num_start, num_end=m.end("num"), **kw,
        )

    def finish(ms: list[Mention]) -> list[Mention]:
        if split_from and ms:
            return _split_from(text, m, ms[0], v1, v2)
        # bound written after: "30 or more", "$5bn or so"
        for mm in ms:
            pb = _POST_BOUND.match(text, mm.end)
            if pb and mm.bound == "exact":
                mm.bound = U.BOUND_AFTER[" ".join(pb.group("b").lower().split())]
                mm.end = pb.end()
            elif mm.bound == "exact" and _PLUS_ATTACHED.match(text, mm.end):
                pm = _PLUS_ATTACHED.match(text, mm.end)
                mm.bound = "lower"
                mm.end = pm.end()
        return ms

    vhigh = v2 if sep else None

    # ---- money with a currency symbol or code before the number ------------------------
    if cur:
        code = currency_of_sign(cur)
        if cur.strip() == "$" and not bound_word and not between:
            lp = _LOWER_DOLLAR_BEFORE.search(text, max(0, start - 5), start)
            if lp:
                code = currency_of_sign(lp.group("p") + "$")
                start = lp.start()
        tail = e
        # "$35B" / "$5m" handled as scale; a currency word after is allowed ("$5bn dollars" rare)
        conf = 0.95 if not vague else 0.7
        return finish([make("money", code, tail, value_high=vhigh, currency=code, conf=conf)])

    # ---- "Mach 5" ------------------------------------------------------------------------
    before = text[max(0, start - 40) : start]
    if _BEFORE_MACH.search(before) and not bound_word:
        mb = _BEFORE_MACH.search(before)
        s = start - (len(before) - mb.start())
        return finish([make("speed", "mach", e, value_high=vhigh, conf=0.9, s=s)])

    # ---- percentages ---------------------------------------------------------------------
    if frac:
        pp = _OF_PP.match(text, e)
        if pp:  # "a quarter of a percentage point"
            return finish([make("percentage", "percentage_point", pp.end(), value=v1, conf=0.85)])
        # fractions of a whole: "two-thirds" -> 66.666...
        return finish([make("percentage", "percent", e, value=v1 * 100, conf=0.8)])
    pm = _PCT.match(text, e)
    if pm:
        u = " ".join(pm.group("u").lower().replace("-", " ").split())
        unit = "percentage_point" if "point" in u or u.startswith("pp") else "percent"
        return finish([make("percentage", unit, pm.end(), value_high=vhigh, conf=0.95)])

    # ---- multipliers: "four-fold", "3-fold" --------------------------------------------
    fm = _FOLD.match(text, e)
    if fm and not vague:
        return finish([make("other_quantity", "times", fm.end(), conf=0.85)])

    # ---- ages ----------------------------------------------------------------------------
    if digits and not sep and not bound_word:
        ha = _HANGING_AGE.match(text, e)
        if ha and float(ha.group("n")) > v1:
            return finish([make("age", ha.group("u").lower(), ha.end(), value_high=float(ha.group("n")), conf=0.9)])
    if digits and _HANGING_BEFORE.search(before) and _AGE.match(text, e):
        return []  # the second half of "18- to 24-year-olds", claimed with the first
    am = _AGE.match(text, e)
    if am:
        return finish([make("age", (am.group("u") or "year").lower(), am.end(), value_high=vhigh, conf=0.92)])
    if (digits or words) and not bound_word and _BEFORE_AGE_WORD.search(before) and 1 <= v1 <= 120 \
            and v1 == int(v1) and not sep and not _unit_at(text, e) and not _PCT.match(text, e) \
            and (re.search(r"\bages?\s+\w*\s*$", before)
                 or re.match(r"[,.;)]|\s+(?:years|in|at|when|and|,|while|for|is|was|would|will|on)\b|$", text[e : e + 12])) \
            and not (re.search(r"[A-Z][a-z]+,\s+$", before) and not re.match(r",", text[e : e + 1])):
        return finish([make("age", "year", e, conf=0.7)])
    if _BEFORE_AGED.search(before) and (digits or words):
        mb = _BEFORE_AGED.search(before)
        s = start - (len(before) - mb.start())
        um = _unit_at(text, e)
        if not um or um.group("u").lower() in ("years", "year"):
            end = um.end() if um else e
            return finish([make("age", "year", end, value_high=vhigh, conf=0.9, s=s)])
    if (digits or words) and v1 == int(v1) and not sep and not vague and not _unit_at(text, e) \
            and not _PCT.match(text, e):
        bw_ = (bound_word or "").lower()
        if not bound_word and 1 <= v1 <= 120 and _AGE_SET_BEFORE.search(text, max(0, start - 90), start) \
                and (_AT_AGE_AFTER.match(text, e) or _AGE_SET_AFTER.match(text, e)):
            return finish([make("age", "year", e, conf=0.7)])  # "the voting age was lowered to 16"
        if (not bound_word or bw_ == "at least") and 10 <= v1 <= 100 and _MUST_BE_BEFORE.search(text, max(0, start - 90), start) \
                and _MUST_BE_AFTER.match(text, e):
            return finish([make("age", "year", e, conf=0.7)])  # "candidates must be 21"
        if not bound_word and digits and 10 <= v1 <= 110 and text[e : e + 1] == "," \
                and _ROLE_BEFORE_AGE.search(before):
            return finish([make("age", "year", e, conf=0.75)])  # "The CEO, 54, resigned"
        if not bound_word and 10 <= v1 <= 110 and text[e : e + 1] == "," and _NAME_BELIEVED.search(before):
            return finish([make("age", "year", e, conf=0.7)])  # "Kim Jong Un, believed to be 33,"
        if not bound_word and 1 <= v1 <= 120 and _AT_AGE_BEFORE.search(before) and _AT_AGE_AFTER.match(text, e):
            return finish([make("age", "year", e, conf=0.7)])  # "left school at 16", "At 18, he..."
        if not bound_word and digits and 10 <= v1 <= 115 and text[start - 1 : start] == "(" \
                and text[e : e + 1] == ")" and _NAME_PAREN.search(before) \
                and not _PAREN_LIST.search(text, e + 1, e + 60) and not _PAREN_LIST.search(before[-60:]) \
                and not _SPORT_WORDS.search(text, max(0, start - 80), min(len(text), e + 60)):
            return finish([make("age", "year", e, conf=0.7)])  # "Kim Jong Un (33)"
        if bw_ in ("over", "under", "aged over", "aged under") and 2 <= v1 <= 110 \
                and _PEOPLE_BEFORE_BOUND.search(before) and _AT_AGE_AFTER.match(text, e):
            return finish([make("age", "year", e, conf=0.7)])  # "people over 65", "children under five"

    # ---- money written with a currency word after ("5 million euros", "1.5 trillion won")
    scaled = bool(m.group("sca") or m.group("scw") or m.group("sca2") or m.group("scw2"))
    cm = _currency_word_at(text, e)
    if cm and (cm.group("of") is None or vague):
        word = " ".join(cm.group("u").lower().split())
        if text[e : e + 1] == "-" and not digits and (words or "").lower().startswith(("a ", "an ")):
            return []  # "a billion-dollar dent": a magnitude adjective, no figure
        code = U.CURRENCY_SUFFIX[word]
        ok = True
        if word in U.WEAK_CURRENCY_WORDS:
            if word in ("pound", "pounds"):
                ok = scaled or vague or bool(_BEFORE_MONEY.search(before)) or bool(_PENCE_AFTER.match(text, cm.end()))
            elif word == "won":
                ok = scaled or vague or v1 >= 1000
            else:
                ok = True
        if ok:
            conf = 0.7 if vague else 0.93
            sm = _SCALE_AFTER_CODE.match(text, cm.end()) if not scaled and not vague else None
            if sm:  # "75 USD million"
                f = _scale_word(sm.group("scale"))
                return finish([make("money", code, sm.end(), value=v1 * f,
                                    value_high=None if vhigh is None else vhigh * f, currency=code, conf=0.9)])
            return finish([make("money", code, cm.end(), value_high=vhigh, currency=code, conf=conf)])
    cc = _CUR_WORD_CASED.match(text, e)
    if cc and cc.group("u") and cc.group("u") not in _CODES:
        cc = None
    if cc and cc.group("mc"):  # "30 MUSD", "120 MEUR": millions of a currency (finance shorthand)
        if cc.group("mc") in _CODES and not scaled and not vague:
            code = cc.group("mc")
            return finish([make("money", code, cc.end("mc"), value=v1 * 1e6,
                                value_high=None if vhigh is None else vhigh * 1e6, currency=code, conf=0.85)])
        cc = None
    if cc:
        code = cc.group("u") or currency_of_sign(cc.group("s"))
        if cc.group("scale") and not scaled:
            f = _scale_word(cc.group("scale"))
            return finish([make("money", code, cc.end(), value=v1 * f, value_high=None if vhigh is None else vhigh * f,
                                currency=code, conf=0.9)])
        return finish([make("money", code, cc.end("u") if cc.group("u") else cc.end("s"), value_high=vhigh,
                            currency=code, conf=0.93)])
    if not vague and not scaled:
        mm_ = _MINOR.match(text, e)
        if mm_ and (mm_.group("w") or mm_.group("sign") or digits):
            w = (mm_.group("w") or mm_.group("sign") or "p").lower()
            code, f = U.CURRENCY_MINOR[w]
            return finish(
                [make("money", code, mm_.end(), value=v1 * f,
                      value_high=None if vhigh is None else vhigh * f, currency=code, conf=0.85)]
            )

    # ---- measured quantities: distance, altitude, speed, weight, duration, other ---------
    um = _unit_at(text, e)
    if um is None and not sep:
        xm = _EXTRA_BEFORE_UNIT.match(text, e)  # "2 more minutes", "two additional hours"
        if xm:
            um2 = _unit_at(text, xm.end())
            if um2 is not None and U.UNITS.get(_unit_key(um2.group("u")) or "", ("",))[0] == "duration":
                um = _UnitMatch(um2.group("sp"), um2.group("u"), e, um2.start("u"), um2.end())
    sca_att = (m.group("sca") or "").lower().strip()
    if um and not vague and not (scaled and sca_att in ("m", "k", "b") and not um.group("sp")):
        written = um.group("u")
        u = _unit_key(written) or written.lower()
        attached = um.group("sp") == ""
        kind, unit, factor = U.UNITS[u]
        ok = True
        if u in U.ATTACHED_ONLY and not attached and _BEFORE_MONEY.search(before):
            ok = False  # "it cost 5 m."
        if u in ("l", "w", "v") and not bound_word:
            pw = _BEFORE_WORD.search(before)
            if pw and pw.group(1)[0].isupper() and pw.group(1).lower() not in U.FUNCTION_WORDS:
                ok = False  # "Invest 91L", "Model 3V": designations
        if unit == "degree":
            ok = _degree_is_temperature(text, m, um, before, digits)
        if u in ("c", "f"):
            # bare "30C" only as a temperature: uppercase, digits, a temperature word before it
            ok = attached and written in ("C", "F") and bool(digits) and bool(_TEMP_CONTEXT.search(before))
        if u in U.AMBIGUOUS_POUNDS and _BEFORE_MONEY.search(before):
            ok = False
        if ok and unit in ("celsius", "fahrenheit") and _MINUS_BEFORE.search(before):
            return []  # "minus 5C": the negative-temperature finder takes it
        if ok:
            return _measure(text, m, make, finish, kind, unit, factor, um, v1, vhigh, before, bound_word)
    elif scaled and sca_att == "m" and not m.group("scw") and not sep:
        # "5m": metres unless a counted noun follows ("5m people"); "400m hurdles" is an event name
        if _RACE_AFTER.match(text, m.end("sca")):
            return []  # "the 400m hurdles" names an event (a designation, not a claim)

    if next_ch.isalnum() and not (m.group("sca") or m.group("sca2")):
        return []  # "5G", "747s", "1990s": part of a word

    bz = _BELOW_ZERO.match(text, e) if (digits or words) and not sep and not vague else None
    if bz:  # "2 below zero": a temperature with its scale unwritten
        return finish([make("other_quantity", "degree", bz.end(), value=-v1, conf=0.75)])

    # ---- counts and casualties -----------------------------------------------------------
    res = _count(text, m, make, finish, v1, vhigh, vague, e, before, bound_word, digits, words)
    if res:
        return res
    if scaled and sca_att == "m" and not m.group("scw") and not sep and not vague:
        # "a 100m sprint": metres after all; but "2.7m sales" is 2.7 million of something uncounted
        end = m.end("sca")
        nw = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        if nw and nw.group(0)[0].islower() and nw.group(0).lower().rstrip(".") not in U.FUNCTION_WORDS \
                and not _METRE_CONTEXT.match(text, end):
            return []  # a content word follows: "2.7m sales", "1.5m subscribers"
        return finish([make("distance", "km", end, value=v1 / 1e6 * 0.001, conf=0.7, extra={"factor": 0.001})])
    return []


def _measure(text, m, make, finish, kind, unit, factor, um, v1, vhigh, before, bound_word):
    end = um.end()
    after = text[end : end + 40]
    conf = 0.93
    b = None
    s = None
    if kind == "duration":
        # "two years ago" stays a duration claim (span: the number and unit): it carries a
        # figure a fact-checker can check, unlike digit-less "last week"
        if _OLD_AFTER.match(text, end):
            return finish([make("age", unit, _OLD_AFTER.match(text, end).end(), value_high=vhigh, conf=0.9)])
        conf = 0.88
        if v1 >= 1000 and not bound_word:
            conf = 0.6
        bw = (bound_word or "").lower()
        if bw in ("over", "under", "within"):
            # "over two days" is "during", not a bound
            b = "exact"
            s = m.start("num") if not m.group("cur") else m.start("cur")
        if (m.group("words") or "").lower() == "one" and um.group("sp") != "-" and not bound_word \
                and unit in ("day", "week", "month", "year", "decade", "century"):
            return []  # "one day" is usually "some day"; "one hour", "one sec" are lengths of time
    if kind == "distance":
        if _BEFORE_ALT.search(before) and not _BEFORE_DIST.search(before[-15:]):
            kind = "altitude"
        elif _HIGH_AFTER.match(text, end) or _BEFORE_ALT_VERB.search(before):
            kind = "altitude"
    if kind == "weight" and unit == "kg" and factor == U.LB and um.group("u").lower().startswith("pound"):
        conf = 0.75
    value = v1 * factor
    vh = None if vhigh is None else vhigh * factor
    del after
    if unit in ("degree", "celsius", "fahrenheit") and vhigh is None and _BELOW_ZERO.match(text, end):
        value, end = -value, _BELOW_ZERO.match(text, end).end()  # "2 degrees below zero"
    return finish([make(kind, unit, end, value=value, value_high=vh, conf=conf, s=s, b=b, extra={"factor": factor})])


# what makes "N degrees" an angle, a degree course or a map position, not a temperature
_ANGLE_CONTEXT = lazy_re(
    r"\b(?:angle[sd]?|turn\w*|rotat\w*|latitude|longitude|tilt\w*|slope\w*|inclin\w*|pitch\w*|arc|spin\w*|"
    r"compass|bearing|heading|view|panoram\w*|north|south|east|west|clockwise|pivot\w*|lean\w*|bend\w*|"
    r"twist\w*|swivel\w*|flip\w*|courses?|university|universities|graduat\w*|holds?|held|earned|"
    r"separation|freedom|difficulty|murder|burns?)\b",
    re.IGNORECASE,
)
_MAP_AFTER = lazy_re(r"\s*(?:[NSEW]\b|\d+\s?['′])")
_BELOW_ZERO = re.compile(r"\s+below\s+(?:zero|freezing)\b", re.IGNORECASE)


def _degree_is_temperature(text: str, m: re.Match, um: re.Match, before: str, digits: str | None) -> bool:
    """ "45 degrees", "85°", "-2°": a temperature with its scale unwritten, unless the sentence
    turns, tilts or maps it (an angle), or the number is a word ("two degrees in law")."""
    if "-" in um.group("sp"):
        return False  # "a 360-degree view"
    if not digits and not _TEMP_CONTEXT.search(before):
        return False
    if _MAP_AFTER.match(text, um.end()):
        return False
    window = text[max(0, m.start() - 60) : um.end() + 40]
    return _ANGLE_CONTEXT.search(window) is None or bool(_TEMP_WORDS.search(before))


_TEMP_WORDS = re.compile(_TEMP_CONTEXT.pattern.replace("degrees?|", "").replace("|°)", ")"), re.IGNORECASE)


# words after "100m" that make it metres ("a 100m sprint", "a 30m drop", "5m tall")
_METRE_CONTEXT = lazy_re(
    r"\s+(?:sprint|race|dash|swim|run|walk|wall|tower|drop|fall|tall|high|long|wide|deep|away|above|below|"
    r"under|underground|underwater|across|apart|in\s+(?:height|length|diameter|width|depth)|of|from|off|"
    r"behind|ahead|up|down|radius|stretch|section|length|line|mark|high-|long-)\b",
    re.IGNORECASE,
)


def _split_from(text, m, first: Mention, v1, v2) -> list[Mention]:
    """ "from 3 to 5 percent": two exact claims, the first taking the second's unit."""
    f = first.value / v1 if v1 else 1.0
    a_end = m.end("sca") if m.group("sca") else m.end("scw") if m.group("scw") else m.end("num")
    a_start = m.start("cur") if m.group("cur") else m.start("num")
    b_start = m.start("cur2") if m.group("cur2") else m.start("num2")
    one = Mention(first.kind, a_start, a_end, v1 * f, first.unit, "exact", None, first.currency,
                  first.confidence, first.noun_phrase, first.participle, m.start("num"), m.end("num"))
    two = Mention(first.kind, b_start, first.end, v2 * f, first.unit, "exact", None, first.currency,
                  first.confidence, first.noun_phrase, first.participle, m.start("num2"), m.end("num2"))
    return [one, two]


