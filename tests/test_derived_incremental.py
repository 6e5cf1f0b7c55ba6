"""Incremental refresh of the cross-document tables (issue 13): after a run that only added
documents, claim groups and launch events are brought up to date from what the new
documents touch, and must equal a full rebuild row for row, ids included.

Real articles: the seeds and reports from the shared corpus (launches by North Korea, Iran
and the United States; tolls), ingested in three runs into one database and in one run
into another. Runs on SQLite and, with a server, on PostgreSQL.
"""

from __future__ import annotations

import json
import re

import pytest

from factdb.db.engine import open_database, write_transaction
from factdb.ingest import iter_inputs
from factdb.pipeline import ingest

from .conftest import SEEDS, SHARED_CORPUS, table_rows

REUTERS = SHARED_CORPUS / "reuters-2016"
# launch reports of three countries, in two runs: the second touches North Korea only
FIRST = [
    "2016-01-14-anxious-phone-calls-tense-moments-before-irans-supreme-leader-okayed-u-s-sailors-release.md",
    "2016-02-07-north-korea-launches-long-range-rocket-cnn.md",
    "2016-02-07-north-korea-launches-rocket-it-says-carrying-satellite.md",
    "2016-02-26-u-s-test-fires-icbm-amid-tensions-with-russia-north-korea.md",
    "2016-03-13-israel-furious-over-irans-anti-semitic-missiles-cbs-news.md",
]
SECOND = [
    "2016-02-08-north-korea-rocket-launch-may-spur-u-s-missile-defense-buildup-in-asia.md",
    "2016-03-09-north-korea-fires-two-short-range-missiles-into-sea-yonhap.md",
    "2016-04-23-north-korea-appears-to-fire-submarine-launched-missile-seoul-says-fox-news.md",
    "2016-04-23-north-korea-seen-to-fire-submarine-launched-ballistic-missile-south-korea.md",
    "2016-04-24-n-korea-claims-successful-test-of-submarine-fired-missile-new-york-times.md",
]
DERIVED = {
    "claim_groups": "id",
    "claim_group_members": "group_id, claim_id",
    "launch_events": "id",
    "launch_event_fields": "id",
}


def _files(names: list[str]) -> list[str]:
    return [str(REUTERS / n) for n in names]


def _toll_reports(k: int, skip: int = 0) -> list[str]:
    """Reports of people killed, the first ``k`` after ``skip`` in file order (groups, origins)."""
    found = [p for p in sorted(REUTERS.iterdir()) if " killed" in p.read_text(encoding="utf-8", errors="replace")]
    return [str(p) for p in found[skip : skip + k]]


def _rows(target) -> dict[str, list[tuple]]:
    return {t: table_rows(target, t, order) for t, order in DERIVED.items()}


@pytest.fixture
def runs():
    if not REUTERS.is_dir():
        pytest.skip(f"shared corpus not found at {REUTERS}")
    first = sorted(str(p) for p in SEEDS.iterdir()) + _files(FIRST) + _toll_reports(12)
    second = _files(SECOND) + _toll_reports(8, skip=12)
    # documents with no figure about an event and no price (prices are compared too): nothing of
    # the derived tables can change
    third = [str(p) for p in sorted((SHARED_CORPUS / "bbc" / "entertainment").iterdir())
             if not re.search(r"[$£€]", p.read_text(encoding="utf-8", errors="replace"))][:5]
    return first, second, third


def _spy(monkeypatch):
    """Record which refresh path ran and which documents' launch reports were read."""
    from factdb.entities import events, groups

    seen = {"rebuild_groups": 0, "rebuild_events": 0, "reports_of": []}
    for module, name in ((groups, "rebuild_groups"), (events, "rebuild_events")):
        real = getattr(module, name)

        def counted(conn, real=real, name=name):
            seen[name] += 1
            return real(conn)

        monkeypatch.setattr(module, name, counted)
    real_reports = events._reports_of

    def reports_of(conn, doc_ids):
        seen["reports_of"].extend(doc_ids)
        return real_reports(conn, doc_ids)

    monkeypatch.setattr(events, "_reports_of", reports_of)
    return seen


