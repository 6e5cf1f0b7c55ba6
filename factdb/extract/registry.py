"""The extractor registry: every curated extractor, by name and rule version.

An extractor is a pure function of a :class:`Context` (the text and the document's
publication date) returning :class:`~factdb.models.Claim` objects. This module imports
nothing from the database layer, so ``factdb extract`` starts fast.

Containment: a rule that raises, or emits a claim that breaks the contract, loses that
claim, never the document. Building a :class:`Claim` that breaks the contract raises
:class:`~factdb.models.ContractError` (a ``ValueError``), contained like any exception.
Rules report a failure at one mention by yielding a :class:`Fault` instead of a claim; an
exception that escapes an extractor ends that extractor's output for the document and
becomes a fault too. :func:`extract` returns the
faults beside the claims so callers can record (store) or warn (``factdb extract``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from factdb.failures import describe
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


@dataclass(frozen=True)
class Fault:
    """A rule failure: the claim (or the rest of an extractor's output) it cost, and why."""

    extractor: str
    version: str
    offset: int | None  # char offset of the mention in the text, when known
    reason: str  # one line: exception type and message, or the broken invariant

    def __str__(self) -> str:
        where = f" at char {self.offset}" if self.offset is not None else ""
        return f"extractor {self.extractor} {self.version}{where}: {self.reason}"


@dataclass(frozen=True)
class Extraction:
    claims: list[Claim]
    faults: list[Fault]


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
    """Run extractors over ``text``; claims sorted by position, exact duplicates dropped.

    Faults are dropped silently here; use :func:`extract` to see them.
    """
    return extract(text, published, names).claims


def extract(text: str, published: dt.date | None = None, names: Iterable[str] | None = None) -> Extraction:
    """Run extractors over ``text``: valid claims in position order, and the faults met.

    Never raises for any text: every claim is re-checked against the contract's span
    invariant here, and a rule's exception becomes a :class:`Fault`.
    """
    ctx = Context(text, published)
    seen: set[tuple] = set()
    out: list[Claim] = []
    faults: list[Fault] = []
    for ex in extractors(names):
        try:
            for claim in ex.run(ctx):
                if isinstance(claim, Fault):
                    faults.append(Fault(ex.name, ex.version, claim.offset, claim.reason))
                    continue
                if not claim.check_span(text):
                    faults.append(Fault(ex.name, ex.version, claim.char_start, "quote does not match its span"))
                    continue
                key = (claim.char_start, claim.char_end, claim.kind)
                if key in seen:
                    continue
                seen.add(key)
                if claim.extractor != ex.name or claim.extractor_version != ex.version:
                    claim = replace(claim, extractor=ex.name, extractor_version=ex.version)
                out.append(claim)
        except Exception as exc:  # a rule bug costs its claims, never the document
            faults.append(Fault(ex.name, ex.version, None, describe(exc)))
    out.sort(key=lambda c: (c.char_start, c.char_end, c.kind))
    return Extraction(out, faults)


def _load() -> None:
    # Importing the rule modules registers them; done lazily so importing the registry is cheap.
    from factdb.extract import rules  # noqa: F401
