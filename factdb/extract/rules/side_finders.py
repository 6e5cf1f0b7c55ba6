"""Stage 3 beside the kinds: numeric claims the figure regex (:data:`.figure.MASTER`) does not start on.

Each runs over the whole text after the figures of the pass (:mod:`.scan`) and adds mentions of its own:
figures with no digits or number words ("more than a year", "a decade", "doubled", "over-65s",
"a 5,000-strong force"), negative temperatures ("minus 5C", "-10°C" with a temperature word),
ratios ("one in five adults" is 20 percent), race times ("3:49.78"), multiplier words
("fourfold"); and two clean-ups: wire exchange-rate footers are no claims, and a restatement in
brackets takes the first figure's bound.
"""

from __future__ import annotations

import re

from . import numbers as N
from .cues import _BOUND_BEFORE as _BOUND_BEFORE_WORDS
from .cues import _BOUND_TAIL, _DIG, _NUMW, _TEMP_CONTEXT, _bound_of
from .mention import Mention
from .patterns import _alt, lazy_re

_NEG_TEMP = lazy_re(
    r"(?=[-−–mM])(?<![\w.,\-−])(?:(?P<minus>minus\s+)|[-−–])(?P<n>\d+(?:\.\d+)?)"
    r"(?P<u>\s?(?:°\s?[CF]|[℃℉]|º[CF])|\s+degrees?\s+(?:Celsius|centigrade|Fahrenheit|C|F)\b"
    r"|(?-i:[CF])(?=[\s.,;:)]|$))(?![\w°])",
    re.IGNORECASE,
)


_AGE_GROUP = lazy_re(r"(?<![\w-])(?P<b>over|under)-(?P<n>\d{1,3})s\b", re.IGNORECASE)

_MULTIPLIER_VERB = lazy_re(
    r"(?<![\w-])(?P<v>doubled|tripled|trebled|quadrupled"
    r"|double|triple|treble)\b(?P<more>(?<=double)(?=\s+(?:the|its|their|that|what))|(?<=triple)(?=\s+(?:the|its))|)",
    re.IGNORECASE,
)

_A_DURATION = lazy_re(
    # "a", "an", "one" (no other character folds to a/o): the pattern opens with one character
    # class, so the regex engine skips to those letters instead of trying every position
    r"(?-i:[aAoO])(?<![\w-].)(?:(?<=[aA])n?|(?<=[oO])ne)\s+"
    r"(?P<u>second|minute|hour|day|week|fortnight|month|year|decade|century)\b"
    # not "a year old", "a year on year fall" (year-on-year without hyphens), nor the first part
    # of a race time ("in one minute, 47.96 seconds": a composite the figure finders read)
    r"(?!\s+(?:old|or\s+two|and\s+a\s+half|on\s+(?:year|month|quarter|week|day))\b|-|,?\s+(?:and\s+)?\d)",
    re.IGNORECASE,
)

# What makes a digit-less "a week" a length of time rather than a rate ("once a week"), an age
# ("a year old") or a particular period ("in a year when"): a preposition of duration before it
# ("for a year", "in a year", "within a week"), or an offset word after it ("a week after",
# "a month ago"). A bound word before it ("less than a week") is tested separately.
_DURATION_PREP = lazy_re(r"(?<![\w-])(?P<p>for|in|within)\s+$", re.IGNORECASE)
_DURATION_OFFSET = lazy_re(r"\s+(?:ago|earlier|later|after|before)\b", re.IGNORECASE)
# "in a year when/of ...", "in a week that ...": the noun names one period, it does not measure
_PERIOD_NAMED = lazy_re(r"\s+(?:when|where|that|which|whose|of|with|without|in\s+which|during\s+which)\b", re.IGNORECASE)
# "once in a month", "twice a year", "six days a week (after ...)": a rate, not a length of time
_RATE_BEFORE = lazy_re(
    r"(?<![\w-])(?:once|twice|thrice|times|seconds|minutes|hours|days|nights|weeks|months|games|matches)"
    r"\s+(?:in\s+)?$",
    re.IGNORECASE,
)
# "a second term", "for a second time": "second" followed by a word is the ordinal
# ("for a second it ...", "for a second, he ..." stay lengths of time)
_ORDINAL_SECOND = lazy_re(
    r"\s+(?!(?:ago|earlier|later|after|before|or|and|to|too|longer|more|less|it|he|she|they|we|i|you)\b)[A-Za-z]",
    re.IGNORECASE,
)

