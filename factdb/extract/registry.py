"""The extractor registry: every curated extractor, by name and rule version.

An extractor is a pure function of a :class:`Context` (the text and the document's
publication date) returning :class:`~factdb.models.Claim` objects. This module imports
nothing from the database layer, so ``factdb extract`` starts fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factdb.models import Claim


@dataclass(frozen=True)
class Context:
    text: str
    published: dt.date | None = None


@dataclass(frozen=True)
class Extractor:
    name: str
    version: str  # bump whenever the rules change what is extracted
    description: str
    run: Callable[[Context], Iterable[Claim]]


_REGISTRY: dict[str, Extractor] = {}


def register(name: str, version: str, description: str):
    """Decorator: ``@register("quantities", "1.0", "...")`` on ``def run(ctx) -> claims``."""

    def wrap(fn: Callable[[Context], Iterable[Claim]]):
        if name in _REGISTRY:
            raise ValueError(f"extractor {name!r} registered twice")
        _REGISTRY[name] = Extractor(name, version, description, fn)
        return fn

    return wrap


def extractors(names: Iterable[str] | None = None) -> list[Extractor]:
    """Registered extractors, in registration order; ``names`` selects some of them."""
    _load()
    if names is None:
        return list(_REGISTRY.values())
    wanted = list(names)
    unknown = [n for n in wanted if n not in _REGISTRY]
    if unknown:
        raise KeyError(f"unknown extractor(s): {', '.join(unknown)}; known: {', '.join(_REGISTRY)}")
    return [_REGISTRY[n] for n in wanted]


def extract_claims(
    text: str, published: dt.date | None = None, names: Iterable[str] | None = None
) -> list[Claim]:
    """Run extractors over ``text``; claims sorted by position, exact duplicates dropped."""
    ctx = Context(text, published)
    seen: set[tuple] = set()
    out: list[Claim] = []
    for ex in extractors(names):
        for claim in ex.run(ctx):
            key = (claim.char_start, claim.char_end, claim.kind)
            if key in seen:
                continue
            seen.add(key)
            if claim.extractor != ex.name or claim.extractor_version != ex.version:
                claim = claim.model_copy(update={"extractor": ex.name, "extractor_version": ex.version})
            out.append(claim)
    out.sort(key=lambda c: (c.char_start, c.char_end, c.kind))
    return out


def _load() -> None:
    # Importing the rule modules registers them; done lazily so importing the registry is cheap.
    from factdb.extract import rules  # noqa: F401
