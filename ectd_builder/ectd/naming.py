"""File and folder names: a-z, 0-9 and '-', at most 64 characters, within a region's path limit."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_NAME = 64
_BAD = re.compile(r"[^a-z0-9]+")
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)?$")


def slug(text: str, limit: int = 40) -> str:
    """``'Acme Pharma GmbH (Site 2)'`` -> ``'acme-pharma-gmbh-site-2'``; non-Latin text falls back to a hash."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    out = _BAD.sub("-", ascii_text).strip("-")
    if not out:
        out = "x" + short_hash(text, 8)
    if len(out) > limit:
        out = out[: limit - 9].rstrip("-") + "-" + short_hash(text, 8)
    return out


def short_hash(text: str, length: int = 8) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def file_name(stem: str, ext: str, limit: int = MAX_NAME) -> str:
    """A valid file name for ``stem`` + ``ext`` of at most ``limit`` characters."""
    ext = _BAD.sub("", ext.lower()) or "pdf"
    base = slug(stem, max(12, limit - len(ext) - 1))
    return f"{base}.{ext}"


def shorten(name: str, budget: int, salt: str) -> str:
    """Cut a file name to ``budget`` characters, keeping its extension and making it unique by ``salt``."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    suffix = "-" + short_hash(salt, 6) + (f".{ext}" if ext else "")
    keep = budget - len(suffix)
    if keep < 1:
        raise ValueError("no room for a file name")
    return stem[:keep].rstrip("-") + suffix


def check_name(name: str) -> str | None:
    """A reason the file/folder name is invalid, or None."""
    if len(name) > MAX_NAME:
        return f"'{name}' is longer than {MAX_NAME} characters"
    if not NAME_RE.match(name):
        return f"'{name}' uses characters other than a-z, 0-9 and '-'"
    return None
