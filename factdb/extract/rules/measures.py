"""Stage 3, one kind: a figure with a unit of measure (distance, altitude, speed, weight,
duration, temperature, other quantities).

Asked by :mod:`.kinds` after money and ages. :func:`read_measure` takes the unit phrase that
:mod:`.unit_phrase` reads after the number and decides whether it really is that unit here
("it cost 5 m." is no metre, "Model 3V" no volt, "a 360-degree view" no temperature), then
the kind it measures ("30,000 feet high" is an altitude, "two years old" an age) and the
canonical value (the unit table's factor). :func:`read_bare_m` settles "5m" with no noun
after it. Both hand back mentions, ``[]`` (no claim at all) or ``None`` (not a measure).
"""

from __future__ import annotations

import re

from . import units as U
from .cues import _TEMP_CONTEXT, _WORD, BEFORE_MONEY, last_word
from .figure import Figure
from .patterns import lazy_re
from .unit_phrase import _EXTRA_BEFORE_UNIT, _unit_at, _unit_key, _UnitMatch

_RACE_AFTER = lazy_re(
    r"\s+(?:" + "|".join(re.escape(w) for w in sorted(U.RACE_EVENTS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_MINUS_BEFORE = lazy_re(r"(?:\bminus\s+|−\s?)$", re.IGNORECASE)
_OLD_AFTER = lazy_re(r"\s+old\b", re.IGNORECASE)
# a point in a match's time, as football reports write it: "scored on 52 minutes" (not "based on
# 30 minutes of", "live on 20 minutes a day")
_MATCH_MINUTE_BEFORE = lazy_re(
    r"(?<!based\s)(?<!depending\s)(?<!depends\s)(?<!live\s)(?<!lives\s)(?<!spend\s)(?<!spent\s)\bon\s+$",
    re.IGNORECASE,
)
_OLDER_AFTER = lazy_re(r"\s+(?:older|younger|(?:his|her|their|my|your)\s+(?:junior|senior))\b", re.IGNORECASE)
# "8,848 metres high", "100 feet (30 meters) in altitude", and the restatement inside the brackets
_HIGH_AFTER = lazy_re(
    r"(?:\s*\([^()]{1,40}\))?\)?\s+(?:high|tall|up|in\s+(?:altitude|height)|above\s+(?:sea|ground|the))\b"
    # the compound adjective: "a 500-foot-tall tower", "a 30-metre-high wall"
    r"|-(?:high|tall)\b",
    re.IGNORECASE,
)
# "flying at 30,000 feet", "orbits at 500 km", "climbed to 20 km"; and the way down, a height
# left or reached ("descended to 300 feet", "plunged from 35,000 feet to 10,000 feet", "drops to
# 45 ft"): a distance unit after a verb of falling is a height, the second of a from-to pair too
_BEFORE_ALT_VERB = lazy_re(
    r"(?:\b(?:fl(?:y|ies|ying|ew|own)|cruis\w*|hover\w*|orbit\w*|circl\w*)\s+at"
    r"|\b(?:climb\w*|ascend\w*|soar\w*)\s+to)\s+$",
    re.IGNORECASE,
)
# (feet and metres only, the units of a height, and not a gap: "fell to 500 metres behind")
_BEFORE_FALL_VERB = lazy_re(
    r"\b(?:descend\w*|plung\w*|plummet\w*|dropp?(?:s|ed|ing)?|fall(?:s|ing|en)?|fell|dive[sd]?|diving|dove)"
    r"\s+(?:from|to)(?:\s+[\d,.]+\s?(?:feet|foot|ft|metres|meters|m)\s+to)?\s+$",
    re.IGNORECASE,
)
# a compound adjective before something that stands up: "a 565-ft crane", "an 80-foot tree",
# "a 20-foot wave" measure a height ("a 100-metre yacht", "a 30-foot wall" are left as lengths)
_UPRIGHT_AFTER = lazy_re(
    r"\s+(?:[a-z]+\s+)?(?:towers?|cranes?|skyscrapers?|statues?|trees?|waves?|cliffs?|spires?|chimneys?|masts?"
    r"|flagpoles?|monuments?|obelisks?|pillars?|totem\s+poles?|billboards?|smokestacks?)(?![\w-])",
    re.IGNORECASE,
)
_HEIGHT_UNITS = frozenset({"feet", "foot", "ft", "metres", "meters", "metre", "meter", "m"})
_GAP_AFTER = lazy_re(r"\s+(?:behind|ahead|back|short|away|apart|clear)\b", re.IGNORECASE)
# a distance that places something on the map ("10 miles north of the city", "30 km offshore")
# stays a distance even after an altitude word: "at an altitude of 5,000 feet, 14 miles east of"
_PLACE_AFTER = lazy_re(
    r"\s+(?:(?:due\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?(?:\s+of)?|away|offshore|inland)\b",
    re.IGNORECASE,
)
_BEFORE_ALT = lazy_re(
    r"(?:altitude|apogee|height|elevation|ceiling|altitudes)\b[^.;]{0,30}$", re.IGNORECASE
)
_BEFORE_DIST = lazy_re(
    r"(?:flew|flown|flying|travell?ed|travell?ing|distance|range|flight|away|from)\b[^.;]{0,25}$",
    re.IGNORECASE,
)


def read_measure(f: Figure) -> list | None:
    """The figure as a measured quantity when a unit phrase follows it."""
    text, m, e, before = f.text, f.m, f.end, f.before
    digits, sep, vague, bound_word, scaled, sca_att = f.digits, f.sep, f.vague, f.bound_word, f.scaled, f.sca_att
    v1, vhigh, make, finish = f.v1, f.vhigh, f.make, f.finish
    um = _unit_at(text, e)
    if um is None and not sep:
        xm = _EXTRA_BEFORE_UNIT.match(text, e)  # "2 more minutes", "two additional hours"
        if xm:
            um2 = _unit_at(text, xm.end())
            if um2 is not None and U.UNITS.get(_unit_key(um2.group("u")) or "", ("",))[0] == "duration":
                um = _UnitMatch(um2.group("sp"), um2.group("u"), e, um2.start("u"), um2.end())
    if um and not vague and not (scaled and sca_att in ("m", "k", "b") and not um.group("sp")):
        written = um.group("u")
        u = _unit_key(written) or written.lower()
        attached = um.group("sp") == ""
        kind, unit, factor = U.UNITS[u]
        ok = True
        if u in U.ATTACHED_ONLY and not attached and BEFORE_MONEY.search(before):
            ok = False  # "it cost 5 m."
        if u in ("l", "w", "v") and not bound_word:
            pw = last_word(before)
            if pw and pw[0].isupper() and pw.lower() not in U.FUNCTION_WORDS:
                ok = False  # "Invest 91L", "Model 3V": designations
        if unit == "degree":
            ok = _degree_is_temperature(text, m, um, before, digits)
        if u in ("c", "f"):
            # bare "30C" only as a temperature: uppercase, digits, a temperature word before it
            # ... or a spaced "12 C" restating a temperature in brackets: "53 degrees (12 C)"
            restated = not attached and text[um.end() : um.end() + 1] == ")" and bool(_TEMP_PAREN.search(before))
            ok = (attached or restated) and written in ("C", "F") and bool(digits) \
                and (restated or bool(_TEMP_CONTEXT.search(before)))
        if u in U.AMBIGUOUS_POUNDS and BEFORE_MONEY.search(before):
            ok = False
        if ok and unit in ("celsius", "fahrenheit") and _MINUS_BEFORE.search(before):
            return []  # "minus 5C": the negative-temperature finder takes it
        if ok and kind == "distance" and names_event(text, m, um.end()):
            return []  # "the world two mile record", "the 400 metres final": an event's name
        if ok:
            return measure(text, m, make, finish, kind, unit, factor, um, v1, vhigh, before, bound_word)
    elif scaled and sca_att == "m" and not m.group("scw") and not sep:
        # "5m": metres unless a counted noun follows ("5m people"); "400m hurdles" is an event name
        if names_event(text, m, m.end("sca")):
            return []  # "the 400m hurdles" names an event (a designation, not a claim)
    return None


# Athletics and swimming name events by their distance: "the women's 5,000m", "the 1500m and
# 800m champion", "bronze medallist over 3000m", "in the 60m.", "the two mile world record".
# Such a distance is part of a name, not a measurement (like a designation); "with 500m to go"
# or "a 30-yard shot" measure something and stay claims.
_EVENT_BEFORE = lazy_re(
    r"(?:\b(?:men|women|boys|girls)['’]s?"
    r"|\b(?:indoor|outdoor|olympic|paralympic|junior|youth|veterans?|masters)(?:\s+world)?"
    r"|\b(?:champion|medall?ist|winner|record-holder|specialist|gold|silver|bronze)\s+(?:over|in|at))\s+$",
    re.IGNORECASE,
)
_THE_BEFORE = lazy_re(r"\bthe\s+$", re.IGNORECASE)
# after "the 800m": the phrase ends, or goes on with what an event takes ("in 2:01.52", "at the
# Games", "and the 1500m")
_EVENT_END = lazy_re(
    r"\s*(?:[.,;:!?)]|$)|\s+(?:in|at|and|or|where|when|but|this|last|next)\b", re.IGNORECASE
)
# another event distance coordinated before the event noun: "800m and 1500m champion"
_EVENT_COORD = lazy_re(
    r"(?:\s*,\s*|\s+(?:and|or|&)\s+)\d[\d,.]*\s?(?:m|km|metres|meters|miles?)\b", re.IGNORECASE
)


def names_event(text: str, m: re.Match, end: int) -> bool:
    """Whether the distance of ``m`` (its unit ending at ``end``) names a race or an event."""
    pos = end
    while (c := _EVENT_COORD.match(text, pos)) is not None:
        pos = c.end()
    if _RACE_AFTER.match(text, pos):
        return True
    num = m.start("num")
    before = text[max(0, num - 40) : num]
    if _EVENT_BEFORE.search(before):
        return True
    return pos == end and not m.group("bound") and _THE_BEFORE.search(before) is not None \
        and _EVENT_END.match(text, end) is not None


# a passive verb of an audience or its users before "by": "seen by", "watched by", "used by"
_AUDIENCE_BY = lazy_re(
    r"\b(?:seen|watched|viewed|heard|read|used|visited|downloaded|played|streamed|bought|backed|signed|"
    r"followed|shared|liked|tuned\s+in\s+to)\s+by\s+$",
    re.IGNORECASE,
)


def read_bare_m(f: Figure) -> list | None:
    """ "5m" with no unit and no counted noun after it: metres ("a 100m sprint", "5m tall"),
    or nothing when a content word follows ("2.7m sales": millions of something uncounted)."""
    text, m, v1, make, finish = f.text, f.m, f.v1, f.make, f.finish
    if not (f.scaled and f.sca_att == "m" and not m.group("scw") and not f.sep and not f.vague):
        return None
    # "a 100m sprint": metres after all; but "2.7m sales" is 2.7 million of something uncounted
    end = m.end("sca")
    if names_event(text, m, end):
        return []  # "won the women's 800m in 2:01.52", "taking part in the 1000m."
    if _AUDIENCE_BY.search(text, max(0, m.start() - 30), m.start()):
        # "seen by 14m", "used by 2.5m": the agents of a passive verb are millions of people
        return finish([make("count", None, end, conf=0.6)])
    if BEFORE_MONEY.search(f.before) and not _METRE_CONTEXT.match(text, end):
        # "earned 2m", "grossed 12m", "worth 5m": millions of an unwritten currency, read as
        # "earned 2 million" is (nothing), never metres; "dived 5m below" keeps its metres
        return []
    nw = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if nw and nw.group(0)[0].islower() and nw.group(0).lower().rstrip(".") not in U.FUNCTION_WORDS \
            and not _METRE_CONTEXT.match(text, end):
        return []  # a content word follows: "2.7m sales", "1.5m subscribers"
    return finish([make("distance", "km", end, value=v1 / 1e6 * 0.001, conf=0.7, extra={"factor": 0.001})])


def measure(text, m, make, finish, kind, unit, factor, um, v1, vhigh, before, bound_word):
    """The mention of a figure whose unit was accepted: its kind (a distance "high" or "flying
    at" is an altitude; a duration "old" is an age) and its canonical value."""
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
        if unit == "min" and not bound_word and v1 <= 130 and _MATCH_MINUTE_BEFORE.search(before) \
                and not text.startswith(" of", end):
            return []  # "made it 2-0 on 52 minutes": a moment of the match, not a length of time
        if unit == "year" and _OLDER_AFTER.match(text, end):
            # "six years older than", "two years her junior": a difference of ages is an age
            return finish([make("age", unit, _OLDER_AFTER.match(text, end).end(), value_high=vhigh, conf=0.8)])
        conf = 0.88
        if v1 >= 1000 and not bound_word:
            conf = 0.6
        bw = (bound_word or "").lower()
        if bw in ("over", "under"):
            # "over two days" is "during", not a bound
            b = "exact"
            s = m.start("num") if not m.group("cur") else m.start("cur")
        elif bw == "within":
            # "within 50 minutes", "within five years": no later than, an upper bound (the gold's
            # convention, as "within a week" and "within 1,000 yards" already read)
            b = "upper"
        if (m.group("words") or "").lower() == "one" and um.group("sp") != "-" and not bound_word \
                and unit in ("day", "week", "month", "year", "decade", "century"):
            return []  # "one day" is usually "some day"; "one hour", "one sec" are lengths of time
    if kind == "distance" and not _PLACE_AFTER.match(text, end):
        if _BEFORE_ALT.search(before) and not _BEFORE_DIST.search(before[-15:]):
            kind = "altitude"
        elif _HIGH_AFTER.match(text, end) or _BEFORE_ALT_VERB.search(before):
            kind = "altitude"
        elif um.group("u").lower() in _HEIGHT_UNITS and _BEFORE_FALL_VERB.search(before) \
                and not _GAP_AFTER.match(text, end):
            kind = "altitude"
        elif "-" in um.group("sp") and um.group("u").lower() in _HEIGHT_UNITS and _UPRIGHT_AFTER.match(text, end):
            kind = "altitude"
    if kind == "weight" and unit == "kg" and factor == U.LB and um.group("u").lower().startswith("pound"):
        conf = 0.75
    value = v1 * factor
    vh = None if vhigh is None else vhigh * factor
    del after
    if unit in ("degree", "celsius", "fahrenheit") and vhigh is None and BELOW_ZERO.match(text, end):
        value, end = -value, BELOW_ZERO.match(text, end).end()  # "2 degrees below zero"
    return finish([make(kind, unit, end, value=value, value_high=vh, conf=conf, s=s, b=b, extra={"factor": factor})])


# a temperature just before the bracket of a restatement: "53 degrees (", "75°F (", "20 Celsius ("
_TEMP_PAREN = lazy_re(r"(?:\bdegrees?|°\s?[CF]?|\b(?:Fahrenheit|Celsius|centigrade))\s*\($", re.IGNORECASE)


# what makes "N degrees" an angle, a degree course or a map position, not a temperature
_ANGLE_CONTEXT = lazy_re(
    r"\b(?:angle[sd]?|turn\w*|rotat\w*|latitude|longitude|tilt\w*|slope\w*|inclin\w*|pitch\w*|arc|spin\w*|"
    r"compass|bearing|heading|view|panoram\w*|north|south|east|west|clockwise|pivot\w*|lean\w*|bend\w*|"
    r"twist\w*|swivel\w*|flip\w*|courses?|university|universities|graduat\w*|holds?|held|earned|"
    r"separation|freedom|difficulty|murder|burns?)\b",
    re.IGNORECASE,
)
_MAP_AFTER = lazy_re(r"\s*(?:[NSEW]\b|\d+\s?['′])")
BELOW_ZERO = lazy_re(r"\s+below\s+(?:zero|freezing)\b", re.IGNORECASE)


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


_TEMP_WORDS = lazy_re(_TEMP_CONTEXT.pattern.replace("degrees?|", "").replace("|°)", ")"), re.IGNORECASE)


# words after "100m" that make it metres ("a 100m sprint", "a 30m drop", "5m tall")
_METRE_CONTEXT = lazy_re(
    r"\s+(?:sprint|race|dash|swim|run|walk|wall|tower|drop|fall|tall|high|long|wide|deep|away|above|below|"
    r"under|underground|underwater|across|apart|in\s+(?:height|length|diameter|width|depth)|of|from|off|"
    r"behind|ahead|up|down|radius|stretch|section|length|line|mark|high-|long-)\b",
    re.IGNORECASE,
)

