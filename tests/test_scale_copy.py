"""The scale runs' synthetic claims (``python -m benchmarks serve``, issues 11 and 13) are
the same on both backends: the copies PostgreSQL makes in SQL are the SQLite copies, row
for row, and every copy still quotes its document exactly."""

from __future__ import annotations

import sys

from sqlalchemy import create_engine, text

from factdb.db.engine import open_database
from factdb.ingest import iter_inputs
from factdb.pipeline import ingest

from .conftest import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks.serve import replicate_claims, replicate_claims_server  # noqa: E402

CLAIMS = "SELECT pk, id, document_id, kind, value, char_start, char_end, quote FROM claims ORDER BY pk"
LINKS = (
    "SELECT ce.claim_id, ce.entity_id, ce.role, ce.rule FROM claim_entities ce "
    "ORDER BY ce.claim_id, ce.entity_id, ce.role"
)
PROVENANCE = (
    "SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document_id "
    "WHERE substr(d.text, c.char_start + 1, c.char_end - c.char_start) != c.quote"
)


def _seeded(target) -> int:
    engine = open_database(target)
    ingest(engine, iter_inputs([str(ROOT / "seeds")]))
    engine.dispose()
    return _rows(target, "SELECT count(*) FROM claims")[0][0]


def _rows(target, sql: str) -> list[tuple]:
    url = target if "://" in str(target) else f"sqlite:///{target}"
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(sql))]
    engine.dispose()
    return rows


def test_postgresql_copies_are_the_sqlite_copies(tmp_path, pg_url):
    lite = tmp_path / "scale.db"
    base = _seeded(lite)
    assert _seeded(pg_url) == base
    target = base * 3 + base // 2  # two whole copies and a partial one
    assert replicate_claims(lite, target) == target
    assert replicate_claims_server(pg_url, target) == target
    lite_claims, pg_claims = _rows(lite, CLAIMS), _rows(pg_url, CLAIMS)
    assert len(lite_claims) == target
    assert lite_claims == pg_claims
    ids = [row[1] for row in pg_claims]
    assert len(set(ids)) == len(ids) and all(len(i) == 32 for i in ids)
    assert _rows(lite, LINKS) == _rows(pg_url, LINKS)
    # each copy keeps its original's links, so links grew with the claims
    assert len(_rows(pg_url, LINKS)) > 3 * len({r[0] for r in _rows(pg_url, LINKS) if "r0" not in r[0]})
    assert _rows(lite, PROVENANCE) == _rows(pg_url, PROVENANCE) == [(0,)]
    # the full-text index set aside for the copy is back
    index = _rows(pg_url, "SELECT indexname FROM pg_indexes WHERE tablename = 'claims' AND indexdef LIKE '%to_tsvector%'")
    assert index == [("claims_fts",)]
