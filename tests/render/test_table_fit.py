"""A table cell narrower than its widest piece breaks at a fallback point, never inside a number."""

from __future__ import annotations

from ectd_builder.render.api import write
from ectd_builder.render.model import Document
from ectd_builder.render.xhtml import parse_xhtml

from .glyphcheck import read_glyphs

# nine columns of batch numbers need more than the page's width: the columns are squeezed
HEAD = "".join(f"<th>Batch QVT-DS-2300{i}</th>" for i in range(9))
ROW = "".join("<td>80%～125%</td>" if i % 2 else "<td>10–30 min</td>" for i in range(9))
XHTML = f"<h1>3.2.P.5.6 Justification</h1><table><thead><tr>{HEAD}</tr></thead><tbody><tr>{ROW}</tr></tbody></table>"


def test_squeezed_cells_break_after_a_range_sign_or_separator_not_inside_a_number() -> None:
    doc = Document("T", "zh", parse_xhtml(XHTML), subject="3.2.P", date="2026-01-01T00:00:00+00:00")
    text, problems = read_glyphs(write(doc, "pdf"))
    assert problems == []
    cells = [[line for line in cell.split("\n") if line.strip()] for cell in text.split("\n\n\n")]  # lines per cell
    lines = [line for cell in cells for line in cell]
    cut = [(a, b) for cell in cells for a, b in zip(cell, cell[1:], strict=False) if a[-1:].isdigit() and b[:1].isdigit()]
    assert cut == []  # before: "80%～1" / "25%"
    assert "in" not in lines and "30 min" in lines  # before: "10–30 m" / "in"
    assert "80%～" in lines and "125%" in lines and "23008" in lines  # the fallback points were used
