"""A rendered document model seen as comparable parts: text lines, structure and language-neutral values.

Two renderings of one document in the same language are compared line by line. In different
languages the words cannot be compared, so what is compared is what must not change with the
language: the structure (headings, paragraphs, lists, table shapes, figures) and the numbers in
the tables (specification limits, process parameters, results). Prose is a translation: numbers
written as words in one language and as digits in another would be noise, not differences.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ectd_builder.render.model import Document, Figure, Heading, ListBlock, PageBreak, Paragraph, Table, plain_text


@dataclass(frozen=True)
class Part:
    """The blocks under one heading (``heading`` is empty before the first heading)."""

    heading: str
    lines: tuple[str, ...]
    shape: tuple[str, ...]
    values: tuple[str, ...]


def block_lines(block: object) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * block.level} {block.text}"]
    if isinstance(block, Paragraph):
        text = plain_text(block.runs).strip()
        return [text] if text else []
    if isinstance(block, ListBlock):
        return [f"- {plain_text(item).strip()}" for item in block.items]
    if isinstance(block, Table):
        lines = [f"[{plain_text(block.caption).strip()}]"] if block.caption else []
        for row in block.head + block.body:
            lines.append(" | ".join(plain_text(c.runs).strip() for c in row.cells))
        return lines
    if isinstance(block, Figure):
        return [f"[figure] {plain_text(block.caption).strip()}"]
    return []


def block_shape(block: object) -> str:
    if isinstance(block, Heading):
        return f"heading {block.level}"
    if isinstance(block, Paragraph):
        return "paragraph"
    if isinstance(block, ListBlock):
        return f"list of {len(block.items)}"
    if isinstance(block, Table):
        return f"table {len(block.head) + len(block.body)}x{block.columns}"
    if isinstance(block, Figure):
        return "figure"
    if isinstance(block, PageBreak):
        return "page break"
    return type(block).__name__


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def values_of(lines: list[str]) -> list[str]:
    """The numbers of table rows: what a translation must not change.

    Only the magnitudes are kept ("95.0-105.0%" and "95.0%～105.0%" both give 95.0, 105.0), since
    range marks, unit spacing and word order are the language's business.
    """
    out: list[str] = []
    for line in lines:
        out += _NUMBER.findall(line)
    return out


def table_lines(block: object) -> list[str]:
    """The rows of a table (prose is a translation and is compared as a language difference)."""
    if not isinstance(block, Table):
        return []
    return [" | ".join(plain_text(c.runs) for c in row.cells) for row in block.body]


def parts(doc: Document) -> list[Part]:
    """The document split at its headings."""
    found: list[Part] = []
    heading = ""
    lines: list[str] = []
    shape: list[str] = []
    rows: list[str] = []

    def close() -> None:
        if heading or lines:
            found.append(Part(heading, tuple(lines), tuple(shape), tuple(values_of(rows))))

    for block in doc.blocks:
        if isinstance(block, PageBreak):
            continue
        if isinstance(block, Heading):
            close()
            heading, lines, shape, rows = block.text, [], [], []
        lines += block_lines(block)
        rows += table_lines(block)
        shape.append(block_shape(block))
    close()
    return found


def all_lines(doc: Document) -> list[str]:
    return [line for part in parts(doc) for line in part.lines]


def value_difference(left: tuple[str, ...], right: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Values only on the left and only on the right (as multisets, in first-seen order)."""
    lc, rc = Counter(left), Counter(right)
    only_l = [v for v in dict.fromkeys(left) for _ in range(lc[v] - rc[v])]
    only_r = [v for v in dict.fromkeys(right) for _ in range(rc[v] - lc[v])]
    return only_l, only_r
