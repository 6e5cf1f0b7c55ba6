"""Counted nouns and casualties: "at least seven short-range ballistic missiles", "67 wounded".

Stage 3, one kind: the last reading :mod:`.kinds` tries (after money, percentages, ages and
measures). ``_count`` walks the words after the number to its plural head noun, decides between
``count`` and ``casualties`` (a participle after it, a killing verb before it, a casualty noun),
and keeps designations ("Boeing 747", "Flight 370"), years and ordinals out. It hands back the
mention (with its counted noun as written, for the claim's subject) or ``[]``.
"""

from __future__ import annotations

import re

from . import units as U
from .cues import _BEFORE_KILL, _BOUND_BEFORE, _DIG, _MONTHS, _NUMW, _WORD, BEFORE_MONEY, last_word
from .figure import PLURALIA_TANTUM
from .patterns import lazy_re

# How a casualty came about, coordinated with the casualty verb ("were shot and killed", "was
# stabbed and wounded", "struck and killed") or as an idiom of killing ("shot dead", "beaten to
# death"). The manner word is no casualty on its own: "four people were shot" stays a count.
_MANNER = r"(?:shot|stabbed|beaten|hacked|attacked|assaulted|struck|hit|burned|burnt|crushed|trampled|mauled)"
_KILLED_IDIOM = (
    r"(?:shot|gunned\s+down)\s+dead"
    # "300 people lost their lives", "have lost their lives"
    r"|lost\s+their\s+lives"
    r"|(?:shot|stabbed|beaten|hacked|burned|burnt|crushed|trampled|stoned|clubbed|bludgeoned)\s+to\s+death"
)
# "missing" is the victims' word unless what follows is what is missed: "two students were
# missing school", "are missing their targets", "missing out" miss something; "two climbers
# are missing after the storm", "were still missing more than six hours after", "the eight
# missing are all staff", "... missing, presumed dead" are missing.
_MISSING_ENDS = (
    r"(?:(?<!missing)|(?<=missing)(?!\s+(?:the|a|an|their|his|her|its|our|my|your|some|any|school|class(?:es)?|"
    r"lessons?|lectures?|work|out|meals?|payments?|deadlines?|targets?|games?|matches|training|practice|"
    r"flights?|appointments?|exams?|home|teeth|limbs?|fingers?|data|documents?|pages?)\b))"
)
_CASUALTY_AFTER = lazy_re(
    r"(?P<aux>(?:\s+(?:were|was|have|has|had|are|is|reportedly|been|being|also|feared|believed|now|later|"
    # ("are still missing", "remain missing", "remained missing")
    r"confirmed|thought|presumed|(?:(?<=were\s)|(?<=was\s)|(?<=are\s)|(?<=is\s)|(?<=been\s))reported|so\s+far|still|"
    # ("twelve people were left injured", "left dead")
    r"(?:(?<=were\s)|(?<=was\s)|(?<=been\s))left|"
    r"remain|remains|remained)){1,3})?"
    rf"(?P<p>\s+(?P<idiom>{_KILLED_IDIOM})"
    rf"|\s+(?P<how>{_MANNER}\s+(?:and|or)\s+)?(?:killed|wounded|injured|dead|died|missing|captured|hurt|slain|executed|murdered|"
    r"drowned)(?:\s+(?:or|and)\s+(?:killed|wounded|injured|missing|captured|hurt|dead))?)\b" + _MISSING_ENDS,
    re.IGNORECASE,
)

# Without an auxiliary, "shot dead" or "shot and killed" is active when an object follows
# ("two soldiers shot dead a protester"); the victims' reading needs the clause to end or go on
# with a preposition or a time ("seven people shot dead in Chicago", "... shot and killed on Sunday").
_CLAUSE_GOES_ON = lazy_re(
    r"\s*(?:[,.;:)!?\u2014\u2013]|$)|\s+(?:in|at|on|by|near|during|after|before|when|while|as|outside|inside|"
    r"overnight|yesterday|today|tonight|last|this|early|late|since|across|for|from|and)\b",
    re.IGNORECASE,
)


def participle_of(ca: re.Match) -> str:
    """The casualty participle of a :data:`_CASUALTY_AFTER` match, manner words dropped: "shot and
    killed" is "killed", "shot dead" and "stabbed to death" are "killed"."""
    if ca.group("idiom"):
        return "killed"
    part = " ".join(ca.group("p").lower().split())
    if ca.group("how"):
        part = part.split(" ", 2)[2]  # "shot and killed" -> "killed"
    return part


_PREP_BEFORE_OBJECT = {"in", "inside", "aboard", "on", "at", "from", "near", "with", "into"}
_SINGULAR_AUX = lazy_re(r"\b(?:was|is|has)\b", re.IGNORECASE)


_ACTIVE_PERFECT = lazy_re(r"\b(?:have|has|had)\b(?!.*\bbeen\b)", re.IGNORECASE | re.DOTALL)


_TRANSITIVE_CASUALTY = ("killed", "wounded", "injured", "captured", "executed", "murdered", "slain", "hurt")


def _casualty_after(text: str, pos: int) -> re.Match | None:
    """:data:`_CASUALTY_AFTER` at ``pos``, but not an active perfect: "three gunmen have killed 12"
    makes the gunmen the killers, "have been killed" or "have died" the victims."""
    ca = _CASUALTY_AFTER.match(text, pos)
    if ca is None:
        return None
    if ca.group("aux") and _ACTIVE_PERFECT.search(ca.group("aux")) \
            and participle_of(ca).split()[0] in _TRANSITIVE_CASUALTY:
        return None
    if (ca.group("idiom") or ca.group("how")) and not ca.group("aux") and not _CLAUSE_GOES_ON.match(text, ca.end()):
        return None  # "gunmen shot dead two police officers": the killers, not the victims
    return ca


_CASUALTY_PARTICIPLE = r"(?:killed|wounded|injured|missing|captured|slain|executed)"


