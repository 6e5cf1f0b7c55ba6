"""Does the clause of a date point forward? (spec/claims.md, "Resolution against the publication date")

A day, month or weekday written without a year resolves to the most recent such date on or
before publication, unless its clause points forward: future tense or a modal (``will``,
``would``, ``'ll``, ``could``), a schedule (``is due to``, ``was scheduled``, ``plans to``,
``expected``, ``set to``, ``to be held``), or a forward word (``next``, ``upcoming``, ``the
fiscal year that begins Oct. 1``).

How: the words between the start of the date's clause and the date are searched for
*tense markers*, and the one nearest the date decides. Forward cues are the list above;
backward markers put the clause's verb in the past or undo a forward word (``was``, ``had``,
``ago``, a simple past or participle such as ``tested``, ``adopted``, ``said``, ``would
have``, ``than expected``, a verb of origin such as ``could stem from``). So "the new law will replace rules adopted in March" resolves
March backward ("adopted" is nearer than "will"), and "North Korea said it would launch the
rocket between Feb. 8 and Feb. 25" forward ("would" is nearer than "said").

The clause starts after the last sentence end, semicolon, colon, comma, dash, bracket or line
break before the date, and never more than :data:`WINDOW` characters back: each date costs a
bounded look-back, so the whole pass stays linear in the text's length.
"""

from __future__ import annotations

import re

from factdb.extract.rules.patterns import lazy_re, trie_regex

WINDOW = 120

# A clause boundary: punctuation that ends a clause, or a full stop that ends a sentence
# (not one closing an abbreviation such as "Jan." or "U.S.", which is followed by more of the
# same clause).
_BOUNDARY = lazy_re(
    # a subordinate clause starts at its complementizer or relative word ("would meet to talk
    # about reports that some Democrats at the June 22-23 sit-in ..."), or at "after" + -ing
    r"(?<![\w-])(?:that|which|who|whom|whose|where|when|because|although|though|while|whereas"
    r"|after\s+\w+ing)(?![\w-])|"
    # (a comma between digits is a thousands separator, "will cost $35,000 when ...", no boundary)
    r"[;:!?()\[\]\n—–]|(?<!\d),|,(?!\d)|(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|No|vs|Co))(?<!\b(?:Mrs|Gen|Gov|Sen|Rep|Col|Inc|Ltd|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Oct|Nov|Dec))(?<!\bSept|\bCorp|\bCapt)\.(?=\s)"
)

