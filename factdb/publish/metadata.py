"""Finding and reading ``datasette-metadata.json``, the one description of the published database.

The file lives at the project root so people edit it next to the README; the wheel
carries a copy at ``factdb/_data/datasette-metadata.json`` (pyproject force-includes it).
``factdb serve`` must find it both ways, so every caller goes through :func:`metadata_path`.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

FILENAME = "datasette-metadata.json"
DATABASE = "factdb"


def metadata_path() -> Path:
    """The checkout's metadata file when running from a checkout, else the packaged copy."""
    checkout = Path(__file__).resolve().parents[2] / FILENAME
    if checkout.is_file() and (checkout.parent / "pyproject.toml").is_file():
        return checkout
    packaged = Path(str(resources.files("factdb") / "_data" / FILENAME))
    if packaged.is_file():
        return packaged
    raise FileNotFoundError(
        f"{FILENAME} not found in the checkout ({checkout}) nor in the package ({packaged})"
    )


def load_metadata(path: Path | None = None) -> dict:
    """The metadata as a dict, ready for ``Datasette(metadata=...)``."""
    return json.loads((path or metadata_path()).read_text(encoding="utf-8"))


def database_metadata(metadata: dict) -> dict:
    """The ``databases.factdb`` block: tables, views and canned queries."""
    return metadata.get("databases", {}).get(DATABASE, {})


def canned_queries(metadata: dict) -> dict[str, dict]:
    """Canned queries by name, kept in one block so they lift to ``datasette.yaml`` (1.0) as is."""
    return database_metadata(metadata).get("queries", {})
