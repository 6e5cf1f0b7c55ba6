"""Start-up cost of the numeric extractors (issue 9: ``factdb extract`` on a small file starts fast).

Compiling the grammar's regexes was most of the import time of the rules. The numeric stages
now compile each pattern on first use, so importing them compiles none, and a short text
compiles only the patterns it reaches. These tests hold that in a fresh interpreter, where
no earlier test has compiled anything yet.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from factdb.extract.rules.patterns import lazy_re

ROOT = Path(__file__).resolve().parents[1]
NUMERIC_STAGES = "factdb/extract/rules/"

# Runs in a fresh interpreter: records which file asked re to compile each pattern, then
# imports the rules and extracts one short text.
_PROBE = r"""
import json, re, sys
compiled = []
real = re._compile
def spy(pattern, flags):
    if not isinstance(pattern, re.Pattern) and pattern not in seen:
        seen.add(pattern)
        frame = sys._getframe(1)
        while frame and frame.f_code.co_filename.endswith(("re/__init__.py", "patterns.py")):
            frame = frame.f_back
        compiled.append([phase[0], frame.f_code.co_filename if frame else "?", len(str(pattern))])
    return real(pattern, flags)
seen, phase = set(), ["import"]
re._compile = spy
import factdb.extract.rules
from factdb.extract import extract
phase[0] = "extract"
extract(sys.argv[1])
print(json.dumps(compiled))
"""


def _compiles(text: str) -> list[tuple[str, str, int]]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, text], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [tuple(row) for row in json.loads(out)]


def _numeric(rows, phase):
    return [r for r in rows if r[0] == phase and NUMERIC_STAGES in r[1] and "/rules/dates/" not in r[1]]


def test_importing_the_numeric_stages_compiles_none_of_the_grammar():
    rows = _compiles("Nothing to read here.")
    # only tiny helper patterns that build the tables ("[a-z]+") compile at import, none of the
    # grammar's patterns (the figure regex alone is some 10,000 characters)
    assert all(n < 40 for *_, n in _numeric(rows, "import")), _numeric(rows, "import")


def test_a_short_text_compiles_a_small_part_of_the_grammar():
    short = _numeric(_compiles("It flew 1,100 km."), "extract")
    busy = _numeric(
        _compiles(
            "The CEO, 54, said about 300 people, aged 18 to 24, paid $35 billion (£28bn) for 5 feet 2 "
            "inches of rope; two-thirds of 1,000 voters, according to officials, waited more than a "
            "year at minus 5C, and 12 were killed."
        ),
        "extract",
    )
    assert short, "the figure regex compiles when the first figure is read"
    # a figure-free sentence would compile nothing; one figure compiles far less than a text
    # that reaches ages, money, composites, attribution and casualties
    assert len(short) < len(busy)
    assert sum(n for *_, n in short) < sum(n for *_, n in busy)


def test_lazy_re_compiles_once_and_answers_as_the_compiled_pattern():
    rx = lazy_re(r"(?P<n>\d+)\s?(?P<u>km|miles?)\b", re.IGNORECASE)
    assert "search" not in vars(rx)  # nothing compiled yet
    text = "It flew 1100 KM, then 5 miles."
    first = [m.span("n") for m in rx.finditer(text)]
    assert first == [m.span("n") for m in re.finditer(rx.pattern, text, re.IGNORECASE)]
    assert "search" in vars(rx)  # the compiled methods now sit in the instance
    assert rx.search(text).group("u") == "KM"
    assert rx.match(text, text.index("5")).group("n") == "5"
    assert rx.groupindex == {"n": 1, "u": 2} and rx.flags & re.IGNORECASE
