"""Render planned documents: template -> XHTML -> document model -> PDF / DOCX / HTML bytes."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateNotFound
from jinja2.exceptions import SecurityError

from ectd_builder.dossier.text import TextLocator
from ectd_builder.errors import EctdError
from ectd_builder.problems import Problem
from ectd_builder.render.context import RenderContext
from ectd_builder.render.environment import environment, labels
from ectd_builder.render.fonts import CJK_LANGUAGES, FontSet, find_cjk_font, font_set, has_cjk
from ectd_builder.render.links import Layout, retarget_document
from ectd_builder.render.model import Document
from ectd_builder.render.plan import PlannedDocument, plan_documents
from ectd_builder.render.xhtml import parse_xhtml

FORMATS = ("pdf", "docx", "html")
EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "provenance": ".provenance.json"}


@dataclass(frozen=True)
class Rendered:
    doc: PlannedDocument
    fmt: str
    data: bytes
    problems: tuple[Problem, ...] = ()


def document_date(dossier: Any) -> str:
    """ISO date-time stamped into files: the dossier's document date, else SOURCE_DATE_EPOCH."""
    value = getattr(dossier, "document_date", None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC).isoformat()
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).isoformat()


_MPL_FONTS: set[str] = set()


def _font_family(language: str) -> list[str]:
    """Font names matplotlib uses for figure text (the CJK face registered once per process)."""
    if language not in CJK_LANGUAGES:
        return ["DejaVu Sans"]
    font = find_cjk_font(language)
    if str(font.path) not in _MPL_FONTS:
        from matplotlib import font_manager

        font_manager.fontManager.addfont(str(font.path))
        _MPL_FONTS.add(str(font.path))
    return ["DejaVu Sans", "Noto Sans CJK SC" if language == "zh" else "Noto Sans CJK JP"]


def build_model(
    dossier: Any,
    doc: PlannedDocument,
    *,
    templates_dir: Path | None = None,
    locate: TextLocator | None = None,
    layout: Layout | None = None,
) -> tuple[Document, list[Problem]]:
    """The document model of one planned document, and the problems met while filling it.

    ``layout`` says where linked documents live (a built sequence); default: the render output."""
    env = environment(doc.language, templates_dir)
    ctx = RenderContext(
        dossier,
        doc,
        labels(doc.language, templates_dir),
        jurisdiction=doc.jurisdiction,
        font_family=_font_family(doc.language),
        locate=locate,
        layout=layout,
    )
    try:
        variables = ctx.variables()
        xhtml = env.get_template(doc.template).render(variables)
        xhtml += env.get_template("attachments.xhtml.j2").render(variables)
    except TemplateNotFound as exc:
        raise EctdError(f"{doc.key}: template '{exc.name}' not found", hint="check --templates DIR") from exc
    except SecurityError as exc:
        raise EctdError(f"{doc.key}: template tried an unsafe operation: {exc}") from exc
    except TemplateError as exc:
        lineno = getattr(exc, "lineno", None)
        where = f" line {lineno}" if lineno else ""
        name = getattr(exc, "name", None) or doc.template
        raise EctdError(
            f"{doc.key}: template {name}{where}: {exc}", hint="fix the template or the dossier field it names"
        ) from exc
    blocks = parse_xhtml(xhtml, source=doc.template)
    applicant = getattr(dossier, "applicant", None)
    author = ctx.text(applicant.name, "applicant.name") if applicant is not None else ""
    model = Document(
        title=doc.title,
        language=doc.language,
        blocks=blocks,
        images=tuple(ctx.images),
        subject=doc.section,
        author=author,
        date=document_date(dossier),
    )
    return model, ctx.problems


def pdf_fonts(model: Document) -> FontSet:
    """The fonts the PDF writer embeds for ``model`` (CJK for ja/zh, or when its text needs it)."""
    text = model.title + "".join(str(b) for b in model.blocks)
    return font_set(model.language, needs_cjk=model.language in CJK_LANGUAGES or has_cjk(text))


