"""reextract: a new rule version becomes a new run; the old run's claims stay queryable."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

from factdb.db.engine import open_database
from factdb.extract import registry
from factdb.ingest import iter_inputs
from factdb.pipeline import ingest
from factdb.reextract import reextract

from .conftest import SEEDS, assert_provenance


def current(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_reextract_reports_changes_and_keeps_old_run(db_path, monkeypatch):
    engine = open_database(db_path)
    first = ingest(engine, iter_inputs([str(SEEDS)]))
    old_counts = current(db_path, "SELECT count(*) FROM claims WHERE extractor = 'counts'")[0][0]
    assert old_counts > 0

    nothing = reextract(engine)
    assert (nothing.documents, nothing.added, nothing.removed, nothing.changed) == (0, 0, 0, 0)

    registry.extractors()
    old = registry._REGISTRY["counts"]

    def run(ctx):
        for claim in old.run(ctx):
            if claim.unit == "ship":
                continue
            if claim.unit == "missile":
                claim = dataclasses.replace(claim, value=claim.value + 1)
            yield claim

    monkeypatch.setitem(registry._REGISTRY, "counts", registry.Extractor("counts", "99.0.0", "test", run))
    report = reextract(engine, ["counts"])
    assert report.removed == 1  # "nine ships"
    assert report.changed == 1  # "at least seven short-range ballistic missiles"
    assert report.added == 0
    assert report.unchanged == old_counts - 2
    changed = [e for e in report.examples if e["change"] == "changed"]
    assert changed[0]["before"] == {"value": 7.0} and changed[0]["after"] == {"value": 8.0}

    # old run's claims still there, not current; new ones current under the new run
    assert current(db_path, "SELECT count(*) FROM claims WHERE extractor='counts' AND NOT is_current")[0][0] == old_counts
    assert current(
        db_path, "SELECT count(*) FROM claims WHERE extractor_version='99.0.0' AND is_current AND run_id=?", report.run_id
    )[0][0] == old_counts - 1
    assert current(db_path, "SELECT count(*) FROM claims WHERE run_id=?", first.run_id)[0][0] > 0
    assert current(db_path, "SELECT count(*) FROM claims_view WHERE quote = 'nine ships'")[0][0] == 0
    assert current(db_path, "SELECT * FROM extraction_runs WHERE id=?", report.run_id)
    assert_provenance(db_path)
    # new claims are linked to entities again
    assert current(
        db_path,
        "SELECT count(*) FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id "
        "WHERE c.extractor_version = '99.0.0'",
    )[0][0] > 0

    # running it again changes nothing
    again = reextract(engine, ["counts"])
    assert again.documents == 0


def test_reextract_cli_unknown_extractor(db_path, cli):
    result = cli("reextract", "--db", db_path, "--extractor", "nope")
    assert result.exit_code == 2 and "unknown extractor" in result.output


def test_reextract_cli_json(db_path, cli):
    cli("ingest", SEEDS, "--db", db_path)
    out = cli("reextract", "--db", db_path, "--json")
    assert out.exit_code == 0
    assert json.loads(out.stdout)["documents"] == 0
