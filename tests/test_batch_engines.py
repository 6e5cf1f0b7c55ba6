"""README's "Extraction on a batch engine" block runs as written on Dask (issue 13)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from factdb.extract.registry import extract_claims
from factdb.ingest.readers import read_document

ROOT = Path(__file__).resolve().parents[1]

dask = pytest.importorskip("dask", reason="dask is in the test extra; install it with `make install`")


def _readme_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- dask-example:[^>]*-->\n```python\n(.*?)```", readme, re.S)
    assert m, "README lost its Dask example"
    return m.group(1)


def test_readme_dask_example_gives_the_claims_of_each_file(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i, seed in enumerate(seeds):
        shutil.copy(seed, folder / ("sub" if i % 2 else ".") / seed.name)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)  # binary: one error record
    monkeypatch.chdir(tmp_path)
    with dask.config.set(scheduler="synchronous"):  # the same code path, without process start-up in tests
        exec(_readme_block(), {"folder": str(folder)})

    rows = [json.loads(line) for f in sorted((tmp_path / "claims").glob("*.jsonl")) for line in f.open()]
    errors = [r for r in rows if "error" in r]
    assert [Path(r["source"]).name for r in errors] == ["broken.txt"]
    claims = [r for r in rows if "error" not in r]
    by_file: dict[str, list[dict]] = {}
    for r in claims:
        by_file.setdefault(Path(r["source"]).name, []).append(r)
    assert set(by_file) <= {p.name for p in seeds} and len(by_file) >= 3
    for seed in seeds:
        doc = read_document(seed)
        expected = [c.as_dict() for c in extract_claims(doc.text, doc.publication_date)]
        got = [{k: v for k, v in r.items() if k != "source"} for r in by_file.get(seed.name, [])]
        assert got == expected, seed.name
        for r in got:
            assert doc.text[r["char_start"] : r["char_end"]] == r["quote"]
