"""Every EU Module 1 row marked verified has the title the official EU M1 stylesheet prints.

The stylesheet (eu-regional.xsl of the EU M1 package, template ``m1-eu``) prints one table row per
heading: the section number, then the title with the ``apply-templates`` that lists its leaves. A
row is matched by its section number, or (for the unnumbered Responses and Additional Data) by the
element its ``select`` names. Read from the standards store, so a future edit of m1.yaml cannot
drift from the official text; skipped when the store lacks the stylesheet.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder import ctd
from ectd_builder.ectd.standards import locate
from lxml import etree

XSL = "http://www.w3.org/1999/XSL/Transform"
SOURCES = {"EU M1 3.1 eu-regional.xsl (official stylesheet)": "eu-m1-3.1"}


def _stylesheet(store: Path, set_name: str) -> Path:
    path = locate(store, set_name, "eu-regional.xsl")
    if path is None:
        pytest.skip(f"the standards store {store} holds no {set_name}/eu-regional.xsl (ectd standards import DIR)")
    return path


def _text(cell: etree._Element) -> str:
    heads = [h for h in cell if isinstance(h.tag, str) and h.tag in ("h2", "h3", "h4")]
    return " ".join("".join(heads[0].itertext()).split()) if heads else ""


def xsl_headings(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """(number, title, element paths its leaves are listed from) of each row of template m1-eu."""
    tree = etree.parse(str(path))
    (template,) = tree.iterfind(f"{{{XSL}}}template[@match='m1-eu']")
    rows = []
    for tr in template.iter("tr"):
        cells = [c for c in tr if c.tag == "td"]
        if len(cells) != 2:
            continue
        selects = []
        for apply in cells[1].iter(f"{{{XSL}}}apply-templates"):
            for part in apply.get("select", "").split("|"):
                steps = [s for s in part.strip().split("/") if s not in ("specific", "leaf", "node-extension")]
                selects.append(tuple(steps))
        rows.append((_text(cells[0]), _text(cells[1]), tuple(dict.fromkeys(selects))))
    return rows


def _match(row: ctd.M1Section, printed: list[tuple[str, str, tuple[str, ...]]]) -> str | None:
    for number, title, selects in printed:
        if number == row.code or (not number and row.path in [tuple(s) for s in selects]):
            return title
    return None


def test_the_stylesheet_is_read_as_the_rows_it_prints(standards_dir: Path) -> None:
    printed = xsl_headings(_stylesheet(standards_dir, "eu-m1-3.1"))
    assert len(printed) == 32  # 30 numbered headings, Responses and Additional Data
    assert ("1.3", "Product Information", ()) in printed
    assert ("", "Responses to Questions", (("m1-responses",),)) in printed


def test_every_verified_eu_row_has_the_stylesheets_title(standards_dir: Path) -> None:
    verified = [row for row in ctd.m1_headings("eu") if row.verified and not row.dtd]
    assert verified, "no EU Module 1 row is verified"
    for source, set_name in SOURCES.items():
        printed = xsl_headings(_stylesheet(standards_dir, set_name))
        for row in (r for r in verified if r.source == source):
            assert _match(row, printed) == row.title, (row.code, row.title)
    assert all(row.source in SOURCES for row in verified), [r.code for r in verified if r.source not in SOURCES]


@pytest.mark.parametrize("version", ["1.3", "1.4"])
def test_older_dtd_headings_have_their_versions_title(standards_dir: Path, version: str) -> None:
    """m1-3-1-pim (EU M1 1.3/1.4): its leaves are listed under 1.3.1, titled as that version's stylesheet titles it."""
    printed = xsl_headings(_stylesheet(standards_dir, f"eu-m1-{version}"))
    older = [row for row in ctd.m1_headings("eu") if version in row.dtd]
    assert [row.path[-1] for row in older] == ["m1-3-1-pim"]
    for row in older:
        (title,) = [t for n, t, selects in printed if row.path in selects]
        assert (row.code, row.title) == (next(n for n, t, s in printed if row.path in s), title)
