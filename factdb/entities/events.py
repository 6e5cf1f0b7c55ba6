"""The missile-launch event assembler: the launch record analysts keep by hand, built from
claims and mentions, every field pointing at the words it came from.

Per document (only documents that mention a weapon or have a ``missile.*`` claim are read;
interceptors and missile-defence systems, ``defensive: true`` in the gazetteer, never make
a launch; a report with no launching country is dropped):

1. Launch sentences: a launch verb ("launched", "fired", "test-fired", "launch", "test")
   with a missile word or weapon mention, and no hedge of the future or the hypothetical
   ("possible", "plans to", "would", "preparing") — those are not launches.
2. A launch sentence with its own day-precise date claim that differs from the
   publication date by more than a day is a separate (earlier) launch; all other launch
   sentences of the document describe its main launch, dated by the date claim, by a time
   counted back from publication ("three days ago"; "last week" or "two weeks ago" when
   their days lie in one month), or else the publication date (source: the document
   itself, no span), which only a statement in the story's lead (LEAD_SENTENCES) may take.
   A time that cannot be read ("a few days ago") leaves its own clause's launch undated.
   A story without a publication day reports its launch, undated, from its first statement
   that a named country launched, wherever it stands.
3. Fields: country = the launcher mention (linking's launch-cue rule) or the weapon's
   country; missile = the first weapon mention; count / flight_distance / altitude = the
   ``missile.count`` / ``missile.flight_distance`` / ``missile.altitude`` claims of those
   sentences (the main launch also takes those elsewhere in the document); landed = the
   "into the sea"/"in the Sea of Japan" words; reported_by = the claimant links of the
   claims, else the speaker of the launch sentence.

Across documents: reports of the same country within WINDOW_DAYS of each other merge into
one event; undated reports are never merged. The event row shows each field from its
earliest source; ``launch_event_fields`` keeps every source of every field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from factdb.db.engine import restart_ids
from factdb.db.sqlite_extras import documents_matching
from factdb.entities.gazetteer import gazetteer
from factdb.entities.linking import WEAPONS, _Doc, _launcher, _speaker_mentions, claimant_spans
from factdb.entities.timescope import find_times

WINDOW_DAYS = 1
LEAD_SENTENCES = 4  # an undated launch statement dates by publication only in the story's lead
CONTEXT_BACK = 2  # sentences a launch statement without a country ("It launched ...") looks back
_LAUNCH = re.compile(
    r"\b(?:launch(?:ed|es|ing)?|fired|fires|firing|test-fir\w+|test-launch\w*|test(?:ed)?|lobbed)\b", re.I
)
# A statement that a launch happened: a past or present launch verb ("fired", "launched", "has
# test-fired"), a launch noun with a determiner or owner ("the launch on Saturday", "Tuesday's
# attempted launch", "a missile launch from North Korea"), or a test of a missile.
_STATEMENT = re.compile(
    r"\b(?<![\w]-)(?:launched|launches|fired|fires|test[- ]fired|test[- ]fires|test-launched|test-launches|lobbed|tested|blasted off)\b"
    r"|\b(?:attempted|tried)(?:\s+but\s+failed)?\s+to\s+(?:test[- ])?(?:fire|launch)\b"
    r"|\b(?:missiles?|rockets?|projectiles?)\s+(?:\w+\s+){0,3}?(?:flew|traveled|travelled)\b"
    r"|\b(?:the|a|its|their|[\w’']+[’']s?)\s+(?:[\w.-]+\s+){0,3}?(?:launch|test|test-firing|firing)\b(?!\s+(?:pad|tube|site|facilit|tower|vehicle))",
    re.I,
)
_WEAPON_WORD = re.compile(r"\b(?:Musudan|Rodong|Nodong|Taepodong|Unha|Hwasong|Minuteman|Scud|Kwangmyongsong|SLBM|KN-\d+)\w*", re.I)
_MISSILE_WORD = re.compile(r"\b(?:missiles?|rockets?|projectiles?|ICBMs?|SLBMs?|IRBMs?|SRBMs?)\b", re.I)
_HEDGE = re.compile(
    r"\b(?:possible|possibly|plans? to|planned|planning|would|could|might|(?-i:may)|prepar\w+|ready to|"
    r"threaten\w*|warn\w*|if|capable|designed|able to|never|intention|intends?|"
    r"photo|pictured|drills?|launch pad|signs of|expected to|right to|prohibit\w*|whether|alert|"
    r"engine|claimed|claims)\b",
    re.I,
)
# Several launches in one phrase name no single launch ("three test launches of the Musudan in April").
_AGGREGATE = re.compile(
    r"\b(?:two|three|four|five|six|several|multiple|numerous|many|recent|previous|past|other|repeated|series of)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:launches|tests|firings)\b"
    r"|\b(?:test|missile|rocket|satellite|such|its|their|the|of)\s+(?:launches|tests|firings)\b", re.I)
# An undated statement dates by publication only with a verb of this launch, not a reference
# to one ("following North Korea's rocket launch").
_VERB = re.compile(
    r"\b(?:launched|launches|fired|fires|test-fired|test-fires|test-launched|lobbed)\b"
    r"|\b(?:detected|conducted|carried out|attempted)\s+(?:[\w-]+\s+){0,3}?launch\b"
    r"|\b(?:occurred|took place|flew|traveled|travelled)\b", re.I)
# A time phrase right after a speech verb is when it was said, not when the missile flew.
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|reported|announced|added|released|confirmed|stated)\s+(?:\w+\s+)?$", re.I)
_LANDED = re.compile(
    r"\b(?:into|in)\s+(?:the\s+)?(?:(?:waters\s+off\s+\w+(?:\s+\w+)?)|(?:[A-Z][\w]*\s+)?(?:Sea|sea|Ocean|waters)(?:\s+of\s+Japan)?)"
)
UNRESOLVED = {"unresolved": True}
FIELD_ATTRIBUTES = {"missile.count": "count", "missile.flight_distance": "flight_distance", "missile.altitude": "altitude"}


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _sentence_end(doc: _Doc, i: int) -> int:
    return doc.sentences[i + 1] if i + 1 < len(doc.sentences) else len(doc.text)


def title_end(text: str) -> int:
    """End of the title line: a short first line without a closing stop ("North Korea fires
    missile – CNN"); 0 when the text starts with its body."""
    end = text.find("\n")
    first = text[: end if end >= 0 else len(text)].strip()
    return end if 0 < end and len(first) <= 200 and not first.endswith((".", "!", "?", '"', "”")) else 0


def launch_sentences(doc: _Doc) -> list[tuple[int, int, int]]:
    """(sentence index, start, end) of sentences that state a launch happened: a launch statement
    about a missile word or an offensive weapon, with no hedge of the future, the hypothetical,
    a plan, an alert, a photo or a drill. The title line is not a statement."""
    out = []
    head = title_end(doc.text)
    for i, start in enumerate(doc.sentences):
        end = _sentence_end(doc, i)
        if start < head:
            continue
        s = doc.text[start:end]
        if not any(_plain(s, m) for m in _STATEMENT.finditer(s)):
            continue
        weapons = [m for m in doc.mentions_in(start, end) if _offensive(doc, m)]
        if weapons or _MISSILE_WORD.search(s):
            out.append((i, start, end))
    return out


_CLAUSE = re.compile(r"[,;:()—–]|\s-\s|\b(?:but|although|though|while|whereas|as|after|before|since|when|following|"
                     r"saying|adding)\b")


_TIME_CLAUSE = re.compile(r"[;:()—–]|,\s+(?!(?:\w+\s+){0,2}\d)|\s-\s|\b(?:and|but|although|though|while|whereas|after|before|since|when|following)\b")


_INTRO_TIME = re.compile(r"\s*(?:(?:In|On|Early|Late|Last|By|Since)\s+)?[^,;:]{1,28},\s*")
_ABBREVIATION = re.compile(r"\s\([A-Z][A-Za-z0-9-]{1,9}\)")


def _plain(s: str, m: re.Match) -> bool:
    """Is the launch statement ``m`` of sentence ``s`` unhedged? The hedge must sit in the
    statement's own clause ("North Korea fired a missile on Tuesday, in what would be ..." is
    a launch; "North Korea plans to launch a rocket" is not)."""
    lo = max((c.end() for c in _CLAUSE.finditer(s, 0, m.start())), default=0)
    nxt = _CLAUSE.search(s, m.end())
    hi = nxt.start() if nxt else len(s)
    clause = s[lo:hi]
    if _HEDGE.search(clause) or _AGGREGATE.search(clause):
        return False
    # the launch is of a missile named in its own clause ("launched formal talks" is no launch);
    # a launch noun may name it in the clause after ("The test, which involved an IRBM, occurred")
    if not m.group()[:1].isalpha() or m.group().split()[-1].lower() in ("launch", "test", "test-firing", "firing"):
        after = _CLAUSE.search(s, hi + 1) if hi < len(s) else None
        clause = s[lo : after.start() if after else len(s)]
    return bool(_MISSILE_WORD.search(clause) or _WEAPON_WORD.search(clause))


def launch_time(doc: _Doc, start: int, end: int, published: dt.date | None, stored: list[dict]) -> dict | None:
    """The time phrase of a launch sentence that dates the launch: resolved, not in the future,
    not the day something was said ("said on Friday"); the first such phrase."""
    found = find_times(doc.text, start, end, published)
    found += [d for d in stored if start <= d["char_start"] < end and not any(
        t["char_start"] < d["char_end"] and d["char_start"] < t["char_end"] for t in found)]
    # the launch words nearest a missile word: "tested a bomb on Jan. 6 and on Sunday launched a rocket"
    missiles = [m.start() for m in _MISSILE_WORD.finditer(doc.text, start, end)]
    missiles += [doc.mentions[m].char_start for m in doc.mentions_in(start, end) if _offensive(doc, m)]
    sentence = doc.text[start:end]
    verbs = [m for m in _STATEMENT.finditer(sentence) if _plain(sentence, m)] or list(_STATEMENT.finditer(sentence))
    if not verbs:
        return None
    for t in found:  # "since November 5, when it launched ...": an undatable launch of its own
        # (a span of days with no month, "since last week", is judged below in its own clause
        # only: "fired on Monday, its second missile test since last week" is Monday's launch)
        if not t.get("resolved") and t.get("date_precision") not in ("period", "week") and any(
            -40 <= start + v.start() - (t["char_start"] + len(t["quote"])) <= 40 for v in verbs
        ):
            return UNRESOLVED
    verb = min(verbs, key=lambda v: min((abs(start + v.start() - p) for p in missiles), default=0))
    anchor = start + verb.start()
    # only the statement's own clause dates it: "a nuclear test in January and fired a rocket last month"
    plain = _ABBREVIATION.sub(lambda a: " " * len(a.group()), sentence)  # "(SLBM)" ends no clause
    lo = start + max((c.end() for c in _TIME_CLAUSE.finditer(plain, 0, verb.start())), default=0)
    nxt = _TIME_CLAUSE.search(plain, verb.end())
    hi = start + (nxt.start() if nxt else len(sentence))
    # a fronted time ("In April 2012, Pyongyang launched …") belongs to the clause after its comma
    intro = _INTRO_TIME.match(plain)
    if intro and start + intro.end() == lo:
        lo = start
    found = [t for t in found if lo <= t["char_start"] < hi]
    for t in sorted(found, key=lambda t: abs(t["char_start"] - anchor)):  # the phrase nearest the launch words
        if t.get("date_precision") == "period":
            continue
        if not t.get("resolved") or not t.get("date_start"):
            if abs(t["char_start"] - anchor) <= 80 and not _SAID_BEFORE.search(
                    doc.text[max(start, t["char_start"] - 30) : t["char_start"]]):
                return UNRESOLVED  # "November 5" with no year to read it in: another launch, undatable
            continue
        if _SAID_BEFORE.search(doc.text[max(start, t["char_start"] - 30) : t["char_start"]]):
            continue
        if t["quote"].lower() in ("this year", "last year"):
            continue  # a year from "this year": too loose to date one launch
        label = t["date_start"]
        if not re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", label):
            continue
        if published is not None and label > published.isoformat()[: len(label)] and (
            len(label) < 10 or (_day(label) - published).days > 1
        ):
            continue  # a future date: a plan, not a launch
        return t
    return None


def _launching_country(doc: _Doc, index: int, start: int, end: int):
    """(mention index, country) of who launched: the launch cue in the sentence, the weapon's
    owner, else (for "It launched ...", "The missile flew ...") a launcher in the sentences before."""
    mentions = doc.mentions_in(start, end)
    launcher = _launcher(doc, mentions)
    if launcher is not None:
        return launcher, doc.mentions[launcher].entity
    weapon = next((m for m in mentions if _offensive(doc, m)), None)
    if weapon is not None and doc.gaz.entities[doc.mentions[weapon].entity].country:
        return weapon, doc.gaz.entities[doc.mentions[weapon].entity].country
    back = doc.sentences[max(0, index - CONTEXT_BACK)]
    before = doc.mentions_in(back, start)
    launcher = _launcher(doc, list(reversed(before)))
    if launcher is not None and not any(doc.etype(m) == "country" for m in mentions):
        return launcher, doc.mentions[launcher].entity
    pronoun = _PRONOUN.match(doc.text, start)
    if not any(doc.etype(m) == "country" for m in mentions) and pronoun:
        # "It last launched ...", "The missiles were fired ...": the story's launcher
        for s0, e0 in _launch_spans(doc):
            if s0 >= start:
                break
            who = _launcher(doc, doc.mentions_in(s0, e0))
            if who is not None:
                return who, doc.mentions[who].entity
    if pronoun and not any(doc.etype(m) == "country" and doc.mentions[m].char_start < _launch_word_end(doc, start, end)
                           for m in mentions):
        # "It launched a long-range rocket in February" in a story titled "North Korea's Kim
        # says …": the one country the title names is what "It" stands for (a country after
        # the verb, "… sanctions from its rival, South Korea", is not who launched)
        head = title_end(doc.text)
        named = {doc.mentions[m].entity: m for m in doc.mentions_in(0, head) if doc.etype(m) == "country"}
        if len(named) == 1:
            (country, m), = named.items()
            return m, country
    return None, None


def _launch_word_end(doc: _Doc, start: int, end: int) -> int:
    m = _STATEMENT.search(doc.text, start, end)
    return m.end() if m else end


_PRONOUN = re.compile(r"\s*(?:It|They|The\s+(?:missiles?|rockets?|projectiles?|launch|test|country|regime|isolated))\b")


def _launch_spans(doc: _Doc) -> list[tuple[int, int]]:
    spans = getattr(doc, "_launch_spans", None)
    if spans is None:
        spans = doc._launch_spans = [(s, e) for _, s, e in launch_sentences(doc)]
    return spans


def document_reports(doc: _Doc, doc_row: dict, claims: list[dict], links: dict[str, list[dict]]) -> list[dict]:
    """The launches one document reports, each a dict of field → list of sources.

    Each launch sentence is dated by its own time phrase (resolved against publication); an
    undated one in the story's lead is the story's launch, dated by publication (its date row
    has no span: the fallback). Sentences with the same date are one launch; an undated
    sentence after the lead joins the story's launch when there is one, else says nothing
    datable and is left out."""
    sentences = launch_sentences(doc)
    if not sentences:
        return []
    published = _day(doc_row["published"]) if doc_row["published_precision"] == "day" else None
    stored = [c for c in claims if c["kind"] in ("date", "period")]
    head = title_end(doc.text)
    body = [k for k, p in enumerate(doc.sentences) if p >= head]
    lead = set(body[:LEAD_SENTENCES])
    reports: dict[str, dict] = {}
    pending: list[tuple[int, int, int]] = []
    order: list[str] = []

    def report(label: str, date: dt.date | None) -> dict:
        if label not in reports:
            reports[label] = {"date": date, "label": label, "fields": defaultdict(list), "sentences": []}
            order.append(label)
        return reports[label]

    skipped: set[int] = set()
    for index, start, end in sentences:
        t = launch_time(doc, start, end, published, stored)
        if t is UNRESOLVED:
            skipped.add(index)  # its own date, unreadable: not this story's launch, and no event
            continue
        if t is not None:
            label = t["date_start"]
            day = _day(label)
            # a day within one day of a report already dated is that report (time zones)
            near = next((k for k in reports if day and _day(k) and abs((_day(k) - day).days) <= WINDOW_DAYS), None)
            rep = report(near or label, _day(near or label))
            if not rep["fields"]["date"]:
                rep["fields"]["date"].append(_src(doc_row, value=label, span=(t["char_start"], t["char_start"] + len(t["quote"]), t["quote"])))
        elif index in lead and _VERB.search(doc.text, start, end):
            # the story's launch: the one its text already dated near publication, else by publication
            rep = _main(reports, published) or report(published.isoformat() if published else "undated", published)
        else:
            pending.append((index, start, end))
            continue
        _fill(doc, doc_row, rep, index, start, end)
    if published is None and not reports:
        # A story without a date: the lead rule (an undated statement is dated by publication
        # only in the lead, and only with a verb of this launch) guards against a wrong date,
        # and here no date is given at all. Its first statement that a named country launched
        # is the story's launch, undated ("reports confirmed the firing of a ballistic missile
        # into the sea hours before the talks").
        for k, (index, start, end) in enumerate(pending):
            if _launching_country(doc, index, start, end)[1] is not None:
                _fill(doc, doc_row, report("undated", None), index, start, end)
                del pending[k]
                break
    _fold_publication(reports, order, published)
    _fold_coarse(reports, order)
    main = _main(reports, published)
    for index, start, end in pending:
        # "The missile flew about 30 km": the launch stated a sentence or two before, else the story's
        near = [(max(k for k in r["sentences"] if k < index), r) for r in reports.values()
                if any(0 < index - k <= CONTEXT_BACK for k in r["sentences"])]
        home = max(near, key=lambda t: t[0])[1] if near else main
        if home is not None:
            _fill(doc, doc_row, home, index, start, end)
    for c in claims:
        field = FIELD_ATTRIBUTES.get(c["attribute"] or "")
        if field is None:
            continue
        index = doc.sentence_of(c["char_start"])[0]
        rep = next((r for r in reports.values() if index in r["sentences"]), None)
        if rep is None and index not in skipped:  # "The missile flew 1,100 km": the launch a sentence or two before
            before = [(max(k for k in r["sentences"] if k < index), id(r), r) for r in reports.values()
                      if any(0 < index - k <= CONTEXT_BACK for k in r["sentences"])]
            rep = max(before, key=lambda t: (t[0], -t[1]))[2] if before else None  # the nearest statement before
        if rep is None:
            continue
        rep["fields"][field].append(_src(doc_row, claim=c, value=_fmt(c)))
        for ln in links.get(c["id"], []):
            if ln["role"] == "claimant":
                rep["fields"]["reported_by"].insert(0, _src(doc_row, mention_row=ln, value=ln["name"]))
    out = []
    for label in order:
        rep = reports[label]
        for index in rep["sentences"]:
            m = _LANDED.search(doc.text, doc.sentences[index], _sentence_end(doc, index))
            if m and not rep["fields"]["landed"]:
                rep["fields"]["landed"].append(
                    {"document_id": doc_row["id"], "value": m.group(), "char_start": m.start(), "char_end": m.end(), "quote": m.group()}
                )
        if not rep["fields"]["date"] and rep["date"] is not None:
            # the publication-date fallback: no words of the text date it, so no span
            rep["fields"]["date"].append({"document_id": doc_row["id"], "value": rep["date"].isoformat()})
        counts = {_number(s["value"]) for s in rep["fields"]["count"]}
        rep["count"] = counts.pop() if len(counts) == 1 else None
        # A launch record without a launching country is not one an analyst can use.
        if rep["fields"]["country"]:
            out.append(rep)
    return out


def _fold_publication(reports: dict, order: list[str], published: dt.date | None) -> None:
    """An undated lead statement reported before the text dated the launch: the publication-dated
    report joins the text-dated one within a day of it, which keeps the text's date."""
    if published is None or published.isoformat() not in reports:
        return
    pub = reports[published.isoformat()]
    if pub["fields"]["date"]:
        return  # its date came from the text ("on Wednesday" = the publication day)
    dated = [k for k in order if k in reports and k != published.isoformat() and _day(k)
             and abs((_day(k) - published).days) <= WINDOW_DAYS]
    if len(dated) == 1:
        into = reports[dated[0]]
        reports.pop(published.isoformat())
        order.remove(published.isoformat())
        into["sentences"].extend(pub["sentences"])
        for field, sources in pub["fields"].items():
            into["fields"][field].extend(sources)


def _fold_coarse(reports: dict, order: list[str]) -> None:
    """"The 2012 rocket launch" and "a rocket launch in December 2012" in one story: the year
    report joins the one finer report inside it (when exactly one is)."""
    for label in list(order):
        if label == "undated" or len(label) == 10:
            continue
        finer = [k for k in order if k != label and k != "undated" and len(k) > len(label) and k.startswith(label)]
        if len(finer) == 1:
            rep, into = reports.pop(label), reports[finer[0]]
            order.remove(label)
            into["sentences"].extend(rep["sentences"])
            for field, sources in rep["fields"].items():
                if field != "date" or not into["fields"]["date"]:
                    into["fields"][field].extend(sources)


def _main(reports: dict, published: dt.date | None) -> dict | None:
    """The story's own launch: the report dated within a day of publication (or the undated one)."""
    for rep in reports.values():
        if rep["date"] is None and rep["label"] == "undated":
            return rep
        if rep["date"] is not None and published is not None and abs((rep["date"] - published).days) <= WINDOW_DAYS:
            return rep
    return None


def _fill(doc: _Doc, doc_row: dict, rep: dict, index: int, start: int, end: int) -> None:
    rep["sentences"].append(index)
    mentions = doc.mentions_in(start, end)
    who, country = _launching_country(doc, index, start, end)
    if country is not None:
        rep["fields"]["country"].append(_src(doc_row, mention=(who, doc), value=country))
    weapon = next((m for m in mentions if _offensive(doc, m)), None)
    if weapon is not None:
        rep["fields"]["missile"].append(_src(doc_row, mention=(weapon, doc), value=doc.mentions[weapon].entity))
    for m in _speaker_mentions(doc, mentions) + [
        m for m in mentions for a, b in claimant_spans(doc, start, end, None) if a <= doc.mentions[m].char_start < b
    ]:
        rep["fields"]["reported_by"].append(_src(doc_row, mention=(m, doc), value=doc.mentions[m].entity))


def _number(value: str | None) -> float | None:
    m = re.search(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?", value or "")
    return float(m.group()) if m else None


def _offensive(doc: _Doc, m: int) -> bool:
    """A weapon mention that can make a launch: not an interceptor or defence system."""
    return doc.etype(m) in WEAPONS and not doc.gaz.entities[doc.mentions[m].entity].defensive


def _fmt(c: dict) -> str:
    value = c["value"]
    text = f"{value:g}" if value is not None else ""
    return f"{c['bound']} {text} {c['unit'] or ''}".strip()


def _src(doc_row: dict, value: str, claim: dict | None = None, mention=None, mention_row: dict | None = None,
         span: tuple[int, int, str] | None = None) -> dict:
    if span is not None:
        return {"document_id": doc_row["id"], "value": value, "char_start": span[0], "char_end": span[1], "quote": span[2]}
    if claim is not None:
        return {"document_id": doc_row["id"], "claim_id": claim["id"], "value": value, "char_start": claim["char_start"],
                "char_end": claim["char_end"], "quote": claim["quote"]}
    if mention is not None:
        i, doc = mention
        m = doc.mentions[i]
        return {"document_id": doc_row["id"], "mention_index": i, "value": value, "char_start": m.char_start,
                "char_end": m.char_end, "quote": m.quote}
    return {"document_id": doc_row["id"], "mention_id": mention_row["mention_id"], "value": value,
            "char_start": mention_row["m_start"], "char_end": mention_row["m_end"], "quote": mention_row["m_quote"]}


def _country(rep: dict) -> str | None:
    sources = rep["fields"]["country"]
    return sources[0]["value"] if sources else None


SPECIFIC_CLASSES = ("ICBM", "IRBM", "MRBM", "SRBM", "SLBM", "cruise missile", "hypersonic glide vehicle")


def _classes(rep: dict) -> set[str]:
    """The specific missile classes a report names (a Musudan is an IRBM); generic words
    ("ballistic missile", "rocket") name none and are compatible with any."""
    gaz = gazetteer()
    out = set()
    for src in rep["fields"].get("missile", []):
        name = src["value"]
        ent = gaz.entities.get(name)
        cls = ent.weapon_class if ent is not None and ent.weapon_class else name
        if cls in SPECIFIC_CLASSES:
            out.add(cls)
    return out


def merge_reports(reports: list[dict]) -> list[dict]:
    """One event per launch across documents: the same country, day-precise dates within
    WINDOW_DAYS (or the same month/year when that is all the texts give), and compatible
    counts ("two missiles" and "three missiles" are two launches). Undated reports stay alone."""
    events: list[dict] = []

    def compatible(ev: dict, rep: dict) -> bool:
        if _country(ev) != _country(rep):
            return False
        a, b = _classes(ev), _classes(rep)
        if a and b and not a & b:
            return False  # an ICBM and a short-range missile the same day are two launches
        if ev.get("count") is not None and rep.get("count") is not None and ev["count"] != rep["count"]:
            return False
        if ev["date"] is not None and rep["date"] is not None:
            return abs((rep["date"] - ev["date"]).days) <= WINDOW_DAYS
        return ev["date"] is None and rep["date"] is None and ev["label"] == rep["label"] != "undated"

    for rep in sorted(reports, key=lambda r: (str(_country(r)), r["date"] or dt.date.min, r["label"])):
        home = next((ev for ev in events if compatible(ev, rep)), None)
        if home is None:
            events.append({"date": rep["date"], "label": rep["label"], "count": rep.get("count"),
                           "fields": defaultdict(list, {k: list(v) for k, v in rep["fields"].items()})})
        else:
            home["count"] = home["count"] if home["count"] is not None else rep.get("count")
            for field, sources in rep["fields"].items():
                home["fields"][field].extend(sources)
    # "a long-range rocket in February" is the one February launch of that country, if there is one;
    # "an SLBM in April" the one April launch whose missile can be an SLBM (not April's IRBM)
    for ev in [e for e in events if e["date"] is None and e["label"] not in (None, "undated")]:
        inside = [e for e in events if e["date"] is not None and _country(e) == _country(ev)
                  and e["date"].isoformat().startswith(ev["label"])
                  and (ev.get("count") is None or e.get("count") is None or ev["count"] == e["count"])
                  and not (_classes(ev) and _classes(e) and not _classes(ev) & _classes(e))]
        if len(inside) == 1:
            events.remove(ev)
            for field, sources in ev["fields"].items():
                if field != "date":
                    inside[0]["fields"][field].extend(sources)
            inside[0]["fields"]["date"].extend(ev["fields"]["date"])
    return events


def _selected_documents(conn, since: int = 0) -> list[int]:
    """Documents that may report a launch (a weapon mention, a ``missile.*`` claim or a missile
    word), with ids above ``since``."""
    return [
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT * FROM (SELECT DISTINCT m.document_id FROM entity_mentions m JOIN entities e ON e.id = m.entity_id "
            "WHERE e.type IN ('weapon_class', 'weapon_system') AND m.document_id > ? "
            "UNION SELECT document_id FROM claims WHERE is_current AND attribute LIKE 'missile.%' AND document_id > ? "
            # plain "missile launches" name no gazetteer weapon and may carry no figure
            f"UNION {documents_matching(conn.dialect.name, ('missil', 'rocket', 'projectil'))}) AS selected "
            "WHERE document_id > ? ORDER BY 1",
            (since, since, since),
        )
    ]


def _reports_of(conn, doc_ids: list[int]) -> list[dict]:
    """The launch reports of these documents, in the order given (one document at a time:
    a report needs its own document's text, claims, links and mentions only)."""
    gaz = gazetteer()
    reports = []
    for doc_id in doc_ids:
        doc_row = dict(conn.exec_driver_sql(
            "SELECT id, text, published, published_precision FROM documents WHERE id = ?", (doc_id,)
        ).mappings().one())
        claims = [dict(r) for r in conn.exec_driver_sql(
            "SELECT id, kind, attribute, value, unit, bound, date_start, date_precision, resolved, char_start, char_end, "
            "quote FROM claims WHERE document_id = ? AND is_current ORDER BY char_start", (doc_id,)
        ).mappings()]
        links: dict[str, list[dict]] = defaultdict(list)
        for r in conn.exec_driver_sql(
            "SELECT ce.claim_id, ce.role, ce.mention_id, e.name, m.char_start AS m_start, m.char_end AS m_end, "
            "m.quote AS m_quote FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id "
            "JOIN entities e ON e.id = ce.entity_id LEFT JOIN entity_mentions m ON m.id = ce.mention_id "
            "WHERE c.document_id = ? AND ce.mention_id IS NOT NULL", (doc_id,)
        ).mappings():
            links[r["claim_id"]].append(dict(r))
        doc = _Doc(doc_row["text"], gaz)
        mention_ids = {
            (s, e): i for i, s, e in conn.exec_driver_sql(
                "SELECT id, char_start, char_end FROM entity_mentions WHERE document_id = ?", (doc_id,))
        }
        for rep in document_reports(doc, doc_row, claims, links):
            for sources in rep["fields"].values():
                for s in sources:
                    if "mention_index" in s:
                        s["mention_id"] = mention_ids.get((s["char_start"], s["char_end"]))
            reports.append(rep)
    return reports


_EVENT_COLS = ("event_date", "country", "missile", "missile_count", "flight_distance_km", "altitude_km", "landed",
               "reported_by", "documents")
_FIELD_COLS = ("field", "value", "document_id", "claim_id", "mention_id", "char_start", "char_end", "quote")


def _event_rows(ev: dict) -> tuple[tuple, list[tuple]]:
    """The ``launch_events`` row of a merged event (without id) and its field rows (without ids)."""
    f = ev["fields"]

    def first(field):
        return f[field][0]["value"] if f[field] else None

    def number(field):
        for s in f[field]:
            m = re.search(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?", s["value"] or "")
            if m:
                return float(m.group())
        return None

    docs = {s["document_id"] for sources in f.values() for s in sources}
    row = (ev["date"].isoformat() if ev["date"] else (None if ev.get("label") == "undated" else ev.get("label")),
           first("country"), first("missile"), number("count"), number("flight_distance"), number("altitude"),
           first("landed"), first("reported_by"), len(docs))
    fields = []
    for field, sources in f.items():
        seen = set()
        for s in sources:
            key = (s["document_id"], s.get("char_start"), s.get("char_end"))
            if key in seen:
                continue
            seen.add(key)
            fields.append((field, s["value"], s["document_id"], s.get("claim_id"), s.get("mention_id"),
                           s.get("char_start"), s.get("char_end"), s.get("quote")))
    return row, fields


def _write_events(conn, events: list[tuple[tuple, list[tuple]]]) -> None:
    """Insert events and their fields in order: ids follow the order, as a rebuild numbers them."""
    for row, fields in events:
        event_id = conn.exec_driver_sql(
            f"INSERT INTO launch_events ({', '.join(_EVENT_COLS)}) VALUES ({', '.join('?' * len(_EVENT_COLS))}) "
            "RETURNING id", row,
        ).scalar()
        if fields:
            conn.exec_driver_sql(
                f"INSERT INTO launch_event_fields (event_id, {', '.join(_FIELD_COLS)}) "
                f"VALUES ({', '.join('?' * (len(_FIELD_COLS) + 1))})",
                [(event_id, *r) for r in fields],
            )


def rebuild_events(conn) -> int:
    """Replace ``launch_events``/``launch_event_fields``; returns the number of events."""
    conn.exec_driver_sql("DELETE FROM launch_event_fields")
    conn.exec_driver_sql("DELETE FROM launch_events")
    events = merge_reports(_reports_of(conn, _selected_documents(conn)))
    _write_events(conn, [_event_rows(ev) for ev in events])
    return len(events)


def update_events(conn, since: int) -> int | None:
    """Bring the launch events up to date after documents with ids above ``since`` were added
    to the state they were last built from; returns the number of events.

    Events are per launching country (:func:`merge_reports` only merges reports of one
    country, in an order of their own), so only the countries the new documents report
    launches of are recomputed, from the new documents and the documents already in those
    countries' events (every report of a country is a source of one of its events). The
    other countries' rows are kept; all rows are written again in rebuild order, so the
    tables equal a rebuild's, ids included. The caller must have checked that nothing
    else changed (:func:`factdb.entities.store.added_since`)."""
    new_docs = _selected_documents(conn, since)
    fresh = _reports_of(conn, new_docs)
    countries = {_country(r) for r in fresh}
    if not countries:
        return conn.exec_driver_sql("SELECT count(*) FROM launch_events").scalar()
    marks = ",".join("?" * len(countries))
    old_docs = [r[0] for r in conn.exec_driver_sql(
        "SELECT DISTINCT f.document_id FROM launch_event_fields f JOIN launch_events e ON e.id = f.event_id "
        f"WHERE e.country IN ({marks}) ORDER BY 1", tuple(sorted(countries)))]
    # old documents first, then the new ones (all with larger ids): the document order a rebuild reads
    reports = [r for r in _reports_of(conn, old_docs) if _country(r) in countries] + fresh
    by_country: dict[str, list] = defaultdict(list)
    for ev in merge_reports(reports):
        by_country[str(_country(ev))].append(_event_rows(ev))
    kept_fields: dict[int, list[tuple]] = defaultdict(list)
    for r in conn.exec_driver_sql(
        f"SELECT event_id, {', '.join(_FIELD_COLS)} FROM launch_event_fields f WHERE event_id IN "
        f"(SELECT id FROM launch_events WHERE country NOT IN ({marks}) OR country IS NULL) ORDER BY id",
        tuple(sorted(countries)),
    ):
        kept_fields[r[0]].append(tuple(r[1:]))
    for r in conn.exec_driver_sql(
        f"SELECT id, {', '.join(_EVENT_COLS)} FROM launch_events WHERE country NOT IN ({marks}) OR country IS NULL "
        "ORDER BY id", tuple(sorted(countries)),
    ):
        by_country[str(r[2])].append((tuple(r[1:]), kept_fields.get(r[0], [])))
    conn.exec_driver_sql("DELETE FROM launch_event_fields")
    conn.exec_driver_sql("DELETE FROM launch_events")
    restart_ids(conn, ("launch_events", "launch_event_fields"))
    # a rebuild's events come country by country, in the order merge_reports sorts countries
    ordered = [row for country in sorted(by_country) for row in by_country[country]]
    _write_events(conn, ordered)
    return len(ordered)