# a parenthetical between a counted noun and its passive verb: "Thousands of people, including
# hundreds of civilians, have been killed"; "40,000 people, most of them militants, have died"
_APPOS_CASUALTY = lazy_re(
    r"\s*,\s+(?:including|among\s+them|(?:most|many|some|all|half|several|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|dozens|scores|hundreds|thousands|\d[\d,]*)\s+of\s+(?:them|whom)"
    r"|mostly|mainly|many|most)\b(?:[^,.;:()\n\d]|\.(?=\w|\s[a-z])){1,50},"
    r"(?P<ca>\s+(?:(?:have|has|had)\s+(?:also\s+)?been|were|was|are|is)(?:\s+(?:also|reportedly|now))?"
    rf"\s+{_CASUALTY_PARTICIPLE}"
    r"|\s+(?:have|has|had)\s+(?:also\s+)?died|\s+died)\b",
    re.IGNORECASE,
)


# the inner member of such a list: "including hundreds of civilians, have been killed"
_INCLUDING_BEFORE = lazy_re(r",\s+including\s+$", re.IGNORECASE)


_PASSIVE_CASUALTY = lazy_re(
    r",(?:\s+(?:(?:have|has|had)\s+(?:also\s+)?been|were|was)(?:\s+(?:also|reportedly))?"
    rf"\s+{_CASUALTY_PARTICIPLE}|\s+(?:have|has|had)\s+died|\s+died)\b",
    re.IGNORECASE,
)


# "Two more were killed": "more" is "additional", the counted noun is elided
_MORE_CASUALTY = lazy_re(r"\s+more(?=\s+(?:were|have\s+been|had\s+been|was|died|are)\b)", re.IGNORECASE)


# a wire dateline whose "(Reuters) -" was stripped: "ISTANBUL, Turkey Eight soldiers..."
_DATELINE_BEFORE = lazy_re(r"(?:^|\n|\s\s)\s*(?-i:[A-Z][A-Z/.'’ -]{2,}),\s+(?-i:[A-Z][a-z]+)(?:\s(?-i:[A-Z][a-z]+)){0,2}\s+$")


# A bare number as the subject of a plural verb, or "N more" with nothing counted after it:
# the counted noun is elided ("7,800 were being moved", "400 are to go", "the option to buy 20
# more in a deal"). Not "N more than" or "N more of", and not after a determiner ("the two
# were": a reference back, not a count). "N more" must go on with a preposition or a time:
# "he bought two more." is left unread (tests/test_extract_recall.py holds that).
# ("3 are stabbed": a manner verb alone says neither killed nor wounded, so no reading at all)
_ELIDED_SUBJECT = lazy_re(
    rf"\s+(?:were|are|will|would|could|(?:have|had)\b(?!\s+to\b))\b(?!\s+(?:been\s+|being\s+)?{_MANNER}\b)",
    re.IGNORECASE,
)
_ELIDED_MORE = lazy_re(
    r"\s+more(?=\s+(?:in|at|on|by|for|from|this|next|last|so\s+far|later|over|within|"
    r"before|after|if|as|when|while|since|until)\b"
    # ... or as the subject of a verb, as a bare number is ("7,800 more are being moved")
    rf"|\s+(?:were|are|will|would|could|(?:have|had)\b(?!\s+to\b))\b(?!\s+(?:been\s+|being\s+)?{_MANNER}\b))",
    re.IGNORECASE,
)
# ... nor after a preposition or "or" ("by 10,000 would", "one household in three will", "a year
# or two are"), nor after a name ("BBC Two will", "UFC 196 would", "iPhone 7 will")
_DEFINITE = {"the", "these", "those", "its", "their", "his", "her", "our", "my", "your", "first", "last", "top",
             "all", "both", "of", "original", "or", "episode", "episodes", "no", "number"}
# (a preposition is no bar to "N more": "options on 18 more by 2010")
_PREPOSITIONS = {"in", "by", "to", "from", "than", "at", "per", "on", "with", "for", "into"}
# the last word of the sentence before ("... in Louisiana. Five had been pledged"), not an
# abbreviation ("U.S. 119 were closed")
_SENTENCE_END_WORD = lazy_re(r"[a-z][.!?][\"”’)]*\s+$")
_SENTENCE_OPENERS = {"another", "only", "just", "then", "so", "and", "but", "while", "of"}
# ... nor an age after a name ("Pelham, 14 were pleased"), the last of a list of numbers ("gates
# 1, 6 and 9 are busiest", "episodes five and six were"): those are no counts
_NOT_ELIDED_BEFORE = lazy_re(
    r"(?:(?-i:[A-Z][a-z]+),"
    rf"|(?:\d|\b(?:{'|'.join(w for w in ('one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'))}))"
    r"(?:,|\s+(?:and|or)))\s+$",
    re.IGNORECASE,
)


_OF_DET = lazy_re(r"\s+of\s+(?:the|its|their|his|her|our|these|those)(?=\s)", re.IGNORECASE)


_COORD_CASUALTY = lazy_re(
    rf"(?:\s*,\s*|\s+and\s+)(?:{_DIG}|{_NUMW})\s+(?:[\w'’-]+\s+){{0,3}}?[a-z]+s"
    r"(?:\s+(?:were|was|have|has|had|are|been|reportedly)){0,3}\s+"
    rf"(?:(?:{_MANNER}\s+(?:and|or)\s+)?(?P<p>killed|wounded|injured|dead|died|missing|captured)|(?P<idiom>{_KILLED_IDIOM}))\b",
    re.IGNORECASE,
)


_PERSONISH = set(U.PERSON_NOUNS) | {
    "people", "soldier", "troop", "civilian", "militant", "fighter", "rebel", "insurgent",
    "policeman", "police officer", "officer", "worker", "miner", "student", "child", "woman",
    "man", "person", "resident", "passenger", "migrant", "refugee", "protester", "demonstrator",
    "villager", "pilgrim", "tourist", "journalist", "member", "guard", "personnel", "crew member",
    "sailor", "marine", "combatant", "patient", "victim", "casualty", "death", "fatality",
}


_CASUALTY_HEADS = {"death", "casualty", "fatality", "dead", "wounded", "injured", "injury"}