def write_cached(
    model: Document, fmt: str, *, page: str = "a4", reference_docx: Path | None = None, link_ext: str | None = None
) -> bytes:
    """:func:`write`, looked up first in the active render cache (:mod:`ectd_builder.render.cache`)."""
    from ectd_builder.render.cache import active, file_digest, key_of, model_bytes

    cache = active()
    if cache is None:
        return write(model, fmt, page=page, reference_docx=reference_docx, link_ext=link_ext)
    fonts = pdf_fonts(model) if fmt == "pdf" else None
    files = [f for f in (fonts.__dict__.values() if fonts else ()) if f is not None]
    font_key = ";".join(f"{f.path}#{f.index}#{f.locl}#{file_digest(f.path)}" for f in files)
    docx_key = file_digest(reference_docx) if reference_docx is not None else ""
    key = key_of("document", fmt, page, link_ext or "", docx_key, font_key, model_bytes(model))
    data = cache.get("documents", key)
    if data is None:
        data = write(model, fmt, page=page, reference_docx=reference_docx, link_ext=link_ext)
        cache.put("documents", key, data)
    return data


def write(
    model: Document, fmt: str, *, page: str = "a4", reference_docx: Path | None = None, link_ext: str | None = None
) -> bytes:
    """Bytes of ``model`` in ``fmt``; ``link_ext`` points document links at sibling files of that
    extension (``ectd render``: html links to the sibling .html)."""
    if link_ext is not None:
        model = retarget_document(model, link_ext)
    if fmt == "pdf":
        from ectd_builder.render.linearize import linearize_pdf
        from ectd_builder.render.pdf import write_pdf

        return linearize_pdf(write_pdf(model, pdf_fonts(model), page=page))  # Fast Web View
    if fmt == "docx":
        from ectd_builder.render.docx import write_docx

        return write_docx(model, page=page, reference_docx=reference_docx)
    if fmt == "html":
        from ectd_builder.render.html import write_html

        return write_html(model)
    raise EctdError(f"unknown output format '{fmt}'", hint=f"use one of: {', '.join(FORMATS)}")


def render_document(
    dossier: Any,
    doc: PlannedDocument,
    fmt: str = "pdf",
    *,
    templates_dir: Path | None = None,
    reference_docx: Path | None = None,
    layout: Layout | None = None,
    problems: list[Problem] | None = None,
    locate: TextLocator | None = None,
) -> bytes:
    """Deterministic bytes of one planned document in ``fmt`` (pdf, docx or html); the problems
    met while filling it are added to ``problems`` (a build reports them with its result)."""
    model, found = build_model(dossier, doc, templates_dir=templates_dir, layout=layout, locate=locate)
    if problems is not None:
        problems.extend(found)
    return write(model, fmt, page=doc.page, reference_docx=reference_docx)


def render_all(
    dossier: Any,
    jurisdiction: str,
    formats: Sequence[str] = ("pdf",),
    *,
    templates_dir: Path | None = None,
    reference_docx: Path | None = None,
    progress: Callable[[int, int, PlannedDocument], None] | None = None,
    only: Callable[[PlannedDocument], bool] | None = None,
    locate: TextLocator | None = None,
    jobs: int = 1,
) -> list[Rendered]:
    """Render every planned document for ``jurisdiction``; ``progress(done, total, doc)`` after each.

    ``jobs`` > 1 renders in that many worker processes (:mod:`ectd_builder.render.parallel`);
    the bytes, problems and their order are those of ``jobs`` 1."""
    from ectd_builder.render.parallel import Job, Settings, render_pool

    for fmt in formats:
        if fmt not in FORMATS:
            raise EctdError(f"unknown output format '{fmt}'", hint=f"use one of: {', '.join(FORMATS)}")
    docs = [d for d in plan_documents(dossier, jurisdiction) if only is None or only(d)]
    settings = Settings(dossier, templates_dir, reference_docx, locate)
    with render_pool(settings, jobs, len(docs)) as pool:
        outcomes = pool.run([Job(doc, tuple(formats)) for doc in docs], progress)
    out: list[Rendered] = []
    for doc, outcome in zip(docs, outcomes, strict=True):
        for i, (fmt, data) in enumerate(outcome.outputs):
            out.append(Rendered(doc, fmt, data, outcome.problems if i == 0 else ()))
    return out
