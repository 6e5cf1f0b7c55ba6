"""Stage 3: what a figure measures, and its bound.

:func:`classify` takes one :data:`.figure.MASTER` match and decides the one kind it claims,
trying the readings in a fixed order, the most specific first:

1. money with a sign or code before the number ("$5m", "HK$3.7 billion", "USD 20")
2. "Mach 5"; percentages ("5%", "two-thirds"); multipliers ("3-fold")
3. ages (:mod:`.ages`)
4. money with a currency word, code or minor unit after the number ("5 million euros",
   "42 KWD", "50 cents")
5. measures: a unit phrase after the number (:mod:`.measures`)
6. counts and casualties: a counted noun after it (:mod:`.counted`); "5m" alone
   (:func:`.measures.read_bare_m`)

The bound comes from a bound word before the figure ("about", "more than", read by the
regex) or after it ("30 or more", "500+"). It hands :class:`~.mention.Mention` objects to
:mod:`.scan`, which collects them for :mod:`.composition`.
"""

from __future__ import annotations

import re

from . import numbers as N
from . import units as U
from .ages import read_age
from .counted import _count, out_of
from .cues import BEFORE_MONEY, PERCENT_AFTER, _bound_of
from .currency import (
    _CODES,
    _CUR_WORD_CASED,
    _LOWER_DOLLAR_BEFORE,
    _MINOR,
    _PENCE_AFTER,
    _SCALE_AFTER_CODE,
    _currency_word_at,
    currency_of_sign,
)
from .figure import Figure, neg_start, number_value, scale_word
from .measures import BELOW_ZERO, read_bare_m, read_measure
from .mention import Mention
from .patterns import _alt, lazy_re
from .ranges import range_reading, split_from

