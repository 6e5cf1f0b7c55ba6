"""Claims → entities, with roles, for one document.

Runs inside ingest, so everything is computed from one scan of the text: the mentions
(one pass of the compiled gazetteer matcher) and the sentence boundaries (one regex
pass); each claim then looks only at the mentions of its own sentence and the two
sentences before it in the same paragraph (found by bisection, no rescans).

Roles (see ``docs/linking.md``):

- ``claimant``  who the document says made the statement: the entities named in the
  claim's ``attribution`` text, else in an "according to …" phrase or the subject of a
  speech verb ("Blinken cited reports", "South Korea's military said") in the sentence.
- ``subject``   what is measured: the weapon class/system of a missile figure, the arms
  sale (and what is sold) of a sale value, the country inside a casualty quote
  ("North Korean soldiers" → North Korea), any entity named inside the claim's quote.
- ``agent``     who acted: the launching country of a missile figure, the parties of
  an arms sale.
- ``location``  where: places after "in/into/off/over/near/from/toward".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from factdb.entities.gazetteer import Gazetteer, Mention, gazetteer
from factdb.extract.rules.attributes import sentences

CONTEXT_SENTENCES = 2  # earlier sentences a claim may borrow entities from
# How far, in characters, a claim looks inside its sentence (each side) and back into the
# sentences before it. Far longer than a news sentence (the corpus's longest real sentences
# are under 800 characters), so ordinary text links as if unbounded; it bounds the work per
# claim so that a document dense with figures in one huge "sentence" links in linear time.
REACH = 2000

_SPEECH = r"(?:said|says|say|told|reported|reports|cited|cites|announced|confirmed|estimated|stated|added|claimed|quoted|warned|believes|believed)"
_SPEECH_AFTER = re.compile(rf"^[\s,]*(?:[\w’'-]+\s+){{0,3}}?{_SPEECH}\b")
_ACCORDING = re.compile(r"\b(?:according to|citing|quoting|quoted by|said by|reported by)\s+", re.I)
_LOCATION_CUE = re.compile(r"\b(?:in|into|off|over|near|from|toward|towards|at|across)\s+(?:the\s+)?$", re.I)
_LAUNCH_WORD = r"(?:launch\w*|fire[sd]?|firing|test-fir\w*|test-launch\w*|tests?|tested|testing)"
# Who launched, in order of trust: "launches by North Korea", "North Korea's missile test",
# "North Korea (on Friday) fired". A country merely near a launch word is not the launcher
# ("the United States and other governments suspect that such launches ...").
_BY_LAUNCHER = re.compile(rf"\b{_LAUNCH_WORD}\s+(?:[\w-]+\s+){{0,3}}?(?:by|from)\s+(?:the\s+)?$", re.I)
_POSSESSIVE_LAUNCH = re.compile(
    r"[’']s?\s+(?:[\w,-]+\s+){0,6}?(?:launch|test|missile|rocket|icbm|irbm|srbm|slbm|projectile)\w*", re.I
)
# "North Korea fired", "North Korea, meanwhile, launched", "North Korea last launched",
# "North Korea on Saturday fired", "The U.S. military test fired", "North Korea attempted to fire"
_SUBJECT_LAUNCH = re.compile(
    r",?\s+(?:(?:military|army|navy|air\s+force|forces|regime)\s+)?"
    r"(?:(?:[\w-]+ly|has|have|had|also|again|then|last|first|meanwhile|however|later|earlier|previously|once|"
    r"on\s+\w+(?:\s+(?:morning|evening|night))?|early\s+(?:on\s+)?\w+|late\s+(?:on\s+)?\w+|"
    r"last\s+(?:week|month|year)|in\s+\w+(?:\s+\d{4})?|(?:attempted|tried)(?:\s+but\s+failed)?\s+to),?\s+){0,3}"
    r"(?:launched|launches|launch|fired|fires|fire|test[- ]fired|test[- ]fires|test-launched|tested|conducted)\b",
    re.I,
)
# "North Korea, which conducted a nuclear test on Jan. 6 and launched a rocket last month": the
# country is the subject of the relative clause's launch verb
_WHICH_LAUNCH = re.compile(
    r",\s+which\s+(?:(?:[^.;,]|\.(?=\s+\d)){0,90}?\s+and\s+(?:then\s+|also\s+|later\s+)?|(?:[\w-]+\s+){0,3}?)"
    r"(?:launched|fired|test[- ]fired|test-launched)\b", re.I)
# "The North Korean intermediate-range ballistic missile": a demonym right before the missile
_DEMONYM_LAUNCH = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:missiles?|rockets?|projectiles?|icbms?|irbms?|srbms?|slbms?)\b", re.I
)

WEAPONS = ("weapon_class", "weapon_system")
ACTORS = ("country", "organization", "person")


@dataclass(frozen=True)
class Link:
    claim_id: str
    entity: str  # canonical name
    role: str
    mention: int | None  # index into the document's mention list; None when only the attribution text names it
    rule: str


@dataclass
class DocumentLinks:
    mentions: list[Mention]
    links: list[Link]


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin: the extractors' splitter, so a claim's sentence is
    the same sentence for its attribute rules and for its entity links, except that a month
    abbreviation before a day ("on Feb. 7", "Dec. 25") ends no sentence, nor does a clock time
    before its day or zone ("about 2 a.m. Sunday and started shooting", "at 4 p.m. local time")."""
    starts = sentences(text).starts
    # The cheap, rarely true test of each pair first (a digit, a day or zone word after the
    # start): the searches back over the previous characters then run for few starts.
    return [p for p in starts if not (text[p : p + 1].isdigit() and _MONTH_ABBR.search(text, max(0, p - 8), p))
            and not (_AFTER_CLOCK.match(text, p) and _CLOCK.search(text, max(0, p - 8), p))]