# The people's verb said after a relative pronoun or a short place phrase: "four soldiers who
# went missing", "two climbers who died", "Five other soldiers in the vehicle were killed",
# "three men on board had been injured". Only the victims' forms (a passive participle, "died",
# "went missing"): "two officers who killed a gunman" and "five people in the car were shot"
# stay counts. "missing" must end its phrase ("were missing school" is no casualty).
_LATE_CASUALTY = lazy_re(
    r"(?:\s+(?:who|that)|\s+(?:in|on|aboard|inside|at|near)\s+(?:(?:the|a|an|their|its|his|her)\s+)?"
    r"(?!(?:who|that|were|was|had|have|has)\b)[\w'’-]+(?:\s+(?!(?:who|that|were|was|had|have|has)\b)[\w'’-]+)?)"
    r"(?:\s+(?:also|reportedly|later))?"
    r"\s+(?:(?:(?:were|was|(?:had|have|has)\s+been)(?:\s+(?:also|reportedly))?\s+"
    r"(?P<p>killed|wounded|injured|captured|slain|executed|hurt|missing))"
    r"|(?:(?:have|has|had)\s+)?(?P<died>died)|went\s+(?P<went>missing))\b" + _MISSING_ENDS,
    re.IGNORECASE,
)
# "the fire has claimed two lives", "cost 30 lives": lives taken are casualties
_LIVES_BEFORE = lazy_re(
    r"\b(?:claim(?:ed|s|ing)?|cost(?:s|ing)?|took|tak(?:en|es|ing))\s+"
    r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|some|another|up\s+to)\s+)?$",
    re.IGNORECASE,
)


# People named inside a toll: "the storm killed 30 people, including four children" (the
# inner member is a casualty too; "hired 300 people, including four engineers" stays a count)
_KILLED_INCLUDING = lazy_re(
    r"\b(?:killed|killing|kills|kill|died|dead|wounded|wounding|injured|injuring|injures|injure)\b"
    r"[^.;:!?\n]{0,80},\s+(?:including|among\s+them)\s+$",
    re.IGNORECASE,
)
# the second object of a killing verb: "killed 12 soldiers and 5 policemen", "kill 8 soldiers, 22
# militants" ("killed 12 soldiers and freed 5 hostages": another verb, a count)
_KILL_COORD_BEFORE = lazy_re(
    r"\b(?:killed|killing|kills|kill|wounded|wounding|injured|injuring|injures|injure)\s+"
    r"(?:(?:at\s+least|more\s+than|over|some|about|nearly|almost)\s+)?"
    rf"(?:{_DIG}|{_NUMW})\s+(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+s\s*(?:,\s*(?:and\s+)?|\s+and\s+)$",
    re.IGNORECASE,
)


_DEAD_LIKE = {"dead": "killed", "death": "killed", "fatality": "killed", "casualty": "casualties"}


def _singular(word: str) -> str:
    w = word.lower().rstrip(".")
    if w in U.IRREGULAR_NOUNS:
        return U.IRREGULAR_NOUNS[w]
    if len(w) > 4 and w.endswith("men") and w.isalpha():
        return w[:-3] + "man"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if w.endswith("oes") and len(w) > 4:
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def _coordinated_adjective(text: str, last_mod: tuple[int, int], conj_end: int) -> bool:
    """Is the "and"/"or" at ``conj_end`` joining two lowercase adjectives before one head noun?"""
    prev = text[last_mod[0] : last_mod[1]]
    if not prev[0].islower() or _plural_like(prev) or prev.lower() in U.FUNCTION_WORDS:
        return False
    nxt = _WORD.match(text, conj_end + 1) if text[conj_end : conj_end + 1] == " " else None
    if nxt is None:
        return False
    w = nxt.group(0)
    return w[0].islower() and w.lower() not in U.FUNCTION_WORDS and not _plural_like(w)


# a capitalised plural heads the phrase only where the phrase visibly ends after it
_PROPER_HEAD_END = lazy_re(
    r"(?:\s*[,;:)]|\.(?:\s|$)|\s+(?:were|was|are|is|have|has|had|who|which|that|in|at|on|from|to|and|"
    # a modal or a verb of need or loss: "some 2.2 million Ethiopians will need help", "two million
    # Americans lost jobs" (the walk went on to the verb's object)
    r"or|with|for|of|will|would|could|can|may|might|must|should|still|also|now|need|needed|face|faced"
    r"|lost|live|lived|remain|remained)\b)",
    re.IGNORECASE,
)


_NOT_PROPER_HEADS = {
    "states", "nations", "games", "olympics", "times", "news", "series", "affairs", "forces", "services",
    "airlines", "airways", "islands", "sports", "records", "studios", "brothers", "industries", "holdings",
    "systems", "technologies", "communications", "philippines", "netherlands", "bahamas", "texas", "athens",
    "wales", "brussels", "kansas", "arkansas", "lagos", "angeles", "mercedes", "jones", "williams",
    "reuters", "awards", "commons", "lords", "olympians", "sciences", "arts", "works", "labs", "friends",
}


_THE_BEFORE = lazy_re(r"\bthe\s+$", re.IGNORECASE)


def _proper_plural_head(text: str, clean: str, tok: str, tend: int, mods: list, num_text: str, num_start: int) -> bool:
    """ "55,000 North Koreans,", "two Rodongs were fired": a capitalised plural (a demonym, a
    weapon's name) after only capitalised modifiers, where the noun phrase ends."""
    if not (clean[0].isupper() and clean[1:].islower() and len(clean) > 3 and _plural_like(clean)):
        return False
    low = clean.lower()
    if low in _NOT_PROPER_HEADS or low in U.UNITS or low in U.NOT_COUNT_NOUNS or _singular(low) in U.UNITS:
        return False
    if any(not text[a].isupper() for a, _ in mods):
        return False
    if not low.endswith("ans"):
        # not a demonym: only after a lowercase or digit number that does not follow "the", so that
        # titles stay out ("The 39 Steps", "Four Seasons", "Seven Kingdoms")
        if num_text[:1].isupper() or _THE_BEFORE.search(text, max(0, num_start - 6), num_start):
            return False
    if clean != tok:
        return True  # "... 55,000 North Koreans."
    return _PROPER_HEAD_END.match(text, tend) is not None