_FOLD = lazy_re(r"-?\s?fold\b", re.IGNORECASE)
# a multiplier written "N times" before what it multiplies or compares: "15 times larger",
# "three times the size of", "four times as many", "2.5 times more likely". Not the times of
# occasions: "won three times the following year", "met five times after that" (the words
# after "times" are listed, not any "-er" word: "after", "over", "earlier" follow occasions)
_TIMES_MULT = lazy_re(
    r"\s+times\s+(?=(?:larger|bigger|higher|greater|faster|smaller|lower|longer|shorter|stronger|heavier|"
    r"cheaper|wider|deeper|costlier|more|less|fewer)\b(?!\s+(?:than\s+)?(?:once|twice)\b)"
    r"|as\s+(?:many|much|[a-z]+\s+as)\b"
    r"|the\s+(?:size|amount|number|level|rate|value|average|price|cost|speed|volume|weight|population|area|"
    r"capacity|national|global|normal|usual|total)\b)",
    re.IGNORECASE,
)
_OF_PP = lazy_re(r"\s+of\s+a\s+(?:percentage[ -]point|per\s*cent(?:age)?\s+point)\b", re.IGNORECASE)
_POST_BOUND = lazy_re(rf"\s*(?:,\s*)?(?P<b>{_alt(U.BOUND_AFTER)})\b(?!\s+(?:than|of)\b)", re.IGNORECASE)
_PLUS_ATTACHED = lazy_re(r"\+|-plus\b", re.IGNORECASE)
_WORD_AFTER = lazy_re(r" ([A-Za-z]+)")
_OR_MORE = lazy_re(r"\s+or\s+(?P<b>more|fewer|less)(?=\s+(?P<w>[a-z][a-z-]*)\b)", re.IGNORECASE)
# what follows an additive "plus": a determiner or a number starting another noun phrase
_PLUS_ADDS = lazy_re(
    r"\s+(?:the|a|an|another|its|his|her|their|our|some|\d|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)
_BEFORE_MACH = lazy_re(r"\bMach\s*-?\s*$")


def classify(text: str, m: re.Match) -> list[Mention]:
    """The mentions one figure claims (usually one; two for a change "from 3 to 5 percent"),
    or ``[]`` when it claims nothing (a year, a designation, part of a word)."""
    v1, vague = number_value(m)
    if v1 is None:
        return []
    frac = m.group("frac") is not None
    num_start = m.start("num")
    neg_at = neg_start(m)
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
        v1, v2, is_from = range_reading(text, m, v1)
    if sep and v2 is None:
        # not a range after all: stop after the first number (the caller reads the second anew)
        e = m.end("sca") if m.group("sca") else m.end("scw") if m.group("scw") else m.end("num")
        sep = None
    if between and not sep:
        between = None
    if between and not is_from:
        start = m.start("between")
    # "rose from 3 to 5 percent" is a change, not a range: two exact claims
    is_change = is_from and sep is not None

    digits = m.group("digits")
    words = m.group("words")
    # "150-plus homes", "300-plus kilometres", "3+ years": the bound is written between the number
    # and what it counts or measures; the readers look past it ("-plus" closing the figure, as
    # in "aged 18-plus.", is read by finish() below)
    if not sep and not vague and not m.group("cur") and bound == "exact":
        pa = _PLUS_ATTACHED.match(text, e)
        nw = _WORD_AFTER.match(text, pa.end()) if pa else None
        w = nw.group(1).lower() if nw else ""
        # (not "8+ million kids": the scale belongs to the number; and only before a plural or a
        # unit, not "the 10-plus candidate showdowns", where the number counts candidates)
        if w and w not in N.SCALES and (w.endswith("s") or w in U.UNITS or w in U.PERCENT_FORMS):
            e, bound = pa.end(), "lower"
        # "seven or more ballistic missiles", "ten or fewer ships": the same, written in words
        # (after a unit, "1,000 km or more", finish() reads it)
        elif pa is None and (om := _OR_MORE.match(text, e)) is not None and om.group("w").lower() not in U.FUNCTION_WORDS:
            e, bound = om.end(), U.BOUND_AFTER["or " + om.group("b").lower()]
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
        if is_change and ms:
            return split_from(text, m, ms[0], v1, v2)
        # bound written after: "30 or more", "$5bn or so"
        for mm in ms:
            pb = _POST_BOUND.match(text, mm.end)
            if pb and pb.group("b").lower() == "plus" and _PLUS_ADDS.match(text, pb.end()):
                pb = None  # "three cameras, plus the GoPro": "plus" adds a thing, no bound
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
    mb = _BEFORE_MACH.search(before) if "Mach" in before and not bound_word else None
    if mb:
        s = start - (len(before) - mb.start())
        return finish([make("speed", "mach", e, value_high=vhigh, conf=0.9, s=s)])

    # ---- percentages ---------------------------------------------------------------------
    if frac:
        pp = _OF_PP.match(text, e)
        if pp:  # "a quarter of a percentage point"
            return finish([make("percentage", "percentage_point", pp.end(), value=v1, conf=0.85)])
        # fractions of a whole: "two-thirds" -> 66.666...
        return finish([make("percentage", "percent", e, value=v1 * 100, conf=0.8)])
    if not sep and not vague and not cur and (digits or words) and " out of " in text[e : e + 9]:
        ob = out_of(text, e, v1)
        if ob is not None:  # "nine out of 10 members": a fraction of a whole
            return finish([make("percentage", "percent", ob[1], value=v1 / ob[0] * 100, conf=0.8)])
    pm = PERCENT_AFTER.match(text, e)
    if pm:
        u = " ".join(pm.group("u").lower().replace("-", " ").split())
        unit = "percentage_point" if "point" in u or u.startswith("pp") else "percent"
        return finish([make("percentage", unit, pm.end(), value_high=vhigh, conf=0.95)])

    # ---- multipliers: "four-fold", "3-fold" --------------------------------------------
    fm = _FOLD.match(text, e)
    if fm and not vague:
        return finish([make("other_quantity", "times", fm.end(), conf=0.85)])
    if " times " in text[e : e + 8] and not vague and not sep and not cur and (digits or words):
        tm = _TIMES_MULT.match(text, e)
        if tm:  # (the span ends at "times": what it compares is no part of the figure)
            return finish([make("other_quantity", "times", e + len(tm.group(0).rstrip()), conf=0.8)])

    scaled = bool(m.group("sca") or m.group("scw") or m.group("sca2") or m.group("scw2"))
    f = Figure(text, m, v1, vhigh, vague, digits, words, sep, bound_word, start, e, before, scaled,
               (m.group("sca") or "").lower().strip(), make, finish)
    found = read_age(f)
    if found is None:
        found = _money_written_after(f)
    if found is None and scaled and not sep and not vague and "(" in text[e : e + 3]:
        found = _sign_dropped(f)
    if found is None:
        found = read_measure(f)
    if found is not None:
        return found

    if next_ch.isalnum() and not (m.group("sca") or m.group("sca2")):
        return []  # "5G", "747s", "1990s": part of a word

    bz = BELOW_ZERO.match(text, e) if (digits or words) and not sep and not vague else None
    if bz:  # "2 below zero": a temperature with its scale unwritten
        return finish([make("other_quantity", "degree", bz.end(), value=-v1, conf=0.75)])

    # ---- counts and casualties -----------------------------------------------------------
    res = _count(text, m, make, finish, v1, vhigh, vague, e, before, bound_word, digits, words)
    if res:
        return res
    found = read_bare_m(f)
    return found if found is not None else []


# "took $28.5m (£15.2m), making a total of 204.3m (£109m)": an amount printed without its sign
# but restated in another currency in brackets, as the text's earlier pairs were. It takes the
# currency of the last such pair restated in the same sign; with no such pair it stays unread.
_PAREN_SIGN = lazy_re(r"\s?\(\s?(?P<s>[£$€¥])\s?\d")
_SIGNED_PAIR = lazy_re(
    r"(?P<c>[$£€¥]|US\$|A\$|C\$|HK\$)\s?\d[\d.,]*\s?(?:m|bn|million|billion)\b\s?\(\s?(?P<s>[£$€¥])\s?\d"
)


def _sign_dropped(fig: Figure) -> list | None:
    pm = _PAREN_SIGN.match(fig.text, fig.end)
    if pm is None:
        return None
    code = None
    for sp in _SIGNED_PAIR.finditer(fig.text, max(0, fig.start - 3000), fig.start):
        if sp.group("s") == pm.group("s") and sp.group("c") != pm.group("s"):
            code = currency_of_sign(sp.group("c"))
    if code is None:
        return []  # restated as money, so no distance or count; its own currency is unknown
    return fig.finish([fig.make("money", code, fig.end, currency=code, conf=0.6)])


def _money_written_after(fig: Figure) -> list | None:
    """Money written with a currency word, code, sign or minor unit after the number ("5
    million euros", "1.5 trillion won", "42 KWD", "20€", "30 MUSD", "50 cents"); ``None``
    when none follows."""
    text, e, before, digits, words = fig.text, fig.end, fig.before, fig.digits, fig.words
    v1, vhigh, vague, scaled, make, finish = fig.v1, fig.vhigh, fig.vague, fig.scaled, fig.make, fig.finish
    cm = _currency_word_at(text, e)
    if cm and (cm.group("of") is None or vague):
        word = " ".join(cm.group("u").lower().split())
        if text[e : e + 1] == "-" and not digits and (words or "").lower().startswith(("a ", "an ")):
            return []  # "a billion-dollar dent": a magnitude adjective, no figure
        code = U.CURRENCY_SUFFIX[word]
        ok = True
        if word in U.WEAK_CURRENCY_WORDS:
            if word in ("pound", "pounds"):
                ok = scaled or vague or bool(BEFORE_MONEY.search(before)) or bool(_PENCE_AFTER.match(text, cm.end()))
            elif word == "won":
                ok = scaled or vague or v1 >= 1000
            else:
                ok = True
        if ok:
            conf = 0.7 if vague else 0.93
            sm = _SCALE_AFTER_CODE.match(text, cm.end()) if not scaled and not vague else None
            if sm:  # "75 USD million"
                f = scale_word(sm.group("scale"))
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
            f = scale_word(cc.group("scale"))
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

    return None
