"""The ``factdb`` console script: ``factdb extract FILE`` without loading the full CLI.

Other tools call ``factdb extract`` once per file, so its start-up is paid per file
(issue 9). The full command line (:mod:`factdb.cli`) is built with typer, and typer 0.29
imports pydantic and builds a pydantic ``TypeAdapter`` for every argument it parses:
about 0.25 s of CPU before any work, half the cost of a small file. So the plainest forms
of ``extract`` are recognised here and run directly:

    factdb extract PATH [--format jsonl] [--published YYYY-MM-DD]

Everything else (other commands, ``--help``, ``--format table``, anything unusual) goes
to typer unchanged. Both paths run :func:`run_extract`, so they print the same bytes and
exit with the same codes (tests/test_extract_startup.py compares them).
"""

from __future__ import annotations

import sys

_OPTIONS = ("--format", "--published")


def _plain_extract(argv: list[str]) -> tuple[str, str, str | None] | None:
    """``(path, format, published)`` when ``argv`` is one of the plain forms, else None."""
    if not argv or argv[0] != "extract":
        return None
    path = None
    options: dict[str, str] = {}
    rest = argv[1:]
    i = 0
    while i < len(rest):
        token = rest[i]
        name, eq, value = token.partition("=")
        if name in _OPTIONS:
            if not eq:
                if i + 1 >= len(rest):
                    return None  # typer says what is missing
                value = rest[i + 1]
                i += 1
            if name in options or value.startswith("-"):
                return None
            options[name] = value
        elif token == "-" or not token.startswith("-"):
            if path is not None:
                return None
            path = token
        else:  # --help, --, a typo: typer's answer
            return None
        i += 1
    fmt = options.get("--format", "jsonl")
    if path is None or fmt != "jsonl":
        return None
    return path, fmt, options.get("--published")


def run_extract(path: str, fmt: str, published: str | None) -> int:
    """The ``extract`` command's work, typer-free: prints claims as JSON lines (or a table,
    through ``table``) and one-line errors; returns the exit code."""
    import datetime as dt
    import json

    from factdb.extract import extract
    from factdb.ingest import InputError, iter_inputs

    if fmt not in ("jsonl", "table"):
        print(f"error: unknown --format {fmt!r}; use jsonl or table", file=sys.stderr)
        return 2
    pub_date = None
    if published:
        try:
            pub_date = dt.date.fromisoformat(published)
        except ValueError:
            print(f"error: --published {published!r} is not a YYYY-MM-DD date", file=sys.stderr)
            return 2
    items = list(iter_inputs([path], stdin=sys.stdin.buffer))
    errors = [i for i in items if isinstance(i, InputError)]
    for err in errors:
        print(f"error: {err}", file=sys.stderr)
    rows = []
    for doc in items:
        if isinstance(doc, InputError):
            continue
        sha = doc.sha256
        extraction = extract(doc.text, pub_date or doc.publication_date)
        for fault in extraction.faults:  # the claim is dropped; say so, one line each
            print(f"warning: {doc.source}: {fault} (claim dropped)", file=sys.stderr)
        rows.extend(c.record(sha, sha) for c in extraction.claims)
    if fmt == "jsonl":
        out = sys.stdout
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        from factdb.cli import _table

        _table(rows, ("char_start", "quote", "kind", "value", "unit", "bound", "attribute"))
    return 1 if errors else 0


def main() -> None:
    plain = _plain_extract(sys.argv[1:])
    if plain is None:
        from factdb.cli import main as full_cli

        full_cli()
        return
    try:
        code = run_extract(*plain)
        sys.stdout.flush()
    except KeyboardInterrupt:
        print("interrupted; committed documents are kept (run the command again to finish)", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:  # `factdb extract F | head`: the reader left, nothing to say
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # as factdb.cli.main says it: a bug, in one line
        from factdb.failures import describe

        command = " ".join(["factdb", *sys.argv[1:]])
        print(
            f"error: internal error ({describe(exc)}) in `{command}`; please report it with the command and its input",
            file=sys.stderr,
        )
        sys.exit(70)
    sys.exit(code)


if __name__ == "__main__":
    main()
