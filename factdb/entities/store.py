"""Writing entities, mentions and claim links; the entry points ingest and ``factdb link`` call.

``store_links`` runs inside :meth:`factdb.db.store.Store.add`'s transaction, so a
document, its claims, its mentions and its claim links commit together. ``refresh``
brings the cross-document tables (groups, launch events) up to date and records in
``derived_state`` what they were built from: after a run that only added documents it
updates what those documents touch (``added_since``), otherwise it rebuilds, with the
same rows either way. ``ensure_derived`` refreshes them when that record no longer
matches the database (a run killed before its refresh, for one).
"""

from __future__ import annotations

import json

from sqlalchemy import Engine

from factdb.db.engine import restart_ids, write_transaction
from factdb.entities.gazetteer import Gazetteer, gazetteer
from factdb.entities.linking import DocumentLinks, plan_links


def sync_entities(conn, gaz: Gazetteer | None = None, force: bool = False) -> dict[str, int]:
    """Make ``entities``/``entity_aliases`` match the gazetteer; returns name → id.

    Cheap when nothing changed (one count query): ingest calls it once per document.
    Rows are matched by canonical name, so ids survive edits to descriptions and aliases.
    """
    gaz = gaz or gazetteer()
    ids = dict(conn.exec_driver_sql("SELECT name, id FROM entities").fetchall())
    n_alias = conn.exec_driver_sql("SELECT count(*) FROM entity_aliases").scalar()
    wanted_aliases = sum(len(e.aliases) + len(e.patterns) for e in gaz.entities.values())
    if not force and set(ids) == set(gaz.entities) and n_alias == wanted_aliases:
        return ids
    for e in gaz.entities.values():
        row = (e.type, e.description, e.role, e.country, e.weapon_class)
        if e.key in ids:
            conn.exec_driver_sql(
                "UPDATE entities SET type=?, description=?, role=?, country=?, weapon_class=? WHERE id=?",
                (*row, ids[e.key]),
            )
        else:
            ids[e.key] = conn.exec_driver_sql(
                "INSERT INTO entities (name, type, description, role, country, weapon_class) VALUES (?,?,?,?,?,?) "
                "RETURNING id",
                (e.key, *row),
            ).scalar()
    conn.exec_driver_sql("DELETE FROM entity_aliases")
    conn.exec_driver_sql(
        "INSERT INTO entity_aliases (entity_id, alias, is_pattern) VALUES (?,?,?)",
        [(ids[e.key], a, False) for e in gaz.entities.values() for a in e.aliases]
        + [(ids[e.key], p, True) for e in gaz.entities.values() for p in e.patterns],
    )
    return ids


def store_links(conn, document_id: int, planned: DocumentLinks, ids: dict[str, int] | None = None) -> None:
    """Insert one document's mentions and claim links (inside the caller's transaction).

    ``ids`` (entity name → id) lets a run sync the gazetteer once instead of per document.
    Mention ids are assigned here rather than read back row by row: the caller holds the
    write lock (BEGIN IMMEDIATE), so nobody else can take them, and one executemany
    replaces a round trip per mention on ingest's hot path.
    """
    ids = ids if ids is not None else sync_entities(conn)
    if not planned.mentions and not planned.links:
        return
    cur = conn.connection.dbapi_connection.cursor()
    first = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM entity_mentions").fetchone()[0]
    mention_ids = list(range(first, first + len(planned.mentions)))
    if planned.mentions:
        cur.executemany(
            "INSERT INTO entity_mentions (id, document_id, entity_id, char_start, char_end, quote) VALUES (?,?,?,?,?,?)",
            [
                (mid, document_id, ids[m.entity], m.char_start, m.char_end, m.quote)
                for mid, m in zip(mention_ids, planned.mentions, strict=True)
            ],
        )
    if planned.links:
        cur.executemany(
            # ON CONFLICT DO NOTHING, not SQLite's INSERT OR IGNORE: PostgreSQL reads it too
            "INSERT INTO claim_entities (claim_id, entity_id, role, mention_id, rule) VALUES (?,?,?,?,?) "
            "ON CONFLICT DO NOTHING",
            [
                (ln.claim_id, ids[ln.entity], ln.role, None if ln.mention is None else mention_ids[ln.mention], ln.rule)
                for ln in planned.links
            ],
        )


_CLAIM_COLS = "id, kind, char_start, char_end, attribute, attribution"


def relink(engine: Engine) -> int:
    """Recompute every document's mentions and current claims' links (after a gazetteer edit
    or a re-extraction); one transaction per document. Returns the number of documents."""
    with engine.connect() as conn:
        doc_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM documents ORDER BY id")]
    with write_transaction(engine) as conn:
        sync_entities(conn, force=True)
    for doc_id in doc_ids:
        with write_transaction(engine) as conn:
            text = conn.exec_driver_sql("SELECT text FROM documents WHERE id = ?", (doc_id,)).scalar()
            claims = [
                dict(r)
                for r in conn.exec_driver_sql(
                    f"SELECT {_CLAIM_COLS} FROM claims WHERE document_id = ? AND is_current", (doc_id,)
                ).mappings()
            ]
            conn.exec_driver_sql(
                "DELETE FROM claim_entities WHERE claim_id IN (SELECT id FROM claims WHERE document_id = ?)", (doc_id,)
            )
            conn.exec_driver_sql("DELETE FROM entity_mentions WHERE document_id = ?", (doc_id,))
            store_links(conn, doc_id, plan_links(text, claims))
    return len(doc_ids)


# Bump when groups.py or events.py change what they build from the same inputs, so that
# every database's groups and events count as stale and are rebuilt by the next writer.
DERIVED_VERSION = "3"
DERIVED_TABLES = ("claim_groups", "launch_events")


