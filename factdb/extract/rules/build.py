"""Turn the engine's mentions into contract :class:`~factdb.models.Claim` objects."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from factdb.models import Claim

from . import attributes, engine
from .attribution import attribution

_sentences = attributes.sentences


def claims(text: str, kinds: Iterable[str], extractor: str, version: str) -> Iterator[Claim]:
    """Claims of the given kinds found in ``text``, with attribute, subject and attribution."""
    wanted = frozenset(kinds)
    mentions = [m for m in engine.analyse(text) if m.kind in wanted]
    if not mentions:
        return
    sents = _sentences(text)
    for m in mentions:
        s0, s1 = sents.bounds(m.start)
        sentence = text[s0:s1]
        rs, re_ = m.start - s0, min(m.end, s1) - s0
        win, at = attributes.window(sentence, rs, re_)
        attr, subject = attributes.name(m.kind, m.unit, m.participle, win, at)
        if m.kind in ("count", "casualties") and m.noun_phrase:
            subject = m.noun_phrase if not m.participle else f"{m.noun_phrase} {m.participle}"
        elif m.kind == "casualties" and m.participle:
            subject = f"people {m.participle}"
        yield Claim(
            kind=m.kind,
            char_start=m.start,
            char_end=m.end,
            quote=text[m.start : m.end],
            unit=m.unit,
            value=m.value,
            value_high=m.value_high,
            currency=m.currency,
            bound=m.bound,
            attribute=attr,
            subject=subject,
            attribution=attribution(sentence, rs, re_),
            extractor=extractor,
            extractor_version=version,
            confidence=m.confidence,
        )
