"""Extraction benchmark: factdb's curated extractors against quantulum3 on the same texts.

    python -m benchmarks extract [--limit N] [--bbc N] [--reuters N] [--full] [--by-extractor]
                                 [--no-quantulum] [--corpus DIR]

Both run in this process, single-threaded, over the same stored texts (read once, before
timing, with the ingest reader; Reuters HTML is reduced to its article text by the reader,
or by crude tag stripping if the reader is unavailable). quantulum3 is slow, so by default
both run on an evenly spread sample (300 BBC + 100 Reuters texts); ``--full`` also times
factdb alone on the whole corpus. Import and model-loading costs are paid before the clock
starts (one warm-up call each), so the figures are steady-state throughput.

The clock is this process's CPU time (``time.process_time``), not the wall clock: on a shared
machine the wall clock also counts the time other processes held the CPU, which changes
between the factdb run and the quantulum3 run and so skews their ratio. ``wall`` is printed
beside it for reference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Text:
    source: str
    text: str
    published: dt.date | None


@dataclass(frozen=True)
class Result:
    name: str
    docs: int
    megabytes: float
    seconds: float  # CPU seconds of this process
    claims: int
    wall: float = 0.0  # wall-clock seconds, for reference

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("inf")

    @property
    def claims_per_s(self) -> float:
        return self.claims / self.seconds if self.seconds else float("inf")


def spread(files: list[Path], n: int | None) -> list[Path]:
    """``n`` files evenly spread over the sorted list (every section of the corpus, not just the first)."""
    if n is None or n >= len(files):
        return files
    if n <= 0:
        return []
    step = len(files) / n
    return [files[int(i * step)] for i in range(n)]


def read_text(path: Path) -> Text:
    """The text ingestion would store, and the date it resolves dates against."""
    from factdb.ingest import read_document

    doc = read_document(path)
    return Text(str(path), doc.text, doc.publication_date)


def load(paths: list[Path]) -> list[Text]:
    """Read every file before timing; the HTML extractor's warnings would bury the report."""
    texts = []
    logging.disable(logging.CRITICAL)
    try:
        for p in paths:
            try:
                texts.append(read_text(p))
            except Exception:  # an unreadable file is not part of the workload
                continue
    finally:
        logging.disable(logging.NOTSET)
    return texts


def _megabytes(texts: list[Text]) -> float:
    return sum(len(t.text.encode("utf-8")) for t in texts) / 1e6


def run_factdb(texts: list[Text], repeat: int = 3, names: list[str] | None = None) -> Result:
    """Best of ``repeat`` runs of the registered extractors (or only ``names``) over ``texts``."""
    from factdb.extract import extract_claims

    extract_claims("Warm-up: 5 km on December 3, 2024 for $35 billion.", None, names)
    best, wall, claims = float("inf"), float("inf"), 0
    for _ in range(repeat):
        t0, w0 = time.process_time(), time.perf_counter()
        claims = sum(len(extract_claims(t.text, t.published, names)) for t in texts)
        best = min(best, time.process_time() - t0)
        wall = min(wall, time.perf_counter() - w0)
    label = "factdb" if names is None else f"  {','.join(names)}"
    return Result(label, len(texts), _megabytes(texts), best, claims, wall)


def run_each_extractor(texts: list[Text]) -> list[Result]:
    """factdb's extractors one at a time, to show where its time goes."""
    from factdb.extract import extractors

    return [run_factdb(texts, repeat=1, names=[ex.name]) for ex in extractors()]


def run_quantulum(texts: list[Text]) -> Result:
    """quantulum3's ``parser.parse`` once over ``texts`` (it is too slow to repeat)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser

        parser.parse("Warm-up: 5 km for $35 billion.")
        t0, w0 = time.process_time(), time.perf_counter()
        claims = sum(len(parser.parse(t.text)) for t in texts)
        seconds, wall = time.process_time() - t0, time.perf_counter() - w0
    return Result("quantulum3", len(texts), _megabytes(texts), seconds, claims, wall)


def _row(r: Result) -> str:
    return (
        f"{r.name:<14} {r.docs:>6} {r.megabytes:>8.2f} {r.seconds:>9.3f} {r.mb_per_s:>9.3f} "
        f"{r.claims:>8} {r.claims_per_s:>10.0f} {r.wall:>9.3f}"
    )


def _header() -> str:
    return (
        f"{'extractor':<14} {'docs':>6} {'MB':>8} {'cpu s':>9} {'MB/s':>9} {'claims':>8} {'claims/s':>10} "
        f"{'wall s':>9}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks extract", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with bbc/ and reuters-2016/"
    )
    parser.add_argument(
        "--limit", type=int, help="sample size in texts (3/4 BBC, 1/4 Reuters); overrides --bbc/--reuters"
    )
    parser.add_argument("--bbc", type=int, default=300, help="BBC texts in the sample [300]")
    parser.add_argument("--reuters", type=int, default=100, help="Reuters texts in the sample [100]")
    parser.add_argument("--full", action="store_true", help="also time factdb alone on the whole corpus")
    parser.add_argument("--no-quantulum", action="store_true", help="skip quantulum3 (factdb only)")
    parser.add_argument("--by-extractor", action="store_true", help="also time each factdb extractor alone")
    args = parser.parse_args(argv)

    corpus: Path = args.corpus
    if not (corpus / "bbc").is_dir() and not (corpus / "reuters-2016").is_dir():
        print(f"skipped: no corpus at {corpus} (expected bbc/ and reuters-2016/ there)")
        return 0
    n_bbc, n_reuters = args.bbc, args.reuters
    if args.limit is not None:
        n_bbc = (args.limit * 3 + 3) // 4
        n_reuters = args.limit - n_bbc
    bbc_all = sorted((corpus / "bbc").glob("*/*.txt"))
    reuters_all = sorted((corpus / "reuters-2016").glob("*.md"))
    sample = load(spread(bbc_all, n_bbc) + spread(reuters_all, n_reuters))
    print(
        f"sample: {len(sample)} texts ({n_bbc} BBC + {n_reuters} Reuters requested), {_megabytes(sample):.2f} MB"
    )
    print(_header())
    ours = run_factdb(sample)
    print(_row(ours))
    if args.by_extractor:
        for result in run_each_extractor(sample):
            print(_row(result))
    if not args.no_quantulum:
        theirs = run_quantulum(sample)
        print(_row(theirs))
        print(
            f"factdb / quantulum3: {ours.mb_per_s / theirs.mb_per_s:.1f}x MB/s, "
            f"{ours.claims_per_s / theirs.claims_per_s:.1f}x claims/s "
            f"(claim counts differ: quantulum3 reports every quantity, factdb only contract kinds)"
        )
    if args.full:
        everything = load(bbc_all + reuters_all)
        print(f"whole corpus: {len(everything)} texts, {_megabytes(everything):.2f} MB")
        print(_header())
        print(_row(run_factdb(everything, repeat=1)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
