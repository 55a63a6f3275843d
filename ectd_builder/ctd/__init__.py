"""The CTD table: section code <-> ICH eCTD element <-> folder name <-> titles (en/ja/zh).

Data in ``sections.yaml`` (Module 2.3 and Module 3) and ``m1.yaml`` (Module 1 per region). Rows
flagged ``heading_only`` (the other headings of Modules 1, 2, 4 and 5) only title headings: they are
reached through :func:`headings`, :func:`heading_for_element` and :func:`m1_headings`, never through
the lookups an attachment goes through (:func:`section`, :func:`is_known`, :func:`m1_section` ...).
"""

from __future__ import annotations

from ectd_builder.ctd.table import (
    M1Section,
    Section,
    children,
    heading_for_element,
    heading_lineage,
    headings,
    is_known,
    lineage,
    m1_headings,
    m1_purposes,
    m1_section,
    m1_sections,
    section,
    section_for_element,
    sections,
)

__all__ = [
    "M1Section",
    "Section",
    "children",
    "heading_for_element",
    "heading_lineage",
    "headings",
    "is_known",
    "lineage",
    "m1_headings",
    "m1_purposes",
    "m1_section",
    "m1_sections",
    "section",
    "section_for_element",
    "sections",
]
