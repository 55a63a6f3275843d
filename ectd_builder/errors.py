"""The few exceptions the core raises; the CLI turns each into a message and exit code 2."""

from __future__ import annotations


class EctdError(Exception):
    """An environment or usage problem the user can fix (missing standards, bad option)."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
