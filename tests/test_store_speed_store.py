"""The store stage's speed-ups (issue 13) store what was stored before.

sqlite3 binds ``None`` and ``bool`` through registered adapters (a failed attribute lookup
per value otherwise), ``is_current`` is written in the claim insert's SQL, and the time
stamp is formatted once per second. Each must leave the stored values as they were.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys

from factdb.db import store as db_store
from factdb.db.sqlite_extras import bind_none_and_bool_fast


def test_none_and_booleans_are_stored_as_before():
    bind_none_and_bool_fast()
    bind_none_and_bool_fast()  # idempotent
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a, b BOOLEAN, c INTEGER, d TEXT, e FLOAT)")
    rows = [(None, True, False, None, None), (1, False, True, "x", 2.5)]
    conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)", rows)
    got = conn.execute(
        "SELECT typeof(a), a, typeof(b), b, typeof(c), c, typeof(d), d, typeof(e), e FROM t ORDER BY rowid"
    ).fetchall()
    assert got == [
        ("null", None, "integer", 1, "integer", 0, "null", None, "null", None),
        ("integer", 1, "integer", 0, "integer", 1, "text", "x", "real", 2.5),
    ]
    # a bool subclass value still reads back as the integer it is
    assert conn.execute("SELECT ? + 1, ? IS NULL", (True, None)).fetchone() == (2, 1)


def test_an_adapter_registered_by_someone_else_is_left_alone():
    # in a process of its own: adapters are process-wide
    code = (
        "import sqlite3\n"
        "sqlite3.register_adapter(bool, lambda b: 'yes' if b else 'no')\n"
        "from factdb.db.sqlite_extras import bind_none_and_bool_fast\n"
        "bind_none_and_bool_fast()\n"
        "c = sqlite3.connect(':memory:')\n"
        "print(c.execute('SELECT ?, ? IS NULL', (True, None)).fetchone())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "('yes', 1)"


def test_now_is_the_current_second_in_the_stored_format(monkeypatch):
    clock = [1_700_000_000.25]
    monkeypatch.setattr(db_store.time, "time", lambda: clock[0])
    assert db_store.now() == "2023-11-14T22:13:20+00:00"
    clock[0] = 1_700_000_000.99
    assert db_store.now() == "2023-11-14T22:13:20+00:00"
    clock[0] = 1_700_000_001.0
    assert db_store.now() == "2023-11-14T22:13:21+00:00"
    clock[0] = 1_800_000_000.5
    assert db_store.now() == dt.datetime.fromtimestamp(1_800_000_000, dt.UTC).isoformat(timespec="seconds")
    monkeypatch.undo()
    # the real clock: what datetime itself says, to the second
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamp = dt.datetime.fromisoformat(db_store.now())
    after = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert before <= stamp <= after


def test_stored_claims_are_current_and_keep_their_values(tmp_path):
    from factdb.db.engine import open_database
    from factdb.db.store import Store
    from factdb.entities import store as entity_store
    from factdb.extract import extractors
    from factdb.models import DocumentIn
    from factdb.pipeline import prepare

    engine = open_database(tmp_path / "x.db")
    store = Store(engine, "ingest", extractors(), entity_store.sync_entities, entity_store.store_links)
    text = "North Korea fired two missiles about 450 km on Tuesday, South Korea's military said; 12 were killed."
    p = prepare(DocumentIn(source="t", text=text, published="2016-03-01", published_precision="day"))
    [result] = store.write([p])
    store.close()
    assert result.status == "new" and result.claims == len(p.rows) > 0
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.row_factory = sqlite3.Row
    stored = conn.execute("SELECT * FROM claims ORDER BY pk").fetchall()
    assert [r["id"] for r in stored] == [r["id"] for r in p.rows]
    for row, rec in zip(stored, p.rows, strict=True):
        assert row["is_current"] == 1 and conn.execute("SELECT typeof(?)", (row["is_current"],)).fetchone()[0] == "integer"
        for key, value in rec.items():
            if key == "document_id":
                continue
            # booleans as 0/1, everything else exactly as the record has it (None as NULL)
            assert row[key] == (int(value) if isinstance(value, bool) else value), key
        assert text[row["char_start"] : row["char_end"]] == row["quote"]
