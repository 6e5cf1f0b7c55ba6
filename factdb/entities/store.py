"""Writing entities, mentions and claim links; the entry points ingest and ``factdb link`` call.

``store_links`` runs inside :meth:`factdb.db.store.Store.add`'s transaction, so a
document, its claims, its mentions and its claim links commit together. ``refresh``
rebuilds the cross-document tables (groups, launch events) at the end of a run.
"""

from __future__ import annotations

from sqlalchemy import Engine

from factdb.db.engine import write_transaction
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
            "INSERT OR IGNORE INTO claim_entities (claim_id, entity_id, role, mention_id, rule) VALUES (?,?,?,?,?)",
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


def refresh(engine: Engine) -> dict[str, int]:
    """Rebuild the cross-document tables: claim groups and launch events."""
    from factdb.entities.events import rebuild_events
    from factdb.entities.groups import rebuild_groups

    with write_transaction(engine) as conn:
        groups = rebuild_groups(conn)
        events = rebuild_events(conn)
    return {**groups, "launch_events": events}
