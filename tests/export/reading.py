"""What a reader (or a search) finds in a package file: PDF text and metadata, HTML text, YAML, JSON."""

from __future__ import annotations

import html
import re
from pathlib import Path

from pypdf import PdfReader

METADATA = ("/Title", "/Subject", "/Keywords", "/Author", "/Creator", "/Producer")


def squeeze(text: str) -> str:
    """``text`` without white space: a value wrapped across lines of a PDF is still found."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    """Every page's text and the document information (title, subject, keywords, author)."""
    reader = PdfReader(path)
    info = reader.metadata or {}
    meta = [str(info.get(key, "")) for key in METADATA]
    return "\n".join([*meta, *(page.extract_text() or "" for page in reader.pages)])


def readable_text(path: Path) -> str:
    """The squeezed text of a package file: extracted from a PDF, unescaped from HTML, else as is."""
    if path.suffix == ".pdf":
        return squeeze(pdf_text(path))
    text = path.read_text(encoding="utf-8")
    return squeeze(html.unescape(text) if path.suffix == ".html" else text)
