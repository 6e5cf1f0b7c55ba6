"""Failures that belong to one input: what every stage reports instead of raising.

A failure while reading, extracting, linking or storing one document is that document's
failure, never the batch's. Each stage turns what went wrong into a :class:`Failure`:
one line that names the input (and the JSONL line), the stage and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

STAGES = ("read", "extract", "link", "store")


def describe(exc: BaseException) -> str:
    """One line for an exception: its type and the first line of its message."""
    msg = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {msg[0]}" if msg and msg[0] else type(exc).__name__


def internal_reason(exc: BaseException) -> str:
    """The reason for a failure that is factdb's bug, not the input's."""
    return f"internal error ({describe(exc)}); please report it with this input"


@dataclass(frozen=True)
class Failure:
    """One input that could not be stored: where, at which stage, and why (one line)."""

    source: str
    stage: str
    reason: str
    line: int | None = None
    sha256: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: [{self.stage}] {self.reason}"

    @classmethod
    def from_input_error(cls, err, stage: str = "read") -> Failure:
        """From a reader's :class:`~factdb.ingest.InputError`."""
        return cls(err.source, stage, err.reason, err.line)

    @classmethod
    def internal(cls, source: str, stage: str, exc: BaseException, sha256: str | None = None) -> Failure:
        # Not the input's fault: say so, and say what to send with a report.
        return cls(source, stage, internal_reason(exc), sha256=sha256)