def _plural_like(word: str) -> bool:
    w = word.lower()
    if w in U.IRREGULAR_NOUNS:
        return True
    if len(w) > 4 and w.endswith("men") and w.isalpha() and w not in ("specimen", "regimen", "abdomen"):
        return True  # "airmen", "gunmen", "servicemen"
    if len(w) < 3 or not w.endswith("s") or w in U.NOT_COUNT_NOUNS:
        return False
    if w.endswith(("ss", "us", "is", "'s", "’s", "ous")):
        return False
    return w.replace("-", "").replace("'", "").isalpha()


_KILL_STEMS = ("kill", "wound", "injur", "death")

# "nine out of 10 members", "three out of every four voters": a fraction of a whole, so a
# percentage (the contract), read by :mod:`.kinds` on the first number. Not when the whole is
# a count of games, attempts or a time ("10 out of 13 games": a tally) or a year.
_WHOLE_NOT_FRACTION = (
    r"(?!\s*(?:%|percent|per\s+cent|[-.,]\d|years?|months?|weeks?|days?|hours?|minutes?|seconds?|games?|matches|"
    r"races?|starts?|attempts?|tries|innings|seasons?|points?|goals?|shots?|penalties|holes)\b)"
)
OUT_OF_AFTER = lazy_re(
    rf"\s+out\s+of\s+(?:every\s+)?(?P<b>\d{{1,4}}(?:,\d{{3}})?|{_NUMW})\b{_WHOLE_NOT_FRACTION}", re.IGNORECASE
)
_OUT_OF_BEFORE = lazy_re(rf"(?<![\w.,-])(?P<a>\d{{1,4}}|{_NUMW})\s+out\s+of\s+(?:every\s+)?$", re.IGNORECASE)


def out_of(text: str, e: int, a: float) -> tuple[float, int] | None:
    """(the whole, its end) of "<a> out of <whole>" after a number ending at ``e``, or None."""
    from .numbers import parse_number

    om = OUT_OF_AFTER.match(text, e)
    if om is None:
        return None
    b = parse_number(om.group("b"))
    if not b or not 0 < a < b or re.fullmatch(r"1[89]\d\d|20\d\d", om.group("b")):
        return None
    return b, om.end()

# scale words that make a bare number an amount ("13.7 million"); not "hundred"/"thousand"
# ("a thousand" is often a figure of speech) and not an attached "m" (metres: "a 100m")
_AMOUNT_SCALES = {"million", "millions", "billion", "billions", "trillion", "trillions",
                  "bn", "bln", "mn", "mln", "tn", "trn"}
# after such an amount: the clause goes on without a noun (a preposition, a conjunction, a
# verb, punctuation)
_AFTER_AMOUNT = lazy_re(r"\s*(?:[,;:.)!?]|$)|\s+(?P<w>(?-i:[a-z])[a-z']*)\b(?!-)")
# ... a word after it must start a new phrase: a function word or a verb ("and", "in", "saw",
# "affected"), not a noun it modifies that no rule knows ("19bn kronor", "a 5 million target")
_AMOUNT_VERBS = {"saw", "watched", "voted", "visited", "used", "tuned", "bought", "took", "live", "lived", "died",
                 "remain", "remained", "remaining", "signed", "went", "came", "got", "left", "fled", "joined",
                 # and time or place adverbs: "four billion next year", "2 million worldwide"
                 "next", "last", "this", "ago", "earlier", "later", "now", "already", "alone", "overall",
                 "worldwide", "globally", "nationwide", "annually", "apiece", "each", "thereafter", "then", "too",
                 "instead", "altogether", "more", "there", "here", "abroad", "due", "still", "yet"}


def _scaled_alone(text: str, m: re.Match, e: int, before: str) -> bool:
    """A figure with a scale word and no counted noun, money or unit after it."""
    scale = (m.group("scw2") or m.group("sca2") or m.group("scw") or m.group("sca")
             or (m.group("num2") if m.group("sep") else m.group("words")) or "").lower().split()
    if not scale or scale[-1] not in _AMOUNT_SCALES or m.group("cur") or text[e : e + 1] == "-":
        return False  # "a 5 million-strong army"
    if scale[0] in ("a", "an"):
        return False  # "a million thanks", "a billion reasons": a figure of speech
    if BEFORE_MONEY.search(before):
        return False  # "worth 5 million": money whose currency is unwritten
    am = _AFTER_AMOUNT.match(text, e)
    if am is None:
        return False
    w = (am.group("w") or "").lower()
    if w in ("times", "fold"):
        return False  # "570 billion times the brightness": a multiplier
    return not w or w in U.FUNCTION_WORDS or w in _AMOUNT_VERBS or w.endswith("ed")

# "10 of the next 13 games": the whole of a partitive, written in digits or words
_PARTITIVE_WHOLE = lazy_re(
    rf"(?:\s+(?:next|last|first|other|remaining|previous|past|following|final|opening))?\s+(?P<n>{_DIG}|{_NUMW})(?=\s)",
    re.IGNORECASE,
)

