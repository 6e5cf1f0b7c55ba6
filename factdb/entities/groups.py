"""Cross-document groups of comparable claims: corroborations and contradictions.

Only figures about an event (``EVENT_LEVEL``: tolls, launches, arms sales) with a written number
are compared, and a thing's price (``ANCHORED``: by the name next to it, the same day, never as a
contradiction). Three questions are asked of every pair of them, in this order
(``docs/linking.md`` is the readable account, with the thresholds):

1. **When** is each figure about? Its own words decide: a date or period in the claim's
   sentence ("in 1999", "in December 2012", "on Thursday", "last year") scopes it; the
   publication date is only the fallback. A figure whose own date lies more than
   BACKGROUND_DAYS before publication is *background* (the 1999 quake's toll in a story on
   the 2016 quake): it is compared only with figures scoped to the same past time, never
   with current ones. Each member row records which time was used (``source_key`` ends
   with ``time: text '…'`` or ``time: publication``).
2. **What** is it about? The same ``attribute`` and unit, and compatible subjects: the
   entities its sentence names (gazetteer mentions, so "North Korean missile", "Pyongyang"
   and "North Korea" are one subject) and its proper names ("Orlando", "Brussels"), with
   claimants left out ("told Reuters" is no subject). When the claim's sentence names
   nothing, the sentence before it does ("The quake struck Tainan … It killed 39"). Two
   figures are about the same thing when their subjects share a name and their times
   agree: current figures within CURRENT_WINDOW_DAYS (a toll is reported for weeks), or
   WINDOW_DAYS for one-off event figures (``missile.*``: one launch, one day); background
   figures when their own dates overlap (1999 and September 1999).
3. **Who** says it? Origins, not rows: two claims of one document are one origin; documents
   whose claim sentences are near-duplicates (word-shingle Jaccard ≥ COPY_JACCARD — wire
   copies, syndicated and updated versions of one story) or carry the same wire credit
   are one origin.

Groups are the sets of figures that agree — every member compatible with every other in
subject and time, and their intervals (:mod:`.intervals`) sharing a point, with open
bounds read tightly ("at least 12" supports 12 or 13, not 26: a later, larger toll is a
revision, not a corroboration). A set with two or more origins is ``corroborated``; one
origin, ``single_source`` (every candidate claim sits in exactly one such set, so its page
can say what was searched). A ``contradiction`` group holds two figures from different
origins, each consistent with the rest of its own origin, about the same subject at the
same time, that cannot both hold. Running totals (``casualties.*``, budgets, tolls) only
conflict when both are as of the same day *by their own words*; figures dated only by
publication may be a stale count and a new one (revisions), so they are not flagged.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict

from factdb.entities.intervals import COUNTED_KINDS, common, interval
from factdb.entities.linking import claimant_spans, sentence_starts
from factdb.entities.timescope import find_times

WINDOW_DAYS = 1
CURRENT_WINDOW_DAYS = 30
BACKGROUND_DAYS = 45
COPY_JACCARD = 0.5
COPY_MIN_SHINGLES = 5
COPY_CONTAINED = 0.9
DOC_CONTAINED = 0.2
LOCAL_REACH = 120  # characters either side of a claim compared for copied wording
LOCAL_CONTAINED = 0.6
DOC_SHINGLE = 5
SHINGLE = 3
WEAK_SHARE = 0.12
WEAK_MIN_DOCUMENTS = 40
DISTINCT_DAYS = 7  # two figures dated by their own words to days further apart are two events
LOWER_SPREAD = 0.04  # "at least v" corroborates values up to v·(1+LOWER_SPREAD) (counts: v+1)
SHORT_SPREAD = 0.05  # "nearly v" supports v·(1-SHORT_SPREAD) … v ("nearly 120" of 115 dead; not 587 of "nearly 650")
UNCOMMON_FIGURE = 20  # a toll this large, the same in two reports of one place within a week, tells the event
REVISABLE = re.compile(r"^(casualties|deaths|budget|death_toll)\.|\.(total|budget|deficit|spending|toll)$")
EVENT_FAMILIES = ("missile",)  # one-off event figures: one launch, one day
WEAPON_PROPERTIES = ("missile.range",)  # what a weapon can do: compared by weapon, not by launch day
# Figures about an event (a toll, a launch, a sale between countries): the story's names are its
# subject. Any other figure is about one person, company or market: the name next to it is.
ANCHOR_REACH = 60  # characters between a person/company figure and the name it is about
EVENT_LEVEL = ("casualties", "missile", "arms_sale", "naval_exercise", "deaths", "death_toll", "earthquake")
# A thing's price is one fact too, checked like a toll: "$35,000" for one car model in two outlets'
# stories of a day. Compared by the name the price is about (the nearest, as a person's or company's
# figure), within WINDOW_DAYS, and for corroboration only: an opening and a closing price, a base
# and an average price of one thing differ without either report being wrong.
ANCHORED = ("price.value",)
KEY_TYPES = ("country", "organization", "person", "event", "topic", "place")

_PROPER = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*\b")
_STOP = set(
    """A An The In On At Of For From By With Without To Into As And But Or Nor If So Yet It Its It's He She They We
    You I His Her Their Our This That These Those There Here Then When While Where Who Whom What Which Why How
    After Before During Since Until About Around Over Under More Most Less Least Some Many Much Several Few All Both
    Each Every Any No Not Also Only Just Even Still Now Today Yesterday Tomorrow Tonight Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday January February March April May June July August September October November
    December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr Sir President Prime Minister Minister
    Chief Officials Official Police Reuters Associated Press AP AFP CNN BBC Photo Video Read Reporting Editing
    Writing Additional Copyright Update Updated Breaking News Report Reports Sources Source According One Two Three
    Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety Hundreds Thousands Dozens Another Other Others However Meanwhile Earlier
    Later Last Next First Second Third New Local Its State Government Authorities Witnesses Saying Said Says
    County City Town Village State Province District Region Island Islands River Lake Mountain Mountains Valley
    Beach Bay Coast Sea Ocean Street Road Avenue Square Park Airport Station Port Bridge University College School
    Hospital Center Centre Church Mosque Temple Court Party Council Committee House Senate Congress Parliament
    Ministry Department Agency Service Services Office Bureau Commission Force Forces Army Navy Guard Police Fire
    Company Inc Corp Co Ltd Group Bank Fund Association Union Federation Institute Foundation Club Museum
    North South East West Northern Southern Eastern Western Central National International General Federal Royal
    United Republic Democratic Islamic People Mr Mrs Ms Gov Sen Rep Lt Col Gen Sgt Capt Officer Prosecutor Judge
    Governor Mayor Senator Secretary Spokesman Spokeswoman Director Commander Sheriff King Queen Prince Pope""".split()
)
_WIRE = re.compile(r"\((?:Reuters|AP|AFP|Bloomberg|Associated Press|Agence France-Presse)\)|\b(?:Reuters|Associated Press|AFP|Bloomberg) (?:reported|contributed)", re.I)


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


# ----------------------------------------------------------------------------- time
class Scope:
    """When a figure is about: a span of days, where it came from, and whether it is background."""

    __slots__ = ("start", "end", "basis", "quote", "background", "label")

    def __init__(self, start: dt.date, end: dt.date, basis: str, quote: str | None, background: bool, label: str):
        self.start, self.end, self.basis, self.quote, self.background, self.label = (
            start, end, basis, quote, background, label)

    def describe(self) -> str:
        return f"time: text '{self.quote}'" if self.basis == "text" else "time: publication"


def _span_of(date_start: str | None, date_end: str | None, precision: str | None) -> tuple[dt.date, dt.date, str] | None:
    """Days a date/period claim covers, and its label (YYYY, YYYY-MM or YYYY-MM-DD)."""
    if not date_start:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_start):
            d = dt.date.fromisoformat(date_start)
            end = _day(date_end) or d
            return d, max(d, end), date_start
        if re.fullmatch(r"\d{4}-\d{2}", date_start):
            y, m = map(int, date_start.split("-"))
            first = dt.date(y, m, 1)
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            last = nxt - dt.timedelta(days=1)
            if date_end and re.fullmatch(r"\d{4}-\d{2}", date_end):
                y2, m2 = map(int, date_end.split("-"))
                last = dt.date(y2 + (m2 == 12), m2 % 12 + 1, 1) - dt.timedelta(days=1)
            return first, max(first, last), date_start
        if re.fullmatch(r"\d{4}", date_start):
            y = int(date_start)
            y2 = int(date_end) if date_end and re.fullmatch(r"\d{4}", date_end) else y
            return dt.date(y, 1, 1), dt.date(max(y, y2), 12, 31), date_start
    except (ValueError, OverflowError):
        return None
    return None


def claim_scope(claim: dict, dates: list[dict], published: dt.date | None, text: str | None = None) -> Scope | None:
    """The claim's time: the nearest date/period its sentence gives, else the publication date.

    ``dates`` are the date/period claims of the claim's sentence. A text date well before
    publication makes the figure background; a text date near publication dates it
    (day-precise) or leaves the publication day (month/year only)."""
    pos = claim["char_start"]
    best = None

    def nearness(d: dict) -> tuple[bool, int]:
        # "a 6.5 quake Thursday and a 7.0 quake Saturday": a date across a conjunction belongs
        # to the other conjunct, so the nearer date in characters is not the claim's when the
        # claim's own conjunct has one; it stays the fallback (only the order changes)
        return (text is not None and _across_conjunction(text, claim, d), abs(d["char_start"] - pos))

    for d in sorted(dates, key=nearness):
        if not d.get("resolved", True):
            continue
        span = _span_of(d.get("date_start"), d.get("date_end"), d.get("date_precision"))
        if span is None:
            continue
        start, end, label = span
        if published is not None and end > published and (end - published).days > 1:
            continue  # a future date ("by 2020", "next year"): a target, not the figure's time
        best = (start, end, label, d["quote"])
        break
    if best is not None:
        start, end, label, quote = best
        if published is None or (published - end).days > BACKGROUND_DAYS:
            return Scope(start, end, "text", quote, published is not None, label)
        if start == end:  # a day near publication: the figure's own day
            return Scope(start, end, "text", quote, False, label)
    if published is not None:
        return Scope(published, published, "publication", None, False, published.isoformat())
    return None


_CONJUNCT = re.compile(r"\b(?:and|but|while|whereas)\b|;")


def _across_conjunction(text: str, claim: dict, d: dict) -> bool:
    """Whether a coordinating word stands between the claim and the date ``d``."""
    if d["char_start"] >= claim["char_end"]:
        lo, hi = claim["char_end"], d["char_start"]
    else:
        lo, hi = d["char_end"], claim["char_start"]
    return lo < hi and _CONJUNCT.search(text, lo, hi) is not None


def times_agree(a: Scope, b: Scope, window: int) -> bool:
    if a.background != b.background:
        return False
    if a.background or (a.basis == "text" and a.start != a.end) or (b.basis == "text" and b.start != b.end):
        return a.start <= b.end and b.start <= a.end  # overlapping periods
    return abs((a.start - b.start).days) <= window


# ----------------------------------------------------------------------------- origins
def _shingles(text: str, size: int = SHINGLE) -> set[int]:
    """The word ``size``-grams of ``text``, each kept as its hash: a set of ints takes a sixth of
    the memory of a set of word tuples (a whole document's 5-grams are compared for origins),
    and sets are only ever intersected and counted, for which equal hashes serve as equal
    words (64-bit hashes of the few thousand shingles of two texts do not collide in practice)."""
    words = re.findall(r"\w+", text.lower())
    return {hash(tuple(words[i : i + size])) for i in range(max(1, len(words) - size + 1))}


def jaccard(a: set, b: set) -> float:
    if not (a and b):
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # |a ∪ b| without building it


def copied(a: set, b: set) -> bool:
    """Is one claim sentence a copy of the other? Near-duplicates (Jaccard ≥ COPY_JACCARD), or a
    sentence of COPY_MIN_SHINGLES or more shingles found whole inside the other (a background
    sentence reused and extended: "Fifty-three people were wounded in the rampage[, which …]")."""
    if not (a and b):
        return False  # Jaccard 0, and an empty set holds fewer than COPY_MIN_SHINGLES
    shared = len(a & b)
    if shared / (len(a) + len(b) - shared) >= COPY_JACCARD:
        return True
    small = min(len(a), len(b))
    return small >= COPY_MIN_SHINGLES and shared >= COPY_CONTAINED * small


def _same_wording(a: dict, b: dict) -> bool:
    """Are two claims' sentences copies, or their surroundings (LOCAL_REACH characters each side)
    mostly the same words?"""
    return copied(a["shingles"], b["shingles"]) or (
        len(a["local"] & b["local"]) >= LOCAL_CONTAINED * min(len(a["local"]), len(b["local"])) > 0)


class Origins:
    """Union-find over documents: one root per independent origin."""

    def __init__(self):
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_origins(claims: list[dict], doc_shingles: dict[int, set] | DocShingles | None = None) -> Origins:
    """Documents that are one origin: the same document, near-duplicate claim sentences, or
    versions of one story (their texts share DOC_CONTAINED of the shorter one's word shingles:
    an updated wire story, an AP story run by two outlets).

    Compared per (attribute, value) so the work stays small: copies state the same figure."""
    origins = Origins()
    by_value: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        origins.find(c["document_id"])
        by_value[(c["attribute"], round(c["value"], 6))].append(c)
    checked: set[tuple[int, int]] = set()
    find, union = origins.find, origins.union
    for same in by_value.values():
        # claims worded alike (wire copies, a story's versions) get one number, and the wording
        # test is asked once per pair of numbers: it reads nothing but the two wordings
        wording: dict[tuple, int] = {}
        kinds = [wording.setdefault((frozenset(c["shingles"]), frozenset(c["local"])), len(wording)) for c in same]
        alike: dict[tuple[int, int], bool] = {}
        docs = [c["document_id"] for c in same]
        for i, a in enumerate(same):
            da = docs[i]
            ra = find(da)
            for j in range(i + 1, len(same)):
                db = docs[j]
                if da == db:
                    continue
                rb = find(db)
                if ra == rb:
                    # one origin already: whether this pair is a copy changes nothing (the result is
                    # the connected components of the copy relation, whatever order pairs are seen in),
                    # and among many copies of one story this skips almost every comparison
                    continue
                key = (kinds[i], kinds[j]) if kinds[i] <= kinds[j] else (kinds[j], kinds[i])
                found = alike.get(key)
                if found is None:
                    found = alike[key] = _same_wording(a, same[j])
                if found:
                    union(da, db)
                    ra = find(da)
                    continue
                pair = (da, db) if da < db else (db, da)
                if isinstance(doc_shingles, DocShingles):
                    # no record of pairs asked: most are ruled out by their sketches in a few bit
                    # operations, cheaper to ask again than to remember (millions at scale)
                    if doc_shingles.contained(*pair):
                        union(*pair)
                        ra = find(da)
                    continue
                if doc_shingles is not None and pair not in checked:
                    checked.add(pair)
                    sa, sb = doc_shingles.get(pair[0]), doc_shingles.get(pair[1])
                    if sa and sb and len(sa & sb) >= DOC_CONTAINED * min(len(sa), len(sb)):
                        union(*pair)
                        ra = find(da)
    return origins


# ----------------------------------------------------------------------------- subjects
def _subject_names(text: str, s_start: int, s_end: int, mentions: list[tuple[int, int, str]],
                   excluded: list[tuple[int, int]]) -> set[str]:
    """Entity names and proper names of ``text[s_start:s_end]`` outside the claimant spans."""
    return {name for _, name in _subject_hits(text, s_start, s_end, mentions, excluded)}


def _subject_hits(text: str, s_start: int, s_end: int, mentions: list[tuple[int, int, str]],
                  excluded: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(position, name) of :func:`_subject_names`, in text order."""
    hits: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for ms, me, name in mentions:
        if s_start <= ms and me <= s_end:
            covered.append((ms, me))
            if not any(a <= ms < b for a, b in excluded):
                hits.append((ms, name))
    first = True
    words = re.findall(r"[A-Za-z]+", text[s_start:s_end])
    if len(words) >= 4 and sum(w[0].isupper() for w in words) > 0.6 * len(words):
        return sorted(hits)  # a headline in title case: every word is capitalized, so none is a name
    for m in _PROPER.finditer(text, s_start, s_end):
        word = re.sub(r"[’']s$", "", m.group())
        if word.split("-")[0] in _STOP:
            continue
        sentence_initial = first and not text[s_start : m.start()].strip(" \"'“‘(\n")
        first = False
        if word in _STOP or sentence_initial and word.lower() in _STOP_LOWER:
            continue
        if any(a <= m.start() < b for a, b in covered) or any(a <= m.start() < b for a, b in excluded):
            continue
        if _SPEAKS.match(text, m.end(), min(s_end, m.end() + 30)) or _TOLD.search(text[max(s_start, m.start() - 12) : m.start()]):
            continue
        hits.append((m.start(), word))
    return sorted(hits)


_STOP_LOWER = {w.lower() for w in _STOP}
_SPEAKS = re.compile(r"[\s,]*(?:said|says|told|reported|reports|added|quoted|cited)\b")
_TOLD = re.compile(r"\b(?:told|to|by|according to|via)\s+$")


def annotate(claims: list[dict], texts: dict[int, str], dates: dict[int, list[dict]],
             mentions: dict[int, list[tuple[int, int, str]]], docs: dict[int, dict]) -> None:
    """Give each candidate claim its ``scope``, ``names`` (subject) and ``shingles`` (for origins)."""
    starts = {d: sentence_starts(t) for d, t in texts.items()}
    lead_cache: dict[int, set[str]] = {}
    ends = defaultdict(set)
    for c in claims:
        ends[(c["document_id"], c["attribute"])].add(c["char_end"])
    for c in claims:
        # "about 400 km (250 miles)": the bracketed figure restates the one before it, rounded
        before = texts[c["document_id"]][max(0, c["char_start"] - 3) : c["char_start"]]
        c["restated"] = "(" in before and any(
            c["char_start"] - 3 <= e <= c["char_start"] for e in ends[(c["document_id"], c["attribute"])])
    from factdb.entities.gazetteer import gazetteer

    countries = {k for k, e in gazetteer().entities.items() if e.type == "country"}
    for c in claims:
        doc_id, text = c["document_id"], texts[c["document_id"]]
        st = starts[doc_id]
        i = max(0, bisect.bisect_right(st, c["char_start"]) - 1)
        s_start, s_end = st[i], (st[i + 1] if i + 1 < len(st) else len(text))
        s_end = max(s_end, c["char_end"])
        doc = docs[doc_id]
        published = _day(doc["published"]) if doc["published_precision"] == "day" else None
        c_start, c_end = _clause(text, s_start, s_end, c["char_start"], c["char_end"])
        # linking's own reading of time phrases first (weekdays around the dateline), then the
        # stored date claims it does not cover
        in_sentence = find_times(text, c_start, c_end, published)
        if not in_sentence and not REVISABLE.search(c["attribute"]):
            # a fixed measure of an event takes the event's time from the relative clause about
            # it ("The 7.8 magnitude quake, which struck late Saturday, also left …"); a toll
            # does not: it is counted as of its story, whenever the event was
            rel = _FOLLOWING_RELATIVE.match(text, c_end, s_end)
            if rel:
                stop = re.compile(r"[,;:—–()]").search(text, rel.end(), s_end)  # the relative clause only
                in_sentence = find_times(text, rel.start(), stop.start() if stop else s_end, published)
        in_sentence += [d for d in dates.get(doc_id, []) if c_start <= d["char_start"] < c_end and not any(
            t["char_start"] < d["char_end"] and d["char_start"] < t["char_end"] for t in in_sentence)]
        c["scope"] = claim_scope(c, in_sentence, published, text)
        c["published"] = published
        c["outlet"] = doc.get("outlet")
        excluded = claimant_spans(_TextDoc(text), s_start, s_end, c.get("attribution"))
        hits = _subject_hits(text, s_start, s_end, mentions.get(doc_id, []), excluded)
        names = {n for _, n in hits}
        if c["attribute"].split(".")[0] not in EVENT_LEVEL:
            # a figure about one person, company or market: its subject is the name right next
            # to it ("Omar Mateen, 29"; "Apple's revenue rose 5 %"), none when no name is that near
            near = [(c["char_start"] - p0 if p0 < c["char_start"] else 2 * (p0 - c["char_end"]), n)
                    for p0, n in hits if c["char_start"] - ANCHOR_REACH <= p0 <= c["char_end"] + ANCHOR_REACH]
            anchor = min(near)[1] if near else None
            c["names"] = {anchor} if anchor else set()
            c["countries"] = set()
            c["sentence"] = text[s_start:s_end]
            c["shingles"] = _shingles(c["sentence"])
            c["local"] = set()
            continue
        if i > 0:  # the sentence before names the subject ("The quake struck Tainan ... It killed 39")
            names |= _subject_names(text, st[i - 1], st[i], mentions.get(doc_id, []), [])
        names |= _lead_names(doc_id, text, st, mentions.get(doc_id, []), lead_cache)
        c["names"] = names | set(c.get("key_entities") or ())
        c["kinds"] = event_kinds(text[s_start:s_end])
        c["countries"] = {name for s0, e0, name in mentions.get(doc_id, []) if s_start <= s0 < s_end and name in countries}
        c["sentence"] = text[s_start:s_end]
        c["shingles"] = _shingles(c["sentence"])
        c["local"] = _shingles(text[max(0, c["char_start"] - LOCAL_REACH) : c["char_end"] + LOCAL_REACH])


def _clause(text: str, s_start: int, s_end: int, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence holding ``text[start:end]``: between the nearest clause stops
    (";", ":", a dash, a parenthesis, ", " before a relative or appositive) on either side."""
    stops = list(_CLAUSE.finditer(text, s_start, s_end))
    lo, hi = s_start, s_end
    prev = s_start
    for m in stops:
        if m.end() <= start:
            prev, lo = lo, m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    if _RELATIVE.match(text, lo, hi):
        lo = prev  # "the 2019 deluge, which left about 210 people dead": the antecedent's time
    return lo, hi


_CLAUSE = re.compile(r"\s*(?:[;:—–]|\s-\s|,\s+(?=(?:which|who|where|when|while|the|a|an|surpassing|including|"
                     r"compared|after|before|making|as|but|and)\b))\s*")


_RELATIVE = re.compile(r"(?:which|who|that|where|when)\b")
_FOLLOWING_RELATIVE = re.compile(r"\s*,\s+(?:which|that)\s+(?:\w+\s+){0,2}?(?:struck|hit|shook|jolted|occurred|happened|"
                                 r"took place|was (?:launched|fired)|flew|traveled|travelled)\b")


def _lead_names(doc_id: int, text: str, st: list[int], mentions, cache: dict) -> set[str]:
    """What the story is about: the entities its title names and the names of its lead sentence."""
    if doc_id not in cache:
        title_end = text.find("\n")
        title_end = len(text) if title_end < 0 else title_end
        names = {name for s, e, name in mentions if e <= title_end}
        names |= _title_names(text, title_end)
        lead = next((k for k, p in enumerate(st) if p > title_end), None)
        if lead is not None:
            end = st[lead + 1] if lead + 1 < len(st) else len(text)
            names |= _subject_names(text, st[lead], end, mentions, [])
            names |= _dateline_names(text, st[lead], mentions)
        cache[doc_id] = names
    return cache[doc_id]


_DATELINE = re.compile(r"\s*(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})(?:,\s+[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+\.?)?)?"
                       r"(?:/[A-Z][A-Z .,'’/-]+)?\s+(?:\(\w+\)\s+)?(?:(?:--?|[–—])\s*)?(?=[A-Z][a-z]|[A-Z]\s)")


def _dateline_names(text: str, start: int, mentions=()) -> set[str]:
    """The place of a story's dateline ("ORLANDO, Fla. The man who killed …"): written in
    capitals, so the proper-name reading misses it. A dateline the gazetteer knows (WASHINGTON,
    SEOUL, MOSCOW: bureau cities, metonyms of their countries) says where the story was filed,
    not what it is about, and gives no name."""
    m = _DATELINE.match(text, start, start + 80)
    if not m or any(m.start("place") <= s0 < m.end("place") for s0, _, _ in mentions):
        return set()
    words = [w.capitalize() for w in re.findall(r"[A-Z][A-Z'’-]+", m.group("place")) if len(w) > 2]
    return {w for w in words if w not in _STOP and w.lower() not in _STOP_LOWER}


def _title_names(text: str, title_end: int) -> set[str]:
    """Proper names of the title line. A headline in title case capitalizes every word, so
    there a word is a name only when the story's body also writes it capitalized after a
    lower-case word ("The Orlando Nightclub Shooting Just Redefined the Race": "Orlando", not
    "Race"); in a sentence-case title every capitalized word past the first counts."""
    title = text[:title_end]
    credit = re.search(r"\s[–—|-]\s(?P<who>[^–—|]{1,40})$", title)
    if credit and len(credit.group("who").split()) <= 5:
        title = title[: credit.start()]  # "… in Brussels attacks – WISN Milwaukee": the outlet is no subject
    words = re.findall(r"[A-Za-z]+", title)
    title_case = len(words) >= 4 and sum(w[0].isupper() for w in words) > 0.6 * len(words)
    out = set()
    for k, m in enumerate(_PROPER.finditer(title)):
        word = re.sub(r"[’']s$", "", m.group())
        if word.split("-")[0] in _STOP or word.lower() in _STOP_LOWER or (k == 0 and m.start() < 2):
            continue
        if title_case and not re.search(rf"[a-z,]\s+{re.escape(word)}\b", text[title_end:]):
            continue
        out.add(word)
    return out


class _TextDoc:
    def __init__(self, text: str):
        self.text = text


# ----------------------------------------------------------------------------- groups
def tight(c: dict) -> tuple[float, float]:
    """The values a figure *supports* (for corroboration). For running totals an open bound is
    read tightly: "at least 12 killed" supports 12 or 13, not 26 (a later toll is a revision)."""
    lo, hi = c["interval"]
    if not REVISABLE.search(c["attribute"] or "") and c["attribute"] not in ANCHORED:
        return lo, hi  # a fixed measure: "over 1,000 km" is compatible with 1,100 km
    # a price "below $30,000" is one just under it, not the $7,500 credit named beside it
    v = c["value"]
    counted = c["kind"] in COUNTED_KINDS
    step = 1 if counted else 0
    if c["bound"] == "lower":
        return lo, max(v + abs(v) * LOWER_SPREAD, v + step)
    if c["bound"] == "upper":
        return min(v - abs(v) * LOWER_SPREAD, v - step), hi
    if c["bound"] == "approx" and _SHORT_OF.match(c.get("quote") or ""):
        # "nearly 650 dead" is a count just short of 650, as "at least 12" is one just over 12:
        # the 587 of two days before is an earlier count, not the same one
        return min(v - abs(v) * SHORT_SPREAD, v - step), v
    return lo, hi


_SHORT_OF = re.compile(r"(?:nearly|almost|close to|approaching|just shy of)\b", re.I)


def subjects_agree(a: dict, b: dict) -> bool:
    if a["attribute"] != b["attribute"] or a["unit"] != b["unit"] or a["currency"] != b["currency"]:
        return False
    family = a["attribute"].split(".")[0]
    window = WINDOW_DAYS if family in EVENT_FAMILIES else CURRENT_WINDOW_DAYS
    if a["attribute"] in WEAPON_PROPERTIES:
        # what a weapon can do, not what one launch did: the same weapon (or class, and no two
        # different classes), said within a year ("The Musudan … capable of traveling 1,500 to
        # 2,500 miles" in April, "designed to fly more than 3,000 km" in June)
        if a["scope"].background != b["scope"].background or abs((a["scope"].start - b["scope"].start).days) > 366:
            return False
        if a.get("classes") and b.get("classes") and not a["classes"] & b["classes"]:
            return False
        if a.get("systems") and b.get("systems") and not a["systems"] & b["systems"]:
            return False  # a Nodong's range is no Shahab's, though both are MRBMs
        if a.get("agents") and b.get("agents") and not set(a["agents"]) & set(b["agents"]):
            return False  # North Korea's missile and Iran's
        return bool(_keys(a) & _keys(b))
    if a["attribute"] in ANCHORED:
        # the same thing's price the same day: a price moves, so no wider window, and the name
        # next to each figure is what it is the price of
        return times_agree(a["scope"], b["scope"], WINDOW_DAYS) and bool(a["names"] & b["names"])
    if not times_agree(a["scope"], b["scope"], window) or _different_days(a["scope"], b["scope"]):
        return False
    if family in EVENT_FAMILIES:
        # one launch: the same launching country, named as agent or as a country of the sentence,
        # and no two different missile classes (an ICBM's range is no IRBM's)
        if a.get("classes") and b.get("classes") and not a["classes"] & b["classes"]:
            return False
        return bool((set(a.get("agents") or ()) | a["countries"]) & (set(b.get("agents") or ()) | b["countries"]))
    if a.get("kinds") and b.get("kinds") and not a["kinds"] & b["kinds"]:
        return False  # a shooting's six dead and a carbon-monoxide poisoning's, the same day in one state
    shared = a["names"] & b["names"]
    if a["scope"].background or abs((a["scope"].start - b["scope"].start).days) <= WINDOW_DAYS:
        return bool(shared)
    # reports days apart: one shared name ("California", "Iraq") is too little to be one event;
    # a week apart, a third name must agree ("Orlando", "Pulse", "Mateen")
    days = abs((a["scope"].start - b["scope"].start).days)
    need = 2 if days <= 7 else 3
    if len(shared) >= need:
        return True
    # the figure itself tells the event: within a week one shared name can do, and up to the
    # window two (a settled toll restated in a side story weeks later names the city and state
    # or the gunman, rarely three things the first reports named)
    if need == 3 and _distinct_names(shared) < 2:
        return False  # "Turkey" and "Turkish" are one name: a country's bombings are many events
    return bool(shared) and len(shared) >= need - 1 and _same_uncommon_figure(a, b, settled=need == 3)


def _distinct_names(names: set[str]) -> int:
    """Names that are not forms of one word: "Turkey" and "Turkish", "Syria" and "Syrian" count
    once (a country and its adjective tell no more than the country), "Orlando" and "Florida" twice."""
    return len({name.lower()[:3] for name in names})


def _same_uncommon_figure(a: dict, b: dict, settled: bool = False) -> bool:
    """Two reports within a week, one of them dated only by its story, that give one uncommon
    figure of a place they both name ("the blasts killed at least 31" in a story of Thursday,
    "31 people were killed in Tuesday's attacks" in Friday's): the figure itself tells the
    event. Side stories (Americans missing, an airport's security, a candidate's speech) name
    little else of it, and a story's days are its publication, not the attack's. Small figures
    (a family of four, two police officers) recur too often to tell anything; two figures each
    dated by their own words to different days are two days' counts.

    ``settled``: reports more than a week apart. Only one settled figure restated tells the
    event then: both exact and the same number ("49 people" in June's stories and in July's),
    not bounds or rounded figures, which a second attack of a city gives as easily."""
    if settled and not (a["bound"] == b["bound"] == "exact" and a["value"] == b["value"]):
        return False
    ta, tb = a.get("tight"), b.get("tight")
    if ta is None or tb is None or max(ta[0], tb[0]) > min(ta[1], tb[1]):
        return False
    if min(abs(a["value"]), abs(b["value"])) < UNCOMMON_FIGURE or "range" in (a["bound"], b["bound"]):
        return False
    sa, sb = a["scope"], b["scope"]
    return sa.basis == "publication" or sb.basis == "publication"


def _media() -> set[str]:
    """Gazetteer entities that are news outlets and agencies: who reports is no subject."""
    from factdb.entities.gazetteer import gazetteer

    return {k for k, e in gazetteer().entities.items()
            if e.type == "organization" and re.search(r"\b(?:news|newspaper|broadcaster)\b", e.description, re.I)}


def weaken(claims: list[dict], outlets: set[str] = frozenset()) -> None:
    """Drop names too common to tell stories apart ("United States", "Islamic" in a news corpus):
    those named around candidate claims of more than WEAK_SHARE of the documents, once there are
    WEAK_MIN_DOCUMENTS documents to judge from."""
    media = _media() | set(outlets)
    for c in claims:
        c["names"] = set(c.get("names") or ()) - media
    docs: dict[str, set[int]] = defaultdict(set)
    # weighed over the figures about events only: a price's one name is no story's, and counting
    # every story with a price would make the event names' shares, and so the tolls' groups,
    # depend on how much of a collection is business news
    events = [c for c in claims if _event_level(c["attribute"])]
    for c in events:
        for n in c.get("names") or ():
            docs[n].add(c["document_id"])
    total = len({c["document_id"] for c in events})
    if total < WEAK_MIN_DOCUMENTS:
        return
    weak = {n for n, d in docs.items() if len(d) > WEAK_SHARE * total}
    for c in claims:
        c["names"] = set(c.get("names") or ()) - weak


_VAGUE = re.compile(r"\b(?:dozens|scores|hundreds|thousands|millions|several|many|a few|few|some)\b", re.I)


def comparable(c: dict) -> bool:
    """Is this a figure other reports can confirm or dispute? A figure about an event (a toll, a
    launch, a sale) or a thing's price, with a number written ("dozens of people" confirms
    nothing), a subject and a time."""
    if not _candidate(c["attribute"]) or c.get("restated"):
        return False
    quote = c.get("quote") or ""
    if not re.search(r"\d", quote) and _VAGUE.search(quote):
        return False
    return c.get("scope") is not None and bool(c.get("names") or c.get("agents"))


def build_groups(claims: list[dict], origins: Origins | None = None, outlets: set[str] = frozenset()) -> list[dict]:
    """Agreement sets (corroborated / single_source) and contradiction pairs of candidate claims."""
    claims = [c for c in claims if comparable(c)]
    weaken(claims, outlets)
    origins = origins or find_origins(claims)
    for c in claims:
        c["interval"] = interval(c["kind"], c["value"], c["value_high"], c["bound"])
        c["tight"] = tight(c)
        c["origin"] = origins.find(c["document_id"])
    buckets: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        buckets[(c["attribute"], c["unit"], c["currency"])].append(c)
    groups = []
    all_sets: list[tuple[list[dict], list[dict]]] = []
    for members in buckets.values():
        members.sort(key=lambda c: (c["tight"][0], c["tight"][1], c["document_id"], c["char_start"]))
        sets: list[dict] = []
        active: list[dict] = []  # sets a later claim (larger low) can still join
        for c in members:
            keys = _keys(c)
            active = [s for s in active if s["range"][1] >= c["tight"][0]]
            # of the sets it agrees with, the one whose members share the most names with it:
            # the first that fits split one toll reported for weeks into several sets
            fits = [s for s in active if max(s["range"][0], c["tight"][0]) <= min(s["range"][1], c["tight"][1])
                    and keys & s["keys"] and _fits(c, s["members"])]
            home = max(fits, key=lambda s: (_affinity(c, s["members"]), len(s["members"])), default=None)
            if home is None:
                home = {"range": c["tight"], "members": [c], "keys": set(keys)}
                sets.append(home)
                active.append(home)
            else:
                home["range"] = (max(home["range"][0], c["tight"][0]), min(home["range"][1], c["tight"][1]))
                stories = {m["document_id"] for m in home["members"]}
                home["members"].append(c)
                if stories == {c["document_id"]}:
                    home["keys"] |= keys  # one story's headline and body: the story's names
                elif len(stories) == 1:
                    home["keys"] &= keys  # the names the first two stories share
        all_sets.append((members, _merge_sets(sets)))
    # a background sentence one newsroom reuses, its figure updated ("have killed at least 174
    # Palestinians" → "177"): copies compared above share a value; these share a set
    for _, sets in all_sets:
        for s in sets:
            _union_updated_copies(s["members"], origins)
    for c in claims:
        c["origin"] = origins.find(c["document_id"])
    for members, sets in all_sets:
        for s in sets:
            groups.append(_group(s["members"], "corroborated" if len({m["origin"] for m in s["members"]}) > 1
                                 else "single_source", s["range"]))
        groups.extend(_contradictions(members))
    return groups


_FIGURE = re.compile(r"\d[\d,.]*|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)


def _union_updated_copies(members: list[dict], origins: Origins) -> None:
    """Members of different origins whose sentences are copies once their figures are masked are
    one origin: the same story's wording, updated."""
    if len({m["origin"] for m in members}) < 2:
        return
    masked = [_shingles(_FIGURE.sub("#", m.get("sentence") or "")) for m in members]
    for i, a in enumerate(members):
        for j in range(i + 1, len(members)):
            b = members[j]
            if (a["document_id"] != b["document_id"] and min(len(masked[i]), len(masked[j])) >= COPY_MIN_SHINGLES
                    and copied(masked[i], masked[j])):  # a sentence too short to tell a copy proves nothing
                origins.union(a["document_id"], b["document_id"])


def _fits(c: dict, members: list[dict]) -> bool:
    """Does a claim belong with these? It must agree in subject and time (subjects_agree) with
    most of them, and with every one at least share a name, the window and the attribute. One
    toll is reported for weeks: the story of day 17 need not name three things the story of
    day 1 named, as long as most reports in between agree with it fully."""
    if any(_grew(c, m) for m in members):
        return False
    strict = sum(subjects_agree(c, m) for m in members)
    if strict == len(members):
        return True
    if 2 * strict < len(members):
        return False
    # a story that gives the figure twice (its headline and its body) is one report: sharing a
    # name with either statement is sharing it with the story ("50 killed in Florida nightclub"
    # names no city; its body does)
    loose = {id(m): _loosely_agree(c, m) for m in members}
    told = {m["document_id"] for m in members if loose[id(m)]}
    return all(loose[id(m)] or m["document_id"] in told for m in members)


def _as_of(c: dict) -> dt.date | None:
    """The day a running count is as of: its story's, even when its words name the day of the
    event ("the attack last Sunday killed more than 70" in Saturday's story is Saturday's count),
    else its scope's (a story with no publication day)."""
    return c.get("published") or c["scope"].start


def _grew(a: dict, b: dict) -> bool:
    """Is one running total the other's count grown? An open bound ("more than 400 killed") as
    of one day and a larger count as of a later day ("410" two days on) are a count that rose
    past the bound, or a stale figure repeated: a revision, not a corroboration, although
    "more than 400" holds of 410. The same number ("at least 31", then "31") still agrees, and
    so does a later bound ("at least 31" after "more than 30", "more than 70" after "72"): it
    gives no count of its own. Background figures are past facts, not counts as of their stories."""
    if not REVISABLE.search(a["attribute"] or "") or a["scope"].background or b["scope"].background:
        return False
    da, db = _as_of(a), _as_of(b)
    if da is None or db is None or da == db:
        return False
    early, late = (a, b) if da < db else (b, a)
    return early["bound"] == "lower" and late["bound"] in ("exact", "approx") and late["tight"][0] > early["value"]


def _loosely_agree(a: dict, b: dict) -> bool:
    if a["attribute"].split(".")[0] in EVENT_FAMILIES or a["attribute"] in ANCHORED:
        return subjects_agree(a, b)  # one launch, one day: no looser reading
    if a["unit"] != b["unit"] or a["currency"] != b["currency"]:
        return False
    if not times_agree(a["scope"], b["scope"], CURRENT_WINDOW_DAYS) or _different_days(a["scope"], b["scope"]):
        return False
    if a.get("kinds") and b.get("kinds") and not a["kinds"] & b["kinds"]:
        return False
    return bool(a["names"] & b["names"])


_EVENT_KINDS = {
    "shooting": r"shoot\w*|shot|gunm[ae]n|gunfire|gunshots?|rampage|sniper|massacre|opened fire|fired",
    "bombing": r"bomb\w*|blasts?|explosions?|explosives?|suicide attack",
    "quake": r"(?:earth)?quakes?|tremors?|temblors?|aftershocks?",
    # storms bring the floods: one kind, or a storm's toll and its floods' toll never meet
    "weather": r"floods?|flooding|flash floods?|deluge|heavy rains?|storms?|tornado\w*|hurricanes?|typhoons?|cyclones?|twisters?|mudslides?|landslides?",
    "fire": r"wildfires?|blazes?|firefighters?|inferno|conflagration|burned|(?<!opened )(?<!open )(?<!returned )fires?",
    "crash": r"crash\w*|derail\w*|collisions?|collided",
    "poisoning": r"carbon monoxide|poison\w*|overdoses?",
    "stabbing": r"stab\w*|knife|knives|machete",
    "eruption": r"volcano\w*|erupt\w*",
}
_KIND_RX = {k: re.compile(rf"\b(?:{v})\b", re.I) for k, v in _EVENT_KINDS.items()}


def event_kinds(sentence: str) -> set[str]:
    """What kind of event a sentence tells of (shooting, bombing, quake, …): two figures whose
    sentences name kinds and share none are about two events."""
    return {k for k, rx in _KIND_RX.items() if rx.search(sentence)}


def _different_days(a: Scope, b: Scope) -> bool:
    """Both figures' own words name a day, and the days are more than a week apart: two events
    ("at least 21 killed … Earlier on Saturday" and "bombings … on Monday, killing more than
    20", a month later), however many names their stories share. (Closer days are left to the
    shared names: a story's weekday is sometimes wrong — CNN put Orlando's 2 a.m. on "Friday".)"""
    return (a.basis == b.basis == "text" and a.start == a.end and b.start == b.end and not a.background
            and abs((a.start - b.start).days) > DISTINCT_DAYS)


def _affinity(c: dict, members: list[dict]) -> float:
    """How much a claim is about what a set's members are about: shared names per member."""
    return sum(len(c["names"] & m["names"]) for m in members) / len(members)


def _merge_sets(sets: list[dict]) -> list[dict]:
    """Join agreement sets that are one set: ranges that share a point, a shared key, and every
    member of one compatible with every member of the other. Claims arrive in value order, so
    a report read early can open a set that a later, better-placed set would have taken."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for k in s["keys"]:
            by_key[k].append(i)
    alive = [True] * len(sets)
    merged = True
    while merged:
        merged = False
        for idx in by_key.values():
            for x, i in enumerate(idx):
                for j in idx[x + 1 :]:
                    if not (alive[i] and alive[j]):
                        continue
                    a, b = sets[i], sets[j]
                    lo, hi = max(a["range"][0], b["range"][0]), min(a["range"][1], b["range"][1])
                    if lo > hi or not a["keys"] & b["keys"]:
                        continue
                    if len(a["members"]) * len(b["members"]) > 400:
                        continue  # two large sets: leave them apart rather than compare thousands of pairs
                    if all(_fits(m, b["members"]) for m in a["members"]):
                        a["members"].extend(b["members"])
                        a["range"] = (lo, hi)
                        a["keys"] &= b["keys"]
                        alive[j] = False
                        merged = True
    return [s for s, keep in zip(sets, alive, strict=True) if keep]


def _self_consistent(claims: list[dict]) -> set[int]:
    """Origins whose own figures (per subject) can all hold."""
    by_origin: dict[int, list] = defaultdict(list)
    for c in claims:
        by_origin[c["origin"]].append(c["interval"])
    return {o for o, iv in by_origin.items() if common(iv) is not None}


_SUPERSEDED = re.compile(
    r"\b(?:initially|originally|first (?:reported|put|given|estimated)|preliminary|earlier (?:estimate|figure|count|toll)|"
    r"previous(?:ly)?|later (?:upgraded|downgraded|revised|raised|lowered|corrected)|was (?:upgraded|downgraded|revised))\b",
    re.I,
)


def superseded(c: dict) -> bool:
    """Does the claim's own sentence say the figure was replaced ("initially called a
    magnitude-7.4 quake, but the USGS later upgraded it")? Such a figure is a revision's first
    reading: it never contradicts the figure that replaced it."""
    found = c.get("_superseded")
    if found is None:  # asked once per pair the claim is in: read its sentence once
        found = c["_superseded"] = bool(_SUPERSEDED.search(c.get("sentence") or ""))
    return found


def _keys(c: dict) -> set[str]:
    """What a claim can share with another to be about the same thing (see subjects_agree)."""
    if c["attribute"] in WEAPON_PROPERTIES:
        return set(c.get("weapons") or ()) | set(c.get("classes") or ())
    if c["attribute"].split(".")[0] in EVENT_FAMILIES:
        return set(c.get("agents") or ()) | c.get("countries", set())
    return set(c["names"])


def _pairs(members: list[dict], slot=None):
    """Pairs of claims sharing a key, each once, in the order of the first key they share and
    then of their positions.

    With ``slot``, only pairs of claims whose ``slot(c)`` is the same and not None are
    yielded, in the same order as the unfiltered pairs they are among: a big bucket's
    claims are then compared within their slots instead of all with all."""
    by_key: dict[str, list[int]] = defaultdict(list)
    slots = [slot(c) for c in members] if slot is not None else None
    for i, c in enumerate(members):
        for k in _keys(c):
            keyed = by_key[k]  # created even for a claim left out: keys keep their order
            if slots is None or slots[i] is not None:
                keyed.append(i)
    seen: set[tuple[int, int]] = set()
    for idx in by_key.values():
        if slots is None:
            ordered = ((i, j) for x, i in enumerate(idx) for j in idx[x + 1 :])
        else:
            parts: dict[tuple, list[int]] = defaultdict(list)
            for i in idx:
                parts[slots[i]].append(i)
            ordered = sorted((i, j) for part in parts.values() for x, i in enumerate(part) for j in part[x + 1 :])
        for i, j in ordered:
            if (i, j) not in seen:
                seen.add((i, j))
                yield members[i], members[j]


def _contradiction_slot(c: dict) -> tuple | None:
    """What the two claims of a contradiction must share, by the tests of :func:`_contradictions`
    (None: the claim can be in none): the attribute, and the day of their scope unless the
    figures are about one launch. A running total must also be exact or approximate and dated
    by its own words to its publication day."""
    family = c["attribute"].split(".")[0]
    if family not in EVENT_LEVEL:
        return None
    scope = c["scope"]
    if REVISABLE.search(c["attribute"]):
        if c["bound"] not in ("exact", "approx") or not (
                scope.basis == "text" and scope.start == scope.end == c.get("published")):
            return None
        return c["attribute"], scope.start
    if family in EVENT_FAMILIES:
        return (c["attribute"],)
    return c["attribute"], scope.start


def _contradictions(members: list[dict]) -> list[dict]:
    out = []
    by_origin: dict[int, list[dict]] = defaultdict(list)
    for m in members:
        by_origin[m["origin"]].append(m)
    for a, b in _pairs(members, _contradiction_slot):
        if a["origin"] == b["origin"] or common([a["interval"], b["interval"]]) is not None:
            continue
        if superseded(a) or superseded(b) or not subjects_agree(a, b):
            continue
        if a["attribute"].split(".")[0] not in EVENT_LEVEL:
            continue  # a person's or company's figure: periods and definitions differ too often to say
        if REVISABLE.search(a["attribute"]):
            # a running total conflicts only in two reports of the same day, each dating its figure
            # to that very day: a toll named for the day of the event is counted days later
            if a["bound"] not in ("exact", "approx") or b["bound"] not in ("exact", "approx"):
                continue  # "up to 10" early on, "at least 31" by night: a count still moving
            if a.get("outlet") and a.get("outlet") == b.get("outlet"):
                continue  # one newsroom's two counts of a day ("injured 42" at dawn, "53" by noon): its update
            if not (a["scope"].basis == b["scope"].basis == "text" and a["scope"].start == b["scope"].start
                    and a["scope"].start == a["scope"].end and b["scope"].start == b["scope"].end
                    and a["scope"].start == a["published"] == b["published"]):
                continue
        elif a["scope"].start != b["scope"].start and a["attribute"].split(".")[0] not in EVENT_FAMILIES:
            continue
        related = [m for o in (a["origin"], b["origin"]) for m in by_origin[o]
                   if subjects_agree(m, a) and subjects_agree(m, b)]
        if {a["origin"], b["origin"]} - _self_consistent(related + [a, b]):
            continue  # a source listing several figures reports several things
        out.append(_group([a, b], "contradiction", None))
    return out


def _group(members: list[dict], status: str, shared: tuple[float, float] | None) -> dict:
    members = sorted(members, key=lambda c: (c["scope"].start, c["document_id"], c["char_start"]))
    names = set().union(*(m["names"] for m in members))
    if status != "contradiction":
        shared = common([m["interval"] for m in members])
    return {
        "attribute": members[0]["attribute"],
        "unit": members[0]["unit"],
        "entities": " | ".join(sorted(names))[:1000],
        "scope_date": members[0]["scope"].label,
        "scope_date_end": members[-1]["scope"].label,
        "status": status,
        "low": _finite(shared[0]) if shared else None,
        "high": _finite(shared[1]) if shared else None,
        "claims": len(members),
        "documents": len({c["document_id"] for c in members}),
        "sources": len({c["origin"] for c in members}),
        "members": members,
    }


def _finite(x: float) -> float | None:
    return None if x in (float("inf"), float("-inf")) else x


# ----------------------------------------------------------------------------- database
def weapon_classes(names) -> set[str]:
    """Specific missile classes of weapon names (a Musudan is an IRBM; "ballistic missile" is none)."""
    from factdb.entities.events import SPECIFIC_CLASSES
    from factdb.entities.gazetteer import gazetteer

    gaz = gazetteer()
    out = set()
    for name in names:
        ent = gaz.entities.get(name)
        cls = ent.weapon_class if ent is not None and ent.weapon_class else name
        if cls in SPECIFIC_CLASSES:
            out.add(cls)
    return out


def _event_level_sql(column: str) -> str:
    """SQL that keeps rows whose attribute is of an EVENT_LEVEL family (a superset: ``_`` in a
    LIKE pattern matches any character, so callers check the family again in Python)."""
    return "(" + " OR ".join(f"{column} = '{f}' OR {column} LIKE '{f}.%'" for f in EVENT_LEVEL) + ")"


def _event_level(attribute: str | None) -> bool:
    return bool(attribute) and attribute.split(".")[0] in EVENT_LEVEL


def _candidate_sql(column: str) -> str:
    """SQL that keeps rows of an EVENT_LEVEL family or an ANCHORED attribute (a superset, as above)."""
    return "(" + _event_level_sql(column) + "".join(f" OR {column} = '{a}'" for a in ANCHORED) + ")"


def _candidate(attribute: str | None) -> bool:
    """Can a claim of this attribute be compared across reports at all?"""
    return _event_level(attribute) or attribute in ANCHORED


def load_candidates(conn) -> list[dict]:
    """Current numeric claims with an attribute and a value, with their agent/subject key entities.

    Only figures of EVENT_LEVEL families and ANCHORED attributes (prices) are read: no other
    claim can be :func:`comparable`, so
    reading (and annotating) the person, company and market figures that make most of a
    corpus's claims changed no group and cost most of a rebuild."""
    where = _candidate_sql("c.attribute")
    rows = conn.exec_driver_sql(
        "SELECT c.id, c.document_id, c.kind, c.attribute, c.unit, c.currency, c.value, c.value_high, c.bound, "
        "c.char_start, c.char_end, c.quote, c.attribution "
        "FROM claims c WHERE c.is_current AND c.attribute IS NOT NULL AND c.value IS NOT NULL "
        f"AND c.kind NOT IN ('date', 'period') AND {where} ORDER BY c.attribute, c.document_id, c.char_start"
    ).mappings()
    out = [dict(r) for r in rows if _candidate(r["attribute"])]
    links: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for cid, role, name, etype in conn.exec_driver_sql(
        "SELECT ce.claim_id, ce.role, e.name, e.type FROM claim_entities ce JOIN entities e ON e.id = ce.entity_id "
        f"JOIN claims c ON c.id = ce.claim_id WHERE c.is_current AND c.attribute IS NOT NULL AND {where}"
    ):
        links[cid].append((role, name, etype))
    for c in out:
        ls = links.get(c["id"], [])
        c["key_entities"] = sorted({n for r, n, t in ls if r in ("agent", "subject") and t in KEY_TYPES})
        c["agents"] = sorted({n for r, n, t in ls if r == "agent" and t == "country"})
        c["classes"] = weapon_classes(n for r, n, t in ls if r == "subject" and t in ("weapon_class", "weapon_system"))
        c["weapons"] = {n for r, n, t in ls if r == "subject" and t in ("weapon_class", "weapon_system")}
        c["systems"] = {n for r, n, t in ls if r == "subject" and t == "weapon_system"}
    return out


def _context(conn, doc_ids: set[int]):
    texts, dates, mentions, docs = {}, defaultdict(list), defaultdict(list), {}
    ids = sorted(doc_ids)
    for k in range(0, len(ids), 500):
        part = ids[k : k + 500]
        marks = ",".join("?" * len(part))
        for r in conn.exec_driver_sql(
            f"SELECT id, text, published, published_precision, outlet FROM documents WHERE id IN ({marks})", tuple(part)
        ).mappings():
            texts[r["id"]] = r["text"]
            docs[r["id"]] = dict(r)
        for r in conn.exec_driver_sql(
            f"SELECT document_id, char_start, char_end, quote, date_start, date_end, date_precision, resolved FROM claims "
            f"WHERE is_current AND kind IN ('date', 'period') AND document_id IN ({marks})", tuple(part)
        ).mappings():
            dates[r["document_id"]].append(dict(r))
        for doc_id, s, e, name in conn.exec_driver_sql(
            f"SELECT m.document_id, m.char_start, m.char_end, e.name FROM entity_mentions m "
            f"JOIN entities e ON e.id = m.entity_id WHERE e.type IN ({','.join(repr(t) for t in KEY_TYPES)}) "
            f"AND m.document_id IN ({marks}) ORDER BY m.char_start", tuple(part)
        ):
            mentions[doc_id].append((s, e, name))
    return texts, dates, mentions, docs


def origin_labels(claims: list[dict], docs: dict[int, dict]) -> dict[int, str]:
    """A readable label per origin root: its first document's outlet and id."""
    labels = {}
    for c in sorted(claims, key=lambda c: c["document_id"]):
        root = c["origin"]
        if root not in labels:
            d = docs[root] if root in docs else docs[c["document_id"]]
            labels[root] = f"{d.get('outlet') or 'document'} #{root}"
    return labels


CHUNK_DOCUMENTS = 500  # documents whose texts are held at once while claims are annotated


SKETCH_BITS = 1 << 14


class DocShingles:
    """Documents' word 5-gram sets for :func:`find_origins`, and whether two documents share
    DOC_CONTAINED of the shorter one's.

    Every pair of documents stating one figure is asked, so the question must be cheap:
    each document keeps a sketch (:meth:`sketch`: its number of shingles and a bitmap of
    SKETCH_BITS buckets they fall in), from which an upper bound on the shared shingles
    follows; only pairs the bound cannot rule out compare their shingle sets, read from
    the database when first asked for and cached up to ``keep`` documents (least recently
    used first out). Same answers as comparing the sets every time."""

    def __init__(self, conn, sketches: dict[int, tuple[int, int, int]] | None = None, keep: int = 2048):
        from collections import OrderedDict

        self.conn, self.keep, self.cache = conn, keep, OrderedDict()
        self.sketches = sketches if sketches is not None else {}
        self.compared: dict[tuple[int, int], bool] = {}  # pairs whose shingle sets were compared

    @staticmethod
    def sketch(shingles: set[int]) -> tuple[int, int, int]:
        buckets = bytearray(SKETCH_BITS // 8)
        for h in shingles:
            b = h & (SKETCH_BITS - 1)
            buckets[b >> 3] |= 1 << (b & 7)
        bits = int.from_bytes(buckets, "little")
        return len(shingles), bits, len(shingles) - bits.bit_count()

    def get(self, doc_id: int):
        if doc_id in self.cache:
            self.cache.move_to_end(doc_id)
            return self.cache[doc_id]
        text = self.conn.exec_driver_sql("SELECT text FROM documents WHERE id = ?", (doc_id,)).scalar()
        found = _shingles(text, DOC_SHINGLE) if text is not None else None
        self.cache[doc_id] = found
        if found is not None and doc_id not in self.sketches:
            self.sketches[doc_id] = self.sketch(found)
        if len(self.cache) > self.keep:
            self.cache.popitem(last=False)
        return found

    def contained(self, a: int, b: int) -> bool:
        sa, sb = self.sketches.get(a), self.sketches.get(b)
        if sa is not None and sb is not None:
            (na, ba, xa), (nb, bb, xb) = sa, sb
            # shared shingles fall in shared buckets; a bucket holding k of a document's
            # shingles can add k - 1 more (the excess x): so at most shared buckets + the smaller excess
            bound = (ba & bb).bit_count() + min(xa, xb)
            if bound < DOC_CONTAINED * min(na, nb):
                return False
        known = self.compared.get((a, b))
        if known is None:
            da, db = self.get(a), self.get(b)
            known = self.compared[(a, b)] = bool(da and db and len(da & db) >= DOC_CONTAINED * min(len(da), len(db)))
        return known


def annotated_candidates(conn) -> tuple[list[dict], dict[int, dict], dict[int, tuple[int, int, int]]]:
    """Candidate claims, annotated (:func:`annotate`), their documents' outlets, and the
    sketches (:meth:`DocShingles.sketch`) of documents with comparable claims.

    Documents are read CHUNK_DOCUMENTS at a time and their texts let go once their claims are
    annotated: each claim's annotation needs its own document only, so the result is the
    same as annotating all at once, with a bounded number of texts in memory."""
    claims = load_candidates(conn)
    by_doc: dict[int, list[dict]] = defaultdict(list)
    for c in claims:
        by_doc[c["document_id"]].append(c)
    ids = sorted(by_doc)
    docs: dict[int, dict] = {}
    sketches: dict[int, tuple[int, int, int]] = {}
    for k in range(0, len(ids), CHUNK_DOCUMENTS):
        part = ids[k : k + CHUNK_DOCUMENTS]
        texts, dates, mentions, rows = _context(conn, set(part))
        annotate([c for d in part for c in by_doc[d]], texts, dates, mentions, rows)
        docs.update({d: {"outlet": r.get("outlet")} for d, r in rows.items()})
        for d in part:
            if any(comparable(c) for c in by_doc[d]):  # a document find_origins may compare
                sketches[d] = DocShingles.sketch(_shingles(texts[d], DOC_SHINGLE))
    return claims, docs, sketches


def rebuild_groups(conn) -> dict[str, int]:
    """Replace ``claim_groups``/``claim_group_members`` with a fresh computation."""
    conn.exec_driver_sql("DELETE FROM claim_group_members")
    conn.exec_driver_sql("DELETE FROM claim_groups")
    claims, docs, sketches = annotated_candidates(conn)
    kept = [c for c in claims if comparable(c)]
    outlets = {r[0] for r in conn.exec_driver_sql("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL")}
    origins = find_origins(kept, DocShingles(conn, sketches))
    groups = build_groups(claims, origins, {o for o in outlets if len(o) > 3})
    labels = origin_labels([m for g in groups for m in g["members"]], docs)
    counts = {"corroborated": 0, "contradiction": 0, "single_source": 0}
    for g in groups:
        members = g.pop("members")
        cols = list(g)
        gid = conn.exec_driver_sql(
            f"INSERT INTO claim_groups ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) RETURNING id",
            tuple(g[c] for c in cols),
        ).scalar()
        conn.exec_driver_sql(
            "INSERT INTO claim_group_members (group_id, claim_id, low, high, scope_date, source_key, "
            "time_basis, time_quote, background) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (gid, c["id"], _finite(c["interval"][0]), _finite(c["interval"][1]), c["scope"].label,
                 f"{labels[c['origin']]}; {c['scope'].describe()}"[:200], c["scope"].basis,
                 (c["scope"].quote or None) and c["scope"].quote[:200], c["scope"].background)
                for c in members
            ],
        )
        counts[g["status"]] += 1
    return counts


def _counts(conn) -> dict[str, int]:
    counts = {"corroborated": 0, "contradiction": 0, "single_source": 0}
    for status, n in conn.exec_driver_sql("SELECT status, count(*) FROM claim_groups GROUP BY status"):
        counts[status] = n
    return counts


def touches_groups(conn, since: int) -> bool:
    """Can the documents with ids above ``since`` change any claim group?

    Groups are built from candidate claims (:func:`load_candidates`) and their documents,
    and from the set of outlets (a name that is an outlet is no subject). Documents that
    add no candidate claim and no outlet longer than three characters leave every input of
    :func:`rebuild_groups` as it was — including the number of documents that names are
    weighed against (:func:`weaken`), which counts documents with candidate claims only."""
    for (attribute,) in conn.exec_driver_sql(
        "SELECT DISTINCT c.attribute FROM claims c WHERE c.document_id > ? AND c.is_current "
        "AND c.attribute IS NOT NULL AND c.value IS NOT NULL AND c.kind NOT IN ('date', 'period') "
        f"AND {_candidate_sql('c.attribute')}", (since,)
    ):
        if _candidate(attribute):
            return True
    for (outlet,) in conn.exec_driver_sql(
        "SELECT DISTINCT d.outlet FROM documents d WHERE d.id > ? AND d.outlet IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM documents o WHERE o.outlet = d.outlet AND o.id <= ?)", (since, since)
    ):
        if len(outlet) > 3:
            return True
    return False


def update_groups(conn, since: int) -> dict[str, int]:
    """Bring the claim groups up to date after documents with ids above ``since`` were added
    to the state they were last built from (the caller checked that nothing else changed).

    Nothing to do when the new documents cannot change a group (:func:`touches_groups`);
    otherwise the groups are rebuilt. A finer update is not exact without state the
    database does not keep: which names are too common (:func:`weaken`) is weighed over
    every candidate's document, and origins join documents across attributes."""
    if not touches_groups(conn, since):
        return _counts(conn)
    from factdb.db.engine import restart_ids

    restart_ids(conn, ("claim_groups",))
    return rebuild_groups(conn)
