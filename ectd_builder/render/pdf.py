"""Write the document model as an eCTD-grade PDF with fpdf2.

What the regional PDF rules ask for (ectd-spec section 4.1): PDF 1.4-1.7, every font embedded
and subset, bookmarks from headings with the bookmarks panel open, internal links only, no
encryption, no JavaScript, no annotations other than links, 9-12 pt text, a left margin of at
least 3/4 in and 3/8 in elsewhere, page numbers, the title in the metadata.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from functools import partial

from fpdf import FPDF
from fpdf.actions import GoToRemoteAction
from fpdf.annotations import AnnotationDict
from fpdf.enums import PageMode, WrapMode
from fpdf.fonts import TTFFont
from fpdf.syntax import PDFString

from ectd_builder.render.errors import TemplateOutputError
from ectd_builder.render.figures import place_pdf
from ectd_builder.render.fonts import FontSet
from ectd_builder.render.linebreak import ZWSP, prepare, unbreakable_pieces
from ectd_builder.render.model import (
    Block,
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
from ectd_builder.render.pdf_fonts import add_document_font
from ectd_builder.render.pdf_layout import BODY, CJK, TEXT_PT, line_count
from ectd_builder.render.pdf_table import LINK_RGB, TableWriter
from ectd_builder.render.pdf_toc import (
    TOC_AFTER_PAGES,
    TOC_LEVELS,
    render_toc,
    toc_pages,
)

MM_PER_IN = 25.4
# margins in mm: left >= 3/4 in (19.05 mm), the others >= 3/8 in (9.53 mm)
MARGIN_LEFT = 22.0
MARGIN_RIGHT = 15.0
MARGIN_TOP = 18.0
MARGIN_BOTTOM = 18.0
PAGE_FORMATS = {"a4": "A4", "letter": "Letter"}

HEADING_PT = {1: 13.0, 2: 12.0, 3: 11.0, 4: 10.5}
KEEP_CHECK_MM = 110.0  # a heading or table start is measured for keep-with-next when less room is left


def document_datetime(doc: Document) -> datetime:
    value = datetime.fromisoformat(doc.date) if doc.date else datetime(2000, 1, 1)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class _Pdf(FPDF):
    def __init__(self, doc: Document, page: str, fonts: FontSet) -> None:
        super().__init__(orientation="P", unit="mm", format=PAGE_FORMATS[page])
        self.doc_title = doc.title
        self.font_files = {"": fonts.regular, "B": fonts.bold, "I": fonts.italic, "BI": fonts.bold_italic}
        self.cjk_bold = fonts.cjk_bold
        self.last_fallback: str | None = None
        self.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
        self.set_auto_page_break(True, MARGIN_BOTTOM)

    def set_font(self, family=None, style="", size=0):  # fpdf2 signature
        """Register a body style the first time it is used, so unused styles are not embedded."""
        key_style = "".join(sorted(str(style).upper())) if isinstance(style, str) else style
        if family == BODY and isinstance(key_style, str) and f"{BODY}{key_style}" not in self.fonts:
            add_document_font(self, BODY, key_style, self.font_files[key_style])
        return super().set_font(family, style, size)

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        """The CJK face for a character DejaVu lacks: bold text gets the bold CJK face (registered on first use).

        A break mark (U+200B, in no font) stays in the face of the text before it, so marks
        between CJK characters do not split the text into one fragment per character.
        """
        if char == ZWSP:
            return self.last_fallback
        found = None
        if "B" in style and self.cjk_bold is not None and CJK in self.fonts:
            key = f"{CJK}B"
            if key not in self.fonts:
                add_document_font(self, CJK, "B", self.cjk_bold)
                self._fallback_font_ids.append(key)
            if ord(char) in self.fonts[key].cmap:  # type: ignore[union-attr]
                found = key
        self.last_fallback = found or super().get_fallback_font(char, style)
        return self.last_fallback

    def _render_styled_text_line(self, *args, **kwargs):  # fpdf2 internals
        # fpdf2 2.8 sets a line's own font inside the line's q/Q when the line starts with a fallback
        # font, yet records it as set for the page: the next line then starts without a Tf and is
        # drawn in whatever font the page last set (boxes and wrong glyphs). Setting the current
        # font on the page first keeps fpdf2's record true.
        if self.page and self.current_font is not None and not self.current_font_is_set_on_page:
            self._out(self._set_font_for_page(self.current_font, self.font_size_pt))
        for fragment in args[0].fragments if args else kwargs["text_line"].fragments:
            if ZWSP in fragment.characters:  # break marks are never drawn (zero width)
                fragment.characters = [c for c in fragment.characters if c != ZWSP]
        return super()._render_styled_text_line(*args, **kwargs)

    def link(self, x, y, w, h, link, alt_text=None, **kwargs):  # fpdf2 signature
        """A link to another file of the submission (relative path, ``file.pdf#name``) as a GoToR action.

        fpdf2 would make any other string a URI action, which eCTD PDFs must not contain.
        """
        if not isinstance(link, str) or link.startswith("#"):
            return super().link(x, y, w, h, link, alt_text, **kwargs)
        path, _, name = link.partition("#")
        target = PDFString(name, encrypt=True) if name else "[0 /Fit]"
        annotation = AnnotationDict(
            "Link", x=x * self.k, y=self.h_pt - y * self.k, width=w * self.k, height=h * self.k,
            action=GoToRemoteAction(path, target),  # type: ignore[arg-type]
            **kwargs,
        )  # fmt: skip
        self.pages[self.page].add_annotation(annotation)
        return annotation

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


class PdfWriter(TableWriter):
    def __init__(self, doc: Document, fonts: FontSet, page: str = "a4") -> None:
        self.doc, self.fonts, self.page = doc, fonts, page
        self.anchors = set(_anchors(doc))
        self.plans: dict[int, tuple[dict[int, str], tuple[float, ...]]] = {}
        # fpdf2 breaks at spaces and at the break marks :func:`linebreak.prepare` puts into the text
        self.wrap = WrapMode.WORD
        self.pdf = self._new_pdf()
        self.last_level = -1

    def _new_pdf(self) -> _Pdf:
        pdf, doc = _Pdf(self.doc, self.page, self.fonts), self.doc
        if self.fonts.cjk is not None:
            add_document_font(pdf, CJK, "", self.fonts.cjk)
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
        return pdf

    def write(self) -> bytes:
        self.layout(toc=False)
        entries = [(min(h.level, TOC_LEVELS) - 1, h.text) for h in self.doc.headings()[1:] if h.level <= TOC_LEVELS]
        if self.pdf.pages_count > TOC_AFTER_PAGES and len(entries) > 1:
            for font in self.pdf.fonts.values():  # this layout is dropped: lay out again with the contents
                if isinstance(font, TTFFont):
                    font.close()
            self.pdf, self.last_level = self._new_pdf(), -1
            self.layout(toc=True, entries=entries)
        pdf = self.pdf
        pdf._set_min_pdf_version("1.4")  # fpdf2 starts at 1.3; eCTD wants 1.4-1.7
        return _retag_subsets(bytes(pdf.output()), pdf)

    def layout(self, *, toc: bool, entries: list[tuple[int, str]] | None = None) -> None:
        pdf = self.pdf
        pdf.add_page()
        blocks = self.doc.blocks
        for index, block in enumerate(blocks):
            if isinstance(block, Heading):
                self.heading(block, blocks[index + 1] if index + 1 < len(blocks) else None)
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
            if toc and index == 0:  # the table of contents follows the document title
                pages = toc_pages(pdf, entries or [], self.doc.language)
                draw = partial(render_toc, language=self.doc.language, pages=pages)
                pdf.insert_toc_placeholder(draw, pages=pages, allow_extra_pages=True)

    # -- blocks -------------------------------------------------------------------------------
    def anchor(self, anchor: str | None) -> None:
        """A named destination here (links within the file, and from other files, name it)."""
        if anchor:
            self.pdf.set_link(name=anchor, y=self.pdf.get_y(), page=self.pdf.page)

    def text(self, text: str) -> str:
        return prepare(text, self.doc.language)

    def heading(self, block: Heading, following: Block | None = None) -> None:
        pdf = self.pdf
        size = HEADING_PT[block.level]
        text = self.text(block.text)
        pdf.set_font(BODY, "B", size)
        # keep the heading with the start of what follows it (measured only near the foot of a page)
        if pdf.page_break_trigger - pdf.get_y() < KEEP_CHECK_MM and pdf.get_y() > pdf.t_margin + 1:
            lines = line_count(pdf, pdf.epw, size * 0.5, text)
            needed = (3 if block.level > 1 else 1) + lines * size * 0.5 + 1.5 + self.start_height(following)
            if pdf.get_y() + needed > pdf.page_break_trigger:
                pdf.add_page()
        pdf.ln(3 if block.level > 1 else 1)
        level = min(block.level - 1, self.last_level + 1)
        self.last_level = level
        pdf.start_section(block.text, level=level, strict=False)
        self.anchor(block.anchor)
        pdf.set_font(BODY, "B", size)
        pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT", wrapmode=self.wrap)
        pdf.ln(1.5)

    def start_height(self, block: Block | None) -> float:
        """Height of the first lines of ``block`` that must share a page with the heading above it."""
        line = TEXT_PT * 0.48
        if isinstance(block, Paragraph):
            return min(3, 1 + len(plain_text(block.runs)) // 60) * line + 1.8
        if isinstance(block, ListBlock):
            return 2 * line
        if isinstance(block, Table):
            return self.table_start_height(block)
        if isinstance(block, Figure):
            return self.figure_height(block) + 10
        if isinstance(block, Heading):
            return HEADING_PT[block.level] * 0.5 + 4.5 + 2 * line
        return 0.0

    def runs(self, runs: tuple[Run, ...], size: float, *, line_h: float | None = None) -> None:
        pdf = self.pdf
        line_h = line_h or size * 0.48
        for run in _merged(runs):
            if run.text == "\n":
                pdf.ln(line_h)
                continue
            pdf.set_font(BODY, ("B" if run.bold else "") + ("I" if run.italic else ""), size)
            pdf.char_vpos = "SUB" if run.sub else "SUP" if run.sup else "LINE"
            text = self.text(run.text)
            self.keep_first_piece(text, line_h)
            link = self.link_for(run)
            if link is not None:
                pdf.set_text_color(*LINK_RGB)
            pdf.write(line_h, text, link=link if link is not None else "", wrapmode=self.wrap)
            pdf.set_text_color(0, 0, 0)
        pdf.char_vpos = "LINE"
        pdf.ln(line_h)

    def keep_first_piece(self, text: str, line_h: float) -> None:
        """Start a new line when the first unbreakable piece of a run does not fit on this one.

        fpdf2 lays out each run on its own: a run that starts mid-line with a piece wider than
        the rest of the line would be cut inside the piece (``1 / .33``).
        """
        pdf = self.pdf
        if pdf.get_x() <= pdf.l_margin + 0.01 or text[:1].isspace() or text.startswith(ZWSP):
            return
        pieces = unbreakable_pieces(text)
        if not pieces:
            return
        width = pdf.get_string_width(pieces[0])
        if pdf.get_x() + width > pdf.w - pdf.r_margin and width <= pdf.w - pdf.r_margin - pdf.l_margin:
            pdf.ln(line_h)

    def link_for(self, run: Run) -> str | None:
        """``#name`` of a named destination in this file, or the relative path of another file."""
        if not run.href:
            return None
        if not run.href.startswith("#"):
            return run.href
        if run.href[1:] not in self.anchors:
            raise TemplateOutputError(f"{self.doc.subject or self.doc.title}: link to unknown anchor {run.href}")
        return run.href

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

    def figure_height(self, block: Figure) -> float:
        image = self.doc.image(block.src)
        width = self.pdf.epw * block.width
        return width * image.height_px / image.width_px if image.width_px else width * 0.6

    def figure(self, block: Figure) -> None:
        pdf = self.pdf
        image = self.doc.image(block.src)
        width = pdf.epw * block.width
        height = self.figure_height(block)
        if pdf.get_y() + height + 10 > pdf.page_break_trigger:
            pdf.add_page()
        self.anchor(block.anchor)
        x = pdf.l_margin + (pdf.epw - width) / 2
        place_pdf(pdf, image, x, width, height)  # vector (SVG) unless fpdf2 cannot read it
        if block.caption:
            pdf.ln(1)
            self.runs(tuple(Run(r.text, bold=r.bold, italic=True) for r in block.caption), 9.0)
        pdf.ln(2)


def _merged(runs: tuple[Run, ...]) -> list[Run]:
    """Neighbouring runs of one format as one run, so that fpdf2 lays their text out together.

    Runs differ in more than format only by where their value came from (provenance), which the
    PDF does not show.
    """
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if last is not None and "\n" not in (run.text, last.text) and _format(last) == _format(run):
            merged[-1] = Run(last.text + run.text, run.bold, run.italic, run.sub, run.sup, run.href)
        else:
            merged.append(run)
    return merged


def _format(run: Run) -> tuple[bool, bool, bool, bool, str | None]:
    return (run.bold, run.italic, run.sub, run.sup, run.href)


def _retag_subsets(data: bytes, pdf: FPDF) -> bytes:
    """Give each embedded subset its own tag (fpdf2 names every subset ``MPDFAA+``).

    ISO 32000-1 9.6.4 asks for a tag of six upper-case letters that differs between subsets; the
    tag here is derived from the font and the glyphs it holds, so the bytes stay deterministic
    (same length, so the cross-reference offsets stay valid).
    """
    for font in pdf.fonts.values():
        if not isinstance(font, TTFFont):
            continue
        name = font.name.encode("latin-1")
        digest = hashlib.sha256(name + "\n".join(sorted(font.subset.get_all_glyph_names())).encode()).digest()
        tag = bytes(65 + b % 26 for b in digest[:6])
        data = re.sub(rb"/MPDFAA\+" + re.escape(name) + rb"(?=[\s/<>\[\]()])", b"/" + tag + b"+" + name, data)
    return data


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


__all__ = ["document_datetime", "plain_text", "write_pdf"]
