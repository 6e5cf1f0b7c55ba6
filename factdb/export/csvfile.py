"""CSV: one claim a row, with the columns of :mod:`factdb.export.records` (header first;
an empty cell is a null, ``resolved`` is ``true``/``false``)."""

from __future__ import annotations

import csv

from factdb.export.records import FIELDS, record
from factdb.export.rows import Filters, iter_claims


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return v


def export(conn, out, filters: Filters | None = None) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    n = 0
    for row in iter_claims(conn, filters):
        rec = record(row)
        writer.writerow([_cell(rec[f]) for f in FIELDS])
        n += 1
    return n
