"""Claim-density benchmark: does time per kilobyte stay flat as figures crowd a text?

    python -m benchmarks density [--max N] [--repeat R] [--workload NAME ...]

Each workload is one phrase repeated n times (n = 1k, 2k, 4k ... up to ``--max``, 64k by
default) and timed through extraction (every registered extractor, as ingest runs them) and
entity linking (``plan_links`` over the claims, as ingest stores them):

- ``pct``       ``"10% " * n``: one "sentence" of n percentages, no full stop anywhere
- ``money``     ``"$1 " * n``: the same with money
- ``article``   a realistic news sentence (figures, a date, a named source, countries, a
                weapon) repeated: many ordinary sentences

Linear work shows as a flat ``ms/KB`` column; work that grows with claims per sentence shows
as ``ms/KB`` doubling with n. The clock starts after a warm-up call (imports, gazetteer,
compiled rules); each row is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import time

WORKLOADS = {
    "pct": "10% ",
    "money": "$1 ",
    "article": (
        "North Korea fired at least seven short-range ballistic missiles over 1,100 kilometers "
        "into the sea on December 3, 2024, and about 67 soldiers were wounded, "
        "according to South Korea's military, which said the $35 billion sale would go ahead. "
    ),
}
SIZES = (1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000)


def run_once(text: str) -> tuple[float, float, int]:
    """(extraction seconds, linking seconds, claims) for one text."""
    from factdb.entities.linking import plan_links
    from factdb.extract import extract

    t0 = time.perf_counter()
    claims = extract(text).claims
    t1 = time.perf_counter()
    rows = [dict(c.as_dict(), id=str(i)) for i, c in enumerate(claims)]
    t2 = time.perf_counter()
    plan_links(text, rows)
    t3 = time.perf_counter()
    return t1 - t0, t3 - t2, len(claims)


def measure(phrase: str, n: int, repeat: int) -> tuple[float, float, float, int]:
    """(KB, best extraction s, best linking s, claims) for ``phrase * n``.

    The extraction caches key on the text, so each run gets a fresh string (one more space)."""
    best_x = best_l = float("inf")
    claims = 0
    for r in range(repeat):
        text = phrase * n + " " * r
        x, link, claims = run_once(text)
        best_x, best_l = min(best_x, x), min(best_l, link)
    return len((phrase * n).encode("utf-8")) / 1024, best_x, best_l, claims


def _header() -> str:
    return (
        f"{'workload':<8} {'n':>6} {'KB':>8} {'claims':>7} {'extract s':>10} {'link s':>8} "
        f"{'total s':>8} {'ms/KB':>7}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks density", description=__doc__.split("\n\n")[0])
    parser.add_argument("--max", type=int, default=SIZES[-1], help="largest n [64000]")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size, best kept [1]")
    parser.add_argument(
        "--workload", nargs="+", choices=list(WORKLOADS), default=list(WORKLOADS), help="workloads [all]"
    )
    args = parser.parse_args(argv)

    run_once("Warm-up: North Korea fired 5 missiles 1,100 km on December 3, 2024 for $35 billion.")
    print(_header())
    for name in args.workload:
        for n in (s for s in SIZES if s <= args.max):
            kb, x, link, claims = measure(WORKLOADS[name], n, args.repeat)
            total = x + link
            print(
                f"{name:<8} {n:>6} {kb:>8.1f} {claims:>7} {x:>10.3f} {link:>8.3f} {total:>8.3f} "
                f"{total * 1000 / kb:>7.2f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
