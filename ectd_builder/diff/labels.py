"""Readable names for backbone headings: ``m3-2-p-5-1-specifications`` -> ``3.2.P.5.1 Specification(s)``."""

from __future__ import annotations

import re
from functools import cache

from ectd_builder.ctd import section_for_element
from ectd_builder.sequence.model import Heading, Leaf

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


def heading_label(heading: Heading) -> str:
    code, title = element_code(heading.element)
    text = f"{code} {title}".strip()
    keyed = ", ".join(f"{k}: {v}" for k, v in heading.attributes if k not in ("xml:lang",) or v)
    return f"{text} [{keyed}]" if keyed else text


def leaf_section_code(leaf: Leaf) -> str:
    """The innermost heading's code (``3.2.P.5.1``), else the heading path."""
    for heading in reversed(leaf.section):
        code, _ = element_code(heading.element)
        if code:
            return code
    return leaf.section_path or "(root)"


def leaf_label(leaf: Leaf) -> str:
    title = (leaf.title or "").strip() or (leaf.href or leaf.id)
    return f"{leaf_section_code(leaf)} {title}"
