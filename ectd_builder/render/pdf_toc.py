"""Table of contents of long PDFs: headings down to level 3, each linked to its page.

fpdf2 reserves the pages (``insert_toc_placeholder``) while the document is laid out and fills
them at the end, when the page of every heading is known. The number of pages is estimated from
the headings; when the estimate is short fpdf2 inserts a page, when it is long the rest stays
blank.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF
from fpdf.outline import OutlineSection

from ectd_builder.render.linebreak import prepare
from ectd_builder.render.pdf_layout import BODY, line_count

TOC_AFTER_PAGES = 5  # documents longer than this get a table of contents
TOC_LEVELS = 3
TOC_PT = 10.0
TOC_LINE = TOC_PT * 0.5
TOC_TITLE_PT = 12.0
TOC_TITLE = {"en": "Contents", "ja": "目次", "zh": "目录"}
_NUMBER_W = 12.0  # mm for the page number column
_INDENT = 5.0  # mm per level


def toc_pages(pdf: FPDF, entries: Sequence[tuple[int, str]], language: str) -> int:
    """Pages the table of contents needs from the current position (``entries``: level, title)."""
    pdf.set_font(BODY, "", TOC_PT)
    height = TOC_TITLE_PT * 0.5 + 4
    for level, title in entries:
        width = pdf.epw - level * _INDENT - _NUMBER_W
        height += line_count(pdf, width, TOC_LINE, prepare(title, language)) * TOC_LINE + 0.8
    room = pdf.page_break_trigger - pdf.get_y()
    pages = 1
    while height > room:
        height -= room
        room = pdf.page_break_trigger - pdf.t_margin
        pages += 1
    return pages


def render_toc(pdf: FPDF, outline: list[OutlineSection], language: str, pages: int) -> None:
    """Draw the table of contents on the reserved pages (fpdf2 calls it when the file is written)."""
    last_page = pdf.page + pages - 1
    pdf.set_x(pdf.l_margin)
    pdf.set_font(BODY, "B", TOC_TITLE_PT)
    pdf.multi_cell(0, TOC_TITLE_PT * 0.5, TOC_TITLE.get(language, TOC_TITLE["en"]), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for section in outline:
        if section.level >= TOC_LEVELS:
            continue
        pdf.set_font(BODY, "B" if section.level == 0 else "", TOC_PT)
        text = prepare(section.name, language)
        width = pdf.epw - section.level * _INDENT - _NUMBER_W
        if pdf.get_y() + line_count(pdf, width, TOC_LINE, text) * TOC_LINE > pdf.page_break_trigger:
            pdf.add_page()
        link = pdf.add_link(page=section.page_number, y=pdf.h - section.dest.top / pdf.k if section.dest.top else 0)
        top = pdf.get_y()
        pdf.set_text_color(0, 0, 190)
        pdf.set_x(pdf.l_margin + section.level * _INDENT)
        pdf.multi_cell(width, TOC_LINE, text, link=link, new_x="LMARGIN", new_y="NEXT")
        bottom = pdf.get_y()
        pdf.set_xy(pdf.w - pdf.r_margin - _NUMBER_W, top)
        pdf.cell(_NUMBER_W, TOC_LINE, str(section.page_number), align="R", link=link)
        pdf.set_text_color(0, 0, 0)
        pdf.set_xy(pdf.l_margin, bottom + 0.8)
    while pdf.page < last_page:
        pdf.add_page()
