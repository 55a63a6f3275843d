"""The provenance map of a rendered document: every value of the dossier it prints, and where
that value was written (``file:line:col`` relative to the dossier folder).

It is written beside the HTML in render output (``<document>.provenance.json``) for reviewers
and diffs; it is not part of an eCTD sequence (it is not a document an agency receives).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ectd_builder.render.model import (
    Document,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    Table,
)

FORMAT = "ectd-builder/provenance/1"
SUFFIX = ".provenance.json"


def _runs(block: object) -> Iterator[tuple[str, tuple[Run, ...]]]:
    """Each stretch of runs of a block, with where it sits in the block."""
    if isinstance(block, (Heading, Paragraph)):
        yield "", block.runs
    elif isinstance(block, ListBlock):
        for i, item in enumerate(block.items, start=1):
            yield f"item {i}", item
    elif isinstance(block, Table):
        yield "caption", block.caption
        rows = [("head", r) for r in block.head] + [("row", r) for r in block.body]
        counts = {"head": 0, "row": 0}
        for kind, row in rows:
            counts[kind] += 1
            for c, cell in enumerate(row.cells, start=1):
                yield f"{kind} {counts[kind]} cell {c}", cell.runs
    elif isinstance(block, Figure):
        yield "caption", block.caption


def provenance(doc: Document) -> dict[str, Any]:
    """The map as plain data: the values in reading order, each with its source and place."""
    values: list[dict[str, Any]] = []
    section = ""
    for number, block in enumerate(doc.blocks, start=1):
        if isinstance(block, Heading):
            section = block.anchor
        for where, runs in _runs(block):
            for run in runs:
                if run.source:
                    place = f"block {number}" + (f" {where}" if where else "")
                    values.append({"text": run.text, "source": run.source, "section": section, "place": place})
    return {"format": FORMAT, "title": doc.title, "language": doc.language, "values": values}


def provenance_json(doc: Document) -> bytes:
    """The map as deterministic JSON bytes (sorted keys, reading order, UTF-8, final newline)."""
    return (json.dumps(provenance(doc), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
