"""Heading labels and CTD order for the viewer's tree.

Module 1 headings take their number and title from the region's Module 1 table (``ctd/m1.yaml``
through :mod:`ectd_builder.ctd.table`): ``m1-2-form`` in an EU sequence is "1.2 Application form
and annexes". Other headings take the CTD table's title (:func:`~ectd_builder.diff.labels.heading_label`),
and a heading neither table knows is read from its element name.

Order is CTD order, numeric part by part (1.2 before 1.10); lettered parts follow the tables'
order where they know the section (3.2.S, 3.2.P, 3.2.A, 3.2.R), else come after the numbered ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from ectd_builder.ctd import sections as ctd_sections
from ectd_builder.ctd.table import M1Section, m1_sections
from ectd_builder.diff.labels import element_code, heading_label
from ectd_builder.sequence.model import Heading

_UNRANKED = 10**6
SortKey = tuple[tuple[int, int, str], ...]


@cache
def _m1_by_element(region: str) -> dict[str, M1Section]:
    """The region's Module 1 rows by the element they name (the last element of their path)."""
    out: dict[str, M1Section] = {}
    for row in m1_sections(region):
        if row.path:
            out.setdefault(row.path[-1], row)
    return out


@cache
def _ranks(region: str) -> dict[str, int]:
    """Table order of every section code the tables know (Module 1 of ``region``, then Modules 2-3)."""
    ranks: dict[str, int] = {}
    for row in m1_sections(region):
        ranks.setdefault(row.code, len(ranks))
    for sec in ctd_sections():
        ranks.setdefault(sec.code, len(ranks))
    return ranks


def _code_and_title(heading: Heading, region: str | None) -> tuple[str, str | None]:
    row = _m1_by_element(region).get(heading.element) if region else None
    if row is not None:
        return row.code, row.title
    return element_code(heading.element)[0], None


def label(heading: Heading, region: str | None) -> str:
    """What the tree shows for a heading: "1.3 Product information", "3.2.P.5.1 Specification(s)"."""
    code, title = _code_and_title(heading, region)
    if title is None and code == "1" and region and not heading.attributes:
        return f"1 Module 1 ({region.upper()})"  # the regional root (m1-eu, m1-regional ...)
    if title is None:
        return heading_label(heading)
    bare = heading_label(Heading(heading.element, ()))
    attributes = heading_label(heading)[len(bare):]  # " [country: ema]" when the heading has any
    return f"{code} {title}{attributes}"


def sort_key(heading: Heading, region: str | None) -> SortKey:
    """CTD order: numbered parts by number, lettered parts by table order; uncoded headings last."""
    code, _ = _code_and_title(heading, region)
    if not code:
        return ((2, 0, heading.element),)
    ranks = _ranks(region or "")
    parts = code.split(".")
    key: list[tuple[int, int, str]] = []
    for i, part in enumerate(parts):
        if part.isdigit():
            key.append((0, int(part), ""))
        else:
            key.append((1, ranks.get(".".join(parts[: i + 1]), _UNRANKED), part))
    return tuple(key)


def order(headings: Iterable[Heading], region: str | None, extra: Iterable[str] = ()) -> dict[str, int]:
    """Rank of every label shown (siblings in the tree sort by it), ``extra`` labels after the headings."""
    keyed: dict[str, SortKey] = {}
    for heading in headings:
        text = label(heading, region)
        key = sort_key(heading, region)
        keyed[text] = min(keyed.get(text, key), key)
    for text in extra:
        keyed.setdefault(text, ((3, 0, text),))
    ranked = sorted(keyed, key=lambda text: (keyed[text], text))
    return {text: i for i, text in enumerate(ranked)}
