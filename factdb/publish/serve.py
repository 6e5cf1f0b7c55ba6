"""``factdb serve``: Datasette over a published snapshot, read-only, with deliberate limits.

The same settings serve the web and the tests (:func:`make_datasette`), so what the tests
check is what people get. The snapshot is opened immutable: Datasette then trusts the
precomputed counts from ``factdb publish`` and never takes a write lock. Writes are
refused anyway: Datasette 0.65 has no write API, arbitrary SQL runs on a read-only
connection, this package's plugin denies every write permission, and :func:`check_plugins`
refuses to start next to a known write plugin. Time is bounded by ``sql_time_limit_ms``
below; size (of a value, a query's rows, a response) by the plugin, on every connection
(see :mod:`factdb.publish.plugin`).
"""

from __future__ import annotations

import os
from pathlib import Path

from factdb.publish.metadata import load_metadata, metadata_path
from factdb.publish.snapshot import INSPECT_NAME, SNAPSHOT_NAME, read_inspect

DEFAULT_DIR = "dist"
DEFAULT_HOST = "127.0.0.1"  # loopback unless someone decides to expose it
DEFAULT_PORT = 8001

# Why each value: arbitrary SQL gets 2.5 s and no more (a runaway query cannot hold a
# worker); facets share that budget at 1 s each (Datasette caps them at the SQL limit);
# 1,000 rows is plenty to read and bounds a response's size; facet suggestions are off
# because each one is an extra GROUP BY over a million claims on every page.
SETTINGS = {
    "sql_time_limit_ms": 2500,
    "facet_time_limit_ms": 1000,
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "default_facet_size": 20,
    "suggest_facets": False,
    "allow_facet": True,
    "allow_download": True,
    "allow_csv_stream": True,
    "num_sql_threads": 3,
    "default_cache_ttl": 300,
    "truncate_cells_html": 400,
}

# Plugins that add write endpoints or schema editing: never next to a published database.
WRITE_PLUGINS = frozenset(
    {
        "datasette-write",
        "datasette-write-ui",
        "datasette-insert",
        "datasette-insert-api",
        "datasette-upload-csvs",
        "datasette-upload-dbs",
        "datasette-edit-schema",
        "datasette-edit-templates",
        "datasette-configure-fts",
        "datasette-import",
        "datasette-enrichments",
    }
)


class ServeError(Exception):
    """The snapshot or the environment is not fit to serve."""


def snapshot_path(directory: str | os.PathLike = DEFAULT_DIR) -> Path:
    path = Path(directory) / SNAPSHOT_NAME
    if not path.is_file():
        raise ServeError(f"no snapshot at {path}: run `factdb publish --out {directory}` first")
    return path


def installed_plugins() -> list[str]:
    """Names of the Datasette plugins installed in this environment (distribution names)."""
    from datasette.plugins import pm

    names = []
    for _plugin, dist in pm.list_plugin_distinfo():
        names.append(getattr(dist, "project_name", None) or dist.metadata["Name"])
    return sorted(set(names))


def check_plugins() -> None:
    """Refuse to serve when a plugin that writes to databases is installed."""
    found = sorted(WRITE_PLUGINS & {n.lower() for n in installed_plugins()})
    if found:
        raise ServeError(f"refusing to serve read-only with write plugins installed: {', '.join(found)}")


def datasette_args(
    directory: str | os.PathLike = DEFAULT_DIR,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    metadata: Path | None = None,
) -> list[str]:
    """The ``datasette serve`` arguments for a snapshot directory (what ``factdb serve`` runs)."""
    db = snapshot_path(directory)
    args = ["serve", "-i", str(db), "--metadata", str(metadata or metadata_path())]
    inspect = Path(directory) / INSPECT_NAME
    if inspect.is_file():
        args += ["--inspect-file", str(inspect)]
    for name, value in SETTINGS.items():
        args += ["--setting", name, _setting_text(value)]
    args += ["--host", host, "--port", str(port)]
    return args


def _setting_text(value) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def make_datasette(directory: str | os.PathLike = DEFAULT_DIR, metadata: dict | None = None):
    """A Datasette instance configured exactly as ``factdb serve`` runs it (for tests, benchmarks)."""
    from datasette.app import Datasette

    db = snapshot_path(directory)
    return Datasette(
        [],
        immutables=[str(db)],
        metadata=metadata if metadata is not None else load_metadata(),
        settings=dict(SETTINGS),
        inspect_data=read_inspect(directory),
    )


def serve(
    directory: str | os.PathLike = DEFAULT_DIR, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> None:
    """Run Datasette in this process until interrupted."""
    from datasette.cli import cli

    check_plugins()
    cli.main(args=datasette_args(directory, host, port), prog_name="datasette", standalone_mode=True)
