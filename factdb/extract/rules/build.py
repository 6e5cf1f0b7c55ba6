"""Turn the engine's mentions into contract :class:`~factdb.models.Claim` objects.

Containment: building one claim may fail (a rule bug, a value the contract refuses, such as
``value_high`` below ``value``). That failure becomes a :class:`~factdb.extract.registry.Fault`
at the mention's offset and the next mention is built: a bad rule loses its claim, never the
extractor's other claims in the document.

Cost: each claim looks at a bounded window of its sentence (its words, its nearest source),
never the whole sentence, so time stays linear in the text however dense the figures are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from factdb.extract.registry import Fault, describe
from factdb.models import Claim

from . import attributes, engine
from .attribution import attribution_at

_sentences = attributes.sentences


def claims(text: str, kinds: Iterable[str], extractor: str, version: str) -> Iterator[Claim | Fault]:
    """Claims of the given kinds found in ``text``, with attribute, subject and attribution;
    a :class:`Fault` in place of any claim that could not be built."""
    wanted = frozenset(kinds)
    found = engine.analysis(text)
    for offset, reason in found.faults:
        # the engine could not read a match: whichever kind it was, this extractor may have lost it
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


def _claim(text: str, sents: attributes.Sentences, m: engine.Mention, extractor: str, version: str) -> Claim:
    s0, s1 = sents.bounds(m.start)
    end = min(m.end, s1)
    win, at = attributes.window_at(text, s0, s1, m.start, end)
    attr, subject = attributes.name(m.kind, m.unit, m.participle, win, at)
    if m.kind in ("count", "casualties") and m.noun_phrase:
        subject = m.noun_phrase if not m.participle else f"{m.noun_phrase} {m.participle}"
    elif m.kind == "casualties" and m.participle:
        subject = f"people {m.participle}"
    return Claim(
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
        attribution=attribution_at(sents, s0, s1, m.start, end),
        extractor=extractor,
        extractor_version=version,
        confidence=m.confidence,
    )
