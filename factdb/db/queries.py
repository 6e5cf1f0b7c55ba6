"""Read-side queries behind ``factdb claims`` and ``factdb stats``."""

from __future__ import annotations

import os

from sqlalchemy import Engine

from factdb.models import CLAIM_FIELDS


def list_claims(
    engine: Engine,
    kind: str | None = None,
    attribute: str | None = None,
    document: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Current claims as contract rows, in document order. ``document`` is an id or SHA-256 prefix."""
    where, params = ["c.is_current"], {}
    if kind:
        where.append("c.kind = :kind")
        params["kind"] = kind
    if attribute:
        where.append("c.attribute = :attribute")
        params["attribute"] = attribute
    if document:
        if document.isdigit():
            where.append("c.document_id = :doc")
            params["doc"] = int(document)
        else:
            where.append("d.sha256 LIKE :sha")
            params["sha"] = document.lower() + "%"
    sql = (
        f"SELECT {', '.join('c.' + f for f in CLAIM_FIELDS)} FROM claims c "
        f"JOIN documents d ON d.id = c.document_id WHERE {' AND '.join(where)} "
        "ORDER BY c.document_id, c.char_start, c.char_end"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    from sqlalchemy import text

    with engine.connect() as conn:
        rows = conn.execute(text(sql), params).mappings().all()
    out = []
    for row in rows:
        d = dict(row)
        d["resolved"] = bool(d["resolved"])
        out.append(d)
    return out


def stats(engine: Engine) -> dict:
    with engine.connect() as conn:
        one = lambda sql: conn.exec_driver_sql(sql).scalar()  # noqa: E731
        pairs = lambda sql: dict(conn.exec_driver_sql(sql).fetchall())  # noqa: E731
        result = {
            "documents": one("SELECT count(*) FROM documents"),
            "characters": one("SELECT coalesce(sum(char_count), 0) FROM documents"),
            "claims": one("SELECT count(*) FROM claims WHERE is_current"),
            "claims_superseded": one("SELECT count(*) FROM claims WHERE NOT is_current"),
            "extraction_runs": one("SELECT count(*) FROM extraction_runs"),
            "documents_by_outlet": pairs(
                "SELECT coalesce(outlet, '(none)'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
            ),
            "claims_by_kind": pairs(
                "SELECT kind, count(*) FROM claims WHERE is_current GROUP BY kind ORDER BY 2 DESC"
            ),
            "claims_by_extractor": pairs(
                "SELECT extractor || '@' || extractor_version, count(*) FROM claims WHERE is_current "
                "GROUP BY 1 ORDER BY 2 DESC"
            ),
            "documents_with_published_date": one("SELECT count(*) FROM documents WHERE published IS NOT NULL"),
            # What runs could not process (unreadable inputs, extractor faults, failed stores):
            # each lost something, so they are counted where people look.
            "run_faults": one("SELECT count(*) FROM run_faults"),
            "run_faults_by_stage": pairs("SELECT stage, count(*) FROM run_faults GROUP BY stage ORDER BY 2 DESC, 1"),
            "run_faults_by_extractor": pairs(
                "SELECT extractor || coalesce('@' || extractor_version, ''), count(*) FROM run_faults "
                "WHERE extractor IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"
            ),
        }
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:  # the server's size of the whole database, indexes included
            result["file_bytes"] = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
        return result
    path = engine.url.database
    result["file_bytes"] = os.path.getsize(path) if path and os.path.exists(path) else None
    return result
