"""Cross-references between documents: where each document lives, and the relative link to it.

A :class:`Layout` maps content keys (``document:<plan key>``, ``attachment:<id>``) to paths below
one root: the application folder in a build (``0001/m3/...``, or ``0000/m3/...`` for a document
an earlier sequence keeps in force), or the render output folder outside a build. Templates call
``link_to(code, subject_id, anchor, text)``; a target this dossier does not plan for the
jurisdiction is a render problem (REN003) located at the template line, and prints as plain text.
"""

from __future__ import annotations

import posixpath
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup, escape

from ectd_builder.ctd import section as ctd_section
from ectd_builder.problems import Problem, Severity
from ectd_builder.render.model import (
    Block,
    Document,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Row,
    Run,
    Table,
)
from ectd_builder.render.plan import PlannedDocument, display_code, plan_documents

LINK_TARGET_MISSING = "REN003"
PDF = ".pdf"
MAX_CLIMB = 8  # deepest eCTD leaf folder below the application folder


@dataclass(frozen=True)
class Layout:
    """Paths of the linkable files below one root; ``built`` is False outside a build."""

    paths: Mapping[str, str]
    built: bool = False


def document_key(doc: PlannedDocument) -> str:
    """The content key of a planned document (the leaf key a build gives it)."""
    return f"document:{doc.key}"


def render_layout(docs: list[PlannedDocument]) -> Layout:
    """Where ``ectd render`` writes each document (its PDF; :func:`retarget` swaps the format)."""
    from ectd_builder.render.api import Rendered
    from ectd_builder.render.outputs import relative_path

    return Layout({document_key(d): relative_path(Rendered(d, "pdf", b"")).as_posix() for d in docs})


def relative_href(layout: Layout, source: str, target: str, anchor: str | None = None) -> str | None:
    """The link from the file of ``source`` to the file of ``target`` (None when either is unplaced)."""
    here, there = layout.paths.get(source), layout.paths.get(target)
    if here is None or there is None:
        return None
    href = posixpath.relpath(there, posixpath.dirname(here) or ".")
    return f"{href}#{anchor}" if anchor else href


def retarget(href: str, ext: str | None) -> str:
    """A link to a sibling rendered PDF pointed at the sibling file of another format (``.html``)."""
    if ext is None or href.startswith("#"):
        return href
    path, hash_, anchor = href.partition("#")
    if path.endswith(PDF):
        path = path[: -len(PDF)] + ext
    return path + hash_ + anchor


def _runs(runs: tuple[Run, ...], ext: str) -> tuple[Run, ...]:
    return tuple(replace(r, href=retarget(r.href, ext)) if r.href else r for r in runs)


def _block(block: Block, ext: str) -> Block:
    if isinstance(block, (Heading, Paragraph)):
        return replace(block, runs=_runs(block.runs, ext))
    if isinstance(block, ListBlock):
        return replace(block, items=tuple(_runs(item, ext) for item in block.items))
    if isinstance(block, Table):
        rows = tuple(
            Row(tuple(replace(c, runs=_runs(c.runs, ext)) for c in row.cells)) for row in block.head + block.body
        )
        return replace(block, head=rows[: len(block.head)], body=rows[len(block.head) :], caption=_runs(block.caption, ext))
    if isinstance(block, Figure):
        return replace(block, caption=_runs(block.caption, ext))
    return block


def retarget_document(doc: Document, ext: str) -> Document:
    """``doc`` with every link to a sibling PDF pointed at the sibling ``ext`` file instead."""
    return replace(doc, blocks=tuple(_block(b, ext) for b in doc.blocks))


def is_document_link(href: str) -> bool:
    """True for a relative link into another file (not ``#anchor``)."""
    return bool(href) and not href.startswith("#")


