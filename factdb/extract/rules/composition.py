"""Stage 4, composition: mentions read one by one, joined into the claims the text makes.

Runs after the figures of the pass (:mod:`.scan`), on its mentions in text order. Each step is one class:

- :func:`unit_fractions`   a fraction or mixed number of a unit: "half an hour", "a quarter
  mile", "half-litre", "tenth of a gallon", "5 and a half minutes", "one and three quarters
  hour", "an hour and a half"
- :func:`join_ranges`      a range with the unit on each end: "from 3km to 5km", "between 15kHz
  and 17kHz", "from 1 per cent to 1.5 per cent", "3km-5km", "between 2.0 g and about 7.0 g"
- :func:`join_composites`  one amount written in parts of one dimension, summed: "5 feet 2
  inches", "2 km and 1 meter", "2 years and 3 months" (27 months), "1 hour, 2 minutes"
- :func:`join_minor`       money in major and minor units: "3 dollars 50 cents", "$20 and 43c",
  "15 dollars 50", "thirteen dollars and forty-five cents", "1 hour thirty"

A composite or range takes the first part's bound; parts that carry their own range never join.
The steps edit the pass's mention list in place; :mod:`.build` (stage 5) makes claims of it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import lexicon as LX
from . import numbers as N
from . import units as U
from .mention import Mention
from .patterns import lazy_re
from .ranges import change_then_level

# ---- fractions of a unit ----------------------------------------------------------------
_FRAC_DEN = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
             "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_SMALL_WORDS = "|".join(sorted((w for w, v in N.SMALL.items() if 1 <= v <= 19), key=len, reverse=True))
_NUMER = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|\d)"
_WHOLE = rf"(?:\d{{1,3}}|{_SMALL_WORDS})"
# measured units written as words (a fraction of "m" or "in" is no claim)
_FRACTION_UNITS = {
    k: v for k, v in U.UNITS.items()
    if k.replace(" ", "").isalpha() and len(k) >= 3 and k not in U.ATTACHED_ONLY and k not in U.CASED_FORMS
    and v[0] in ("distance", "weight", "duration", "other_quantity")
    and v[1] not in ("celsius", "fahrenheit", "magnitude", "basis_point", "degree")
}
_FRACTION_UNITS.update({"mile": U.UNITS["mile"], "kilo": U.UNITS["kilo"]})
for _k in ("min", "mins", "sec", "secs", "hr", "hrs"):  # "five and half min": short forms are safe here
    _FRACTION_UNITS[_k] = U.UNITS[_k]
for _k in ("quarter", "quarters"):  # "third quarter" is a period of the year, not a third of one
    _FRACTION_UNITS.pop(_k, None)
_UNIT_WORD = r"[a-z]+(?:[ -](?:mile|miles|gallon|gallons|ton|tons|foot|feet|meter|metre|inch))?"
_UNIT_FRACTION = lazy_re(
    rf"(?<![\w-])(?:(?P<whole>{_WHOLE})\s+and\s+)?(?:(?P<num>{_NUMER})[\s-]+)?"
    rf"(?P<den>halves|half|thirds?|quarters?|fourths?|fifths?|tenths?)"
    rf"(?P<of>\s+of)?(?:\s+an?)?[\s-]+(?P<u>{_UNIT_WORD})\b",
    re.IGNORECASE,
)
_AND_A_HALF = lazy_re(
    rf"(?<![\w-])(?P<lead>an?|one|{_WHOLE})\s+(?P<u>{_UNIT_WORD})\s+and\s+(?:an?\s+)?half\b", re.IGNORECASE
)
_NOT_AFTER_FRACTION = lazy_re(r"(?:the|first|second|last|other|next|final|past)\s+$", re.IGNORECASE)


def _word_value(w: str) -> float | None:
    w = w.lower()
    if w in ("a", "an"):
        return 1.0
    return N.parse_number(w)


def _unit_entry(written: str):
    key = " ".join(written.lower().replace("-", " ").split())
    return _FRACTION_UNITS.get(key)


def _in_years(entry):
    """Decades and centuries are counted in years, as the side finders' "a decade" is."""
    kind, unit, factor = entry
    if kind == "duration" and unit in ("decade", "century"):
        return kind, "year", 10.0 if unit == "decade" else 100.0
    return entry


_FRAC_WORDS = ("half", "quarter", "third", "fourth", "fifth", "tenth")


