"""Write the document model as DOCX (authoring and review copy) with python-docx.

Headings use the real ``Heading 1``-``Heading 4`` styles (so Word's navigation pane and a
company's reference document apply), tables carry repeating header rows, internal links are
bookmarks. Bytes are deterministic: core properties take the document date and every zip entry
gets that date too (python-docx would stamp the current time).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

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
from ectd_builder.render.pdf import document_datetime

_EAST_ASIA = {"zh": ("Noto Sans CJK SC", "zh-CN"), "ja": ("Noto Sans CJK JP", "ja-JP")}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
TEXT_WIDTH_IN = 6.0


def write_docx(doc: Document, *, reference_docx: Path | None = None) -> bytes:
    """The DOCX bytes of ``doc``; ``reference_docx`` supplies a company's styles and page setup."""
    out = _start(reference_docx)
    _set_properties(out, doc)
    _set_language(out, doc.language)
    anchors = {getattr(b, "anchor", None) for b in doc.blocks} - {None}
    bookmark_ids = {name: i for i, name in enumerate(sorted(anchors), start=1)}
    writer = _Writer(out, doc, bookmark_ids)
    for block in doc.blocks:
        writer.block(block)
    buffer = io.BytesIO()
    out.save(buffer)
    return _pin_zip(buffer.getvalue(), document_datetime(doc).timetuple()[:6])


def _start(reference_docx: Path | None):  # noqa: ANN202 - python-docx Document type is private
    if reference_docx is None:
        return open_docx()
    out = open_docx(str(reference_docx))
    body = out.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return out


def _set_properties(out, doc: Document) -> None:  # noqa: ANN001
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


def _set_language(out, language: str) -> None:  # noqa: ANN001
    if language not in _EAST_ASIA:
        return
    font, lang = _EAST_ASIA[language]
    rpr = out.styles["Normal"].element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:eastAsia"), lang)
    rpr.append(lang_el)


class _Writer:
    def __init__(self, out, doc: Document, bookmarks: dict[str, int]) -> None:  # noqa: ANN001
        self.out = out
        self.doc = doc
        self.bookmarks = bookmarks
        self.styles = {s.name for s in out.styles}

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

    def _bookmark(self, para, anchor: str | None) -> None:  # noqa: ANN001
        if not anchor:
            return
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmarks[anchor]))
        start.set(qn("w:name"), anchor)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmarks[anchor]))
        para._p.append(start)  # noqa: SLF001
        para._p.append(end)  # noqa: SLF001

    def _runs(self, para, runs: tuple[Run, ...], *, size=None, bold: bool = False) -> None:  # noqa: ANN001
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

    def _link(self, para, run: Run) -> None:  # noqa: ANN001
        target = run.href[1:] if run.href else ""
        if target not in self.bookmarks:
            raise TemplateOutputError(f"{self.doc.subject or self.doc.title}: link to unknown anchor #{target}")
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), target)
        new = para.add_run(run.text)
        new.font.underline = True
        new.bold = run.bold or None
        para._p.remove(new._r)  # noqa: SLF001
        link.append(new._r)  # noqa: SLF001
        para._p.append(link)  # noqa: SLF001

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
                tr_pr = table.rows[r]._tr.get_or_add_trPr()  # noqa: SLF001
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
        para.add_run().add_picture(io.BytesIO(image.png), width=Inches(TEXT_WIDTH_IN * block.width))
        if block.caption:
            self._runs(self.out.add_paragraph(style=self._style("Caption")), block.caption)


def _pin_zip(data: bytes, when: tuple[int, ...]) -> bytes:
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
