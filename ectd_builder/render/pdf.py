"""Write the document model as an eCTD-grade PDF with fpdf2.

What the regional PDF rules ask for (ectd-spec section 4.1): PDF 1.4-1.7, every font embedded
and subset, bookmarks from headings with the bookmarks panel open, internal links only, no
encryption, no JavaScript, no annotations other than links, 9-12 pt text, a left margin of at
least 3/4 in and 3/8 in elsewhere, page numbers, the title in the metadata.
"""

from __future__ import annotations

import copy
import io
from datetime import UTC, datetime
from threading import Lock

from fontTools import ttLib
from fpdf import FPDF
from fpdf.enums import PageMode, WrapMode
from fpdf.fonts import FontFace, SubsetMap, TTFFont

from ectd_builder.render.errors import TemplateOutputError
from ectd_builder.render.fonts import FontFile, FontSet
from ectd_builder.render.model import (
    Document,
    Figure,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Table,
    plain_text,
)

BODY = "body"
CJK = "cjk"
MM_PER_IN = 25.4
# margins in mm: left >= 3/4 in (19.05 mm), the others >= 3/8 in (9.53 mm)
MARGIN_LEFT = 22.0
MARGIN_RIGHT = 15.0
MARGIN_TOP = 18.0
MARGIN_BOTTOM = 18.0
PAGE_FORMATS = {"a4": "A4", "letter": "Letter"}

TEXT_PT = 10.5
TABLE_PT = 9.0
HEADING_PT = {1: 13.0, 2: 12.0, 3: 11.0, 4: 10.5}
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SUP = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")


def document_datetime(doc: Document) -> datetime:
    value = datetime.fromisoformat(doc.date.replace("Z", "+00:00")) if doc.date else datetime(2000, 1, 1)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# Parsed fonts (cmap and widths of a 65 000-glyph CJK face take ~0.3 s to read), kept per process.
# Each document gets a shallow copy with its own fontTools object and glyph subset, because
# fpdf2 subsets the fontTools object in place when it writes the file.
_PROTOTYPES: dict[tuple[str, int, str], TTFFont] = {}
_PROTOTYPES_LOCK = Lock()


def _prototype(family: str, style: str, font: FontFile) -> TTFFont:
    key = (str(font.path), font.index, style)
    with _PROTOTYPES_LOCK:
        proto = _PROTOTYPES.get(key)
        if proto is None:
            scratch = FPDF()
            scratch.add_font(family, style, str(font.path), collection_font_number=font.index)
            proto = _PROTOTYPES[key] = scratch.fonts[f"{family.lower()}{style}"]
        return proto


def _font_for_document(pdf: FPDF, family: str, style: str, font: FontFile) -> None:
    proto = _prototype(family, style, font)
    fresh = copy.copy(proto)
    fresh.i = len(pdf.fonts) + 1
    fresh.fontkey = f"{family.lower()}{style}"
    fresh.ttfont = ttLib.TTFont(
        str(font.path), recalcTimestamp=False, recalcBBoxes=False, fontNumber=font.index, lazy=True
    )
    fresh.subset = SubsetMap(fresh)
    fresh.missing_glyphs = []
    fresh.biggest_size_pt = 0
    pdf.fonts[fresh.fontkey] = fresh
    if fresh.is_cff and fresh.is_cid_keyed:
        pdf._set_min_pdf_version("1.6")  # noqa: SLF001 - what fpdf2's add_font does for CID-keyed CFF