_A_DECADE = lazy_re(r"(?<![\w-])(?<!past\s)(?<!last\s)(?<!next\s)(?<!the\s)a\s+(?P<u>decade|century)\b(?!\s+(?:ago|earlier|later|before)\b)", re.IGNORECASE)

_STRONG = lazy_re(
    rf"(?<![\w/:.,\-])(?P<n>{_DIG}|{_NUMW})-strong\b"
    r"(?P<mil>\s+(?:\w+\s+)?(?:force|army|garrison|contingent|battalion|brigade|division|troops|regiment|militia))?",
    re.IGNORECASE,
)

_AGO = lazy_re(r"\s+(?:ago|earlier|later)\b", re.IGNORECASE)  # "a month ago", "14 years later"

_MULTIPLIER_WORD = lazy_re(
    r"(?<![\w-])(?P<n>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)fold\b",
    re.IGNORECASE,
)

# Earthquake magnitudes written with the scale word before the number or after "on the":
# "magnitude 7.8", "magnitude-7.0", "a magnitude of 7.3", "5.9 on the Richter scale", "M7.1".
# ("a 7.8-magnitude quake" has the unit after the number: the figure regex reads that.) A
# magnitude is one digit and at most two decimals; "orders of magnitude" are no figure.
_MAGNITUDE = lazy_re(
    r"(?<![\w-])(?<!order of )(?<!orders of )magnitude(?:\s+of)?"
    rf"(?:\s+(?P<bw>{_alt(_BOUND_BEFORE_WORDS)}))?[\s-](?P<n>\d(?:\.\d{{1,2}})?)(?![\d.,]\d|[\w%-])",
    re.IGNORECASE,
)
_RICHTER = lazy_re(
    r"(?<![\w.,-])(?P<n>\d(?:\.\d{1,2})?)\s+on\s+the\s+(?:open-ended\s+)?Richter(?:\s+scale)?\b",
    re.IGNORECASE,
)
# "M7.1", "Mw 7.8": the seismologists' short form, read only with a decimal and beside a quake
# word (within _QUAKE_NEAR characters either side), since "M4" or "M1.5" name roads and rifles.
_M_MAGNITUDE = lazy_re(r"(?<![\w.-])(?-i:Mw?)\s?(?P<n>\d\.\d{1,2})(?![\d.,]\d|[\w%-])")
_QUAKE_WORD = lazy_re(r"(?<![\w-])(?:(?:earth)?quakes?|tremors?|temblors?|seismic|aftershocks?|USGS)\b", re.IGNORECASE)
_QUAKE_NEAR = 80
_MAGNITUDE_OR_MORE = lazy_re(r"\s+or\s+(?:higher|greater|more|above|stronger)\b", re.IGNORECASE)