def fingerprint(conn) -> str:
    """The state the cross-document tables are built from: :func:`_state` as JSON.

    Documents are immutable once stored and ids only grow, so count and max id catch an
    added or deleted document. Re-extraction flips ``is_current`` on old rows without new
    ids when a reverted version revives them, hence the sum of current claim keys too.
    Mentions and claim links are rewritten by relink with fresh ids. The gazetteer digest
    and :data:`DERIVED_VERSION` cover the code and data that turn links into groups. The
    derived tables' own row counts close it: tables emptied or edited after their build
    count as stale too.
    """
    return json.dumps(_state(conn), sort_keys=True)


def _state(conn, up_to: int | None = None) -> dict:
    """Counts and largest keys of the inputs (only documents with ids up to ``up_to``, and
    what belongs to them, when given), the code and data versions, and the derived rows."""

    def one(sql: str, document_column: str) -> list[int]:
        if up_to is not None:
            sql += f" {'AND' if ' WHERE ' in sql else 'WHERE'} {document_column} <= {int(up_to)}"
        return [int(x) for x in conn.exec_driver_sql(sql).one()]  # PostgreSQL sums are Decimal

    return {
        "documents": one("SELECT count(*), coalesce(max(id), 0) FROM documents", "id"),
        "current_claims": one(
            "SELECT count(*), coalesce(max(pk), 0), coalesce(sum(pk), 0) FROM claims WHERE is_current", "document_id"
        ),
        "claim_entities": one(
            "SELECT count(*), coalesce(max(ce.id), 0) FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id",
            "c.document_id",
        ),
        "entity_mentions": one("SELECT count(*), coalesce(max(id), 0) FROM entity_mentions", "document_id"),
        "gazetteer": gazetteer().digest,
        "derived_version": DERIVED_VERSION,
        "derived_rows": _built_rows(conn),
    }


def _built_rows(conn) -> list[int]:
    """How many rows the derived tables hold (and their largest ids): an incremental refresh
    starts from these rows, so they must be the ones written with the recorded state, not
    what a crash or a hand left of them."""
    one = lambda sql: [int(x) for x in conn.exec_driver_sql(sql).one()]  # noqa: E731
    return (
        one("SELECT count(*), coalesce(max(id), 0) FROM claim_groups")
        + one("SELECT count(*) FROM claim_group_members")
        + one("SELECT count(*), coalesce(max(id), 0) FROM launch_events")
        + one("SELECT count(*), coalesce(max(id), 0) FROM launch_event_fields")
    )


def _stale(conn) -> bool:
    built = dict(conn.exec_driver_sql("SELECT name, fingerprint FROM derived_state").fetchall())
    if not built:
        # never built: stale only if there is something to build from
        return conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM documents)").scalar() == 1
    current = fingerprint(conn)
    return any(built.get(name) != current for name in DERIVED_TABLES)


def derived_stale(engine: Engine) -> bool:
    """True when claim groups or launch events were built from another state than the
    database's now (a run killed before its refresh, a re-extraction, a gazetteer edit)."""
    with engine.connect() as conn:
        return _stale(conn)


def added_since(conn) -> int | None:
    """The largest document id the cross-document tables were built with, when the database
    differs from that state only by documents added since (ids above it, with their claims,
    mentions and links); None when the state is unknown or anything else changed (a
    re-extraction, a relink, a gazetteer edit, a deleted document, new code): then only a
    full rebuild is right.

    Documents are immutable and ids only grow, so the part of today's database at or below
    that id must give back the recorded state exactly."""
    built = dict(conn.exec_driver_sql("SELECT name, fingerprint FROM derived_state").fetchall())
    recorded = {built.get(name) for name in DERIVED_TABLES}
    if len(recorded) != 1 or None in recorded:
        return None
    try:
        state = json.loads(recorded.pop())
        last = int(state["documents"][1])
    except (ValueError, TypeError, KeyError, IndexError):  # written by older code, or by hand
        return None
    return last if _state(conn, up_to=last) == state else None


def refresh(engine: Engine, full: bool = False) -> dict[str, int]:
    """Bring the cross-document tables, claim groups and launch events, up to date.

    After a run that only added documents (:func:`added_since`) the work is limited to what
    the new documents can change (:func:`factdb.entities.groups.update_groups`,
    :func:`factdb.entities.events.update_events`), with the same rows as a rebuild; otherwise,
    or with ``full``, both are rebuilt from scratch. The fingerprint of their inputs is
    written in the same transaction, so the tables and the record of what they were built
    from can never disagree. Idempotent.
    """
    import datetime as dt

    from factdb.entities.events import rebuild_events, update_events
    from factdb.entities.groups import rebuild_groups, update_groups

    with write_transaction(engine) as conn:
        since = None if full else added_since(conn)
        if since is None:
            restart_ids(conn, ("claim_groups", "launch_events", "launch_event_fields"))  # as SQLite does
            groups = rebuild_groups(conn)
            events = rebuild_events(conn)
        else:
            groups = update_groups(conn, since)
            events = update_events(conn, since)
        state = fingerprint(conn)
        built_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        conn.exec_driver_sql(
            "INSERT INTO derived_state (name, fingerprint, built_at) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, built_at = excluded.built_at",
            [(name, state, built_at) for name in DERIVED_TABLES],
        )
    return {**groups, "launch_events": events}


def ensure_derived(engine: Engine) -> bool:
    """Rebuild the cross-document tables if they are stale; returns whether it did.

    Writers call this when they start and finish, so a process killed between its last
    document commit and its refresh leaves tables that the next writer repairs.
    """
    if not derived_stale(engine):
        return False
    refresh(engine)
    return True