class _Pdf(FPDF):
    def __init__(self, doc: Document, page: str, fonts: FontSet) -> None:
        super().__init__(orientation="P", unit="mm", format=PAGE_FORMATS[page])
        self.doc_title = doc.title
        self.font_files = {"": fonts.regular, "B": fonts.bold, "I": fonts.italic, "BI": fonts.bold_italic}
        self.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
        self.set_auto_page_break(True, MARGIN_BOTTOM)

    def set_font(self, family=None, style="", size=0):  # noqa: ANN001, ANN201 - fpdf2 signature
        """Register a body style the first time it is used, so unused styles are not embedded."""
        key_style = "".join(sorted(str(style).upper())) if isinstance(style, str) else style
        if family == BODY and isinstance(key_style, str) and f"{BODY}{key_style}" not in self.fonts:
            _font_for_document(self, BODY, key_style, self.font_files[key_style])
        return super().set_font(family, style, size)

    def header(self) -> None:
        self.set_font(BODY, "", 9)
        self.set_text_color(80, 80, 80)
        self.set_xy(self.l_margin, 9)
        title = self.doc_title
        while title and self.get_string_width(title) > self.epw:
            title = title[:-2] + "…"
        self.cell(self.epw, 5, title, align="L")
        self.set_draw_color(160, 160, 160)
        self.line(self.l_margin, 14.5, self.w - self.r_margin, 14.5)
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, MARGIN_TOP)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(BODY, "", 9)
        self.set_text_color(80, 80, 80)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


