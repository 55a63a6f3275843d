"""The XHTML vocabulary parser: what templates may emit and how it becomes the document model."""

from __future__ import annotations

import pytest

from ectd_builder.render.errors import TemplateOutputError
from ectd_builder.render.model import (
    Figure,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Table,
    to_data,
)
from ectd_builder.render.xhtml import parse_xhtml


def test_headings_get_anchors_and_text():
    blocks = parse_xhtml('<h1 id="top">3.2.S.4.1  Specification</h1><h2>Tests</h2>')
    assert blocks == (
        Heading(1, (Run("3.2.S.4.1 Specification"),), "top"),
        Heading(2, (Run("Tests"),), "sec-2"),
    )


def test_inline_formatting_runs_and_whitespace():
    (para,) = parse_xhtml(
        "<p>  C<sub>13</sub>H<sub>18</sub>O<sub>2</sub> is <strong>white</strong>,\n"
        ' <em>see</em> <a href="#t1">Table 1</a>  </p>'
    )
    assert isinstance(para, Paragraph)
    assert para.runs == (
        Run("C"),
        Run("13", sub=True),
        Run("H"),
        Run("18", sub=True),
        Run("O"),
        Run("2", sub=True),
        Run(" is "),
        Run("white", bold=True),
        Run(", "),
        Run("see", italic=True),
        Run(" "),
        Run("Table 1", href="#t1"),
    )


def test_line_break_trims_spaces():
    (para,) = parse_xhtml("<p>first <br/> second</p>")
    assert [r.text for r in para.runs] == ["first", "\n", "second"]


def test_table_with_head_colspan_and_widths():
    (table,) = parse_xhtml(
        '<table id="t"><caption>Cap</caption><colgroup><col width="2"/><col width="1"/></colgroup>'
        "<thead><tr><th>A</th><th>B</th></tr></thead>"
        '<tbody><tr><td colspan="2" align="right">x</td></tr><tr><td>1</td><td>2</td></tr></tbody></table>'
    )
    assert isinstance(table, Table)
    assert table.columns == 2 and table.widths == (2.0, 1.0) and table.anchor == "t"
    assert table.head[0].cells[0].header
    assert table.body[0].cells[0].colspan == 2 and table.body[0].cells[0].align == "right"


def test_lists_figures_and_page_breaks():
    blocks = parse_xhtml(
        "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol><hr/>"
        '<figure id="f"><img src="fig-1" width="50%"/><figcaption>Cap</figcaption></figure>'
    )
    assert isinstance(blocks[0], ListBlock) and not blocks[0].ordered and len(blocks[0].items) == 2
    assert isinstance(blocks[1], ListBlock) and blocks[1].ordered
    assert isinstance(blocks[2], PageBreak)
    assert blocks[3] == Figure("fig-1", (Run("Cap"),), "f", 0.5)


def test_transparent_containers_and_empty_paragraphs():
    blocks = parse_xhtml("<div><section><p>x</p><p>  </p></section></div>")
    assert blocks == (Paragraph((Run("x"),)),)


@pytest.mark.parametrize(
    "fragment, message",
    [
        ("<script>alert(1)</script>", "not in the template vocabulary"),
        ("<p>ok <img src='x'/></p>", "not allowed inside text"),
        ('<p><a href="https://example.com">x</a></p>', "only relative document links are allowed"),
        ("loose text", "wrap it in <p>"),
        ("<p>unclosed", "not well-formed"),
        ("<table><tr><td colspan='x'>1</td></tr></table>", "colspan"),
        ("<ul><p>x</p></ul>", "only <li>"),
        ("<h2></h2>", "empty <h2>"),
    ],
)
def test_rejects_what_is_outside_the_vocabulary(fragment, message):
    with pytest.raises(TemplateOutputError, match=message):
        parse_xhtml(fragment)


def test_entities_are_not_expanded():
    evil = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><p>&e;</p>'
    with pytest.raises(TemplateOutputError):
        parse_xhtml(evil)


def test_to_data_is_json_ready():
    data = to_data(parse_xhtml("<p><strong>x</strong></p>"))
    assert data == [{"type": "Paragraph", "runs": [{"text": "x", "bold": True}], "style": "body", "anchor": None}]