def _magnitudes(text: str, out: list[Mention], low: str | None) -> None:
    found: list[tuple[int, int, int, int, str]] = []  # (start, end, num start, num end, bound)
    if _has(low, "magnitude"):
        for m in _MAGNITUDE.finditer(text):
            bw = m.group("bw")
            s, bound = m.start(), _bound_of(bw) if bw else "exact"
            bm = None if bw else _BOUND_TAIL.search(text, max(0, s - 25), s)
            if bm is not None:  # "above magnitude 5", "over magnitude 6"
                s, bound = bm.start(), _bound_of(bm.group("bound"))
            found.append((s, m.end(), m.start("n"), m.end("n"), bound))
    if _has(low, "richter"):
        for m in _RICHTER.finditer(text):
            bm = _BOUND_TAIL.search(text, max(0, m.start() - 25), m.start())
            bound = _bound_of(bm.group("bound")) if bm else "exact"
            found.append((bm.start() if bm else m.start(), m.end(), m.start("n"), m.end("n"), bound))
    if _has(low, "quake", "tremor", "temblor", "seismic", "aftershock", "usgs"):
        for m in _M_MAGNITUDE.finditer(text):
            if _QUAKE_WORD.search(text, max(0, m.start() - _QUAKE_NEAR), m.end() + _QUAKE_NEAR):
                found.append((m.start(), m.end(), m.start("n"), m.end("n"), "exact"))
    for s, e, ns, ne, bound in found:
        # the figure regex may have read the bare number ("magnitude 6 quake" as a count): the
        # magnitude reading replaces a count or a unitless reading of the same digits
        if any(x.start < e and s < x.end and x.kind not in ("count", "other_quantity") for x in out):
            continue
        out[:] = [x for x in out if not (x.start < e and s < x.end)]
        pb = _MAGNITUDE_OR_MORE.match(text, e) if bound == "exact" else None
        if pb is not None:  # "magnitude 6.0 or higher"
            bound, e = "lower", pb.end()
        out.append(Mention("other_quantity", s, e, float(text[ns:ne]), "magnitude", bound,
                           confidence=0.85, num_start=ns, num_end=ne))


def _drop_rate_footers(text: str, out: list[Mention]) -> None:
    out[:] = [x for x in out if not _in_rate_footer(text, x)]


def _multiplier_words(text: str, out: list[Mention]) -> None:
    for m in _MULTIPLIER_WORD.finditer(text):
        v = N.parse_number(m.group("n"))
        if v:
            out.append(Mention("other_quantity", m.start(), m.end(), v, "times", confidence=0.85))


# "one in five adults", "1 in 10": a fraction of a whole, so a percentage (the contract).
# The scan looks for the literal " in " (fast) and checks the numbers around it.
_SMALL_WORD = _alt(w for w, v in N.SMALL.items() if 1 <= v <= 20)
_RATIO_IN = lazy_re(r" in (?:every )?", re.IGNORECASE)
_RATIO_A = lazy_re(rf"(?<![\w.,-])(?:{_SMALL_WORD}|\d{{1,3}})$", re.IGNORECASE)
_RATIO_B = lazy_re(
    rf"(?:{_SMALL_WORD}|\d{{1,4}}(?:,\d{{3}})?)\b"
    r"(?!\s*(?:%|percent|per\s+cent|[-.,]\d|years?|months?|weeks?|days?|hours?|minutes?|seconds?|games?|matches|"
    r"races?|starts?|attempts?|tries|innings|seasons?|points?|goals?)\b)",
    re.IGNORECASE,
)


# _RATIO_A ends right before " in " (its "$" also before a final newline), on a digit or the
# last letter of a number word in either case (none of them has another character that
# re.IGNORECASE folds to it): a character test spares most hits the regex search
_RATIO_A_LAST = frozenset(
    "\n" + "".join(w[-1] + w[-1].upper() for w, v in N.SMALL.items() if 1 <= v <= 20)
)


def _ratios(text: str, out: list[Mention]) -> None:
    for hit in _RATIO_IN.finditer(text):
        before = text[hit.start() - 1 : hit.start()]
        if not before or not (before in _RATIO_A_LAST or before.isdigit()):
            continue
        am = _RATIO_A.search(text, max(0, hit.start() - 8), hit.start())
        bm_ = _RATIO_B.match(text, hit.end())
        if not am or not bm_:
            continue
        a, b = N.parse_number(am.group()), N.parse_number(bm_.group())
        if not a or not b or a >= b or re.fullmatch(r"1[89]\d\d|20\d\d", bm_.group()):
            continue  # "five in 2016" is a year
        s0, e0 = am.start(), bm_.end()
        out[:] = [x for x in out if not (x.start < e0 and s0 < x.end and x.kind == "count")]
        if any(x.start < e0 and s0 < x.end for x in out):
            continue
        bm = _BOUND_TAIL.search(text, max(0, s0 - 25), s0)
        bound = _bound_of(bm.group("bound")) if bm else "exact"
        out.append(Mention("percentage", bm.start() if bm else s0, e0, a / b * 100, "percent", bound, confidence=0.8))


