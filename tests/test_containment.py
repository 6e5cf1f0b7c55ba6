"""Containment: a failure in one stage for one document is that document's failure.

A rule that raises or emits an invalid claim costs that claim only (recorded as a fault);
an exception in extraction, linking or storing costs that document only; the batch goes
on, the good documents are committed, and no traceback reaches the user.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from factdb.extract import registry
from factdb.models import Claim

from .conftest import assert_provenance


@pytest.fixture
def broken_extractor(monkeypatch):
    """Register a rule set that raises on 'EXPLODE' and emits an invalid claim on 'BADSPAN'."""

    def run(ctx):
        i = ctx.text.find("BADSPAN")
        if i >= 0:
            # a claim whose quote is not its span: the registry must refuse it
            yield Claim(kind="count", char_start=i, char_end=i + 3, quote="xyz", value=1.0)
        if "REPORT" in ctx.text:
            yield registry.Fault("broken", "0.1", 0, "reported by the rule")
        if "EXPLODE" in ctx.text:
            raise ZeroDivisionError("division by zero in a rule")

    registry._load()
    monkeypatch.setitem(registry._REGISTRY, "broken", registry.Extractor("broken", "0.1", "test", run))
    return "broken"


def test_a_raising_rule_costs_its_claims_not_the_document(broken_extractor):
    text = "The missile flew 1,100 km. EXPLODE. It cost $35 billion."
    result = registry.extract(text)
    kinds = {c.kind for c in result.claims}
    assert {"distance", "money"} <= kinds  # the other extractors' claims survive
    assert len(result.faults) == 1
    fault = result.faults[0]
    assert fault.extractor == "broken" and fault.version == "0.1" and "ZeroDivisionError" in fault.reason


def test_an_invalid_claim_is_dropped_and_reported(broken_extractor):
    text = "BADSPAN here, and 7 missiles were fired."
    result = registry.extract(text)
    assert all(c.check_span(text) for c in result.claims)
    assert [f.offset for f in result.faults] == [0]
    assert "quote does not match" in result.faults[0].reason


def test_faults_are_recorded_in_the_run(broken_extractor, tmp_path, db_path):
    from factdb.db.engine import open_database
    from factdb.db.queries import stats
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("North Korea fired 7 missiles. EXPLODE.\n", encoding="utf-8")
    (folder / "b.txt").write_text("The budget rose 5 percent. REPORT.\n", encoding="utf-8")
    (folder / "c.txt").write_text("", encoding="utf-8")  # a read failure
    engine = open_database(db_path)
    summary = ingest(engine, iter_inputs([str(folder)]))
    assert summary.new == 2 and summary.faults == 2 and len(summary.failed) == 1
    assert summary.failed[0].stage == "read"
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT stage, source, extractor, reason FROM run_faults ORDER BY id").fetchall()
    stages = sorted(r[0] for r in rows)
    assert stages == ["extract", "extract", "read"]
    assert any("ZeroDivisionError" in r[3] and r[1].endswith("a.txt") for r in rows)
    assert any(r[0] == "read" and r[1].endswith("c.txt") and "empty" in r[3] for r in rows)
    assert conn.execute("SELECT count(*) FROM claims WHERE quote = '7 missiles'").fetchone()[0] == 1
    conn.close()
    counts = stats(engine)
    assert counts["run_faults_by_stage"] == {"extract": 2, "read": 1}
    assert counts["run_faults_by_extractor"] == {"broken@0.1": 2}
    assert_provenance(db_path)


@pytest.mark.parametrize("stage", ["extract", "link"])
def test_an_exception_in_a_stage_fails_that_document_only(monkeypatch, tmp_path, db_path, stage):
    import factdb.pipeline as pipeline
    from factdb.db.engine import open_database
    from factdb.ingest import iter_inputs

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        body = "POISON " if i == 2 else ""
        (folder / f"d{i}.txt").write_text(f"Story {i}: {body}{i + 2} ships sailed 40 km.\n", encoding="utf-8")
    if stage == "extract":
        real = pipeline.extract

        def boom(text, *args, **kw):
            if "POISON" in text:
                raise MemoryError("simulated")
            return real(text, *args, **kw)

        monkeypatch.setattr(pipeline, "extract", boom)
    else:
        import factdb.entities.linking as linking

        real = linking.plan_links

        def boom(text, rows, *args, **kw):
            if "POISON" in text:
                raise RecursionError("simulated")
            return real(text, rows, *args, **kw)

        monkeypatch.setattr(linking, "plan_links", boom)
    summary = pipeline.ingest(open_database(db_path), iter_inputs([str(folder)]))
    assert summary.new == 3 and len(summary.failed) == 1
    failure = summary.failed[0]
    assert failure.stage == stage and failure.source.endswith("d2.txt")
    assert "internal error" in failure.reason and "report" in failure.reason
    assert str(failure).count("\n") == 0
    assert_provenance(db_path)


def test_cli_never_shows_a_traceback(tmp_path):
    """An internal error is one line naming the command, through the installed entry point."""
    code = (
        "import sys, factdb.cli as c\n"
        "def boom(*a, **k):\n    raise RuntimeError('simulated bug')\n"
        "c.app.registered_commands[0].callback.__globals__['_count_inputs'] = boom\n"
        "sys.argv = ['factdb', 'ingest', '--db', sys.argv[1], sys.argv[2]]\n"
        "c.main()\n"
    )
    f = tmp_path / "a.txt"
    f.write_text("hello 5 km\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.db"), str(f)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 70
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "internal error (RuntimeError: simulated bug)" in lines[0] and "report" in lines[0]


def test_extract_warns_about_faults_in_one_line(broken_extractor, tmp_path, cli):
    from typer.testing import CliRunner

    from factdb.cli import app

    f = tmp_path / "a.txt"
    f.write_text("North Korea fired 7 missiles. EXPLODE.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(f)])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "extractor broken 0.1" in warnings[0] and "claim dropped" in warnings[0]
    assert '"7 missiles"' in result.stdout


def test_a_failing_rebuild_of_groups_costs_no_document(monkeypatch, tmp_path, db_path):
    """Groups and events are rebuilt after the documents commit; if that fails, the run says
    so in one failure, the documents stay, and the next command rebuilds the tables."""
    import factdb.entities.store as entity_store
    from factdb.db.engine import open_database
    from factdb.entities.store import derived_stale, ensure_derived
    from factdb.ingest import iter_inputs
    from factdb.pipeline import DERIVED_SOURCE, ingest

    from .conftest import SEEDS

    def boom(engine):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(entity_store, "refresh", boom)
    engine = open_database(db_path)
    summary = ingest(engine, iter_inputs([str(SEEDS)]))
    assert summary.new == 5
    assert [(f.source, f.stage) for f in summary.failed] == [(DERIVED_SOURCE, "link")]
    assert "OverflowError" in summary.failed[0].reason
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT stage, source FROM run_faults").fetchall() == [("link", DERIVED_SOURCE)]
    conn.close()
    monkeypatch.undo()
    assert derived_stale(engine) and ensure_derived(engine) and not derived_stale(engine)


def test_far_publication_dates_do_not_break_groups_or_events(tmp_path, db_path):
    """Time scopes near year 1 or 9999 must not overflow date arithmetic in linking."""
    import json

    from factdb.db.engine import open_database
    from factdb.entities.store import derived_stale
    from factdb.ingest import iter_inputs
    from factdb.pipeline import ingest

    lines = [
        ("North Korea fired 7 missiles on Tuesday that flew about 1,100 km, officials said, "
         "as 30 people were killed on Monday and {} more last month.", when)
        for when in ("9999-12-31", "9999-12-30", "0001-01-01", "0001-01-02")
    ]
    feed = tmp_path / "far.jsonl"
    feed.write_text(
        "\n".join(json.dumps({"text": t.format(i + 2), "published": w}) for i, (t, w) in enumerate(lines)) + "\n",
        encoding="utf-8",
    )
    engine = open_database(db_path)
    summary = ingest(engine, iter_inputs([str(feed)]))
    assert summary.new == 4 and summary.failed == []
    assert not derived_stale(engine)


def test_database_layer_imports_nothing_above_it():
    """factdb.db takes prepared rows: no module in it imports the extractors or the linker
    (at module level or inside a function), so storage stays swappable and testable alone."""
    import ast
    from pathlib import Path

    import factdb.db

    above = ("factdb.extract", "factdb.entities", "factdb.pipeline", "factdb.reextract")
    found = []
    for path in sorted(Path(factdb.db.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            if any(n == m or n.startswith(m + ".") for n in names for m in above):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
    # and the walk does see imports: the store imports the engine module
    assert any(
        isinstance(n, ast.ImportFrom) and n.module == "factdb.db.engine"
        for n in ast.walk(ast.parse((Path(factdb.db.__file__).parent / "store.py").read_text("utf-8")))
    )