def check_href(href: str) -> str | None:
    """Why ``href`` is not allowed in a template's ``<a>``, or None.

    Allowed: ``#anchor``, or a relative path (optionally ``#destination``) with no scheme, no
    absolute path, and ``..`` only as its leading steps (at most the depth of an eCTD folder),
    so a link climbs to a sequence folder or the application folder and then goes down.
    Whether it lands on a file is the PDF link check's question (ICH-PDF-11)."""
    if href.startswith("#"):
        return None if len(href) > 1 else "an empty anchor"
    path = href.partition("#")[0]
    if not path:
        return "an empty link"
    if ":" in path.split("/", 1)[0] or path.startswith("//"):
        return "a link with a scheme or host; only relative document links are allowed"
    if path.startswith("/") or "\\" in path:
        return "an absolute path; use a path relative to this document"
    parts = [part for part in path.split("/") if part not in ("", ".")]
    climb = next((i for i, part in enumerate(parts) if part != ".."), len(parts))
    if climb == len(parts) or ".." in parts[climb:] or climb > MAX_CLIMB:
        return "a path that climbs out of the sequence folders; '..' may only lead the path"
    return None


def _template_place() -> tuple[str | None, int | None]:
    """File and line of the template that is calling a helper now (Jinja keeps both)."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.filename, template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back  # type: ignore[assignment]
    return None, None


@dataclass
class CrossLinks:
    """The ``link_to`` / ``attachment_link`` helpers of one document's render context."""

    dossier: Any
    doc: PlannedDocument
    problems: list[Problem]
    layout: Layout | None = None
    _docs: list[PlannedDocument] = field(default_factory=list)

    def _planned(self) -> list[PlannedDocument]:
        if not self._docs:
            self._docs = plan_documents(self.dossier, self.doc.jurisdiction) if self.doc.jurisdiction else [self.doc]
        return self._docs

    def _layout(self) -> Layout:
        if self.layout is None:
            self.layout = render_layout(self._planned())
        return self.layout

    def _target(self, code: str, subject_id: str | None) -> PlannedDocument | None:
        owner = self.doc.substance_id or self.doc.product_id
        for d in self._planned():
            if d.section != code:
                continue
            ids = (d.substance_id, d.product_id, d.excipient_id, d.method_id)
            if subject_id is not None and subject_id not in ids:
                continue
            if owner is not None and (d.substance_id or d.product_id) not in (None, owner):
                continue
            return d
        return None

    def _missing(self, what: str, text: str) -> Markup:
        file, line = _template_place()
        self.problems.append(
            Problem(
                LINK_TARGET_MISSING,
                Severity.ERROR,
                f"{self.doc.key}: the cross-reference to {what} has no document planned in this dossier "
                f"for {self.doc.jurisdiction or 'this jurisdiction'}; it was printed without a link",
                file,
                line,
                1 if line else None,
                hint="link only to sections the dossier has content for, or add that content",
                jurisdiction=self.doc.jurisdiction,
            )
        )
        return Markup(escape(text))

    def link_to(
        self,
        code: str,
        subject_id: str | None = None,
        anchor: str | None = None,
        text: str | None = None,
        number: bool = True,
    ) -> Markup:
        """``<a href>`` to the document of section ``code`` (of ``subject_id``, default this
        document's substance or product); the visible text starts with the section number
        (``number=False``: ``text`` alone, e.g. a method name in a specification table)."""
        shown_code = display_code(code)
        label = escape(text) if text is not None else Markup(escape(ctd_section(code).title(self.doc.language)))
        shown = Markup(escape(shown_code)) + " " + label if number or text is None else Markup(label)
        target = self._target(code, subject_id)
        if target is None:
            return self._missing(f"{shown_code}{f' ({subject_id})' if subject_id else ''}", shown)
        href = relative_href(self._layout(), document_key(self.doc), document_key(target), anchor)
        if href is None:
            return self._missing(shown_code, shown)
        return Markup('<a href="{}">{}</a>').format(href, shown)

    def attachment_link(self, attachment: Any, text: str) -> Markup:
        """``<a href>`` to an attachment's leaf in a build; outside a build (attachments are not
        rendered) the text alone."""
        layout = self._layout()
        if not layout.built:
            return Markup(escape(text))
        href = relative_href(layout, document_key(self.doc), f"attachment:{attachment.id}")
        if href is None:
            return self._missing(f"attachment '{attachment.id}'", text)
        return Markup('<a href="{}">{}</a>').format(href, text)