# "N times" as a number of occasions: the clause must end or go on with a preposition, a
# conjunction or a time ("shot four times in the neck", "raised rates five times last year",
# "won it three times and lost twice"); a word it modifies or compares makes it a multiplier
# ("five times the size", "3.9 times base fares", "ten times faster", "eleven times
# oversubscribed", "three times EBITDA"), and a rate follows with "a"/"per" ("three times a day").
_TIMES_AFTER = lazy_re(
    r"\s+(?:(?:straight|consecutive|successive)\s+)?(?-i:times)\b(?!-)"
    r"(?=\s*(?:[,;:.)!?\"”’']|$)|\s+(?:in|since|between|during|before|after|at|on|by|to|and|but|or|so|last|this|"
    r"through|with|for|while|when|until|against|within|into|throughout|already|now|then|again|too|there|here|"
    r"previously|before|each\s+(?:year|season|week|month))\b)"
    # nor coordinated with a multiplier ("10 times and maybe 100 times faster")
    r"(?!\s+(?:and|or|to)\s+(?:\w+\s+){0,2}?times\s+(?:as|more|less|[a-z]+er)\b)",
    re.IGNORECASE,
)
# A player's points after a verb of scoring: "scored 31 points", "finished with 19 points",
# "recorded a season-high 40 points". "points" is no counted noun otherwise: an index's points
# ("the Dow fell 120 points"), a poll lead ("ahead by 5 points"), percentage and basis points.
_POINTS_AFTER = lazy_re(r"\s+points\b(?![-'’])")
_SCORED_BEFORE = lazy_re(
    r"\b(?:scor(?:ed|es|ing|e)|recorded|record|records|recording|finished\s+with|finishing\s+with|added|adding|"
    r"poured\s+in|pouring\s+in|tallied|totaled|totalled|racked\s+up|chipped\s+in|contributed|led\s+\w+\s+with)"
    r"\s+(?:(?:a|an|his|her|their)\s+)?(?:(?:game|career|season|team|match|personal|playoff)-(?:high|best)\s+)?"
    r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|just|only)\s+)?$",
    re.IGNORECASE,
)
# ... but not an index's points after the same verbs ("the Nasdaq added 14 points"); a
# player's points are whole, so "added 98.44 points" is an index's anyway
_INDEX_BEFORE = lazy_re(
    r"\b(?:index|indexes|indices|Dow|Nasdaq|S&P|FTSE|Nikkei|DAX|CAC|Hang\s+Seng|Stoxx|Kospi|Sensex|benchmark|"
    r"average|stocks|shares|futures|bonds?|yields?|the\s+market)\b[^.;!?]*$",
    re.IGNORECASE,
)
# "capped at 3.9 times", "trading at 17 times": a ratio
_AT_BEFORE = lazy_re(r"\bat\s+$", re.IGNORECASE)
# a step in a ranking after a verb of moving: "fell one place", "climbed one spot", "up one notch"
_ONE_STEP = lazy_re(r"\s+(?P<u>place|spot|position|notch|rung|slot)\b", re.IGNORECASE)
_RANK_MOVE_BEFORE = lazy_re(
    r"\b(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|dropp(?:ed|ing)|drops?|climb(?:ed|s|ing)?|slipp(?:ed|ing)|slips?|"
    r"sli(?:d|des|ding)|jump(?:ed|s|ing)?|mov(?:ed|es|ing)|went|go(?:es|ing)?|up|down|back|higher|lower)"
    r"\s+(?:(?:only|just|another|a\s+further)\s+)?$",
    re.IGNORECASE,
)
def _top_counts(text: str, e: int) -> bool:
    """Does a plural noun follow "top N" ("the top 12 films", "its top five executives")?"""
    if text[e : e + 1] != " ":
        return False
    nx = _WORD.match(text, e + 1)
    return nx is not None and nx.group(0)[0].islower() and _plural_like(nx.group(0).rstrip("."))


# "the number of <things> ... rose to N ... from M": the bare N and M count the things
_NUMBER_OF_CHANGE = lazy_re(
    r"\b(?:the|a)\s+(?:total\s+)?number\s+of\s+(?P<np>(?:[\w'’-]+\s+){1,6}?)(?:(?:has|had|have)\s+)?"
    r"(?:rose|risen|rises|fell|fallen|falls|increased|decreased|grew|grown|climbed|dropped|declined|jumped|slipped|"
    r"dipped|surged|shrank|shrunk)\b[^.;:!?]{0,60}?\b(?:to|from)\s+"
    r"(?:(?:about|around|some|nearly|almost|more\s+than|over|just|under|less\s+than|fewer\s+than)\s+)?$",
    re.IGNORECASE,
)
def _number_of_head(np: str) -> str | None:
    """The counted noun of "the number of <np>": its first plural ("parishes without resident
    priests" -> "parishes"), or a demonym ("Americans filing claims" -> "Americans")."""
    for w in np.split():
        if w[0].isupper():
            if w.endswith("ans") and w[:-1].isalpha():
                return w
            continue
        if _plural_like(w):
            return None if w.lower() in U.NOT_COUNT_NOUNS else w
    return None


_DEATH_WORDS = lazy_re(r"\b(?:kill|dead|death|died|wound|injur|casualt|fatal)", re.IGNORECASE)


# "top" as a verb before a figure: "sales will top 4 billion", "expected to top 30,000"
_TOP_VERB_BEFORE = lazy_re(
    r"\b(?:will|would|could|can|may|might|should|to|did|does|do|set\s+to|could\s+soon)\s+top\s+$", re.IGNORECASE
)
# "I've told you a million times": hyperbole, no count
_HYPERBOLE = lazy_re(r"an?\s+(?:hundred|thousand|million|billion|zillion)", re.IGNORECASE)
_NAME_BEFORE_DIGITS = lazy_re(r"(?-i:[A-Z])[\w'’-]*\s$")
# "multiplied by five times", "grew by 10 times": a factor, not occasions
# ... nor after a verb of growth: "has leaped 500,000 times", "soared more than seven times"
_MULTIPLIER_BEFORE = lazy_re(
    r"\b(?:by|multipl(?:y|ied|ies)|increas(?:e|ed|es)|grow|grew|grown|soar(?:ed|s)?|surg(?:e|ed|es)|leap(?:t|ed|s)?|"
    r"jump(?:ed|s)?|expand(?:ed|s)?|ris(?:e|en|es)|rose|climb(?:ed|s)?|shr(?:ank|unk|inks?)|fell|fall(?:en|s)?)\s+$",
    re.IGNORECASE,
)

# an acronym in the plural: "PCs", "MPs", "DVDs", "NGOs"
_ACRONYM_PLURAL = lazy_re(r"[A-Z]{2,5}s")
# a model designation in the counted phrase: "24 F-16s", "two Su-27s", "ten A350s" (the plural is
# the head), "12 Boeing 787s" and "50 Boeing 7E7 jets" (after a maker's name: digits first)
_DESIGNATION = lazy_re(r"(?P<lead>[A-Z][A-Za-z]{0,3}-?)?\d[\dA-Za-z]*?(?:-\d+)?(?P<pl>s)?(?![\w'’-])")

