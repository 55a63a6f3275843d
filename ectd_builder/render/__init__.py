"""Render Module 3 and the Module 2.3 QOS: templates -> XHTML -> document model -> PDF / DOCX / HTML."""

from __future__ import annotations

from ectd_builder.render.api import (
    FORMATS,
    Rendered,
    build_model,
    render_all,
    render_document,
)
from ectd_builder.render.plan import PlannedDocument, Subject, plan_documents

__all__ = [
    "FORMATS",
    "PlannedDocument",
    "Rendered",
    "Subject",
    "build_model",
    "plan_documents",
    "render_all",
    "render_document",
]
