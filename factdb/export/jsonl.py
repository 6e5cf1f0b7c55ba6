"""JSON Lines: one claim a line, with the fields of :mod:`factdb.export.records`
(``null`` for a missing value, ``resolved`` a boolean)."""

from __future__ import annotations

import json

from factdb.export.records import record
from factdb.export.rows import Filters, iter_claims


def export(conn, out, filters: Filters | None = None) -> int:
    n = 0
    for row in iter_claims(conn, filters):
        out.write(json.dumps(record(row), ensure_ascii=False) + "\n")
        n += 1
    return n
