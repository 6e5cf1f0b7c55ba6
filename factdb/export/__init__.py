"""Exports: claims out to the fact-checking ecosystem (ClaimReview, Web Annotation), to
spreadsheets (CSV, JSON Lines), and launch events in the CNS missile-test database's columns.

Every format streams: :func:`factdb.export.rows.iter_claims` iterates one SQLite cursor and
holds one document's text at a time, so memory stays flat whatever the database's size.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from factdb.export.rows import ExportError, Filters, connect

# format -> (module, what it writes)
FORMATS = {
    "claimreview": ("claimreview", "JSON array of schema.org ClaimReview objects (JSON-LD)"),
    "annotation": ("annotation", "JSON Lines of W3C Web Annotations (JSON-LD)"),
    "csv": ("csvfile", "CSV, one claim a row"),
    "jsonl": ("jsonl", "JSON Lines, one claim a line"),
    "launches": ("launches", "CSV of launch events in the CNS missile-test database's columns"),
}

__all__ = ["FORMATS", "ExportError", "Filters", "connect", "export"]


@dataclass
class ExportResult:
    format: str
    count: int  # claims (or reviews, or launch events) written


def export(conn, fmt: str, out, filters: Filters | None = None) -> ExportResult:
    """Write ``fmt`` to the text stream ``out`` from the sqlite3 connection ``conn``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"factdb.export.{FORMATS[fmt][0]}")
    return ExportResult(fmt, module.export(conn, out, filters))
