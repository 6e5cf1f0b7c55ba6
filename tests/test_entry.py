"""The console script's plain ``factdb extract`` path (factdb/entry.py, issue 9).

It must print the same bytes and exit with the same code as the full typer CLI for every
form it takes, hand every other form to typer, and load neither typer nor pydantic (their
import cost ~0.25 s of CPU, half of a small file's run).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factdb.entry import _plain_extract

ROOT = Path(__file__).resolve().parents[1]
SEED = "seeds/000_b290f68eaaf37c5d.txt"


def _run(module_call: str, args: list[str], stdin: bytes = b"") -> tuple[int, bytes, bytes]:
    proc = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.argv[0] = 'factdb'; {module_call}", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize(
    "args, stdin",
    [
        (["extract", SEED], b""),
        (["extract", SEED, "--published", "2016-03-01"], b""),
        (["extract", "--published=2016-03-01", "--format", "jsonl", SEED], b""),
        (["extract", SEED, "--published", "2016-13-01"], b""),  # refused date: exit 2
        (["extract", "no/such/file.txt"], b""),  # read error: exit 1
        (["extract", "-"], b"The missile flew 1,100 km on Tuesday.\n"),
        (["extract", "-"], b""),  # empty stdin
        (["extract", SEED, "--format", "table"], b""),  # typer's path from both
        (["extract", SEED, SEED], b""),  # typer's usage error from both
    ],
)
def test_the_plain_path_prints_what_the_typer_cli_prints(args, stdin):
    plain = _run("from factdb.entry import main; main()", args, stdin)
    full = _run("from factdb.cli import main; main()", args, stdin)
    assert plain == full
    if args == ["extract", SEED]:
        assert plain[0] == 0 and plain[1].count(b"\n") >= 1  # the seed has claims


def test_the_plain_path_loads_neither_typer_nor_pydantic():
    probe = (
        f"import sys; sys.argv = ['factdb', 'extract', {SEED!r}]\n"
        "from factdb import entry\n"
        "try:\n    entry.main()\nexcept SystemExit as e:\n    code = e.code\n"
        "print([m for m in ('typer', 'click', 'pydantic', 'sqlalchemy') if m in sys.modules], code, file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert proc.stderr.strip().splitlines()[-1] == "[] 0"


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["extract", "a.txt"], ("a.txt", "jsonl", None)),
        (["extract", "-"], ("-", "jsonl", None)),
        (
            ["extract", "--format=jsonl", "a.txt", "--published", "2020-01-02"],
            ("a.txt", "jsonl", "2020-01-02"),
        ),
        (["extract", "a.txt", "--format", "table"], None),
        (["extract", "a.txt", "--help"], None),
        (["extract", "--help"], None),
        (["extract"], None),
        (["extract", "a.txt", "b.txt"], None),
        (["extract", "a.txt", "--published"], None),
        (["extract", "a.txt", "--published", "-x"], None),
        (["extract", "a.txt", "--format", "jsonl", "--format", "jsonl"], None),
        (["extract", "--", "a.txt"], None),
        (["extract", "a.txt", "-f"], None),
        (["ingest", "a.txt"], None),
        ([], None),
    ],
)
def test_only_the_plain_forms_skip_typer(argv, expected):
    assert _plain_extract(argv) == expected
