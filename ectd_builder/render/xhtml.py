"""Parse the restricted XHTML vocabulary that templates emit into the document model.

Vocabulary (DESIGN decision 3): ``h1``-``h4``, ``p``, ``table`` (``caption``, ``colgroup``/``col``,
``thead``, ``tbody``, ``tr``, ``th``, ``td`` with ``colspan``), ``ul``/``ol``/``li``,
``strong``/``b``, ``em``/``i``, ``sub``, ``sup``, ``a href="#id"`` or ``a href="../x/y.pdf#dest"``
(a relative document link, see :func:`ectd_builder.render.links.check_href`), ``br``, ``figure``/``img``/
``figcaption``, ``hr`` (page break), and the transparent containers ``div``, ``section``, ``span``.
``span data-source="file:line:col"`` marks a value of the dossier with where it was written
(provenance; the HTML writer keeps it, PDF and DOCX print the text only).
Anything else is a template error, reported with the element name and line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from ectd_builder.check import xmlsafe
from ectd_builder.render.errors import TemplateOutputError
from ectd_builder.render.links import check_href
from ectd_builder.render.model import (
    Block,
    Cell,
    Figure,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Row,
    Run,
    Table,
)

_SPACE = re.compile(r"[ \t\r\n\f]+")
_INLINE = {"strong", "b", "em", "i", "sub", "sup", "a", "br", "span"}
_TRANSPARENT = {"div", "section", "body"}
_ALIGN = {"left", "center", "right"}


def parse_xhtml(text: str, *, source: str = "<template>") -> tuple[Block, ...]:
    """Parse template output (a fragment of the vocabulary) into blocks."""
    try:
        root = etree.fromstring(f"<body>{text}</body>".encode(), xmlsafe.parser(remove_comments=True, remove_pis=True))
    except etree.XMLSyntaxError as exc:
        raise TemplateOutputError(f"{source}: template output is not well-formed XHTML: {exc}") from exc
    return tuple(_Walker(source).blocks(root))


class _Walker:
    def __init__(self, source: str) -> None:
        self.source = source
        self.auto = 0

    def error(self, el: etree._Element, message: str) -> TemplateOutputError:
        return TemplateOutputError(f"{self.source}: line {el.sourceline}: {message}")

    def blocks(self, parent: etree._Element) -> list[Block]:
        out: list[Block] = []
        if (parent.text or "").strip():
            raise self.error(parent, f"text directly inside <{parent.tag}>; wrap it in <p>")
        for el in parent:
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag in _TRANSPARENT:
                out.extend(self.blocks(el))
            elif tag in ("h1", "h2", "h3", "h4"):
                out.append(self.heading(el))
            elif tag == "p":
                runs = inline_runs(el, self)
                if runs:
                    out.append(
                        Paragraph(runs, style=_klass(el, {"body", "note", "small"}, "body"), anchor=el.get("id"))
                    )
            elif tag in ("ul", "ol"):
                out.append(self.list_block(el))
            elif tag == "table":
                out.append(self.table(el))
            elif tag == "figure":
                out.append(self.figure(el))
            elif tag == "hr":
                out.append(PageBreak())
            else:
                raise self.error(el, f"<{tag}> is not in the template vocabulary")
            if (el.tail or "").strip():
                raise self.error(el, f"text after </{tag}> outside a block; wrap it in <p>")
        return out

    def heading(self, el: etree._Element) -> Heading:
        self.auto += 1
        anchor = el.get("id") or f"sec-{self.auto}"
        runs = inline_runs(el, self)
        if not runs:
            raise self.error(el, f"empty <{el.tag}>")
        return Heading(int(el.tag[1]), runs, anchor)

    def list_block(self, el: etree._Element) -> ListBlock:
        items = []
        for li in el:
            if li.tag != "li":
                raise self.error(li, f"<{li.tag}> inside <{el.tag}>; only <li> is allowed")
            items.append(inline_runs(li, self))
        return ListBlock(el.tag == "ol", tuple(items))

    def table(self, el: etree._Element) -> Table:
        head: list[Row] = []
        body: list[Row] = []
        caption: tuple[Run, ...] = ()
        widths: list[float] = []
        for child in el:
            if child.tag == "caption":
                caption = inline_runs(child, self)
            elif child.tag == "colgroup":
                widths = [float(col.get("width", "1").rstrip("%*") or 1) for col in child if col.tag == "col"]
            elif child.tag == "thead":
                head.extend(self.row(tr, header=True) for tr in child)
            elif child.tag == "tbody":
                body.extend(self.row(tr, header=False) for tr in child)
            elif child.tag == "tr":
                body.append(self.row(child, header=False))
            else:
                raise self.error(child, f"<{child.tag}> inside <table>")
        table = Table(tuple(head), tuple(body), caption, el.get("id"), tuple(widths))
        if widths and len(widths) != table.columns:
            raise self.error(el, f"<colgroup> has {len(widths)} columns, the table {table.columns}")
        return table

    def row(self, tr: etree._Element, *, header: bool) -> Row:
        if tr.tag != "tr":
            raise self.error(tr, f"<{tr.tag}> where <tr> was expected")
        cells = []
        for td in tr:
            if td.tag not in ("td", "th"):
                raise self.error(td, f"<{td.tag}> inside <tr>")
            try:
                span = max(1, int(td.get("colspan", "1")))
            except ValueError as exc:
                raise self.error(td, "colspan must be a whole number") from exc
            align = td.get("align") or _klass(td, _ALIGN, "left")
            cells.append(Cell(inline_runs(td, self), span, header or td.tag == "th", align))
        return Row(tuple(cells))

    def figure(self, el: etree._Element) -> Figure:
        img = el.find("img")
        if img is None or not img.get("src"):
            raise self.error(el, "<figure> needs an <img src=...>")
        cap = el.find("figcaption")
        width = img.get("width", "100%").rstrip("%")
        try:
            frac = min(1.0, max(0.1, float(width) / 100))
        except ValueError as exc:
            raise self.error(img, "img width must be a percentage") from exc
        return Figure(img.get("src", ""), inline_runs(cap, self) if cap is not None else (), el.get("id"), frac)


def _klass(el: etree._Element, allowed: set[str], default: str) -> str:
    for name in (el.get("class") or "").split():
        if name in allowed:
            return name
    return default


def inline_runs(el: etree._Element, walker: _Walker) -> tuple[Run, ...]:
    runs: list[Run] = []
    _collect(el, Run(""), runs, walker, top=True)
    return _normalise(runs)


def _collect(el: etree._Element, style: Run, out: list[Run], walker: _Walker, *, top: bool = False) -> None:
    if not top:
        tag = el.tag
        if tag not in _INLINE and tag != "p":
            raise walker.error(el, f"<{tag}> is not allowed inside text")
        if tag in ("strong", "b"):
            style = replace(style, bold=True)
        elif tag in ("em", "i"):
            style = replace(style, italic=True)
        elif tag == "sub":
            style = replace(style, sub=True)
        elif tag == "sup":
            style = replace(style, sup=True)
        elif tag == "a":
            href = el.get("href", "")
            reason = check_href(href)
            if reason is not None:
                raise walker.error(el, f"<a href={href!r}> is {reason}")
            style = replace(style, href=href)
        elif tag == "span" and el.get("data-source"):
            style = replace(style, source=el.get("data-source"))
        elif tag == "br" or (tag == "p" and out):
            out.append(Run("\n"))
    if el.text:
        out.append(replace(style, text=_SPACE.sub(" ", el.text)))
    for child in el:
        if isinstance(child.tag, str):
            _collect(child, style, out, walker)
        if child.tail:
            out.append(replace(style, text=_SPACE.sub(" ", child.tail)))


def _normalise(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if (
            merged
            and run.text != "\n"
            and merged[-1].text != "\n"
            and replace(merged[-1], text="") == replace(run, text="")
        ):
            merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
        else:
            merged.append(run)
    # trim spaces around line breaks and at both ends
    for i, run in enumerate(merged):
        text = run.text
        if text == "\n":
            continue
        if i == 0 or merged[i - 1].text == "\n":
            text = text.lstrip(" ")
        if i == len(merged) - 1 or merged[i + 1].text == "\n":
            text = text.rstrip(" ")
        merged[i] = replace(run, text=text)
    result = [r for r in merged if r.text]
    while result and result[-1].text == "\n":
        result.pop()
    while result and result[0].text == "\n":
        result.pop(0)
    return tuple(result)
