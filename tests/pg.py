"""A throwaway PostgreSQL cluster for the tests (issue 13).

``initdb`` into a temporary folder, ``pg_ctl start`` listening only on a unix socket in
that folder (no TCP port to collide with anything), trust authentication, ``fsync=off``:
nothing here outlives the test session. initdb refuses to run as root, and CI runs as
root: then the cluster belongs to the unprivileged ``nobody`` (via ``runuser``), and its
folder is handed to it first. ``Cluster.new_database()`` gives each test its own database.

Without PostgreSQL's programs (``initdb``/``pg_ctl`` on PATH or in
/usr/lib/postgresql/*/bin) or psycopg, :func:`unavailable` says why, and the tests skip.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

USER = "factdb"


def _bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def unavailable() -> str | None:
    """Why no cluster can be started here, or None when one can."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    if _bin_dir() is None:
        return "PostgreSQL is not installed (initdb/pg_ctl not found; `make test` installs Debian's postgresql)"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser: initdb refuses root"
    return None


class Cluster:
    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.dir = Path(tempfile.mkdtemp(prefix="factdb-pg-"))
        self.data = self.dir / "data"
        self.as_root = os.geteuid() == 0
        self._names = itertools.count(1)
        if self.as_root:
            shutil.chown(self.dir, "nobody")
        self._run(
            "initdb", "-D", str(self.data), "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"
        )
        options = f"-k {self.dir} -c listen_addresses='' -c fsync=off -c full_page_writes=off -c max_connections=200"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")

    def _run(self, program: str, *args: str) -> None:
        cmd = [str(self.bin / program), *args]
        if self.as_root:
            cmd = ["runuser", "-u", "nobody", "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=self.dir)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@/{database}?host={self.dir}"

    def new_database(self, prefix: str = "t") -> str:
        """A fresh, empty database; its URL."""
        import psycopg

        name = f"{prefix}{next(self._names)}"
        with psycopg.connect(host=str(self.dir), user=USER, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