_MONTH_ABBR = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s*$")
_CLOCK = re.compile(r"\b[ap]\.m\.\s*$", re.I)
_AFTER_CLOCK = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|local\b|GMT|UTC|[ECMP][SD]?T\b|Eastern|Pacific|Central)")


class _Doc:
    """The per-document indexes every claim's rules look things up in."""

    def __init__(self, text: str, gaz: Gazetteer):
        self.text = text
        self.gaz = gaz
        self.mentions = gaz.find(text)
        self.m_starts = [m.char_start for m in self.mentions]
        self._according: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
        self._speaker: dict[int, bool] = {}
        self.launch_cues: dict[int, tuple[bool, bool, bool, bool]] = {}  # see _launch_cues

    @cached_property
    def sentences(self) -> list[int]:
        """:func:`sentence_starts` of the text, found when first asked for: a document that
        names no entity links its claims without them (see :func:`link_claim`)."""
        return sentence_starts(self.text)

    def according_spans(self, start: int, end: int) -> tuple[list[int], list[int]]:
        """The "according to ..." spans of ``text[start:end]`` (as :func:`claimant_spans` finds
        them) as (starts, ends), scanned once per sentence however many claims it holds. Both
        ascend: each span runs from its cue to the first clause stop after it."""
        key = (start, end)
        found = self._according.get(key)
        if found is None:
            sentence = self.text[start:end]
            starts, ends = [], []
            for m in _ACCORDING.finditer(sentence):
                stop = _CLAUSE_STOP.search(sentence, m.end())
                starts.append(start + m.end())
                ends.append(start + stop.start())
            found = self._according[key] = (starts, ends)
        return found

    def is_speaker(self, i: int) -> bool:
        """Is mention ``i`` an actor directly followed by a speech verb (computed once)?"""
        hit = self._speaker.get(i)
        if hit is None:
            hit = self._speaker[i] = bool(_speaker_mentions(self, [i]))
        return hit

    def sentence_of(self, pos: int) -> tuple[int, int, int]:
        """(index, start, end) of the sentence holding ``pos``."""
        i = bisect.bisect_right(self.sentences, pos) - 1
        end = self.sentences[i + 1] if i + 1 < len(self.sentences) else len(self.text)
        return i, self.sentences[i], end

    def mentions_in(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_left(self.m_starts, start)
        hi = bisect.bisect_left(self.m_starts, end)
        return [i for i in range(lo, hi) if self.mentions[i].char_end <= end]

    def context_start(self, sent_index: int, sent_start: int) -> int:
        """Start of the earliest sentence a claim may borrow from: at most N sentences back.

        Paragraph breaks are crossed on purpose: wire paragraphs are one or two sentences,
        and "The missile flew …" names its launcher in the lead paragraph above.
        """
        return self.sentences[max(0, sent_index - CONTEXT_SENTENCES)]

    def etype(self, i: int) -> str:
        return self.gaz.entities[self.mentions[i].entity].type


def claimant_spans(doc: _Doc, start: int, end: int, attribution: str | None) -> list[tuple[int, int]]:
    """Character ranges of the sentence that name who is speaking."""
    sentence = doc.text[start:end]
    spans = []
    if attribution:
        for m in re.finditer(re.escape(attribution), sentence):
            spans.append((start + m.start(), start + m.end()))
    for m in _ACCORDING.finditer(sentence):
        stop = re.search(r"[,;.]\s|$", sentence[m.end() :])
        spans.append((start + m.end(), start + m.end() + stop.start()))
    return spans


_CLAUSE_STOP = re.compile(r"[,;.]\s|$")


def _claimant_mentions(doc: _Doc, s_start: int, s_end: int, w_start: int, w_end: int,
                       candidates: list[int], attribution: str | None) -> set[int]:
    """The mentions among ``candidates`` (all inside ``w_start:w_end``, a bounded window of the
    sentence ``s_start:s_end``) that sit in a claimant span: a place the claim's attribution
    text is written, or an "according to ..." phrase. Same spans as :func:`claimant_spans`,
    found without rescanning the sentence for every claim."""
    if not candidates:
        return set()
    acc_starts, acc_ends = doc.according_spans(s_start, s_end)
    attr_starts: list[int] = []
    n = len(attribution or "")
    if attribution:
        # a name holding a window mention starts at most len(attribution) before the window
        at = doc.text.find(attribution, max(s_start, w_start - n), s_end)
        while 0 <= at < w_end:
            attr_starts.append(at)
            at = doc.text.find(attribution, at + n, s_end)  # non-overlapping, like re.finditer
    out = set()
    for i in candidates:
        x = doc.mentions[i].char_start
        # both span lists ascend in start and end: only the last span starting at or before x
        # can hold it
        k = bisect.bisect_right(acc_starts, x) - 1
        j = bisect.bisect_right(attr_starts, x) - 1
        if (k >= 0 and x < acc_ends[k]) or (j >= 0 and x < attr_starts[j] + n):
            out.add(i)
    return out


def _speaker_mentions(doc: _Doc, candidates: list[int]) -> list[int]:
    """Mentions directly followed by a speech verb ("Blinken cited", "the South's military said")."""
    out = []
    for i in candidates:
        m = doc.mentions[i]
        if doc.etype(i) in ACTORS and _SPEECH_AFTER.match(doc.text[m.char_end : m.char_end + 40]):
            out.append(i)
    return out


def link_claim(doc: _Doc, claim: dict) -> list[Link]:
    """The links of one claim (a contract row: id, char_start, char_end, attribute, attribution, kind)."""
    if claim.get("kind") in ("date", "period"):
        return []
    cid, c_start, c_end = claim["id"], claim["char_start"], claim["char_end"]
    attribution = claim.get("attribution")
    if not doc.mentions:
        # The text names no entity, so every rule below but one finds nothing (they choose
        # among the text's mentions): no sentence to look for, no mention to sort.
        return _attribution_text_links(doc, cid, attribution)
    s_index, s_start, s_end = doc.sentence_of(c_start)
    s_end = max(s_end, c_end)
    # the claim's sentence, but only REACH characters either side of the claim
    w_start, w_end = max(s_start, c_start - REACH), min(s_end, c_end + REACH)
    in_sentence = doc.mentions_in(w_start, w_end)
    context = doc.mentions_in(max(doc.context_start(s_index, s_start), s_start - REACH), s_start)
    if not in_sentence and not context:
        return _attribution_text_links(doc, cid, attribution)  # the same: no mention in reach
    links: dict[tuple[str, str], Link] = {}

    def add(i: int | None, role: str, rule: str, entity: str | None = None) -> None:
        name = entity or doc.mentions[i].entity
        links.setdefault((name, role), Link(cid, name, role, i, rule))

    # claimant
    speakers = {i for i in in_sentence if doc.is_speaker(i)}
    claimant_idx = _claimant_mentions(doc, s_start, s_end, w_start, w_end, in_sentence, attribution)
    claimant_idx |= speakers
    for i in sorted(claimant_idx):
        if doc.etype(i) in ACTORS:
            add(i, "claimant", "attribution" if i not in speakers else "speech-verb")
    if attribution and not any(role == "claimant" for _, role in links):
        for m in doc.gaz.find(attribution):  # named only in the attribution text
            if doc.gaz.entities[m.entity].type in ACTORS:
                add(None, "claimant", "attribution-text", m.entity)
    free = [i for i in in_sentence if i not in claimant_idx]

    # anything named inside the quote is what the figure is about
    inside = [i for i in free if doc.mentions[i].char_start >= c_start and doc.mentions[i].char_end <= c_end]
    for i in inside:
        add(i, "subject", "in-quote")

    family = (claim.get("attribute") or "").split(".")[0]
    if family == "missile":
        _missile(doc, claim, free, context, add)
    elif family == "arms_sale":
        _arms_sale(doc, free, context, add)
    elif family == "casualties" and not inside:
        before = [i for i in free if doc.etype(i) == "country" and doc.mentions[i].char_end <= c_start]
        if before:
            add(before[-1], "subject", "casualties-country")
    if family in ("missile", "naval_exercise", "arms_sale"):
        for i in free:
            if doc.etype(i) == "place" and _LOCATION_CUE.search(doc.text[max(0, doc.mentions[i].char_start - 20) : doc.mentions[i].char_start]):
                add(i, "location", "place-cue")
    return list(links.values())


def _attribution_text_links(doc: _Doc, cid: str, attribution: str | None) -> list[Link]:
    """What :func:`link_claim` finds for a claim with no mention of the text in its reach:
    the actors named in its attribution text, as claimants (the only rule that needs none)."""
    links: dict[tuple[str, str], Link] = {}
    if attribution:
        for m in doc.gaz.find(attribution):
            if doc.gaz.entities[m.entity].type in ACTORS:
                links.setdefault((m.entity, "claimant"), Link(cid, m.entity, "claimant", None, "attribution-text"))
    return list(links.values())


def _nearest(doc: _Doc, candidates: list[int], pos: int) -> int | None:
    if not candidates:
        return None
    return min(candidates, key=lambda i: abs(doc.mentions[i].char_start - pos))


def _launcher(doc: _Doc, candidates: list[int]) -> int | None:
    """The country that launched, from how its name sits against a launch word (see the cues)."""
    countries = [i for i in candidates if doc.etype(i) == "country"]
    cues = [_launch_cues(doc, i) for i in countries]
    for k in range(4):  # "by", then possessive, then subject, then a demonym before the missile
        for i, hits in zip(countries, cues, strict=True):
            if hits[k]:
                return i
    return None


def _launch_cues(doc: _Doc, i: int) -> tuple[bool, bool, bool, bool]:
    """Which launch cues ("by"/"from", possessive, subject, demonym) mention ``i`` sits against; a property of
    the mention, so found once however many claims ask (memoised on the document)."""
    hits = doc.launch_cues.get(i)
    if hits is None:
        m, text = doc.mentions[i], doc.text
        hits = doc.launch_cues[i] = (
            bool(_BY_LAUNCHER.search(text[max(0, m.char_start - 60) : m.char_start])),
            _possessive(text, m.char_end),
            bool(_SUBJECT_LAUNCH.match(text, m.char_end, m.char_end + 90)
                 or _WHICH_LAUNCH.match(text, m.char_end, m.char_end + 140)),
            m.quote != m.entity and m.quote[:1].isupper() and m.quote.endswith(("n", "ese", "ish"))
            and bool(_DEMONYM_LAUNCH.match(text, m.char_end, m.char_end + 60)),
        )
    return hits


def _possessive(text: str, end: int) -> bool:
    """"North Korea's latest missile test", but not "The South's Joint Chiefs of Staff said the
    projectile": a speech verb between the owner and the missile ends the possessive."""
    m = _POSSESSIVE_LAUNCH.match(text, end, end + 60)
    return bool(m) and not re.search(rf"\b{_SPEECH}\b", m.group())


def _missile(doc: _Doc, claim: dict, free: list[int], context: list[int], add) -> None:
    pos = claim["char_start"]
    weapons = [i for i in free if doc.etype(i) in WEAPONS]
    weapon = _nearest(doc, weapons, pos)
    if weapon is None:
        weapon = _nearest(doc, [i for i in context if doc.etype(i) in WEAPONS], pos)
    if weapon is not None:
        add(weapon, "subject", "missile-weapon")
    launcher = _launcher(doc, free)
    if launcher is None:
        launcher = _launcher(doc, list(reversed(context)))
    if launcher is not None:
        add(launcher, "agent", "missile-launcher")
    elif weapon is not None:
        owner = doc.gaz.entities[doc.mentions[weapon].entity].country
        if owner:
            add(None, "agent", "weapon-owner", owner)


def _arms_sale(doc: _Doc, free: list[int], context: list[int], add) -> None:
    sale = [i for i in free if doc.mentions[i].entity == "arms sale"]
    sale = sale or [i for i in context if doc.mentions[i].entity == "arms sale"]
    if sale:
        add(sale[-1], "subject", "arms-sale-topic")
    for i in free:
        if doc.etype(i) in WEAPONS:
            add(i, "subject", "arms-sale-weapon")
        elif doc.etype(i) == "country":
            add(i, "agent", "arms-sale-party")


def plan_links(text: str, claims: list[dict], gaz: Gazetteer | None = None) -> DocumentLinks:
    """Mentions of ``text`` and links of its ``claims`` (contract rows); no database access."""
    doc = _Doc(text, gaz or gazetteer())
    links = []
    for claim in claims:
        links.extend(link_claim(doc, claim))
    return DocumentLinks(doc.mentions, links)