# Wire copy's exchange-rate note "($1 = 0.8965 euros)" is page furniture, not a claim.
_RATE_FOOTER = lazy_re(r"\(\s*[^()=\n]{1,20}=\s*[^()=\n]{1,30}\)")


def _in_rate_footer(text: str, x: Mention) -> bool:
    if x.kind != "money":
        return False
    open_ = text.rfind("(", max(0, x.start - 25), x.start + 1)
    m = _RATE_FOOTER.match(text, open_) if open_ >= 0 else None
    return bool(m) and m.start() <= x.start and x.end <= m.end()


# "3:49.78", "2:04:55.3": elapsed times with a fraction of a second. The fraction keeps
# clock times ("at 10:30") and scores ("2:1") out.
# Starts with a digit (no lookbehind) so the regex engine can skip ahead to digits;
# the character before is checked in Python.
_RACE_TIME = lazy_re(r"\d\d?:(?:\d{2}:)?[0-5]\d\.\d{1,3}(?![\d:])")  # opens with a class: fast skip


def _race_times(text: str, out: list[Mention]) -> None:
    taken = [(x.start, x.end) for x in out]
    for m in _RACE_TIME.finditer(text):
        if (m.start() and text[m.start() - 1] in "0123456789:.") or any(
            a < m.end() and m.start() < b for a, b in taken
        ):
            continue
        *whole, secs = m.group().split(":")
        minutes = 0
        for part in whole:  # [hours,] minutes
            minutes = minutes * 60 + int(part)
        seconds = minutes * 60 + float(secs)
        out.append(Mention("duration", m.start(), m.end(), seconds, "s", confidence=0.8))


_DURATION_UNITS = {"second": ("s", 1), "minute": ("min", 1), "hour": ("h", 1), "day": ("day", 1),
                   "week": ("week", 1), "fortnight": ("day", 14), "month": ("month", 1),
                   "year": ("year", 1), "decade": ("year", 10), "century": ("year", 100)}
_MULT = {"doubled": 2, "double": 2, "tripled": 3, "triple": 3, "trebled": 3, "treble": 3, "quadrupled": 4}


# Characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not map to it
# ("ſ" is an "s", the Kelvin sign a "k"). Without them, a case-insensitive match of an ASCII
# word in ``text`` implies the lowercase word occurs in ``text.lower()``: a cheap test that lets
# a finder skip its full-text scan when the word it needs is absent.
_UNFOLDED = lazy_re("[\u0130\u0131\u017f\u212a]")


def unfolded(text: str) -> bool:
    """Does ``text`` hold one of :data:`_UNFOLDED`'s characters? Four substring tests: the
    regex's character class cost ten times as much over a whole text."""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text


def _has(low: str | None, *words: str) -> bool:
    """Might the text contain one of ``words`` (any case)? ``low`` is its lowercase, or None: unknown."""
    if low is None:
        return True
    for w in words:  # a loop, not any() over a generator: this runs a dozen times per text
        if w in low:
            return True
    return False