# plurals that are also verbs ("the survey shows", "she wins"): a counted noun right after the
# number unless what follows reads as the verb's object or clause ("1,000 shows that ...")
_NOUN_OR_VERB = {"shows", "wins", "runs", "sets", "hits", "plays", "cuts", "rises", "falls", "reports"}
_NOUN_NOT_VERB_AFTER = lazy_re(
    r"\s*(?:[,;:.)!?]|$)|\s+(?!(?:that|a|an|the|no|how|what|why|it|its|their|his|her|this|these|those|up|off|out|"
    r"signs?|some|any|little|more|less|to)\b)(?:in|at|on|for|of|from|by|with|during|since|this|last|"
    r"next|and|or|but|so|against|over|under|across|before|after|while|were|was|are|have|had|will|would)\b",
    re.IGNORECASE,
)


def _count(text, m, make, finish, v1, vhigh, vague, e, before, bound_word, digits, words):
    numtxt = m.group("num")
    is_one = v1 == 1 and not vague
    # years are the dates extractor's: never count "2016" or "in 2016"
    if digits and "," not in digits and "." not in digits and len(digits) == 4 and 1000 <= v1 <= 2100:
        if not bound_word:
            return []
    if digits and len(digits) > 1 and digits.startswith("0"):
        return []
    ob = _OUT_OF_BEFORE.search(text, max(0, m.start() - 40), m.start()) if "out" in before else None
    if ob is not None:
        from .numbers import parse_number

        a = parse_number(ob.group("a"))
        if a is not None and out_of(text, ob.end("a"), a) is not None:
            return []  # the whole of "nine out of 10 members": claimed as a percentage
    if digits and (m.group("sca") or "").lower() == "m" and v1 >= 1e9:
        return []  # "over 3000m", "the 1,500m": metres (millions that large are written "3bn")
    # "has won the title five times", "beat Agassi three times", "tested at least 15 times",
    # "dozens of times": how often, a count of occasions (before the designation test: a name
    # before the number is the verb's object here); "five times the size", "three times
    # faster", "three times a day" are no counts
    tm = _TIMES_AFTER.match(text, e) if not is_one and not _HYPERBOLE.fullmatch(numtxt or "") else None
    if vague and tm is None and text.startswith(" of", e):
        tm = _TIMES_AFTER.match(text, e + 3)
    if tm and digits and _NAME_BEFORE_DIGITS.search(before):
        tm = None  # "President Moon 3 times": digits after a name may be part of it ("Apollo 3")
    if tm and (v1 != int(v1) or _AT_BEFORE.search(before)):
        tm = None  # "16.2 times": no number of occasions has a fraction
    if tm and not _MULTIPLIER_BEFORE.search(before):
        return finish([make("count", "time", tm.end(), value_high=vhigh, conf=0.75, noun_phrase="times")])
    if "points" in text[e : e + 8] and v1 == int(v1) and _SCORED_BEFORE.search(before):
        pm_ = _POINTS_AFTER.match(text, e)
        if pm_ and not _INDEX_BEFORE.search(text, max(0, m.start() - 80), m.start()):
            return finish([make("count", "point", pm_.end(), value_high=vhigh, conf=0.7, noun_phrase="points")])
    if is_one and not bound_word:
        st = _ONE_STEP.match(text, e)
        if st and _RANK_MOVE_BEFORE.search(before):
            # "dropped one place to five", "moved up one spot": a move in a ranking is a count
            # of places ("two places" is read below as any plural)
            return finish([make("count", st.group("u").lower(), st.end(), conf=0.7, noun_phrase=st.group("u"))])
    # designations: "Boeing 747", "Flight 370", "Source 1", "December 3"
    prev = last_word(before)
    if prev and not bound_word and not m.group("between"):
        pl = prev.lower().rstrip(".")
        dateline_or_possessive = (prev.isupper() and len(prev) > 2) or pl.endswith(("'s", "’s", "s'")) \
            or bool(_DATELINE_BEFORE.search(before)) \
            or (prev.endswith(".") and len(pl) >= 5 and pl.isalpha())  # "...on Monday. Two more were"
        if pl in _MONTHS or (prev[0].isupper() and pl not in U.FUNCTION_WORDS and pl not in _BOUND_BEFORE
                             and not dateline_or_possessive
                             and pl not in ("some", "another", "nearly", "almost", "only", "all")):
            return []
        if pl in ("no", "number", "nos", "page", "pp", "p", "chapter", "section", "article", "item",
                  "version", "level", "phase", "stage", "grade", "route", "room", "flight", "channel",
                  "episode", "series", "season", "top", "ranked", "seeded", "aged", "age") \
                and not (pl == "top" and (_TOP_VERB_BEFORE.search(text, max(0, m.start() - 30), m.start())
                                          or _top_counts(text, e))):
            # ("will top 4 billion": the verb, not "the top 10"; "the weekend's top 12 films":
            # twelve films, a count, while "in the top 10" is a rank)
            return []
    # every word of the killing cue holds one of these stems; lower() finds them as
    # re.IGNORECASE does, except a dotted or dotless "i" (then the regex decides)
    low_before = before.lower()
    # (the stems of _KILL_STEMS written out: a generator over them cost more than the tests)
    kill_before = ("kill" in low_before or "wound" in low_before or "injur" in low_before
                   or "death" in low_before or "toll" in low_before or "number of" in low_before
                   or "\u0130" in before or "\u0131" in before) \
        and _BEFORE_KILL.search(before) is not None

    # walk the words after the number: modifiers, then a plural head noun
    pos = e
    of_used = False
    if vague or m.group("group"):  # "dozens of people", "a pair of missiles"
        mo = re.compile(r"\s+of\b").match(text, pos)
        if not mo:
            return []
        pos = mo.end()
        of_used = True
    else:
        mo = _OF_DET.match(text, pos)
        if mo and not vague:
            pos = mo.end()
            of_used = True
    mods: list[tuple[int, int]] = []
    if of_used and not vague:
        # a partitive whose whole is counted in digits: "10 of the next 13 games", "three of
        # their 12 matches" (the walk below reads words only, so the number is taken here)
        pn = _PARTITIVE_WHOLE.match(text, pos)
        if pn:
            mods.append((pn.start("n"), pn.end("n")))
            pos = pn.end()
    head = None
    for _ in range(7):
        # (only a capital or a digit can start one: most words skip the regex)
        nc = text[pos + 1 : pos + 2]
        dm = _DESIGNATION.match(text, pos + 1) if text[pos : pos + 1] == " " and (nc.isdigit() or nc.isupper()) else None
        if dm and (dm.group("lead") or (mods and text[mods[-1][0]].isupper())):
            if dm.group("pl"):
                head = (dm.start(), dm.end(), dm.group(0))
                break
            mods.append((dm.start(), dm.end()))
            pos = dm.end()
            continue
        wm = _WORD.match(text, pos + 1) if text[pos : pos + 1] == " " else None
        if wm is None:
            # allow newline/multiple spaces? keep it strict: a single space between words
            break
        tok = wm.group(0)
        tstart, tend = wm.start(), wm.end()
        clean = tok
        if clean.endswith(".") and clean.count(".") == 1:
            clean = clean[:-1]
            tend -= 1
        low = clean.lower()
        # an acronym is a name, not the function word or unit it spells in lower case: "13 US
        # cities", "80 million new PC users" ("us" is a pronoun, "pc" per cent)
        acronym = 2 <= len(clean) <= 5 and clean.isalpha() and clean.isupper() and low not in U.UNITS
        if low in _MONTHS and clean[0].isupper():
            break  # "11 September attacks": a date
        if low in ("the",) and of_used and not mods:
            pos = tend
            continue
        if low in ("and", "or") and mods and text[pos : pos + 1] == " " and _coordinated_adjective(text, mods[-1], tend):
            pos = tend  # "124 small and medium sized manufacturers": two adjectives, one head
            continue
        if low in U.FUNCTION_WORDS and low not in ("more",) and not acronym:
            break
        if low in ("include", "included", "including"):
            break  # a verb no noun phrase holds: "the nine missing include two children"
        if low == "others" and not mods:
            ca_o = _casualty_after(text, tend)
            if ca_o or kill_before:
                head = (tstart, tend, "people")
            break
        if _ACRONYM_PLURAL.fullmatch(clean) and clean[:-1].lower() not in U.UNITS:
            head = (tstart, tend, clean)  # "575 million PCs", "two MPs", "12 SUVs"
            break
        if low in _NOUN_OR_VERB and not mods and _NOUN_NOT_VERB_AFTER.match(text, tend):
            head = (tstart, tend, clean)  # "two shows at the venue", "three wins in a row"
            break
        if clean[0].islower() and (_plural_like(clean) or (is_one and _singular(low) in U.PERSON_NOUNS)):
            if low in U.NOT_COUNT_NOUNS:
                break
            head = (tstart, tend, clean)
            break
        if _proper_plural_head(text, clean, tok, tend, mods, numtxt or "", m.start()):
            head = (tstart, tend, clean)  # "55,000 North Koreans,", "two Rodongs were fired"
            break
        if clean != tok:  # a word ending the sentence that is not a head
            break
        named = clean[0].isupper() or any(ch.isdigit() for ch in clean)
        common = sum(1 for a, b in mods if text[a].islower() and not text[a:b].lower().endswith("ly"))
        if len(mods) >= 6 or (not named and common >= 3) or (named and len(mods) >= 5):
            break
        if (low in U.NOT_COUNT_NOUNS or low in U.UNITS or low in U.PERCENT_FORMS) and not acronym:
            break
        if clean.endswith(("ly",)) and clean[0].islower() and low not in ("only",):
            pass
        mods.append((tstart, tend))
        pos = tend
    numstr = (numtxt or "").lower()

    if head is None:
        # elided noun: "67 wounded", "killing at least 30", "more than 1,000"
        ca = _casualty_after(text, e)
        if ca is None and not vague:
            mm_ = _MORE_CASUALTY.match(text, e)
            if mm_:
                ca = _casualty_after(text, mm_.end())
        if ca is not None and not is_one and ca.group("aux") and _SINGULAR_AUX.search(ca.group("aux")):
            ca = None  # "the father of five was shot and killed": the verb's subject is one person
        if ca and not ca.group("aux") and not vague:
            part = participle_of(ca)
            finite = (ca.group("idiom") or "").lower().startswith("lost")  # "300 lost their lives": the verb stays out
            return finish([make("casualties", "person", e if finite else ca.end(), value_high=vhigh, conf=0.8,
                                participle=part)])
        if ca and not vague:
            part = participle_of(ca)
            return finish([make("casualties", "person", e, value_high=vhigh, conf=0.7, participle=part)])
        # ("killing one" closing a clause is one victim; "killed one of the" is not elided)
        if kill_before and not vague and (not is_one or text[e : e + 1] in (",", ".", ";", "\n", "")) and not (
            text[e : e + 1] == " " and _WORD.match(text, e + 1) and _WORD.match(text, e + 1).group(0)[0].isupper()
        ):
            verb = _BEFORE_KILL.search(before).group(0).lower()
            part = "killed" if any(k in verb for k in ("kill", "death", "toll", "dead", "fatalit")) else "wounded"
            return finish([make("casualties", "person", e, value_high=vhigh, conf=0.65, participle=part)])
        yearish = bool(digits) and len(digits) == 4 and digits.isdigit() and 1900 <= v1 <= 2100
        if not vague and not is_one and not yearish and v1 == int(v1) \
                and "number of" in text[max(0, m.start() - 160) : m.start()]:
            # (up to the number itself: a match may start with its "from")
            no = _NUMBER_OF_CHANGE.search(text, max(0, m.start() - 160), m.start("num"))
            noun = _number_of_head(no.group("np")) if no and not _DEATH_WORDS.search(no.group(0)) else None
            if noun:
                # "The number of films released rose to 310 in 2004 from 287": both count films
                unit = "person" if noun[0].isupper() else _singular(noun)
                return finish([make("count", unit, e, value_high=vhigh, conf=0.6, noun_phrase=noun)])
        prevw = last_word(text[max(0, m.start() - 30) : m.start()])
        after_noun = bool(prevw) and (_plural_like(prevw) or prevw.lower() in ("aged", "age"))
        # ("within" bounds a measure it is written with: "within six points of the leaders", "within
        # two or three hours", "within five business days" elide nothing countable)
        if bound_word and bound_word.lower() != "within" and not vague and not is_one and v1 >= 2 \
                and (v1 == int(v1)) and not yearish and not after_noun and (
            text[e : e + 1] in (" ", ",", ".", ";", ")", "") or text[e : e + 1] == "\n"
        ):
            nxt = _WORD.match(text, e + 1) if text[e : e + 1] == " " else None
            if nxt and ((nxt.group(0).lower() in U.UNITS and nxt.group(0).lower() not in U.STRICT_ATTACHED)
                        or nxt.group(0)[0].isupper()):
                return []
            return finish([make("count", None, e, value_high=vhigh, conf=0.45)])
        if not bound_word and not vague and _scaled_alone(text, m, e, before):
            # "the audience averaged 13.7 million and peaked at 14.2 million", "24 million saw
            # him", "a total of 30 billion for the year": a number written with a scale word is
            # an amount of something said before, not a designation or a measure
            return finish([make("count", None, e, value_high=vhigh, conf=0.5, extra={"elided_amount": True})])
        if not bound_word and not vague and not is_one and vhigh is None and v1 >= 2 and v1 == int(v1) \
                and not yearish and not after_noun and (prevw or "").lower() not in _DEFINITE \
                and not m.group("sca") and not ("." in (digits or "") and not m.group("scw")) \
                and not (any(ch.isupper() for ch in prevw or "") and (prevw or "").lower() not in _SENTENCE_OPENERS
                         and not _SENTENCE_END_WORD.search(text, max(0, m.start() - 30), m.start())) \
                and ((_ELIDED_SUBJECT.match(text, e) and (prevw or "").lower() not in _PREPOSITIONS)
                     or _ELIDED_MORE.match(text, e)) \
                and not _NOT_ELIDED_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            # the counted noun said before: "12,500 jobs had gone while 7,800 were being moved",
            # "an order for 30 aircraft with the option to buy 20 more"
            return finish([make("count", None, e, conf=0.45)])
        return []

    hs, he, hword = head
    if hword.lower() in ("police", "staff", "crew", "aircraft", "army", "security") and text[he : he + 1] == " ":
        # compound heads: "two police officers", "50 staff members"
        nx = _WORD.match(text, he + 1)
        if nx and nx.group(0)[0].islower() and _plural_like(nx.group(0).rstrip(".")):
            hword = nx.group(0).rstrip(".")
            he = nx.start() + len(hword)
            hs = nx.start()
            mods.append((head[0], head[1]))
    if is_one and numstr in ("one", "1", "a"):
        # singular: only casualties ("one woman injured")
        pass
    if m.group("group") and hword.lower() in PLURALIA_TANTUM:
        return []  # "a pair of dark glasses": one thing, after its modifiers too
    unit = _singular(hword)
    if hword.lower() == "police":
        unit = "police officer"
    elif hword[0].isupper() and hword.endswith("ans"):
        unit = "person"  # demonyms: "55,000 North Koreans", "ten Americans"
    phrase = text[(mods[0][0] if mods else hs) : he]
    end = he
    ca = _casualty_after(text, he)
    if ca is not None and ca.group("aux") and (prev or "").lower() in _PREP_BEFORE_OBJECT:
        ca = None  # "four people in two cars were shot": the verb's subject is the people, not the cars
    low = hword.lower()
    kind = "count"
    part = None
    conf = 0.7 if vague else 0.82
    if not ca:
        ap = _APPOS_CASUALTY.match(text, he)
        if ap is None and _INCLUDING_BEFORE.search(before):
            ap = _PASSIVE_CASUALTY.match(text, he)
        if ap:
            kind = "casualties"
            part = ap.group(0).lower().split()[-1]
    if not ca and kind != "casualties":
        co = _COORD_CASUALTY.match(text, he)
        if co:  # "Eight soldiers and 22 militants have been killed": the first is a casualty too
            ca_kind = "killed" if co.group("idiom") else co.group("p").lower()
            kind = "casualties"
            part = ca_kind
    if not ca and kind != "casualties" and not is_one and (unit in _PERSONISH or text.startswith(" who ", he)):
        lc = _LATE_CASUALTY.match(text, he)
        if lc:  # the span stays on the people: the verb is a clause away ("who" says they are people)
            kind = "casualties"
            part = (lc.group("p") or lc.group("died") or lc.group("went")).lower()
    if not ca and kind != "casualties" and not is_one and unit in _PERSONISH:
        wide = text[max(0, m.start() - 120) : m.start()]
        if ("," in wide[-15:] and _KILLED_INCLUDING.search(wide)) or _KILL_COORD_BEFORE.search(wide):
            kind = "casualties"
            part = "killed" if re.search(r"(?i)kill|die|dead", wide) else "wounded"
    if ca:
        part = participle_of(ca)
        kind = "casualties"
        # (a participle right after the noun is in the span, "seven people shot dead"; a finite
        # verb is not: "died", "300 people lost their lives")
        if not ca.group("aux") and not part.startswith("died") and not (ca.group("idiom") or "").lower().startswith("lost"):
            end = ca.end()
    elif kind == "casualties":
        pass
    elif unit == "life" and _LIVES_BEFORE.search(before):
        kind = "casualties"
        part = "killed"
    elif unit in _CASUALTY_HEADS or low in ("dead", "wounded", "injured"):
        kind = "casualties"
        part = {"dead": "killed", "wounded": "wounded", "injured": "injured"}.get(
            low, _DEAD_LIKE.get(unit, "killed")
        )
        if unit in ("dead", "wounded", "injured"):
            unit = "person"
    elif kill_before and unit in _PERSONISH:
        kind = "casualties"
        verb = _BEFORE_KILL.search(before).group(0).lower()
        part = "killed" if ("kill" in verb or "death" in verb) else "wounded"
    if is_one and kind != "casualties":
        return []
    if is_one and kind == "casualties" and unit not in _PERSONISH:
        return []
    if kind == "casualties":
        conf = 0.85 if not vague else 0.7
    return finish([make(kind, unit, end, value_high=vhigh, conf=conf, noun_phrase=phrase, participle=part)])