def _fraction_hits(low: str) -> list[tuple[int, int]]:
    hits = []
    for w in _FRAC_WORDS:
        i = low.find(w)
        while i >= 0:
            hits.append((i, i + len(w)))
            i = low.find(w, i + 1)
    return sorted(hits)


def _fraction_matches(text: str, low: str):
    """:data:`_UNIT_FRACTION` matches, tried only near a fraction word (a regex that may start
    anywhere would cost a try at every character)."""
    at = 0
    for h0, h1 in _fraction_hits(low):
        if h0 < at:
            continue
        hit = _Hit(h0, h1)
        m = _UNIT_FRACTION.search(text, max(at, hit.start() - 24), min(len(text), hit.end() + 40))
        if m is not None and m.start() <= hit.start():
            at = m.end()
            yield m


def _and_a_half_matches(text: str, low: str):
    at = 0
    i = low.find("half")
    while i >= 0:
        if i >= at and not text[i + 4 : i + 5].isalnum():
            for m in _AND_A_HALF.finditer(text, max(at, i - 40), i + 4):
                if m.end() == i + 4:
                    at = m.end()
                    yield m
                    break
        i = low.find("half", i + 4)


class _Hit:
    __slots__ = ("_s", "_e")

    def __init__(self, s, e):
        self._s, self._e = s, e

    def start(self):
        return self._s

    def end(self):
        return self._e


