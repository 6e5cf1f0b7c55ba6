"""The fast figure search finds exactly what ``MASTER.search`` finds (issue 9, speed).

:func:`~factdb.extract.rules.figure.candidate_search` (what ``figure_search`` turns to once a
process has searched enough text to repay its regex) tries :data:`~factdb.extract.rules.figure.MASTER`
only where a candidate scan of the lower-cased text says a figure may start. It may not lose
or change a match: here it is compared with ``MASTER.search`` from every position, on
generated strings built from the characters and words that matter, on hard wordings in every
case mix, and on the repository's texts and the shared corpus when it is present.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factdb.extract.rules import figure as F

ROOT = Path(__file__).resolve().parents[1]
PLAIN = re.compile(F.MASTER.pattern, F.MASTER.flags)


def _chains(text: str):
    """From each position: what the plain search finds, and what the fast one finds."""
    search = F.candidate_search(text)
    for start in range(len(text) + 1):
        a, b = PLAIN.search(text, start), search(start)
        yield start, (a and (a.span(), a.groups())), (b and (b.span(), b.groups()))


PIECES = st.lists(
    st.sampled_from(
        [" ", "  ", "\n", "\n\n", "\t", "\u00a0", ".", ",", "(", "“", "-", "−", "–", "/", ":", "$", "£", "€",
         "#", "%", "~", "5", "42", "1,100", "3.5", "0", "½", "٥", "a", "A", "an", "one", "ONE", "Two", "five",
         "twenty", "Ninety", "hundred", "Million", "bn", "m", "k", "dozen", "Dozens", "tens of", "thousands",
         "half", "Half", "a third", "quarter", "by", "of", "to", "and", "between", "From", "about", "ABOUT",
         "more than", "Up To", "a little over", "approx.", "some", "in excess of", "at least", "US$", "HK$",
         "USD", "usd$", "Rs", "Rs.", "Kz", "RM", "U.S. $", "u.s. $", "ABC", "minus", "minus-", "\u017fome",
         "\u0131n", "\u0130n", "\u212a", "x", "the", "people", "km", "1/4", "10 1/2", "24/7", "Su", "é",
         "pair", "Trio", "of a", "or more"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(PIECES)
def test_fast_search_is_the_plain_search_on_generated_text(text):
    for start, plain, fast in _chains(text):
        assert plain == fast, (text, start)


# wordings where a figure starts on something other than a digit after a space
STRESS = [
    "A Dozen people. ABOUT 5 MILLION. USD5 and usd 5 and USD 5bn. Rs.5 crore, Rs 500 crore, RM79.",
    "minus-5 yards, -5C, \u22123%. Between 5 and 7. FROM 3km TO 5km. a little over 40 kg. An Estimated 3,000.",
    "approx. 5 km. APPROX. 5 KM. \u017fome 5 people. \u0130n excess of 40 tons. \u0131n excess of 40. \u212aM 5.",
    "Tens Of Thousands. HALF OF THEM, by a quarter, BY A QUARTER, a half million, A Third Of, two-thirds of.",
    "a pair of jets, A PAIR OF JETS, a trio of lawsuits, a quarter of a million, Three-Quarters Of A Billion.",
    "10 1/2 miles, 1/4 mile, 24/7. HK$3.7 billion. U.S. $5, u.s. $5, AU $89.99, \u00a35m, \u20ac20, \u20b9500.",
    "Kz 500, Me 5, Rp 5000, S/ 20, KSh 100, TSh 5, Bs.S 10, 42 KWD, UAH 3.04, $US113 trillion, NZD$15, nzd$15.",
    "(5 people) [5] \"5\" 5\u20137 ~5 #5 @5 &5 %5 /5 :5 ,5 .5 percent, .5 per cent, \uff15 people, \u0665 people.",
    "one hundred and twenty-three, A Hundred, a million and five, NINETY NINE, well over 5, Up To 5, Some 5.",
    "\u00a05 people\u2009 5\t5\nline\n5 people\n\nblank 5\n\n\n7 items, Su-27, 1990-95, 4 hundred million.",
]


def test_fast_search_is_the_plain_search_on_hard_wordings():
    for text in STRESS:
        for variant in (text, text.upper(), text.lower(), text.swapcase()):
            for start, plain, fast in _chains(variant):
                assert plain == fast, (variant, start)


def _texts():
    yield from (p.read_text(errors="replace") for p in sorted((ROOT / "seeds").glob("*.txt")))
    shared = ROOT.parent / "shared" / "corpus" / "bbc"
    yield from (p.read_text(errors="replace") for p in sorted(shared.glob("*/*.txt"))[::40])


def test_fast_search_is_the_plain_search_on_news_text_in_every_case():
    seen = 0
    for text in _texts():
        for variant in (text, text.upper(), text.title()):
            pos = 0
            search = F.candidate_search(variant)
            while True:
                a, b = PLAIN.search(variant, pos), search(pos)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), variant[pos : pos + 80]
                if a is None:
                    break
                seen += 1
                pos = a.start("num") + 1 if a.group("num2") else a.end()
    assert seen > 50


def test_figure_search_turns_to_the_candidate_scan_after_enough_text(monkeypatch):
    monkeypatch.setattr(F, "_searched", [0])
    text = "It cost $5m, about 300 people came. " * 100
    plain = [m.span() for m in PLAIN.finditer(text)]
    for _ in range(F._CANDIDATES_AFTER // len(text) + 2):
        search, pos, found = F.figure_search(text), 0, []
        while (m := search(pos)) is not None:
            found.append(m.span())
            pos = m.end()
        assert found == plain
    assert F._searched[0] >= F._CANDIDATES_AFTER


def _plain_ratios(text, out):
    """side_finders._ratios as written before its one-character test (the regexes decide)."""
    from factdb.extract.rules import side_finders as sf

    saved = sf._RATIO_A_LAST
    sf._RATIO_A_LAST = _EVERY_CHAR
    try:
        sf._ratios(text, out)
    finally:
        sf._RATIO_A_LAST = saved


class _Everything:
    def __contains__(self, item):
        return True


_EVERY_CHAR = _Everything()

RATIO_PIECES = st.lists(
    st.sampled_from([" in ", " IN ", " in every ", "one", "ONE", "Five", "ten", "twenty", "six", "3", "12", "٣",
                     "1,000", "\n", ".", ",", "-", "x", "e", "ſix", "people", "years", "%", " "]),
    max_size=8,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(RATIO_PIECES)
@example("one in five")
@example("Three IN every ten")
@example("just 3 in 10")
def test_ratio_finder_reads_what_it_read_without_its_character_test(text):
    from factdb.extract.rules import side_finders as sf

    fast, plain = [], []
    sf._ratios(text, fast)
    _plain_ratios(text, plain)
    assert [(x.start, x.end, x.value) for x in fast] == [(x.start, x.end, x.value) for x in plain]


def test_ratio_examples_are_read():
    from factdb.extract.rules import side_finders as sf

    for text in ("one in five", "Three IN every ten", "just 3 in 10"):
        out = []
        sf._ratios(text, out)
        assert len(out) == 1, text


def test_unfolded_is_the_character_class():
    from factdb.extract.rules import side_finders as sf

    for text in ["", "plain", "İstanbul", "ıt", "ſome", "5 \u212am", "x" * 50 + "\u017f", "ı" * 3, "I i S s K k"]:
        assert sf.unfolded(text) == bool(sf._UNFOLDED.search(text)), text


def _short_number_plain(text, pos):
    """dates.forms._at_short_number as written before it looked at the characters after the digits."""
    from factdb.extract.rules.dates import forms as f

    m = f._P["dmy"].match(text, pos)
    if m:
        yield from f._day_month(text, m, pos)
    yield from f._numeric_at(text, pos)
    m = f._P["yyq"].match(text, pos)
    if m:
        yield from f._quarter_or_half(pos, m.end(), "q", int(m["n"]), f._year2(m["y"]))
    m = f._P["day_only"].match(text, pos)
    if m and f._before(f._ON_THE, text, pos) and f._follow_strict(text, m.end()):
        yield f.Atom(pos, m.end(), "day", d=f._day(m["d"]), confidence=0.7)


DATE_PIECES = st.lists(
    st.sampled_from(["3", "12", "31", "/", "-", ".", "2015", "15", "Q3", "q1", "Dec", "December", "st", "nd", "th",
                     "TH", " ", "on the ", "of ", "March", ",", "x", "\n"]),
    max_size=8,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(DATE_PIECES)
@example("on 3/3/2015, 11/20 and 5/2017, 3-Dec-2015, 19Q3, on the 3rd, 12.03.2015")
def test_short_numbers_read_as_dates_as_before(text):
    from factdb.extract.rules.dates import forms as f

    for m in f._DIGIT_RUN.finditer(text):
        if m.end() - m.start() <= 2:
            fast = list(f._at_short_number(text, m.start(), m.end() - m.start()))
            assert fast == list(_short_number_plain(text, m.start())), (text, m.start())
