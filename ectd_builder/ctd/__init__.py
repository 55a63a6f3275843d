"""The CTD table: section code <-> ICH eCTD element <-> folder name <-> titles (en/ja/zh).

Data in ``sections.yaml`` (Module 2.3 and Module 3) and ``m1.yaml`` (Module 1 per region).
"""

from __future__ import annotations

from ectd_builder.ctd.table import (
    M1Section,
    Section,
    children,
    is_known,
    lineage,
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
    "is_known",
    "lineage",
    "m1_purposes",
    "m1_section",
    "m1_sections",
    "section",
    "section_for_element",
    "sections",
]
