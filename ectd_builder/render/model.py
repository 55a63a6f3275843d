"""The document model: what a rendered CTD document is, independent of PDF, DOCX or HTML.

Templates produce XHTML; :mod:`ectd_builder.render.xhtml` turns it into this small tree of
frozen values, and each writer turns the tree into bytes. Diffs and golden tests work on
this tree, never on PDF bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting. ``href`` is ``#anchor`` for internal links.

    ``source`` is where a value of the dossier was written (``product.yaml:41:17``, relative to the
    dossier folder). The HTML writer shows it; PDF and DOCX print the text only.
    """

    text: str
    bold: bool = False
    italic: bool = False
    sub: bool = False
    sup: bool = False
    href: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Heading:
    level: int  # 1..4
    runs: tuple[Run, ...]
    anchor: str

    @property
    def text(self) -> str:
        return plain_text(self.runs)


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    style: str = "body"  # body | note | small
    anchor: str | None = None


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Run, ...], ...]


@dataclass(frozen=True)
class Cell:
    runs: tuple[Run, ...]
    colspan: int = 1
    header: bool = False
    align: str = "left"  # left | center | right


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    head: tuple[Row, ...]
    body: tuple[Row, ...]
    caption: tuple[Run, ...] = ()
    anchor: str | None = None
    widths: tuple[float, ...] = ()  # relative column widths; empty = equal

    @property
    def columns(self) -> int:
        rows = self.head + self.body
        return max((sum(c.colspan for c in r.cells) for r in rows), default=0)


@dataclass(frozen=True)
class Figure:
    src: str  # key into Document.images
    caption: tuple[Run, ...] = ()
    anchor: str | None = None
    width: float = 1.0  # fraction of the text width


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | ListBlock | Table | Figure | PageBreak


@dataclass(frozen=True)
class Image:
    """A figure: its SVG (PDF and HTML draw the vector) and its PNG (DOCX), made when first asked for.

    ``png_source`` is the bytes, or a function that makes them: a build that writes only PDF never
    pays for a 300 dpi raster it does not use. ``content`` is the key of what the figure was drawn
    from (its data, text and fonts), so the render cache keys it without drawing the PNG.
    """

    key: str
    png_source: bytes | Callable[[], bytes] = field(repr=False)
    svg: bytes = b""
    width_px: int = 0
    height_px: int = 0
    content: str = ""

    @cached_property
    def png(self) -> bytes:
        return self.png_source if isinstance(self.png_source, bytes) else self.png_source()

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.png).hexdigest()


@dataclass(frozen=True)
class Document:
    title: str
    language: str  # en | ja | zh
    blocks: tuple[Block, ...]
    images: tuple[Image, ...] = ()
    subject: str = ""  # PDF /Subject, e.g. the CTD section code
    author: str = ""
    date: str = ""  # ISO 8601 date-time the writers stamp into the file
    meta: tuple[tuple[str, str], ...] = field(default=())

    def image(self, key: str) -> Image:
        for img in self.images:
            if img.key == key:
                return img
        raise KeyError(key)

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


def plain_text(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs)


def _without_sources(runs: tuple[Run, ...]) -> list[Run]:
    merged: list[Run] = []
    for run in (replace(r, source=None) for r in runs):
        if merged and "\n" not in (run.text, merged[-1].text) and replace(merged[-1], text="") == replace(run, text=""):
            merged[-1] = replace(run, text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return merged


def to_data(value: Any) -> Any:
    """A JSON-ready view of the model (images by digest), used by golden tests and diffs.

    It shows content, not provenance: runs that differ only in ``source`` are shown as one, so a
    value moving to another YAML line changes nothing here (the provenance map records sources).
    """
    if isinstance(value, tuple) and value and all(isinstance(v, Run) for v in value):
        return [to_data(run) for run in _without_sources(value)]
    if isinstance(value, Image):
        return {"key": value.key, "sha256": value.digest, "size": [value.width_px, value.height_px]}
    if isinstance(value, Run):
        data: dict[str, Any] = {"text": value.text}
        for name in ("bold", "italic", "sub", "sup"):
            if getattr(value, name):
                data[name] = True
        if value.href:
            data["href"] = value.href
        return data
    if is_dataclass(value) and not isinstance(value, type):
        data = {"type": type(value).__name__}
        for f in fields(value):
            data[f.name] = to_data(getattr(value, f.name))
        return data
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    return value