def _side_finders(text: str, out: list[Mention], low: str | None = None) -> None:
    """Numbers written without digits or number words: "more than a year", "doubled", "over-65s".

    ``low`` is ``text.lower()`` (None if unusable, see :data:`_UNFOLDED`): a finder whose regex
    needs a word the text lacks is skipped."""
    for m in _A_DURATION.finditer(text):
        u = m.group("u").lower()
        if u == "second" and _ORDINAL_SECOND.match(text, m.end()):
            continue
        unit, f = _DURATION_UNITS[u]
        bm = _BOUND_TAIL.search(text, max(0, m.start() - 25), m.start())
        if bm is not None and " ".join(bm.group("bound").lower().split()) in ("higher than", "lower than"):
            bm = None  # "45% higher than a year ago": a comparison of levels, no bound on the year
        if _RATE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        pm = _DURATION_PREP.search(text, max(0, m.start() - 8), m.start()) if bm is None else None
        prep = pm.group("p").lower() if pm else ""
        if prep == "in" and _PERIOD_NAMED.match(text, m.end()):
            prep = ""
        if bm is None and not prep and not _DURATION_OFFSET.match(text, m.end()):
            continue  # only "for a month", "in a year", "within a week", "more than a year", "a month ago"
        if prep == "within":  # "within a week" bounds the time from above, as "within five years" does
            out.append(Mention("duration", pm.start(), m.end(), float(f), unit, "upper", confidence=0.7))
            continue
        bw = bm.group("bound").lower() if bm else ""
        bound = "exact" if bw in ("", "over", "under") else _bound_of(bw)
        s = bm.start() if bound != "exact" else m.start()
        out.append(Mention("duration", s, m.end(), float(f), unit, bound, confidence=0.7))
    if _has(low, "decade", "century"):
        taken = {(x.start, x.end) for x in out}
        for m in _A_DECADE.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            unit, f = _DURATION_UNITS[m.group("u").lower()]
            out.append(Mention("duration", m.start(), m.end(), float(f), unit, confidence=0.6))
    for m in _MULTIPLIER_VERB.finditer(text) if _has(low, "doubl", "tripl", "trebl", "quadrupl") else ():
        v = m.group("v").lower()
        bm = _BOUND_TAIL.search(text, max(0, m.start() - 25), m.start())
        if v in ("double", "triple", "treble") and not bm:
            continue  # "double standards": adjectives need "more than double"
        bw = bm.group("bound").lower() if bm else ""
        bound = _bound_of(bw) if bw else "exact"
        s = bm.start() if bm else m.start()
        out.append(Mention("other_quantity", s, m.end("v"), float(_MULT[v]), "times", bound, confidence=0.7))
    for m in _AGE_GROUP.finditer(text) if _has(low, "over-", "under-") else ():
        bound = "lower" if m.group("b").lower() == "over" else "upper"
        out.append(Mention("age", m.start(), m.end(), float(m.group("n")), "year", bound, confidence=0.8))
    for m in _NEG_TEMP.finditer(text) if _has(low, "°", "℃", "℉", "degree", "minus", "temperat", "freez", "cold") else ():
        if m.group("minus") is None and m.group("u")[-1:] in "CF" and len(m.group("u")) == 1:
            if not _TEMP_CONTEXT.search(text, max(0, m.start() - 50), m.start()):
                continue  # "-5C" needs a temperature word, like "30C"
        u = m.group("u").lower()
        unit = "fahrenheit" if ("f" in u or "℉" in u) else "celsius"
        bm = _BOUND_TAIL.search(text, max(0, m.start() - 25), m.start())
        bound = _bound_of(bm.group("bound")) if bm else "exact"
        s = bm.start() if bm else m.start()
        out.append(Mention("other_quantity", s, m.end(), -float(m.group("n")), unit, bound, confidence=0.85))
    _magnitudes(text, out, low)
    for m in _STRONG.finditer(text) if _has(low, "-strong") else ():
        v = N.parse_number(m.group("n"))
        if v is None:
            continue
        bm = _BOUND_TAIL.search(text, max(0, m.start() - 25), m.start())
        bound = _bound_of(bm.group("bound")) if bm else "exact"
        unit = "troop" if m.group("mil") else "member"
        s = bm.start() if bm else m.start()
        out.append(Mention("count", s, m.end("n") + len("-strong"), v, unit, bound, confidence=0.75))


def _inherit_parenthesised_bounds(text: str, ms: list[Mention]) -> None:
    """ "about 400 km (250 miles)": the restatement takes the first figure's bound."""
    for prev, cur in zip(ms, ms[1:], strict=False):
        if cur.bound != "exact" or prev.bound in ("exact", "range") or prev.kind != cur.kind:
            continue
        gap = text[prev.end : cur.start]
        if gap.strip() == "(" and len(gap) <= 3:
            cur.bound = prev.bound
