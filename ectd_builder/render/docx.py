"""Write the document model as DOCX (authoring and review copy) with python-docx.

Headings use the real ``Heading 1``-``Heading 4`` styles (so Word's navigation pane and a
company's reference document apply), tables carry repeating header rows, internal links are
bookmarks. The page is the jurisdiction's paper size (profile fact ``page_size``) with the PDF's
margins; every page has the document title in the header and ``PAGE / NUMPAGES`` fields in the
footer, and a TOC field follows the first heading (its cached result lists the headings, linked,
so the copy reads well before Word updates the field). Chinese and Japanese text is set in a CJK
face through ``w:eastAsia`` on every style (theme east-Asian fonts removed, they would win).
Bytes are deterministic: core properties take the document date and every zip entry gets that
date too (python-docx would stamp the current time).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ectd_builder.render.errors import TemplateOutputError
from ectd_builder.render.model import (
    Document,
    Figure,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Table,
)
from ectd_builder.render.pdf import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    document_datetime,
)

_EAST_ASIA = {"zh": ("Noto Sans CJK SC", "zh-CN"), "ja": ("Noto Sans CJK JP", "ja-JP")}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
# paper sizes by the names the jurisdiction profiles use (fact page_size): width, height in mm
PAGE_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
TOC_LEVELS = 3
TOC_INSTRUCTION = f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u'


def write_docx(doc: Document, *, page: str = "a4", reference_docx: Path | None = None) -> bytes:
    """The DOCX bytes of ``doc`` on ``page`` paper (a4 | letter); ``reference_docx`` supplies a
    company's styles (its page setup is replaced by the jurisdiction's)."""
    out = _start(reference_docx)
    _set_properties(out, doc)
    _set_language(out, doc.language)
    text_width_mm = _set_page(out, page, doc.title)
    anchors: set[str] = {a for b in doc.blocks if (a := getattr(b, "anchor", None))}
    bookmark_ids = {name: i for i, name in enumerate(sorted(anchors), start=1)}
    writer = _Writer(out, doc, bookmark_ids, text_width_mm)
    toc_after = 1 if doc.blocks and isinstance(doc.blocks[0], Heading) else 0
    for number, block in enumerate(doc.blocks):
        if number == toc_after:
            writer.toc()
        writer.block(block)
    if len(doc.blocks) <= toc_after:
        writer.toc()
    buffer = io.BytesIO()
    out.save(buffer)
    when = document_datetime(doc)
    return _pin_zip(buffer.getvalue(), (when.year, when.month, when.day, when.hour, when.minute, when.second))


def _start(reference_docx: Path | None):
    if reference_docx is None:
        return open_docx()
    out = open_docx(str(reference_docx))
    body = out.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return out


def _set_properties(out, doc: Document) -> None:
    props = out.core_properties
    when = document_datetime(doc).replace(tzinfo=None)
    props.title = doc.title
    props.subject = doc.subject
    props.author = doc.author or "ectd-builder"
    props.last_modified_by = doc.author or "ectd-builder"
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.language = {"zh": "zh-CN", "ja": "ja-JP"}.get(doc.language, "en-US")
    props.comments = ""
    props.keywords = ""


def _set_language(out, language: str) -> None:
    """East-Asian font and language on the defaults, Normal and every font setting of every style."""
    if language not in _EAST_ASIA:
        return
    font, lang = _EAST_ASIA[language]
    styles = out.styles.element
    normal = out.styles["Normal"].element.get_or_add_rPr()
    defaults = styles.find(qn("w:docDefaults"))
    holders = [normal]
    if defaults is not None and defaults.find(qn("w:rPrDefault")) is not None:
        holders.append(_child(defaults.find(qn("w:rPrDefault")), "w:rPr"))
    for rpr in holders:
        if rpr.find(qn("w:rFonts")) is None:
            rpr.insert(0, OxmlElement("w:rFonts"))
    for fonts in styles.iter(qn("w:rFonts")):
        fonts.attrib.pop(qn("w:eastAsiaTheme"), None)  # a theme font would override w:eastAsia
        fonts.set(qn("w:eastAsia"), font)
    _child(normal, "w:lang").set(qn("w:eastAsia"), lang)


def _child(parent, tag: str):
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _set_page(out, page: str, title: str) -> float:
    """Paper size, margins, header (title) and footer (page fields) of every section; the text width."""
    width, height = PAGE_MM[page]
    for section in out.sections:
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
        section.header_distance = section.footer_distance = Mm(8)
        header = section.header
        header.is_linked_to_previous = False
        header.paragraphs[0].add_run(title).font.size = Pt(9)
        footer = section.footer
        footer.is_linked_to_previous = False
        foot = footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(foot, "PAGE", "1")
        foot.add_run(" / ").font.size = Pt(9)
        _field(foot, "NUMPAGES", "1")
        for run in foot.runs:
            run.font.size = Pt(9)
    return width - MARGIN_LEFT - MARGIN_RIGHT


def _field(para, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, cached result, end) at the end of ``para``."""
    _field_char(para, "begin")
    _instruction(para, instruction)
    _field_char(para, "separate")
    para.add_run(shown)
    _field_char(para, "end")


def _field_char(para, kind: str) -> None:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    para.add_run()._r.append(el)


