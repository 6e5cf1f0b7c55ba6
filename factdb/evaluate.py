"""Scoring the curated extractors against gold annotations.

Gold files are JSON Lines (``corpus/gold/*.jsonl``), one claim per line, as described in
spec/claims.md. Each line names its document by a path relative to the project root (the
directory holding the ``corpus/`` folder that holds the gold file). The documents are read
with the same reader ingestion uses, so offsets index the same stored text.

Three levels, each a stricter notion of "the same claim":

- ``span``:  the spans overlap;
- ``match``: and the kinds agree and the values agree (relative tolerance 1e-6; for
  ``date``/``period`` the prediction's ``date_start`` equals the gold ISO string) - this is
  the contract's matching rule and the headline figure;
- ``full``:  and the bound and ``value_high`` agree too (for periods, ``date_end``).

Each level is matched on its own: every gold claim and every prediction is used at most
once, chosen greedily by overlap length (longest overlap first, ties by position). Greedy
is not an optimal assignment, but with spans this short the two almost never differ, and
greedy is easy to explain when a figure looks odd.

Predictions of dates without a digit or a month name ("on Friday", "last week") are
dropped before scoring, because gold files do not annotate them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factdb.extract import extract_claims
from factdb.models import Claim

LEVELS = ("span", "match", "full")
DATE_KINDS = ("date", "period")
_MONTH_NAME = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b", re.IGNORECASE)


@dataclass(frozen=True)
class GoldClaim:
    """One annotated claim, with where it was read from (``file:line``) for error reports."""

    doc: str
    char_start: int
    char_end: int
    quote: str
    kind: str
    value: float | str | None
    value_high: float | str | None = None
    unit: str | None = None
    bound: str = "exact"
    currency: str | None = None
    attribute: str | None = None
    note: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Predicted:
    """A prediction reduced to what scoring compares (dates carry their ISO strings as values)."""

    doc: str
    char_start: int
    char_end: int
    quote: str
    kind: str
    value: float | str | None
    value_high: float | str | None
    unit: str | None
    bound: str
    claim: Claim | None = None


@dataclass(frozen=True)
class GoldProblem:
    source: str  # file:line
    message: str


@dataclass(frozen=True)
class Score:
    """Precision over predictions, recall over gold claims, for one level and one kind (or all)."""

    level: str
    kind: str  # a kind, or "all"
    n_gold: int
    n_pred: int
    matched_gold: int
    matched_pred: int

    @property
    def precision(self) -> float:
        return self.matched_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "kind": self.kind,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "matched_gold": self.matched_gold,
            "matched_pred": self.matched_pred,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Evaluation:
    """Gold, predictions and the matched pairs (gold index, prediction index) at each level."""

    gold: list[GoldClaim]
    predictions: list[Predicted]
    matches: dict[str, list[tuple[int, int]]]
    problems: list[GoldProblem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # JSONL files that hold no claim gold (entity links)

    def score(self, level: str = "match", kind: str | None = None) -> Score:
        """Overall (``kind=None``) or for one kind: recall over gold of that kind, precision over predictions of it."""
        pairs = self.matches[level]
        gold_idx = [i for i, g in enumerate(self.gold) if kind is None or g.kind == kind]
        pred_idx = [j for j, p in enumerate(self.predictions) if kind is None or p.kind == kind]
        gold_hit = {i for i, _ in pairs}
        pred_hit = {j for _, j in pairs}
        return Score(
            level,
            kind or "all",
            len(gold_idx),
            len(pred_idx),
            sum(1 for i in gold_idx if i in gold_hit),
            sum(1 for j in pred_idx if j in pred_hit),
        )

    def kinds(self) -> list[str]:
        return sorted({g.kind for g in self.gold} | {p.kind for p in self.predictions})

    def table(self) -> list[Score]:
        """Every level, overall then by kind."""
        return [self.score(level, kind) for level in LEVELS for kind in [None, *self.kinds()]]

    def as_dict(self) -> dict:
        return {
            "n_gold": len(self.gold),
            "n_pred": len(self.predictions),
            "scores": [s.as_dict() for s in self.table()],
            "problems": [{"source": p.source, "message": p.message} for p in self.problems],
            "skipped": self.skipped,
        }


# ---------------------------------------------------------------------------------------
# Reading gold and documents.


def project_root(gold_path: Path) -> Path:
    """The directory holding the ``corpus/`` folder that holds ``gold_path``; else the cwd."""
    for parent in gold_path.resolve().parents:
        if parent.name == "corpus":
            return parent.parent
    return Path.cwd()


CLAIM_KEYS = frozenset({"doc", "char_start", "char_end", "quote", "kind", "value"})


def is_claim_gold(path: str | Path) -> bool:
    """Whether a JSONL file holds claim annotations (other gold, such as entity links, does not)."""
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    row = json.loads(line)
                except ValueError:
                    return False
                return isinstance(row, dict) and CLAIM_KEYS <= row.keys()
    return False


def claim_gold_files(folder: str | Path) -> list[Path]:
    """The claim gold files in a folder such as ``corpus/gold``, sorted."""
    return [p for p in sorted(Path(folder).glob("*.jsonl")) if is_claim_gold(p)]


def load_gold(paths: Iterable[str | Path]) -> tuple[list[GoldClaim], list[GoldProblem], dict[str, Path]]:
    """Gold claims from JSONL files, problems found in them, and each ``doc`` resolved to a file.

    ``doc`` keys stay as written in the gold (so reports read like the gold files); the
    returned mapping says where each one was found.
    """
    gold: list[GoldClaim] = []
    problems: list[GoldProblem] = []
    where: dict[str, Path] = {}
    for path in map(Path, paths):
        root = project_root(path)
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                source = f"{path}:{lineno}"
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    claim = _gold_claim(row, source)
                except (ValueError, KeyError, TypeError) as exc:
                    problems.append(GoldProblem(source, f"unreadable gold line: {exc}"))
                    continue
                if claim.doc not in where:
                    where[claim.doc] = _resolve_doc(claim.doc, root)
                gold.append(claim)
    return gold, problems, where


def _gold_claim(row: dict, source: str) -> GoldClaim:
    return GoldClaim(
        doc=row["doc"],
        char_start=int(row["char_start"]),
        char_end=int(row["char_end"]),
        quote=row["quote"],
        kind=row["kind"],
        value=row.get("value"),
        value_high=row.get("value_high"),
        unit=row.get("unit"),
        bound=row.get("bound") or "exact",
        currency=row.get("currency"),
        attribute=row.get("attribute"),
        note=row.get("note"),
        source=source,
    )


def _resolve_doc(doc: str, root: Path) -> Path:
    candidate = root / doc
    if candidate.exists():
        return candidate
    return Path.cwd() / doc


def read_text(path: Path) -> tuple[str, dt.date | None]:
    """The stored text and publication date of a document, as ingestion would store them."""
    from factdb.ingest import read_document

    doc = read_document(path)
    return doc.text, doc.publication_date


# ---------------------------------------------------------------------------------------
# Predictions and matching.


def is_scored(claim: Claim) -> bool:
    """Gold files do not annotate dates with no digit and no month name ("on Friday")."""
    if claim.kind not in DATE_KINDS:
        return True
    return any(ch.isdigit() for ch in claim.quote) or bool(_MONTH_NAME.search(claim.quote))


def predicted(doc: str, claim: Claim) -> Predicted:
    if claim.kind in DATE_KINDS:
        value, high = claim.date_start, claim.date_end
    else:
        value, high = claim.value, claim.value_high
    return Predicted(
        doc,
        claim.char_start,
        claim.char_end,
        claim.quote,
        claim.kind,
        value,
        high,
        claim.unit,
        claim.bound,
        claim,
    )


def values_equal(a: float | str | None, b: float | str | None) -> bool:
    """Numbers within relative tolerance 1e-6; ISO date strings exactly; None only with None."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return str(a) == str(b)
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-12)


