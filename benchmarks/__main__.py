"""``python -m benchmarks <command> [options]``: dispatch to one benchmark module.

Each command is a module of this package with a ``main(argv) -> int``; to add one, add its
name and one-line help to ``COMMANDS``. Options after the command go to that module.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "extract": "extraction throughput: factdb vs quantulum3 on the same texts",
    "ingest": "end-to-end ingest throughput into a fresh database",
    "kills": "SIGKILL ingest at random moments: corruption, half-stored documents, stale groups after the next command",
    "hostile": "every input that broke or stalled ingest: alone, then mixed into N real articles",
    "serve": "published Datasette at 1M claims: p50/p95 of canned queries and default pages",
    "density": "extraction + linking time per KB as figures crowd a text (flat ms/KB = linear)",
    "export": "every export format: rows, time, rows/s and peak RSS, on seeds + corpus and a copy grown to --claims",
    "derived": "groups/events refresh: full and after a small ingest, CPU s and peak RSS, on a copy grown with synthetic documents",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    for name, help_text in COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    args, rest = parser.parse_known_args(argv)
    module = importlib.import_module(f"benchmarks.{args.command}")
    return module.main(rest)


if __name__ == "__main__":
    sys.exit(main())
