"""Tables of the PDF writer: column widths that fit identifiers, tables that start with their caption."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from fpdf.fonts import FontFace

from ectd_builder.render.linebreak import fit_pieces
from ectd_builder.render.model import Cell, Document, Run, Table, plain_text
from ectd_builder.render.pdf_layout import (
    BODY,
    CAPTION_PT,
    TABLE_PADDING,
    TABLE_PT,
    fit_columns,
    line_count,
    widest_piece,
)

if TYPE_CHECKING:
    from fpdf import FPDF
    from fpdf.enums import WrapMode

KEEP_CHECK_MM = 110.0  # measure a table's start (caption, header, first row) only when less room is left
LINK_RGB = (0, 0, 190)  # link text is blue
_SAFETY = 0.6  # mm a column keeps beyond its widest piece, so fpdf2's own rounding never breaks it
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SUP = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")


class TableWriter:
    """The table part of :class:`ectd_builder.render.pdf.PdfWriter` (which provides the rest)."""

    pdf: FPDF
    doc: Document
    wrap: WrapMode
    plans: dict[int, tuple[dict[int, str], tuple[float, ...]]]

    def text(self, text: str) -> str:
        raise NotImplementedError

    def anchor(self, anchor: str | None) -> None:
        raise NotImplementedError

    def runs(self, runs: tuple[Run, ...], size: float, *, line_h: float | None = None) -> None:
        raise NotImplementedError

    def link_for(self, run: Run) -> str | None:
        raise NotImplementedError

    def table_plan(self, block: Table) -> tuple[dict[int, str], tuple[float, ...]]:
        """The prepared text of each cell (by ``id``) and the column widths of ``block`` (computed once)."""
        plan = self.plans.get(id(block))
        if plan is None:
            texts = {id(c): self.text(_cell_text(c.runs)) for row in block.head + block.body for c in row.cells}
            widths = self.column_widths(block, texts)
            plan = self.plans[id(block)] = (self.fitted(block, texts, widths), widths)
        return plan

    def fitted(self, block: Table, texts: dict[int, str], widths: tuple[float, ...]) -> dict[int, str]:
        """The cell texts, where a cell is narrower than its widest piece with break marks at that
        piece's fallback points (after a range sign, before a unit, in a file name), so that fpdf2
        does not cut it inside a number."""
        out = dict(texts)
        for cell, column in self.cells_in_font(block):
            room = sum(widths[column : column + cell.colspan]) - 2 * TABLE_PADDING - _SAFETY
            out[id(cell)] = fit_pieces(texts[id(cell)], room, self.pdf.get_string_width)
        return out

    def cells_in_font(self, block: Table) -> Iterator[tuple[Cell, int]]:
        """Each cell with its first column, the PDF's font set to the cell's (bold in header rows)."""
        for row in block.head + block.body:
            column = 0
            for cell in row.cells:
                bold = row in block.head or cell.header or _all_bold(cell.runs)
                self.pdf.set_font(BODY, "B" if bold else "", TABLE_PT)
                yield cell, column
                column += cell.colspan

    def table_start_height(self, block: Table) -> float:
        """Height of the caption, the header rows and the first body row: what must share a page."""
        pdf = self.pdf
        texts, widths = self.table_plan(block)
        height = 1.0
        if block.caption:
            pdf.set_font(BODY, "B", CAPTION_PT)
            text = self.text(plain_text(block.caption))
            height += line_count(pdf, pdf.epw, CAPTION_PT * 0.48, text) * CAPTION_PT * 0.48
            height += 0.5
        line_h = TABLE_PT * 0.46
        for row in block.head + block.body[:1]:
            row_h, column = 0.0, 0
            for cell in row.cells:
                width = sum(widths[column : column + cell.colspan]) - 2 * TABLE_PADDING
                bold = row in block.head or cell.header or _all_bold(cell.runs)
                pdf.set_font(BODY, "B" if bold else "", TABLE_PT)
                lines = line_count(pdf, max(width, 1.0), line_h, texts[id(cell)])
                row_h = max(row_h, lines * line_h + 2 * TABLE_PADDING)
                column += cell.colspan
            height += row_h
        return height

    def table(self, block: Table) -> None:
        pdf = self.pdf
        room = pdf.page_break_trigger - pdf.get_y()
        if room < KEEP_CHECK_MM and pdf.get_y() > pdf.t_margin + 1 and self.table_start_height(block) > room:
            pdf.add_page()
        if block.caption:
            self.anchor(block.anchor)
            self.runs(tuple(Run(r.text, bold=True, italic=r.italic) for r in block.caption), CAPTION_PT)
            pdf.ln(0.5)
        else:
            self.anchor(block.anchor)
        texts, widths = self.table_plan(block)
        pdf.set_font(BODY, "", TABLE_PT)
        with pdf.table(
            col_widths=widths,
            width=pdf.epw,
            first_row_as_headings=bool(block.head),
            num_heading_rows=max(1, len(block.head)) if block.head else 1,
            repeat_headings=1,
            text_align="LEFT",
            line_height=TABLE_PT * 0.46,
            padding=TABLE_PADDING,
            headings_style=FontFace(emphasis="BOLD", fill_color=(225, 230, 238), size_pt=TABLE_PT),
            v_align="TOP",
            wrapmode=self.wrap,
        ) as out:
            for row in block.head + block.body:
                line = out.row()
                for cell in row.cells:
                    link = next((self.link_for(r) for r in cell.runs if r.href), None)
                    bold = not cell.header and _all_bold(cell.runs)
                    style = FontFace(emphasis="BOLD" if bold else None, color=LINK_RGB if link else None)
                    line.cell(
                        texts[id(cell)],
                        colspan=cell.colspan,
                        align=cell.align.upper(),
                        style=style if bold or link else None,
                        link=link,
                    )
        pdf.ln(3)

    def column_widths(self, block: Table, texts: dict[int, str]) -> tuple[float, ...]:
        """Column widths (mm) wide enough for the widest unbreakable piece of each column."""
        pdf = self.pdf
        columns = block.columns
        relative = block.widths if len(block.widths) == columns else tuple(1.0 for _ in range(columns))
        minimums = [0.0] * columns
        for cell, column in self.cells_in_font(block):
            if cell.colspan == 1 and column < columns:
                need = widest_piece(texts[id(cell)], pdf.get_string_width) + 2 * TABLE_PADDING + _SAFETY
                minimums[column] = max(minimums[column], need)
        return fit_columns(relative, minimums, pdf.epw)


def _all_bold(runs: tuple[Run, ...]) -> bool:
    visible = [r for r in runs if r.text.strip()]
    return bool(visible) and all(r.bold for r in visible)


def _cell_text(runs: tuple[Run, ...]) -> str:
    parts = []
    for r in runs:
        text = r.text
        if r.sub:
            text = text.translate(_SUB)
        elif r.sup:
            text = text.translate(_SUP)
        parts.append(text)
    return "".join(parts)