def _overlap(g: GoldClaim, p: Predicted) -> int:
    return min(g.char_end, p.char_end) - max(g.char_start, p.char_start)


def _eligible(level: str, g: GoldClaim, p: Predicted) -> bool:
    if level == "span":
        return True
    if g.kind != p.kind or not values_equal(g.value, p.value):
        return False
    if level == "match":
        return True
    return g.bound == p.bound and values_equal(g.value_high, p.value_high)


def match(gold: Sequence[GoldClaim], preds: Sequence[Predicted], level: str) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by overlap length among the pairs that qualify at ``level``."""
    by_doc: dict[str, list[int]] = {}
    for j, p in enumerate(preds):
        by_doc.setdefault(p.doc, []).append(j)
    candidates: list[tuple[int, int, int]] = []
    for i, g in enumerate(gold):
        for j in by_doc.get(g.doc, ()):
            ov = _overlap(g, preds[j])
            if ov > 0 and _eligible(level, g, preds[j]):
                candidates.append((-ov, i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    pairs.sort()
    return pairs


def score(
    gold: Sequence[GoldClaim], preds: Sequence[Predicted], problems: list[GoldProblem] | None = None
) -> Evaluation:
    """Match at every level; the result holds the data for any table or error list."""
    return Evaluation(
        list(gold), list(preds), {lvl: match(gold, preds, lvl) for lvl in LEVELS}, problems or []
    )


def evaluate(gold_paths: Iterable[str | Path], names: Iterable[str] | None = None) -> Evaluation:
    """Run the extractors over every gold document and score them against the gold files.

    Gold lines whose quote is not the text at their offsets (or whose document cannot be
    read) are reported in ``problems`` and left out of the scores. Files that hold other
    gold (entity links) are listed in ``skipped``, so ``corpus/gold/*.jsonl`` just works.
    """
    gold_paths = [Path(p) for p in gold_paths]
    skipped = [str(p) for p in gold_paths if not is_claim_gold(p)]
    gold, problems, where = load_gold(p for p in gold_paths if str(p) not in skipped)
    names = list(names) if names is not None else None
    texts: dict[str, str] = {}
    preds: list[Predicted] = []
    for doc, path in where.items():
        try:
            text, published = read_text(path)
        except Exception as exc:  # unreadable document: report it, score the rest
            problems.append(GoldProblem(str(path), f"cannot read document {doc!r}: {exc}"))
            continue
        texts[doc] = text
        for claim in extract_claims(text, published, names):
            if is_scored(claim):
                preds.append(predicted(doc, claim))
    good: list[GoldClaim] = []
    for g in gold:
        text = texts.get(g.doc)
        if text is None:
            continue
        actual = text[g.char_start : g.char_end]
        if actual != g.quote:
            problems.append(
                GoldProblem(g.source, f"quote {g.quote!r} != text[{g.char_start}:{g.char_end}] {actual!r}")
            )
            continue
        good.append(g)
    ev = score(good, preds, problems)
    ev.skipped = skipped
    return ev


def errors(ev: Evaluation, level: str = "match") -> tuple[list[GoldClaim], list[Predicted]]:
    """Misses (gold claims unmatched at ``level``) and extras (predictions unmatched), in text order."""
    pairs = ev.matches[level]
    hit_g = {i for i, _ in pairs}
    hit_p = {j for _, j in pairs}
    misses = [g for i, g in enumerate(ev.gold) if i not in hit_g]
    extras = [p for j, p in enumerate(ev.predictions) if j not in hit_p]
    misses.sort(key=lambda g: (g.doc, g.char_start))
    extras.sort(key=lambda p: (p.doc, p.char_start))
    return misses, extras


def nearest(ev: Evaluation, g: GoldClaim) -> Predicted | None:
    """The prediction overlapping a missed gold claim most, to show why it missed."""
    best, best_ov = None, 0
    for p in ev.predictions:
        if p.doc == g.doc:
            ov = _overlap(g, p)
            if ov > best_ov:
                best, best_ov = p, ov
    return best


# ---------------------------------------------------------------------------------------
# Text reports (used by ``factdb eval`` and ``python -m factdb.evaluate``).


def format_table(ev: Evaluation) -> str:
    """Levels x P/R/F1, overall and by kind, as fixed-width text."""
    lines = [f"{'level':<6} {'kind':<15} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for s in ev.table():
        lines.append(
            f"{s.level:<6} {s.kind:<15} {s.n_gold:>5} {s.n_pred:>5} "
            f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    return "\n".join(lines)


def format_errors(ev: Evaluation, level: str = "match") -> str:
    misses, extras = errors(ev, level)
    out = [f"misses at level {level!r} ({len(misses)}):"]
    for g in misses:
        near = nearest(ev, g)
        why = (
            f"  nearest: {near.kind} {near.quote!r} value={near.value!r}" if near else "  (nothing overlaps)"
        )
        out.append(f"  {g.doc}:{g.char_start} {g.kind} {g.quote!r} value={g.value!r} bound={g.bound}{why}")
    out.append(f"extras at level {level!r} ({len(extras)}):")
    for p in extras:
        out.append(f"  {p.doc}:{p.char_start} {p.kind} {p.quote!r} value={p.value!r} bound={p.bound}")
    return "\n".join(out)


def format_problems(ev: Evaluation) -> str:
    return "\n".join(f"gold problem: {p.source}: {p.message}" for p in ev.problems)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m factdb.evaluate GOLD... [--errors] [--json]``."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="python -m factdb.evaluate", description="Score extractors against gold JSONL."
    )
    parser.add_argument("gold", nargs="+", help="gold JSONL files")
    parser.add_argument("--errors", action="store_true", help="list misses and extras at the match level")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    ev = evaluate(args.gold)
    if args.json:
        print(json.dumps(ev.as_dict(), indent=2))
    else:
        if ev.problems:
            print(format_problems(ev), file=sys.stderr)
        print(format_table(ev))
        if args.errors:
            print(format_errors(ev))
    return 1 if ev.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
