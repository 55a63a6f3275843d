"""A content-addressed render cache: written documents and drawn figures, never stale by construction.

The document model is cheap (templates, plan: a few per cent of a build) and is always rebuilt;
the writing (PDF layout, fonts) and the figures (matplotlib) are the expensive part and are
looked up here. An entry's key is the digest of everything its bytes depend on:

- a document: the canonical bytes of its model (every run, link, source and figure by its content
  key, see :func:`model_bytes`), the format, the page, the link extension, the reference DOCX's
  bytes, the digests of the font files the writer embeds, and :func:`code_digest`;
- a figure: the memo key of :func:`ectd_builder.render.stability.render_figure` (its data, text
  and fonts) and :func:`code_digest`.

:func:`code_digest` is the tool version, the versions of the libraries that write bytes, and the
digest of every file of the package, so a changed writer or template engine never reads an old
entry. The cache lives in platformdirs' user cache directory (``$XDG_CACHE_HOME/ectd-builder``
on Linux); entries are written atomically (a temporary file renamed into place), so a crash or a
concurrent writer leaves a whole entry or none. The size is not bounded: delete the folder to
empty it (each entry is one file named by its key).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, is_dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import ectd_builder
from ectd_builder.render.model import Image

_LIBRARIES = ("fpdf2", "python-docx", "matplotlib", "numpy", "fonttools", "pikepdf", "lxml")


@dataclass(frozen=True)
class RenderCache:
    """Entries under ``root``: ``<root>/<kind>/<key[:2]>/<key>``."""

    root: Path

    @classmethod
    def default(cls) -> RenderCache:
        """The user cache directory (platformdirs; respects ``XDG_CACHE_HOME``)."""
        from platformdirs import user_cache_path

        return cls(user_cache_path("ectd-builder", appauthor=False) / "render")

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        """The bytes stored under ``key``, or None (a missing or unreadable entry is a miss)."""
        try:
            return self._path(kind, key).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` atomically; a cache that cannot be written is skipped."""
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except OSError:
            return


_ACTIVE: ContextVar[RenderCache | None] = ContextVar("ectd_render_cache", default=None)


def active() -> RenderCache | None:
    """The cache of this run (:func:`use_cache`), None when caching is off (the default)."""
    return _ACTIVE.get()


@contextmanager
def use_cache(cache: RenderCache | None) -> Iterator[None]:
    """Render with ``cache`` (None: read and write nothing) inside the block."""
    token = _ACTIVE.set(cache)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


@lru_cache(maxsize=1)
def _package_digest() -> str:
    root = Path(ectd_builder.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def code_digest() -> str:
    """The tool version, the writing libraries' versions and the package files' digest."""
    parts = [ectd_builder.__version__, _package_digest(), *(f"{n}={_version(n)}" for n in _LIBRARIES)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes (fonts, the reference DOCX), once per process and file version."""
    stat = path.stat()
    return _digest_of(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _digest_of(path: Path, _size: int, _mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def image_key(image: Image) -> dict[str, Any]:
    """An image by its content key, never by its lazily drawn PNG (unless it has no key)."""
    content = image.content or hashlib.sha256(image.svg).hexdigest() + image.digest
    svg = hashlib.sha256(image.svg).hexdigest()
    return {"key": image.key, "content": content, "svg": svg, "size": [image.width_px, image.height_px]}


def _canonical(value: Any) -> Any:
    if isinstance(value, Image):
        return image_key(value)
    if is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, *(_canonical(getattr(value, f.name)) for f in fields(value))]
    if isinstance(value, (tuple, list)):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"the render cache cannot key a {type(value).__name__} of the document model")


def model_bytes(model: Any) -> bytes:
    """Canonical bytes of a document model: every field of every block, sources included."""
    return json.dumps(_canonical(model), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def key_of(*parts: str | bytes) -> str:
    """The sha256 of ``parts`` (each length-prefixed, so no two sequences collide) and the code."""
    digest = hashlib.sha256(code_digest().encode("ascii"))
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()
