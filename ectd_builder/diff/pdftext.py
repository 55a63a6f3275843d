"""Text of a PDF, for comparing two versions of a document when no document model is available."""

from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

PROJECT_PRODUCER = "ectd-builder"
MAX_PAGES = 500


def _quiet() -> None:
    log = logging.getLogger("pypdf")
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    log.propagate = False


def rendered_by_project(path: Path) -> bool:
    """True when the PDF says it was written by ectd-builder (its /Producer or /Creator)."""
    _quiet()
    try:
        info = PdfReader(str(path)).metadata
    except (PyPdfError, OSError, ValueError, KeyError, TypeError):
        return False
    if info is None:
        return False
    return any(PROJECT_PRODUCER in str(info.get(k, "")) for k in ("/Producer", "/Creator"))


def pdf_lines(path: Path) -> list[str] | None:
    """Non-empty text lines of every page; ``None`` when the file cannot be read as a PDF."""
    _quiet()
    try:
        reader = PdfReader(str(path))
        lines: list[str] = []
        for page in reader.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            lines += [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return lines