class PdfWriter:
    def __init__(self, doc: Document, fonts: FontSet, page: str = "a4") -> None:
        self.doc = doc
        self.pdf = _Pdf(doc, page, fonts)
        self.links: dict[str, int] = {}
        self.last_level = -1
        # CJK text has no spaces between words: allow a line break after any character
        self.wrap = WrapMode.CHAR if doc.language in ("ja", "zh") else WrapMode.WORD
        self._setup(fonts)

    def _setup(self, fonts: FontSet) -> None:
        pdf, doc = self.pdf, self.doc
        if fonts.cjk is not None:
            _font_for_document(pdf, CJK, "", fonts.cjk)
            pdf.set_fallback_fonts([CJK], exact_match=False)
        pdf.set_title(doc.title)
        if doc.subject:
            pdf.set_subject(doc.subject)
        if doc.author:
            pdf.set_author(doc.author)
        pdf.set_creator("ectd-builder")
        pdf.set_producer("ectd-builder (fpdf2)")
        pdf.set_lang({"zh": "zh-CN", "ja": "ja-JP"}.get(doc.language, "en"))
        pdf.set_creation_date(document_datetime(doc))
        pdf.page_mode = PageMode.USE_OUTLINES
        pdf.set_text_color(0, 0, 0)

    def write(self) -> bytes:
        pdf = self.pdf
        pdf.add_page()
        for anchor in _anchors(self.doc):  # forward links need a page; set_link moves them later
            self.links[anchor] = pdf.add_link(page=1)
        for block in self.doc.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, ListBlock):
                self.list_block(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Figure):
                self.figure(block)
            elif isinstance(block, PageBreak):
                pdf.add_page()
        pdf._set_min_pdf_version("1.4")  # noqa: SLF001 - fpdf2 starts at 1.3; eCTD wants 1.4-1.7
        return bytes(pdf.output())

    # -- blocks -------------------------------------------------------------------------------
    def anchor(self, anchor: str | None) -> None:
        if anchor and anchor in self.links:
            self.pdf.set_link(self.links[anchor], y=self.pdf.get_y(), page=self.pdf.page)

    def heading(self, block: Heading) -> None:
        pdf = self.pdf
        size = HEADING_PT[block.level]
        if pdf.get_y() > pdf.page_break_trigger - 30:
            pdf.add_page()
        pdf.ln(3 if block.level > 1 else 1)
        level = min(block.level - 1, self.last_level + 1)
        self.last_level = level
        pdf.start_section(block.text, level=level, strict=False)
        self.anchor(block.anchor)
        pdf.set_font(BODY, "B", size)
        pdf.multi_cell(0, size * 0.5, block.text, align="L", new_x="LMARGIN", new_y="NEXT", wrapmode=self.wrap)
        pdf.ln(1.5)

    def runs(self, runs: tuple[Run, ...], size: float, *, line_h: float | None = None) -> None:
        pdf = self.pdf
        line_h = line_h or size * 0.48
        for run in runs:
            if run.text == "\n":
                pdf.ln(line_h)
                continue
            pdf.set_font(BODY, ("B" if run.bold else "") + ("I" if run.italic else ""), size)
            pdf.char_vpos = "SUB" if run.sub else "SUP" if run.sup else "LINE"
            link = self.link_for(run)
            if link is not None:
                pdf.set_text_color(0, 0, 190)
            pdf.write(line_h, run.text, link=link if link is not None else "", wrapmode=self.wrap)
            pdf.set_text_color(0, 0, 0)
        pdf.char_vpos = "LINE"
        pdf.ln(line_h)

    def link_for(self, run: Run) -> int | None:
        if not run.href:
            return None
        target = run.href[1:]
        if target not in self.links:
            raise TemplateOutputError(f"{self.doc.subject or self.doc.title}: link to unknown anchor #{target}")
        return self.links[target]

    def paragraph(self, block: Paragraph) -> None:
        self.anchor(block.anchor)
        size = TEXT_PT if block.style == "body" else 9.0
        self.runs(block.runs, size)
        self.pdf.ln(1.8)

    def list_block(self, block: ListBlock) -> None:
        pdf = self.pdf
        left = pdf.l_margin
        for number, item in enumerate(block.items, start=1):
            pdf.set_font(BODY, "", TEXT_PT)
            pdf.set_x(left + 2)
            pdf.cell(6, TEXT_PT * 0.48, f"{number}." if block.ordered else "•")
            pdf.set_left_margin(left + 8)
            self.runs(item, TEXT_PT)
            pdf.set_left_margin(left)
            pdf.ln(0.8)
        pdf.ln(1.2)

    def table(self, block: Table) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.page_break_trigger - 25:
            pdf.add_page()
        if block.caption:
            self.anchor(block.anchor)
            self.runs(tuple(Run(r.text, bold=True, italic=r.italic) for r in block.caption), 9.5)
            pdf.ln(0.5)
        else:
            self.anchor(block.anchor)
        columns = block.columns
        widths = block.widths or tuple(1.0 for _ in range(columns))
        pdf.set_font(BODY, "", TABLE_PT)
        with pdf.table(
            col_widths=widths,
            width=pdf.epw,
            first_row_as_headings=bool(block.head),
            num_heading_rows=max(1, len(block.head)) if block.head else 1,
            repeat_headings=1,
            text_align="LEFT",
            line_height=TABLE_PT * 0.46,
            padding=1.2,
            headings_style=FontFace(emphasis="BOLD", fill_color=(225, 230, 238), size_pt=TABLE_PT),
            v_align="TOP",
            wrapmode=self.wrap,
        ) as out:
            for row in block.head + block.body:
                line = out.row()
                for cell in row.cells:
                    link = next((self.link_for(r) for r in cell.runs if r.href), None)
                    bold = not cell.header and _all_bold(cell.runs)
                    line.cell(
                        _cell_text(cell.runs),
                        colspan=cell.colspan,
                        align=cell.align.upper(),
                        style=FontFace(emphasis="BOLD") if bold else None,
                        link=link if link is not None else None,
                    )
        pdf.ln(3)

    def figure(self, block: Figure) -> None:
        pdf = self.pdf
        image = self.doc.image(block.src)
        width = pdf.epw * block.width
        height = width * image.height_px / image.width_px if image.width_px else width * 0.6
        if pdf.get_y() + height + 10 > pdf.page_break_trigger:
            pdf.add_page()
        self.anchor(block.anchor)
        x = pdf.l_margin + (pdf.epw - width) / 2
        pdf.image(io.BytesIO(image.png), x=x, w=width, h=height)
        if block.caption:
            pdf.ln(1)
            self.runs(tuple(Run(r.text, bold=r.bold, italic=True) for r in block.caption), 9.0)
        pdf.ln(2)


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


def _anchors(doc: Document) -> list[str]:
    found = []
    for block in doc.blocks:
        anchor = getattr(block, "anchor", None)
        if anchor:
            found.append(anchor)
    return found


def write_pdf(doc: Document, fonts: FontSet, *, page: str = "a4") -> bytes:
    """The PDF bytes of ``doc`` (deterministic for the same document and fonts)."""
    return PdfWriter(doc, fonts, page).write()


__all__ = ["write_pdf", "document_datetime", "plain_text"]