def _instruction(para, instruction: str) -> None:
    el = OxmlElement("w:instrText")
    el.set(qn("xml:space"), "preserve")
    el.text = f" {instruction} "
    para.add_run()._r.append(el)


class _Writer:
    def __init__(self, out, doc: Document, bookmarks: dict[str, int], text_width_mm: float) -> None:
        self.out = out
        self.doc = doc
        self.bookmarks = bookmarks
        self.text_width_mm = text_width_mm
        self.styles = {s.name for s in out.styles}

    def toc(self) -> None:
        """A TOC field over heading levels 1-3; its cached result lists those headings, linked."""
        entries = [b for b in self.doc.blocks if isinstance(b, Heading) and b.level <= TOC_LEVELS]
        first = self.out.add_paragraph(style=self._style("Normal"))
        _field_char(first, "begin")
        _instruction(first, TOC_INSTRUCTION)
        _field_char(first, "separate")
        last = first
        for number, heading in enumerate(entries):
            para = first if number == 0 else self.out.add_paragraph(style=self._style("Normal"))
            para.paragraph_format.left_indent = Mm(5 * (heading.level - 1))
            para.paragraph_format.space_after = Pt(0)
            if heading.anchor in self.bookmarks:
                self._link(para, Run(heading.text, href=f"#{heading.anchor}"))
            else:
                para.add_run(heading.text)
            last = para
        _field_char(last, "end")

    def block(self, block: object) -> None:
        if isinstance(block, Heading):
            para = self.out.add_paragraph(style=self._style(f"Heading {block.level}"))
            self._bookmark(para, block.anchor)
            self._runs(para, block.runs)
        elif isinstance(block, Paragraph):
            para = self.out.add_paragraph(style=self._style("Normal"))
            if block.style != "body":
                para.paragraph_format.space_after = Pt(4)
            self._bookmark(para, block.anchor)
            self._runs(para, block.runs, size=Pt(9) if block.style != "body" else None)
        elif isinstance(block, ListBlock):
            style = self._style("List Number" if block.ordered else "List Bullet")
            for item in block.items:
                self._runs(self.out.add_paragraph(style=style), item)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Figure):
            self._figure(block)
        elif isinstance(block, PageBreak):
            self.out.add_page_break()

    def _style(self, name: str) -> str:
        return name if name in self.styles else "Normal"

    def _bookmark(self, para, anchor: str | None) -> None:
        if not anchor:
            return
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmarks[anchor]))
        start.set(qn("w:name"), anchor)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmarks[anchor]))
        para._p.append(start)
        para._p.append(end)

    def _runs(self, para, runs: tuple[Run, ...], *, size=None, bold: bool = False) -> None:
        for run in runs:
            if run.text == "\n":
                para.add_run().add_break()
                continue
            if run.href:
                self._link(para, run)
                continue
            out = para.add_run(run.text)
            out.bold = run.bold or bold or None
            out.italic = run.italic or None
            if run.sub:
                out.font.subscript = True
            if run.sup:
                out.font.superscript = True
            if size is not None:
                out.font.size = size

    def _link(self, para, run: Run) -> None:
        href = run.href or ""
        link = OxmlElement("w:hyperlink")
        if href.startswith("#"):
            target = href[1:]
            if target not in self.bookmarks:
                raise TemplateOutputError(f"{self.doc.subject or self.doc.title}: link to unknown anchor #{target}")
            link.set(qn("w:anchor"), target)
        else:  # a document beside this one: an external relationship with its relative path
            rel_id = para.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link.set(qn("r:id"), rel_id)
        new = para.add_run(run.text)
        new.font.underline = True
        new.bold = run.bold or None
        para._p.remove(new._r)
        link.append(new._r)
        para._p.append(link)

    def _table(self, block: Table) -> None:
        if block.caption:
            cap = self.out.add_paragraph(style=self._style("Caption"))
            self._bookmark(cap, block.anchor)
            self._runs(cap, block.caption, bold=True)
        rows = block.head + block.body
        table = self.out.add_table(rows=len(rows), cols=block.columns)
        if "Table Grid" in self.styles:
            table.style = "Table Grid"
        for r, row in enumerate(rows):
            if r < len(block.head):
                tr_pr = table.rows[r]._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                tr_pr.append(header)
            col = 0
            for cell in row.cells:
                if col >= block.columns:
                    break
                target = table.cell(r, col)
                if cell.colspan > 1:
                    target = target.merge(table.cell(r, min(block.columns, col + cell.colspan) - 1))
                para = target.paragraphs[0]
                para.alignment = _ALIGN[cell.align]
                self._runs(para, cell.runs, size=Pt(9), bold=cell.header)
                col += cell.colspan
        self.out.add_paragraph()

    def _figure(self, block: Figure) -> None:
        image = self.doc.image(block.src)
        para = self.out.add_paragraph()
        self._bookmark(para, block.anchor)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run().add_picture(io.BytesIO(image.png), width=Mm(self.text_width_mm * block.width))
        if block.caption:
            self._runs(self.out.add_paragraph(style=self._style("Caption")), block.caption)


def _pin_zip(data: bytes, when: tuple[int, int, int, int, int, int]) -> bytes:
    """Rewrite the zip with a fixed timestamp on every entry (same order, same content)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    stamp = max(when, (1980, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return target_buffer.getvalue()