_FORWARD = (
    # a modal with the verb it governs ("will be decided", "would not come"), so that a
    # participle there is not read as a past tense
    r"(?:will|shall|would|could|might|should|(?-i:may)|\w+['’]ll)(?:\s+(?:not|also|still|now|likely|probably|only|then|be))*"
    r"(?:\s+(?!have\b)[a-z]+)?|going\s+to|gonna"
    r"|(?:is|are|was|were|be|been)\s+(?:due|scheduled|slated|set(?=\s+(?:to|for)\b)|poised|expected|planned|supposed"
    r"|about(?=\s+to\b))\b"
    # intentions in the present (a past one, "agreed to buy it in October", may be over; "planned
    # to" stays, as reported speech backshifts "plans to" to it)
    r"|(?:due|scheduled|slated|set|poised|expected|planned|plans?|planning|intends?|intending|aims?|aiming|hopes?"
    r"|hoping|promises|promising|pledges|pledging|vows|vowing|threatens|threatening|prepar(?:es|ing)|agrees|decides"
    r"|wants?)\s+to"
    # ... and the passive infinitive it governs, read as one cue, or its participle would be read
    # as a past tense: "expected to be completed on July 3", "scheduled to be opened on 2 July"
    r"(?:\s+be\s+(?!(?:held|run|met|set|put|made|paid|sent|given|taken|read|built|sold|won|shown)\b)"
    r"[a-z]+(?:ed|en)\b)?"
    # the news future "is to meet on March 9", "are to vote on May 5" (not "is to blame"; "is to
    # be held" is left to the "to be <participle>" cue below, so only "is" is taken here)
    r"|(?:is|are)(?=\s+to\s+(?!blame\b|be\b)[a-z]+)"
    r"|expect(?:s|ing)?|anticipat(?:es?|ed|ing)|foresees?"
    r"|scheduled|slated|expected|planned|upcoming|forthcoming|(?<!\w)next(?!\s+to\b)|the\s+coming"
    r"|to\s+be\s+(?:\w+(?:ed|en)|held|run|met|set|put|made|paid|sent|given|taken|read|built|sold|won|shown)\b"
    r"|(?:begins|starts|ends|expires|opens|closes|takes\s+effect|comes\s+into\s+force|kicks\s+off)"
    r"|(?:postponed|delayed|deferred|adjourned|rescheduled|moved|pushed\s+back|put\s+off|extended)\s+(?:until|till|to|for)"
    r"|ahead\s+of|in\s+the\s+run-up\s+to|in\s+time\s+for|due\b"
)
_BACKWARD = (
    r"was|were|had|did|ago|since|yesterday|earlier|previously"
    r"|said|told|met|took|gave|began|came|went|held|fell|rose|flew|made|saw|won|lost|led|left|sent|spent|struck"
    r"|found|got|brought|built|bought|sold|paid|ran|shot|became|chose|drew|broke|spoke|wrote|knew|thought|stood"
    r"|(?-i:[a-z]{2,}(?:ed|en))"
)
_ORIGIN = (
    r"(?:stem(?:s|med|ming)?|result(?:s|ed|ing)?|aris(?:e|es|en|ing)|arose|deriv(?:e|es|ed|ing)"
    r"|dat(?:e|es|ed|ing)\s+back|trac(?:e|es|ed|ing)\s+back|go(?:es)?\s+back|went\s+back)\s+(?:from|to)"
)
# Alternation order matters where two start at one position: "was scheduled" must be read as
# one forward cue before "was" is read as a backward marker, and "would have" as one backward
# marker before "would" as a forward cue.
_MARKER = lazy_re(
    rf"(?i)(?<![\w'’-])(?:(?P<bwd2>(?:would|could|might|should|must|(?-i:may))\s+(?:not\s+)?have"
    # "could not" is past inability far more often than a forecast: "could not be reached on Wednesday"
    rf"|could\s+not|couldn['’]t"
    # raising verbs report a state, not a plan: "appears to be related to an order in January"
    rf"|(?:appears?|appeared|seems?|seemed|believed|thought|said|known|reported)\s+to\s+(?:be|have)(?:\s+been)?(?:\s+\w+)?"
    # a figure's earlier value: "will fall to 28 percent from 32.2 percent in March"
    rf"|from\s+(?:about\s+|around\s+|nearly\s+)?[$£€¥]?[0-9][0-9.,]*(?:\s*%|\s*percent|\s+per\s+cent|\s+[a-z]+)?(?=\s+(?:in|on)\b)"
    # verbs of origin look back at what they come from: "could stem from Kim's order in March"
    rf"|(?:(?:will|would|could|might|should|must|(?-i:may))\s+(?:well\s+|also\s+)?)?{_ORIGIN}"
    rf"|(?:than|as)\s+(?:had\s+been\s+|was\s+)?(?:expected|planned|scheduled))"
    rf"|(?P<fwd>{_FORWARD})|(?P<bwd>{_BACKWARD}))(?![\w'’-])"
)
# Past participles and -en words that are no verbs, or are forward words themselves.
_NOT_PAST = frozenset(
    "need indeed speed seed feed steed bed red shed hundred kindred united based tied "
    "often even seven eleven ten open when then men women children citizen kitchen garden golden "
    "between given chosen taken written driven seen been broken spoken frozen hidden eaten fallen "
    "beaten risen listen happen season seasoned dozen oxygen screen green queen token sudden".split()
)


_HAD_BEFORE = lazy_re(r"(?<![\w'’])had\s+(?:been\s+|not\s+|also\s+)?\Z")


def clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (searching back :data:`WINDOW` characters at most)."""
    lo = max(0, pos - WINDOW)
    last = lo
    for m in _BOUNDARY.finditer(text, lo, pos):
        last = m.end()
    return last


# Every forward cue holds one of these stems: most dates' windows hold none, and are settled
# by substring tests, far cheaper than the marker pattern.
_TRIGGERS = (
    "will", "shall", "would", "could", "might", "should", " may ", "'ll", "’ll", "going", "gonna", " due",
    "schedul", "slated", " set", "poised", "expect", " plan", "intend", " aim", " hope", "promis", "pledg",
    " vow", "threat", "prepar", "agree", "decid", " want", "anticipat", "forese", "upcoming", "forthcoming",
    "next", "coming", "to be", "begins", "starts", " ends", "expires", " opens", " closes", " takes", " comes",
    " kicks", "postpon", "delay", "defer", "adjourn", "reschedul", " moved", " pushed", " put off", "extended",
    "ahead", "run-up", "in time", "supposed", "about to", "is to", "are to",
)
# all the stems in one pass over the window (a trie: one test per character), instead of one
# substring scan per stem; it finds a stem exactly where one of them occurs, in any case, as
# the marker pattern does ("Ahead of the conventions in July", "Will it matter ... in November")
_ANY_TRIGGER = lazy_re(trie_regex(_TRIGGERS), re.IGNORECASE)


# A "when" clause in the present takes its time from the clause it hangs on, as English writes
# a future there in the present: "will unveil the plan when the leaders gather on Aug. 18".
_WHEN_BEFORE = lazy_re(r"(?<![\w'’-])when\Z", re.IGNORECASE)


def points_forward(text: str, start: int, _outer: bool = True) -> bool:
    """Does the clause before the date at ``start`` point forward (nearest marker a forward cue)?
    With no marker there, the clause's verb after the date decides (:func:`_verb_after`)."""
    cue_before = _ANY_TRIGGER.search(text, max(0, start - WINDOW), start) is not None
    cue_after = _outer and _ANY_TRIGGER.search(text, start, start + AFTER) is not None
    if not cue_before and not cue_after:
        return False
    lo = clause_start(text, start)
    verdict = False
    marked = False
    for m in _MARKER.finditer(text, lo, start):
        if m.group("fwd"):
            # past perfect ("had wanted to", "had been expected") looks back
            verdict = not _HAD_BEFORE.search(text, max(lo, m.start() - 12), m.start())
            marked = True
        elif m.group("bwd") and m.group("bwd").lower() in _NOT_PAST:
            continue
        else:
            verdict = False
            marked = True
    if not marked and cue_before and _outer and lo >= 4 and _WHEN_BEFORE.search(text, lo - 4, lo):
        # (a "when" clause with no tense marker of its own; one level up only)
        return points_forward(text, lo - 4, _outer=False)
    if not marked and cue_after:
        return _verb_after(text, start)
    return verdict


# How far past a date's start its clause's verb is looked for (see _verb_after).
AFTER = 30
_MODAL = re.compile(r"(?:will|would|could|might|shall|should|may|\w+['’]ll)\b", re.IGNORECASE)
# Days only (a weekday, or a month with its day): a bare month or quarter before a modal is
# more often a past period's data ("payroll gains in June would add to ...").
_DAY_AT = lazy_re(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)


def _verb_after(text: str, start: int) -> bool:
    """A day in the subject of its clause, right before a modal verb: "the election on July 2
    will decide", "Tuesday could be a turning point", "On Monday, the pope will fly". Asked
    only when nothing in the clause before the date marks its tense; the first marker after
    it decides, within a few words and the clause ("SoftBank on Wednesday said it would
    sell": "said", a past tense, comes first). Not a possessive ("Sunday's bombing would
    indicate": what is said is about a past event)."""
    if not _DAY_AT.match(text, start):
        return False
    word_end = start
    while word_end < len(text) and text[word_end].isalnum():
        word_end += 1
    if text[word_end : word_end + 1] in ("'", "’"):
        return False
    hi = min(len(text), start + AFTER)
    for b in _BOUNDARY.finditer(text, word_end, hi):
        if text[b.start()] != ",":  # ("On Monday, the pope will fly": a fronted time's comma goes on)
            hi = b.start()
            break
    for m in _MARKER.finditer(text, word_end, hi):
        if m.group("fwd"):
            return _MODAL.match(m.group(0)) is not None
        if not (m.group("bwd") and m.group("bwd").lower() in _NOT_PAST):
            return False
    return False
