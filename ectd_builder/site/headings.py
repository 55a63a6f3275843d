"""Heading labels and CTD order for the viewer's tree.

Codes and titles come from :func:`ectd_builder.diff.labels.heading_code_title` (one implementation
for diff and viewer). Module 1 headings take their number and title from the region's Module 1
table (``ctd/m1.yaml`` through :func:`ectd_builder.ctd.m1_headings`, heading-only rows and older
DTDs' headings included): ``m1-3-pi`` in an EU sequence is "1.3 Product Information", EU M1 1.4's
``m1-3-1-pim`` "1.3.1 SPC, Labelling and Package Leaflet". Modules 2-5 take the CTD table's title, heading-only rows
included (:func:`ectd_builder.ctd.heading_for_element`: "5.3.1.1 Bioavailability Study Reports"),
and a heading neither table knows is read from its element name
(:func:`~ectd_builder.diff.labels.heading_label`). An eCTD v4.0 regional context of use arrives as
``m1-section [section: 1.13]`` (:mod:`ectd_builder.sequence.v4_neutral`) and is titled by that
section number from the same Module 1 table: "1.13 その他".

Order is CTD order, numeric part by part (1.2 before 1.10); lettered parts follow the tables'
order where they know the section (3.2.S, 3.2.P, 3.2.A, 3.2.R), else come after the numbered ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from ectd_builder.ctd import headings, m1_headings
from ectd_builder.diff.labels import heading_code_title, heading_label
from ectd_builder.sequence.model import Heading
from ectd_builder.sequence.v4_neutral import M1_SECTION

_UNRANKED = 10**6
SortKey = tuple[tuple[int, int, str], ...]


@cache
def _ranks(region: str) -> dict[str, int]:
    """Table order of every section code the tables know (Module 1 of ``region``, then Modules 2-3)."""
    ranks: dict[str, int] = {}
    for row in m1_headings(region):
        ranks.setdefault(row.code, len(ranks))
    for sec in headings():
        ranks.setdefault(sec.code, len(ranks))
    return ranks


def label(heading: Heading, region: str | None) -> str:
    """What the tree shows for a heading: "1.3 Product information", "3.2.P.5.1 Specification(s)"."""
    code, title = heading_code_title(heading, region)
    if title is None and code == "1" and region and not heading.attributes:
        return f"1 Module 1 ({region.upper()})"  # the regional root (m1-eu, m1-regional ...)
    shown = heading
    if heading.element == M1_SECTION:  # the section number is the label's code, not an attribute
        shown = Heading(heading.element, tuple(a for a in heading.attributes if a[0] != "section"))
        title = title if title is not None else ""
    if title is None:
        return heading_label(heading)
    bare = heading_label(Heading(heading.element, ()))
    attributes = heading_label(shown)[len(bare):]  # " [country: ema]" when the heading has any
    return f"{code} {title}".rstrip() + attributes


def sort_key(heading: Heading, region: str | None) -> SortKey:
    """CTD order: numbered parts by number, lettered parts by table order; uncoded headings last."""
    code, _ = heading_code_title(heading, region)
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
