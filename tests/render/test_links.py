"""Document links: which hrefs templates may write, and how a path is computed and retargeted.

Templates do not call ``link_to`` yet (issue 11, item 6 is open); these tests cover the pieces
that exist so they cannot rot unnoticed.
"""

from __future__ import annotations

import pytest

from ectd_builder.render.links import Layout, check_href, relative_href, retarget


@pytest.mark.parametrize(
    "href",
    ["#sec-1", "x.pdf", "../../32-body-data/32s-drug-sub/x.pdf#dest", "./a/b.pdf", "../0000/m3/x.pdf"],
)
def test_relative_document_links_and_anchors_are_allowed(href: str) -> None:
    assert check_href(href) is None


@pytest.mark.parametrize(
    ("href", "why"),
    [
        ("#", "empty anchor"),
        ("http://example.org/x.pdf", "scheme"),
        ("//host/x.pdf", "scheme"),
        ("/etc/passwd", "absolute"),
        ("a\\b.pdf", "absolute"),
        ("a/../../b.pdf", "climbs"),
        ("../" * 9 + "x.pdf", "climbs"),
        ("..", "climbs"),
    ],
)
def test_links_that_leave_the_sequence_or_name_a_host_are_refused(href: str, why: str) -> None:
    reason = check_href(href)
    assert reason is not None and why in reason


def test_relative_href_goes_from_one_document_to_another() -> None:
    layout = Layout({"document:a": "m2/23-qos/a.pdf", "document:b": "m3/32-body-data/32s-drug-sub/b.pdf"})
    assert relative_href(layout, "document:a", "document:b", "impurities") == (
        "../../m3/32-body-data/32s-drug-sub/b.pdf#impurities"
    )
    assert relative_href(layout, "document:a", "document:missing") is None


def test_retarget_points_pdf_links_at_the_sibling_format() -> None:
    assert retarget("../x/b.pdf#d", ".html") == "../x/b.html#d"
    assert retarget("#d", ".html") == "#d"
    assert retarget("../x/b.pdf", None) == "../x/b.pdf"
