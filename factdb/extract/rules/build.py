"""Stage 5: turn the pass's mentions into contract :class:`~factdb.models.Claim` objects.

Containment: building one claim may fail (a rule bug, a value the contract refuses, such as
``value_high`` below ``value``). That failure becomes a :class:`~factdb.extract.registry.Fault`
at the mention's offset and the next mention is built: a bad rule loses its claim, never the
extractor's other claims in the document.

Cost: each claim looks at a bounded window of its sentence (its words, its nearest source),
never the whole sentence, so time stays linear in the text however dense the figures are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from factdb.extract.registry import Fault, describe
from factdb.models import Claim

from . import attributes, scan
from . import numbers as N
from . import units as U
from .attribution import attribution_at
from .mention import Mention
from .patterns import lazy_re

_sentences = attributes.sentences


def claims(text: str, kinds: Iterable[str], extractor: str, version: str) -> Iterator[Claim | Fault]:
    """Claims of the given kinds found in ``text``, with attribute, subject and attribution;
    a :class:`Fault` in place of any claim that could not be built."""
    wanted = frozenset(kinds)
    found = scan.analysis(text)
    for offset, reason in found.faults:
        # the pass could not read a match: whichever kind it was, this extractor may have lost it
        yield Fault(extractor, version, offset, reason)
    mentions = [m for m in found.mentions if m.kind in wanted]
    if not mentions:
        return
    sents = _sentences(text)
    for m in mentions:
        try:
            claim = _claim(text, sents, m, extractor, version)
        except Exception as exc:  # one mention's failure costs that claim only
            yield Fault(extractor, version, m.start, describe(exc))
            continue
        yield claim


def _claim(text: str, sents: attributes.Sentences, m: Mention, extractor: str, version: str) -> Claim:
    s0, s1 = sents.bounds(m.start)
    end = min(m.end, s1)
    win, at = attributes.window_at(text, s0, s1, m.start, end)
    attr, subject = attributes.name(m.kind, m.unit, m.participle, win, at)
    if m.kind in ("count", "casualties") and m.noun_phrase:
        subject = m.noun_phrase if not m.participle else f"{m.noun_phrase} {m.participle}"
    elif m.kind == "casualties" and m.participle:
        subject = f"people {m.participle}"
    value_w, unit_w = as_written(text, m)
    return Claim(
        kind=m.kind,
        char_start=m.start,
        char_end=m.end,
        quote=text[m.start : m.end],
        value_as_written=value_w,
        unit_as_written=unit_w,
        unit=m.unit,
        value=m.value,
        value_high=m.value_high,
        currency=m.currency,
        bound=m.bound,
        attribute=attr,
        subject=subject,
        attribution=attribution_at(sents, s0, s1, m.start, end),
        extractor=extractor,
        extractor_version=version,
        confidence=m.confidence,
    )


# --- The figure and its unit as the text writes them (issue 9) -----------------------------
# value_as_written: the number as printed, with its scale word and, for a range, the second
# number: "1,100", "35 billion", "600m", "four to five thousand", "1,000-2,000". Always a
# substring of the quote. unit_as_written: the quote's other words that say what is
# measured, without bound words: "miles", "$", "per cent", "North Korean soldiers".
_SCALE_WORDS = rf"\s?(?:bn|bln|mn|mln|tn|trn)(?![a-z])|\s+{N.SCALE_WORD}(?![a-z])"
_SCALE_ANY = lazy_re(_SCALE_WORDS, re.IGNORECASE)
# "35m", "5k" are scales only where no unit uses the letter (money, counts): "500m" is metres
_SCALE_COUNTED = lazy_re(rf"{_SCALE_WORDS}|(?:m|b|k|t)(?![a-z])", re.IGNORECASE)
_SCALED_KINDS = ("money", "count", "casualties")
_RANGE_REST = lazy_re(
    r"-?(?:\s+and\s+|\s*[-\u2013\u2014]\s*|\s*\bto\s+)"  # 3 and 5 / 3-5 / 3 to 5 / 18- to 24
    r"(?:[A-Z]{0,3}[$£€¥₩₹₽₺₪]\s?|[A-Z]{3}\s?)?"  # "$3 to $5 billion"
    rf"(?:{N.NUM_DIGITS}|{N.NUM_WORDS})",
    re.IGNORECASE,
)
_LEADING_BOUND = lazy_re(
    rf"^\s*(?:(?:between|from)\s+)?(?:(?:{N._alt(U.BOUND_BEFORE)})\s+)?", re.IGNORECASE
)
_TRAILING_BOUND = lazy_re(rf"(?:\s*,?\s*(?:{N._alt(U.BOUND_AFTER)})|\+|-plus)\s*$", re.IGNORECASE)
_LEADING_JOIN = lazy_re(r"^[\s\-\u2013\u2014]*(?:of\s+)?", re.IGNORECASE)


def as_written(text: str, m: Mention) -> tuple[str | None, str | None]:
    """``(value_as_written, unit_as_written)`` for a mention; ``(None, None)`` for dates and
    for figures the pass reads from a whole phrase without a number span ("a year",
    "tenfold", "one in five"), where the quote itself is the written form."""
    if m.kind in ("date", "period") or not (m.start <= m.num_start < m.num_end <= m.end):
        return None, None
    scale = _SCALE_COUNTED if m.kind in _SCALED_KINDS else _SCALE_ANY
    end = m.num_end
    if sm := scale.match(text, end, m.end):
        end = sm.end()
    if m.value_high is not None and (rm := _RANGE_REST.match(text, end, m.end)):
        end = rm.end()
        if sm := scale.match(text, end, m.end):
            end = sm.end()
    # a currency sign or "Mach" written before the number is part of the unit; other words
    # before it are bound words ("about", "between")
    before = text[m.start : m.num_start] if (m.currency or m.unit == "mach") else ""
    if before:  # most figures have nothing before the number here, or after it (the substitutions are no-ops)
        before = _LEADING_BOUND.sub("", before)
    after = text[end : m.end]
    if after:
        after = _TRAILING_BOUND.sub("", _LEADING_JOIN.sub("", after))
    unit = " ".join(f"{before} {after}".split())
    return text[m.num_start : end], unit or None
