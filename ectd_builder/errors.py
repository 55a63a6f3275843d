"""The few exceptions the core raises; the CLI turns each into a message and exit code 2."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

# Why an output location refuses to be written (see :class:`OutputBlocked`).
BlockedKind = Literal["unwritable", "not-a-folder", "locked", "frozen", "history", "source", "foreign"]


class EctdError(Exception):
    """An environment or usage problem the user can fix (missing standards, bad option)."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class OutputBlocked(EctdError):
    """The output cannot be written: checked before any rendering starts.

    ``kind`` says why: ``unwritable`` (no write permission or a read-only file system),
    ``not-a-folder`` (the path, or a folder on the way to it, is a regular file), ``locked``
    (another build holds the output's lock), ``frozen`` (the sequence is already submitted
    history, or lower than it), ``history`` (the output would land inside ``submissions/``) or
    ``source`` (an output that is replaced whole would take the dossier with it) or ``foreign``
    (an output that is replaced whole already holds files that it did not write).
    """

    def __init__(self, kind: BlockedKind, path: Path, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.kind: BlockedKind = kind
        self.path = path


class InternalError(Exception):
    """A bug in ectd-builder found by its own consistency checks (not the user's input): the CLI
    writes a crash log and exits 3, like any unexpected exception."""
