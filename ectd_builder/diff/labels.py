"""Readable names for backbone headings: ``m3-2-p-5-1-specifications`` -> ``3.2.P.5.1 Specification(s)``.

Module 1 headings take their number and title from the region's Module 1 table (``ctd/m1.yaml``,
heading-only rows and older DTDs' headings such as EU M1 1.4's ``m1-3-1-pim`` included); an eCTD
v4.0 regional context of use (``m1-section [section: 1.13]``) by that section's row; any other v4.0
context of use (``contextOfUse [code: ...]``) by its code. One implementation for diff and viewer.
"""

from __future__ import annotations

import re
from functools import cache

from ectd_builder.ctd import heading_for_element, m1_headings, section_for_element
from ectd_builder.ctd.table import M1Section
from ectd_builder.sequence.model import Heading, Leaf
from ectd_builder.sequence.v4 import UNIT_FILE
from ectd_builder.sequence.v4_neutral import M1_SECTION

V4_CONTEXT = "contextOfUse"  # a v4.0 context of use no table places (attribute ``code``)

_CODE_PART = re.compile(r"^(\d+|[a-z])$")


@cache
def element_code(element: str) -> tuple[str, str]:
    """(code, title) of a backbone element; the CTD table first, else read from the name."""
    known = section_for_element(element)
    if known is not None:
        return known.code, known.title("en")
    parts = element.split("-")
    if parts and re.match(r"^m\d$", parts[0]):
        code = [parts[0][1:]]
        rest = parts[1:]
        while rest and _CODE_PART.match(rest[0]) and not (len(rest) == 1 and len(rest[0]) > 1):
            part = rest.pop(0)
            code.append(part.upper())
        return ".".join(code), " ".join(rest)
    return "", element.replace("-", " ")


@cache
def _m1_by_element(region: str) -> dict[str, M1Section]:
    """The region's Module 1 rows by the element they name (the last element of their path)."""
    out: dict[str, M1Section] = {}
    for row in m1_headings(region):
        if row.path:
            out.setdefault(row.path[-1], row)
    return out


def heading_code_title(heading: Heading, region: str | None) -> tuple[str, str | None]:
    """(code, title) of a heading: the region's Module 1 table, the CTD table, a v4.0 context of
    use's section or code; else the code read from the element name and no title."""
    attrs = dict(heading.attributes)
    if heading.element == M1_SECTION:
        code = attrs.get("section", "")
        row = next((r for r in m1_headings(region) if r.code == code), None) if region else None
        return code, row.title if row else None
    if heading.element == V4_CONTEXT:
        return attrs.get("code", ""), None
    row = _m1_by_element(region).get(heading.element) if region else None
    if row is not None:
        return row.code, row.title
    known = heading_for_element(heading.element)
    if known is not None:
        return known.code, known.title("en")
    return element_code(heading.element)[0], None


def heading_label(heading: Heading) -> str:
    code, title = element_code(heading.element)
    text = f"{code} {title}".strip()
    keyed = ", ".join(f"{k}: {v}" for k, v in heading.attributes if k not in ("xml:lang",) or v)
    return f"{text} [{keyed}]" if keyed else text


def _innermost(leaf: Leaf, region: str | None) -> tuple[str, str | None]:
    for heading in reversed(leaf.section):
        code, title = heading_code_title(heading, region)
        if code:
            return code, title
    return leaf.section_path or "(root)", None


def leaf_section_code(leaf: Leaf, region: str | None = None) -> str:
    """The innermost heading's code (``3.2.P.5.1``, a v4.0 context of use's ``1.13``), else the heading path."""
    return _innermost(leaf, region)[0]


def leaf_label(leaf: Leaf, region: str | None = None) -> str:
    """``code title``: the leaf's (document's) title, else its heading's (a v4.0 code's) title, else its file."""
    code, heading_title = _innermost(leaf, region)
    title = (leaf.title or "").strip() or heading_title or (leaf.href or leaf.id)
    return f"{code} {title}"


def lifecycle_text(leaf: Leaf, sequence: str) -> str:
    """What a leaf's lifecycle operation did, in its format's words.

    v3.2.2: ``operation 'replace' in sequence 0002``. eCTD v4.0 has no operations: a context of use
    is suspended (``statusCode suspended``), replaces another (``replacementOf``) or is resent with
    its own id (:mod:`ectd_builder.sequence.v4_neutral` reads these as delete and replace).
    """
    op = leaf.operation or "new"
    if leaf.backbone != UNIT_FILE:
        return f"operation '{op}' in sequence {sequence}"
    prior = leaf.target.leaf_id if leaf.target is not None else None
    if op == "delete":
        return f"context of use suspended in unit {sequence}"
    if op == "replace" and prior and prior != leaf.id:
        return f"context of use replaced (replacementOf {prior}) in unit {sequence}"
    if op == "replace":
        return f"context of use resent in unit {sequence}"
    return f"context of use sent in unit {sequence}"