def unit_fractions(text: str, out: list[Mention]) -> None:
    """Fractions and mixed numbers of a unit; they replace any claim read inside them (the
    fraction read alone as a percentage, the whole read alone as a count)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)  # keep offsets
    found: list[Mention] = []
    for m in _fraction_matches(text, low):
        entry = _unit_entry(m.group("u"))
        if entry is None:
            continue
        if not m.group("whole") and not m.group("num") and _NOT_AFTER_FRACTION.search(text, max(0, m.start() - 8), m.start()):
            continue  # "the first half hour", "the second quarter": a part of a period, not an amount
        den_word = m.group("den").lower()
        if den_word not in ("half", "halves") and not (m.group("of") or m.group("num") or m.group("whole")) \
                and text[m.end("den") : m.end("den") + 1] != "-":
            continue  # "the same quarter a year ago": only "half" stands without "a" ("half an hour")
        if den_word in ("third", "fourth", "fifth", "tenth") and not m.group("of"):
            continue  # ordinals too: "a third day of talks", "the fourth quarter"
        den = _FRAC_DEN[den_word]
        num = _word_value(m.group("num")) if m.group("num") else 1.0
        if num is None or num >= den and den != 4:
            continue
        value = num / den
        if m.group("whole"):
            whole = _word_value(m.group("whole"))
            if whole is None:
                continue
            value += whole
        kind, unit, factor = _in_years(entry)
        found.append(Mention(kind, m.start(), m.end(), value * factor, unit, confidence=0.8,
                             extra={"factor": factor}))
    for m in _and_a_half_matches(text, low):
        entry = _unit_entry(m.group("u"))
        lead = _word_value(m.group("lead"))
        if entry is None or lead is None:
            continue
        kind, unit, factor = _in_years(entry)
        found.append(Mention(kind, m.start(), m.end(), (lead + 0.5) * factor, unit, confidence=0.8,
                             extra={"factor": factor}))
    for f in found:
        if any(x.start < f.end and f.start < x.end and (x.end - x.start) > (f.end - f.start) for x in out):
            continue  # a longer claim already covers it
        out[:] = [x for x in out if not (x.start < f.end and f.start < x.end)]
        out.append(f)
    out.sort(key=lambda x: (x.start, x.end))


# ---- "a kilogram", "an ml", "a dollar": one of a unit, the figure unwritten ---------------------
# weights, volumes and the dollar only: "a mile away", "a ton of fun" and "a pound" (weight or
# money?) are left out
_A_UNIT_WORDS = ("kilogram", "kilogramme", "kilo", "kg", "gram", "gramme", "litre", "liter", "millilitre",
                 "milliliter", "ml", "gallon", "lb", "dollar")
_A_UNIT = lazy_re(
    r"(?<![\w-])(?:a|an|one)\s+(?P<u>kilogrammes?|kilograms?|kilos?|kg|grammes?|grams?|litres?|liters?|"
    r"millilitres?|milliliters?|ml|gallons?|lb|dollar)\b(?![-'’]\w)",
    re.IGNORECASE,
)


# every word above holds one of these (kilogram/kilogramme/kilo: "kilo", millilitre: "litre"...):
# the words' test over the whole text asks 9 substrings, not 14
_A_UNIT_STEMS = ("kilo", "kg", "gram", "litre", "liter", "ml", "gallon", "lb", "dollar")
assert all(any(s in w for s in _A_UNIT_STEMS) for w in _A_UNIT_WORDS)
assert all(any(s in w for w in _A_UNIT_WORDS) for s in _A_UNIT_STEMS)

_AFTER_FIGURE = lazy_re(r"[\d%][ \t]+$")  # "$1.4850 a gallon": a rate's "per", not one gallon


def a_unit(text: str, out: list[Mention]) -> None:
    low = text.lower()
    if len(low) != len(text) or not any(w in low for w in _A_UNIT_STEMS):
        return
    added = False
    for w in _A_UNIT_WORDS:
        i = low.find(w)
        while i >= 0:
            m = _A_UNIT.search(text, max(0, i - 4), i + len(w) + 2)
            if m and m.start("u") == i and not any(x.start < m.end() and m.start() < x.end for x in out) \
                    and not _AFTER_FIGURE.search(text, max(0, m.start() - 3), m.start()):
                u = m.group("u").lower()
                if u == "dollar":
                    out.append(_bounded(text, Mention("money", m.start(), m.end(), 1.0, "USD", currency="USD",
                                                      confidence=0.7)))
                else:
                    kind, unit, factor = U.UNITS[u]
                    out.append(_bounded(text, Mention(kind, m.start(), m.end(), factor, unit, confidence=0.7,
                                                      extra={"factor": factor})))
                added = True
            i = low.find(w, i + 1)
    if added:
        out.sort(key=lambda x: (x.start, x.end))


# ---- ranges with the unit on each end ---------------------------------------------------------
_RANGE_GAP = lazy_re(
    r"[ \t]*(?:[-\u2013\u2014]|to|and|through)\s*(?:(?:about|around|roughly|approximately|some)[ \t]+|~[ \t]?)?",
    re.IGNORECASE,
)
_FROM_BEFORE = lazy_re(r"\b(?P<w>from|between)\s+$", re.IGNORECASE)
# "from X to Y" after a verb of change is a change (two claims), not a range
_CHANGE_CUE = lazy_re(
    r"\b(?:rose|rise[sn]?|rising|fell|falls?|falling|fallen|climb\w*|jump\w*|drop\w*|slip\w*|gain\w*|grew|grow\w*|"
    r"declin\w*|increas\w*|decreas\w*|reduc\w*|rais\w*|lower\w*|cut|cuts|cutting|boost\w*|shr[iau]nk\w*|"
    r"expand\w*|surg\w*|soar\w*|plung\w*|slump\w*|tumbl\w*|chang\w*|mov\w*|went|go(?:es|ne)?|revis\w*|"
    r"narrow\w*|widen\w*|swung|swing\w*|improv\w*|worsen\w*|slow\w*|eas\w*|edg\w*|advanc\w*|lost|los\w*|"
    r"hik\w*|lift\w*|adjust\w*|extend\w*|shorten\w*|up|down)\b[^.;:!?]{0,40}$",
    re.IGNORECASE,
)
_JOINABLE = {"distance", "altitude", "speed", "weight", "duration", "other_quantity", "percentage", "money", "age"}


# the second end written against the first's unit: "3km-5km" (a hyphen before a number is no
# number start for the figure regex, so the second end is read here)
_DANGLING_END = lazy_re(r"[-\u2013\u2014]~?(?P<n>\d+(?:\.\d+)?)")


def _dangling_ends(text: str, out: list[Mention]) -> None:
    for i, a in enumerate(out):
        if a.kind not in _JOINABLE or a.value_high is not None or not a.extra.get("factor") or a.num_end >= a.end:
            continue
        unit_written = text[a.num_end : a.end]
        if not unit_written or unit_written[0].isspace():
            continue
        dm = _DANGLING_END.match(text, a.end)
        if dm is None or not text.startswith(unit_written, dm.end()):
            continue
        end = dm.end() + len(unit_written)
        if end < len(text) and (text[end].isalnum()):
            continue
        high = float(dm.group("n")) * a.extra["factor"]
        if a.value is None or high <= a.value:
            continue
        if any(x is not a and x.start < end and a.end < x.end for x in out):
            continue
        out[i] = replace(a, end=end, value_high=high, bound="range")


def join_ranges(text: str, out: list[Mention]) -> None:
    _dangling_ends(text, out)
    i = 0
    while i + 1 < len(out):
        a, b = out[i], out[i + 1]
        if (
            a.kind == b.kind
            and a.kind in _JOINABLE
            and a.unit == b.unit
            and a.currency == b.currency
            and a.value_high is None
            and b.value_high is None
            # ("from $50 to as much as $10,000": an end bounded "at most" still ends the range)
            and (b.bound in ("exact", "approx") or (b.bound == "upper" and a.bound == "exact"
                                                    and text[b.start : b.start + 3].lower() == "as "
                                                    and _FROM_BEFORE.search(text, max(0, a.start - 9), a.start)))
            and a.value is not None
            and b.value is not None
            and b.value > a.value
            and a.end <= b.start
        ):
            g = _RANGE_GAP.fullmatch(text, a.end, b.start)
            fb = _FROM_BEFORE.search(text, max(0, a.start - 9), a.start)
            word = (g.group(0).strip().split() or [""])[0].lower() if g else ""
            ok = g is not None and (word != "and" or (fb is not None and fb.group("w").lower() == "between"))
            if ok and fb is not None and fb.group("w").lower() == "from" \
                    and _CHANGE_CUE.search(text, max(0, fb.start() - 60), fb.start()):
                ok = False  # "rose from 3km to 5km": a change, two claims
            if ok and fb is None and change_then_level(text, a.start, a.value, b.value, g.group(0)):
                ok = False  # "gaining 95 cents to $30.59": the size of a rise, then the price it reached
            if ok:
                start = fb.start() if fb is not None and a.bound == "exact" else a.start
                out[i] = replace(a, start=start, end=b.end, value_high=b.value, bound="range",
                                 confidence=min(a.confidence, b.confidence))
                del out[i + 1]
                continue
        i += 1


# ---- composite amounts of one dimension ---------------------------------------------------------
_COMPOSITE_GAP = lazy_re(r"[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and[ \t]+)?", re.IGNORECASE)
_SECONDS = {"s": 1.0, "min": 60.0, "h": 3600.0, "day": 86400.0, "week": 604800.0}
_MONTHS = {"month": 1.0, "quarter": 3.0, "year": 12.0, "decade": 120.0, "century": 1200.0}
# mixing calendar and clock units (rare: "1 year, 2 days"): a year of 365 days, a month of 30
_CALENDAR_DAYS = {"month": 30.0, "quarter": 91.0, "year": 365.0, "decade": 3650.0, "century": 36500.0}


def _duration_rank(unit: str) -> float | None:
    if unit in _SECONDS:
        return _SECONDS[unit]
    if unit in _CALENDAR_DAYS:
        return _CALENDAR_DAYS[unit] * 86400.0
    return None


def _sum_durations(a: Mention, b: Mention) -> tuple[float, str] | None:
    if a.unit in _MONTHS and b.unit in _MONTHS:
        return a.value * _MONTHS[a.unit] + b.value * _MONTHS[b.unit], "month"
    ra, rb = 1.0 if a.unit == "s" else _duration_rank(a.unit), _duration_rank(b.unit)
    if a.unit == "month" and a.extra.get("rank"):
        ra = _CALENDAR_DAYS["month"] * 86400.0  # a sum already in months
    if ra is None or rb is None:
        return None
    return a.value * ra + b.value * rb, "s"


# "an hour and 45 minutes": a first part written with "a"/"an"/"one" and no figure
_LEAD_UNIT = lazy_re(
    r"(?<![\w-])(?P<n>an?|one)\s+(?P<u>year|month|week|day|hour|minute)\s+and\s+$", re.IGNORECASE
)
_LEAD_UNITS = {"year": "year", "month": "month", "week": "week", "day": "day", "hour": "h", "minute": "min"}
# inches after feet, written as the short form a number alone could not carry ("5 ft 2 in", "5'10\"")
_INCHES_AFTER = lazy_re(r"[ \t]*,?[ \t]*(?:and[ \t]+)?(?P<n>\d{1,2}(?:\.\d+)?)[ \t]?(?:in\b|\"|″|'')")
_FT, _IN = 0.0003048, 0.0000254
_BOUND_BEFORE = lazy_re(
    r"(?<![\w-])(?P<b>" + "|".join(re.escape(w) for w in sorted(U.BOUND_BEFORE, key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)


def _bounded(text: str, x: Mention) -> Mention:
    """``x`` with the bound word written right before it ("at least 5''")."""
    bm = _BOUND_BEFORE.search(text, max(0, x.start - 25), x.start)
    if bm is None:
        return x
    return replace(x, start=bm.start(), bound=U.BOUND_BEFORE.get(" ".join(bm.group("b").lower().split()), "exact"))


# looked for backwards from each mark (news text has few marks, and a regex that may start
# anywhere would cost a try at every character)
_FEET_INCHES_BEFORE = lazy_re(r"(?P<ft>\d{1,2})[ \t]?['′’][ \t]?(?P<inch>\d{1,2}(?:\.\d+)?)[ \t]?$")
_INCHES_BEFORE = lazy_re(r"(?P<n>\d{1,3}(?:\.\d+)?)[ \t]?$")
_MARKS = lazy_re(r"″|''|\"|”")


def _free_start(text: str, i: int, bad: str) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in bad)


def feet_and_inches(text: str, out: list[Mention]) -> None:
    """Feet and inches in marks ("5'10\"", "5\"", "5''") and inches in their short form after
    feet ("5 ft 2 in"). A '"' closing a quotation is no inch mark: it must not follow an odd
    number of '"' on its line."""
    added = False
    for mk in _MARKS.finditer(text) if ('"' in text or "″" in text or "''" in text or "”" in text) else ():
        i = mk.start()
        if i == 0 or not text[i - 1].isdigit() and not (text[i - 1] in " \t" and i > 1 and text[i - 2].isdigit()):
            continue
        end = mk.end()
        if end < len(text) and (text[end].isalnum() or text[end] in "\"'"):
            continue
        lo = max(0, i - 14)
        fm = _FEET_INCHES_BEFORE.search(text, lo, i)
        if fm is not None and _free_start(text, fm.start(), "_.'’"):
            if any(x.start < end and fm.start() < x.end for x in out):
                continue
            value = int(fm.group("ft")) * _FT + float(fm.group("inch")) * _IN
            out.append(_bounded(text, Mention("distance", fm.start(), end, value, "km", confidence=0.75,
                                              extra={"factor": _IN})))
            added = True
            continue
        if mk.group() == "”":
            continue  # a curly closing quote is only an inch mark after feet
        im = _INCHES_BEFORE.search(text, lo, i)
        if im is None or not _free_start(text, im.start(), "_.'’\""):
            continue
        if mk.group() == '"':
            line_start = text.rfind("\n", 0, im.start()) + 1
            if text.count('"', line_start, im.start()) % 2:
                continue  # closes a quotation
        if any(x.start < end and im.start() < x.end for x in out):
            continue
        out.append(_bounded(text, Mention("distance", im.start(), end, float(im.group("n")) * _IN, "km",
                                          confidence=0.7, extra={"factor": _IN})))
        added = True
    for k, a in enumerate(out):
        if a.kind in ("distance", "altitude") and a.value_high is None and a.extra.get("factor") == _FT:
            im = _INCHES_AFTER.match(text, a.end)
            if im and not any(x.start < im.end() and a.end < x.end and x is not a for x in out if x.start >= a.end):
                out[k] = replace(a, end=im.end(), value=a.value + float(im.group("n")) * _IN, extra={"factor": _IN})
    if added:
        out.sort(key=lambda x: (x.start, x.end))


def _lead_units(text: str, out: list[Mention]) -> None:
    for i, b in enumerate(out):
        if b.kind != "duration" or b.bound != "exact" or b.value_high is None and b.unit not in _SECONDS:
            continue
        lm = _LEAD_UNIT.search(text, max(0, b.start - 20), b.start)
        if lm is None or any(x.end > lm.start() and x.start < lm.start() for x in out):
            continue
        unit = _LEAD_UNITS[lm.group("u").lower()]
        a = Mention("duration", lm.start(), lm.end(), 1.0, unit, confidence=b.confidence)
        summed = _sum_durations(a, b) if (_duration_rank(unit) or 0) > (_duration_rank(b.unit) or 0) else None
        if summed:
            out[i] = replace(b, start=lm.start(), value=summed[0], unit=summed[1])


# the smaller part of a time written zero-padded, as race results print it: "eight minutes,
# 04.69 seconds", "2 hours 05 minutes" (a number with a leading zero is no figure on its own)
_PADDED_PART = lazy_re(
    r"[ \t]*,?[ \t]*(?:and[ \t]+)?(?P<n>0\d(?:\.\d+)?)[ \t]?(?P<u>seconds?|secs?|minutes?|mins?)\b", re.IGNORECASE
)
_PADDED_UNITS = {"sec": 1.0, "min": 60.0}


def _padded_parts(text: str, out: list[Mention]) -> None:
    for k, a in enumerate(out):
        if a.kind != "duration" or a.value_high is not None or a.unit not in ("h", "min"):
            continue
        pm = _PADDED_PART.match(text, a.end)
        if pm is None or any(x.start < pm.end() and a.end < x.end for x in out if x is not a):
            continue
        rank = _PADDED_UNITS[pm.group("u").lower()[:3]]
        if rank >= _SECONDS[a.unit]:
            continue  # "5 minutes, 07 minutes": no composite
        value = a.value * _SECONDS[a.unit] + float(pm.group("n")) * rank
        out[k] = replace(a, end=pm.end(), value=value, unit="s", extra={"factor": rank, "rank": rank})


def join_composites(text: str, out: list[Mention]) -> None:
    _lead_units(text, out)
    _padded_parts(text, out)
    i = 0
    while i + 1 < len(out):
        a, b = out[i], out[i + 1]
        lengths = {a.kind, b.kind} <= {"distance", "altitude"}
        ok = (
            (a.kind == b.kind or lengths)
            and a.kind in ("distance", "altitude", "weight", "duration")
            and a.value_high is None
            and b.value_high is None
            and b.bound == "exact"
            and a.end <= b.start
            and _COMPOSITE_GAP.fullmatch(text, a.end, b.start) is not None
            and not _FROM_BEFORE.search(text, max(0, a.start - 9), a.start)
        )
        if ok and a.kind == "duration":
            ra, rb = a.extra.get("rank") or _duration_rank(a.unit), _duration_rank(b.unit)
            ok = ra is not None and rb is not None and ra > rb
            summed = _sum_durations(a, b) if ok else None
            ok = summed is not None
        elif ok:
            fa, fb = a.extra.get("factor"), b.extra.get("factor")
            ok = fa is not None and fb is not None and fa > fb and a.unit == b.unit
            summed = (a.value + b.value, a.unit) if ok else None
            if ok and lengths and "altitude" in (a.kind, b.kind):
                a = replace(a, kind="altitude")  # "5 feet 2 inches tall"
        if ok:
            value, unit = summed
            rank = _duration_rank(b.unit) if a.kind == "duration" else None
            out[i] = replace(a, end=b.end, value=value, unit=unit, confidence=min(a.confidence, b.confidence),
                             extra={"factor": b.extra.get("factor", 1.0), "rank": rank})
            del out[i + 1]
            continue
        i += 1


# ---- money in major and minor units; a bare sub-unit number after a unit --------------------------
_MINOR_WORDS = {
    "cent": 0.01, "cents": 0.01, "c": 0.01, "¢": 0.01, "penny": 0.01, "pennies": 0.01, "pence": 0.01, "p": 0.01,
    "sen": 0.01, "sens": 0.01, "kopiyka": 0.01, "kopiykas": 0.01, "kopeck": 0.01, "kopecks": 0.01,
    "kopek": 0.01, "kopeks": 0.01, "mao": 0.1,
}
_W99 = rf"(?:(?:{'|'.join(sorted(N.TENS, key=len, reverse=True))})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|{_SMALL_WORDS})"
_SUBUNIT = lazy_re(
    rf"(?P<gap>[ \t]*,?[ \t]+and[ \t]+|[ \t]+|[ \t]*,[ \t]*)(?P<n>\d{{1,2}}(?!\d)(?:\.\d+)?|{_W99}\b)"
    r"(?:\s?(?P<minor>cents?|pennies|penny|pence|sens?|kopiykas?|kopecks?|kopeks?|¢|(?<=\d)c\b|(?<=\d)p\b))?",
    re.IGNORECASE,
)
_CLAUSE_END = lazy_re(r"[ \t]*(?:[.,;:!?)\]]|$|\r?\n)")  # a line end closes a clause too
# the next smaller unit of a bare sub-unit number: "1 hour thirty", "5 feet 2"
_NEXT_UNIT = {"h": ("min", 60.0), "min": ("s", 60.0)}


def join_minor(text: str, out: list[Mention]) -> None:
    i = 0
    while i < len(out):
        a = out[i]
        if a.value_high is not None or a.value is None:
            i += 1
            continue
        sub = None
        if a.kind == "money" and a.currency and LX.CURRENCY_MINOR_DIGITS.get(a.currency, 2) == 2 \
                and not _is_minor_only(text, a):
            sub = _SUBUNIT.match(text, a.end)
        elif a.kind == "duration" and a.unit in _NEXT_UNIT:
            sub = _SUBUNIT.match(text, a.end)
            if sub and sub.group("minor"):
                sub = None
        if sub is None:
            i += 1
            continue
        minor = (sub.group("minor") or "").lower()
        if not minor and not _CLAUSE_END.match(text, sub.end()):
            i += 1
            continue  # "$5 and 10 others": a number of something else
        if "," in sub.group("gap") and not minor:
            i += 1
            continue
        n = N.parse_number(sub.group("n"))
        if n is None or n >= 100 or (minor and a.kind == "money" and not _minor_fits(minor, a.currency)):
            i += 1
            continue  # "42 bucks and ten pence": two currencies, no sum
        if a.kind == "money":
            value = a.value + n * _MINOR_WORDS.get(minor, 0.01)
            unit = a.unit
        else:
            small, per = _NEXT_UNIT[a.unit]
            value = a.value * _SECONDS[a.unit] + n * _SECONDS[small]
            unit = "s"
        end = sub.end()
        out[i] = replace(a, end=end, value=value, unit=unit)
        out[:] = [x for j, x in enumerate(out) if j == i or not (x.start < end and a.start < x.end)]
        i += 1


# the currencies a minor unit belongs to (cents are a hundredth of most others)
_MINOR_OF = {"pence": {"GBP"}, "penny": {"GBP"}, "pennies": {"GBP"}, "p": {"GBP"}, "sen": {"MYR", "BND", "IDR"},
             "sens": {"MYR", "BND", "IDR"}, "kopiyka": {"UAH"}, "kopiykas": {"UAH"}, "kopeck": {"RUB"},
             "kopecks": {"RUB"}, "kopek": {"RUB"}, "kopeks": {"RUB"}, "mao": {"CNY"}}


def _minor_fits(minor: str, currency: str | None) -> bool:
    allowed = _MINOR_OF.get(minor)
    if allowed is None:
        return currency != "GBP"  # cents of a dollar, euro, ringgit...; a pound has pence
    return currency in allowed


def _is_minor_only(text: str, a: Mention) -> bool:
    """Is ``a`` itself an amount in a minor unit ("50 cents")? Then nothing sums onto it."""
    tail = text[a.start : a.end].lower()
    return tail.endswith(tuple(k for k in _MINOR_WORDS if len(k) > 1))


# ---- rates: a distance per time is a speed ("50 km/ms", "50 meters per millisecond") ---------------
_PER_TIME = lazy_re(
    r"[ \t]*(?:/|per[ \t]+|an?[ \t]+)(?P<u>milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?)\b",
    re.IGNORECASE,
)
_HOURS = {"millisecond": 1 / 3.6e6, "ms": 1 / 3.6e6, "second": 1 / 3600, "sec": 1 / 3600, "s": 1 / 3600,
          "minute": 1 / 60, "min": 1 / 60, "hour": 1.0, "hr": 1.0, "h": 1.0, "day": 24.0}


def per_time(text: str, out: list[Mention]) -> None:
    for i, a in enumerate(out):
        if a.kind != "distance" or a.value is None:
            continue
        pm = _PER_TIME.match(text, a.end)
        if pm is None or (pm.group(0).lstrip(" \t")[:1] not in "/pP"
                          and pm.group("u").lower() not in ("hour", "second", "minute")):
            continue  # "a"/"an" only before a word of the clock: "miles an hour", not "5 miles a day"
        u = pm.group("u").lower()
        u = u[:-1] if u.endswith("s") and u[:-1] in _HOURS else u
        hours = _HOURS.get(u)
        if hours is None:
            continue
        high = None if a.value_high is None else a.value_high / hours
        out[i] = replace(a, kind="speed", unit="km/h", end=pm.end(), value=a.value / hours, value_high=high)


def percent_of(text: str, out: list[Mention]) -> None:
    """ "percent of 10", "per cent of twenty-two": the figure written after its unit."""
    low = text.lower()
    if "cent" not in low or len(low) != len(text):
        return
    for m in _percent_of_matches(text, low):
        v = N.parse_number(m.group("n"))
        if v is None or any(x.start < m.end() and m.start() < x.end and x.kind == "percentage" for x in out):
            continue
        out[:] = [x for x in out if not (x.start < m.end() and m.start() < x.end)]
        out.append(Mention("percentage", m.start(), m.end(), v, "percent", confidence=0.6))
    out.sort(key=lambda x: (x.start, x.end))


def _percent_of_matches(text: str, low: str):
    """:data:`_PERCENT_OF` tried only where "cent of"/"cents of" is written."""
    for needle in ("cent of", "cents of"):
        i = low.find(needle)
        while i >= 0:
            m = _PERCENT_OF.search(text, max(0, i - 8), min(len(text), i + 48))
            if m is not None and m.start() <= i < m.end():
                yield m
            i = low.find(needle, i + 1)


_PERCENT_OF = lazy_re(
    rf"(?<![\w-])(?:per[ -]?cents?|percents?)[ \t]+of[ \t]+(?P<n>\d+(?:\.\d+)?|{_W99})(?=[ \t]*(?:[.,;:!?)]|$|\r?\n))",
    re.IGNORECASE,
)


# ---- an amount whose currency was said with the figure before it ------------------------------
# "100 billion yen by 2026, with 20 billion expected this year", "a profit of 9.5bn kronor (£722m;
# $1.3bn) against 6.3bn", "sales of 8.73 billion": a bare scaled amount (read as a count of
# something elided) compared with money just before it, in the same sentence and of a like size,
# is money in that currency. Restatements in brackets are skipped (their currency is not the
# text's own), and any other figure between breaks the chain ("$2bn, and 40 million people
# watched while 3 million voted").
_SENTENCE_BREAK = lazy_re(r"[.!?](?:\s|$)|\n")  # (not ";": "(£52m; $98m)")
_COMPARED = lazy_re(
    r"\b(?:against|from|compared\s+(?:with|to)|versus|vs|with|and|than|to|or|"
    r"(?:sales|revenue|revenues|profit|profits|loss|losses|forecast|forecasts|expectations?|estimates?|total|"
    r"budget|costs?|turnover|income|earnings|spending|deficit|debt|value|valuation|price)\s+of)\s+"
    r"(?:(?:about|around|some|nearly|almost|only|just|a|an|the|its|their|estimated)\s+)*$",
    re.IGNORECASE,
)


def _in_brackets(text: str, x: Mention) -> bool:
    return text.rfind("(", max(0, x.start - 40), x.start) > text.rfind(")", max(0, x.start - 40), x.start)


def money_said_before(text: str, out: list[Mention]) -> None:
    prev: Mention | None = None  # the last money outside brackets, if no other figure came since
    for k, x in enumerate(out):
        if x.kind == "money":
            if not _in_brackets(text, x):
                prev = x
            continue
        if x.kind != "count" or not x.extra.get("elided_amount") or prev is None or x.value_high is not None:
            prev = None
            continue
        money, prev = prev, None
        if x.start - money.end > 150 or _SENTENCE_BREAK.search(text, money.end, x.start):
            continue
        if not _COMPARED.search(text, max(money.end, x.start - 60), x.start):
            continue
        big, small = max(abs(money.value), abs(x.value)), min(abs(money.value), abs(x.value))
        if not small or big / small > 100:
            continue  # "£3bn in lost reserves ... three million unemployed"
        out[k] = replace(x, kind="money", unit=money.currency, currency=money.currency)


def compose(text: str, out: list[Mention]) -> None:
    """All composition steps, in order, on the pass's sorted mentions (in place)."""
    feet_and_inches(text, out)
    unit_fractions(text, out)
    a_unit(text, out)
    per_time(text, out)
    percent_of(text, out)
    join_ranges(text, out)
    join_composites(text, out)
    join_minor(text, out)
    money_said_before(text, out)
