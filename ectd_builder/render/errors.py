"""Errors the renderer raises; all are EctdError so the CLI maps them to exit 2 with a hint."""

from __future__ import annotations

from ectd_builder.errors import EctdError


class TemplateOutputError(EctdError):
    """A template produced XHTML outside the vocabulary (a template bug, ours or the user's)."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            hint="templates may only emit h1-h4, p, table, ul/ol, strong/em/sub/sup, a, br, figure/img, hr",
        )


class FontNotFoundError(EctdError):
    """No usable font for a document language."""