def test_incremental_refresh_equals_a_rebuild(db_target, tmp_path, runs, monkeypatch, request):
    first, second, third = runs
    engine = open_database(db_target)
    assert ingest(engine, iter_inputs(first)).new == len(first)
    events_before = table_rows(db_target, "launch_events", "id")
    countries_before = {r[2] for r in events_before}
    assert {"North Korea", "Iran", "United States"} <= countries_before

    seen = _spy(monkeypatch)
    assert ingest(engine, iter_inputs(second)).new == len(second)
    assert seen["rebuild_events"] == 0, "only documents were added: the events are updated, not rebuilt"
    # the launches of Iran and the United States were not read again, only North Korea's
    with engine.connect() as conn:
        others = {r[0] for r in conn.exec_driver_sql(
            "SELECT DISTINCT f.document_id FROM launch_event_fields f JOIN launch_events e ON e.id = f.event_id "
            "WHERE e.country <> 'North Korea'")}
    assert others and not others & set(seen["reports_of"])

    seen = _spy(monkeypatch)
    summary = ingest(engine, iter_inputs(third))
    assert summary.new == len(third) and not summary.failed
    assert seen["rebuild_events"] == 0 and seen["rebuild_groups"] == 0
    incremental = _rows(db_target)
    engine.dispose()

    # the same documents in one run, into a new database: one full rebuild at the end
    if "://" in db_target:
        other = request.getfixturevalue("pg_cluster").new_database()
    else:
        other = str(tmp_path / "one-run.db")
    engine = open_database(other)
    assert ingest(engine, iter_inputs(first + second + third)).new == len(first + second + third)
    engine.dispose()
    rebuilt = _rows(other)

    assert len(rebuilt["launch_events"]) > len(events_before)  # the second run added launches
    assert rebuilt["claim_group_members"], "the toll reports make groups"
    for table in DERIVED:
        assert incremental[table] == rebuilt[table], table


def test_anything_but_added_documents_means_a_full_rebuild(db_target, runs, monkeypatch):
    from factdb.entities.store import added_since, refresh, relink

    first, second, _ = runs
    engine = open_database(db_target)
    ingest(engine, iter_inputs(first[:8]))
    with engine.connect() as conn:
        last = conn.exec_driver_sql("SELECT max(id) FROM documents").scalar()
        assert added_since(conn) == last  # built from exactly this state
    ingest(engine, iter_inputs(second[:1]))
    with engine.connect() as conn:
        assert added_since(conn) == last + 1  # built after the second run
    full = _rows(db_target)

    # a relink rewrites every document's mentions and links: the recorded state is gone
    relink(engine)
    with engine.connect() as conn:
        assert added_since(conn) is None
    seen = _spy(monkeypatch)
    refresh(engine)
    assert seen["rebuild_groups"] == 1 and seen["rebuild_events"] == 1
    assert _rows(db_target)["claim_groups"] == full["claim_groups"]

    # a deleted document, and a fingerprint from older code
    with write_transaction(engine) as conn:
        conn.exec_driver_sql("DELETE FROM documents WHERE id = (SELECT min(id) FROM documents)")
    with engine.connect() as conn:
        assert added_since(conn) is None
    refresh(engine)
    with write_transaction(engine) as conn:
        for name, state in conn.exec_driver_sql("SELECT name, fingerprint FROM derived_state").fetchall():
            older = json.dumps({**json.loads(state), "derived_version": "0"}, sort_keys=True)
            conn.exec_driver_sql("UPDATE derived_state SET fingerprint = ? WHERE name = ?", (older, name))
    with engine.connect() as conn:
        assert added_since(conn) is None
    engine.dispose()
