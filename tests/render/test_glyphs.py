"""Every character of a rendered PDF comes out in a font that has it, and no number goes missing.

Two checks read the PDF back independently of fpdf2: :mod:`glyphcheck` interprets the content
streams with the graphics state and looks every drawn code up in the embedded font it is drawn
with (no ``.notdef``, no code the font lacks), and the numbers of the document's HTML twin, each
with its nearest context, must appear in the text read the same way.

The example run renders a sample of documents (prose, tables and batch numbers) of both examples
for all four jurisdictions; ``ECTD_GLYPHS_ALL=1`` renders every planned document (slow).
"""

from __future__ import annotations

import os
import re

import pytest
from fpdf import FPDF

from ectd_builder.render import pdf as pdf_module
from ectd_builder.render.api import build_model, write
from ectd_builder.render.fonts import font_set
from ectd_builder.render.model import Document
from ectd_builder.render.pdf import write_pdf
from ectd_builder.render.plan import plan_documents
from ectd_builder.render.xhtml import parse_xhtml

from .conftest import JURISDICTIONS, example_names
from .glyphcheck import missing_numbers, notdef_problems, read_glyphs, split_numbers

SAMPLE = ("2.3.S", "2.3.P", "3.2.P.5.4")
ALL = os.environ.get("ECTD_GLYPHS_ALL") == "1"


def _doc(language: str, xhtml: str) -> Document:
    return Document("T", language, parse_xhtml(xhtml), subject="3.2.S", date="2026-01-01T00:00:00+00:00")


# A paragraph whose lines end in CJK (drawn with the fallback font) and start with digits: fpdf2
# 2.8 then drew the digits with the font the page last set (a bold heading), as boxes.
FALLBACK_LINES = (
    "<h1>3.2.S.2.6 生产工艺的开发</h1><p>"
    + "第一代路线在N-甲基吡咯烷酮中140 °C下经无催化SNAr反应构建C-N键，部分消旋产生0.5%～2%的(R)-对映体，"
    "并残留300～500 ppm的NMP（第二类溶剂）。" * 6
    + "</p><p><strong>关键质量属性 25 °C/60 % RH</strong></p>"
    "<table><thead><tr><th>批号 QVT-DS-2300</th><th>含量</th></tr></thead>"
    "<tbody><tr><td>0.25 %（ICH Q1E）</td><td>95.0～105.0 %</td></tr></tbody></table>"
)


@pytest.mark.parametrize("language", ["zh", "ja"])
def test_lines_after_fallback_text_keep_their_font(language):
    data = write_pdf(_doc(language, FALLBACK_LINES), font_set(language))
    text, problems = read_glyphs(data)
    assert problems == []
    flat = "".join(text.split())
    assert flat.count("300～500ppm") == 6
    assert "25°C/60%RH" in flat and "0.25%（ICHQ1E）" in flat and "95.0～105.0%" in flat


def _embedded(data: bytes) -> dict[str, str]:
    """Base font name -> subset tag of every embedded font."""
    return {name.decode(): tag.decode() for tag, name in re.findall(rb"/FontName /([A-Z]{6})\+([\w-]+)", data)}


def test_bold_cjk_text_uses_a_bold_cjk_face():
    fonts = font_set("zh")
    if fonts.cjk_bold is None:
        pytest.skip("no bold CJK face installed (the noto-cjk-sans-jp-bold package)")
    data = write_pdf(_doc("zh", FALLBACK_LINES), fonts)
    assert sorted(_embedded(data)) == ["DejaVuSans-Bold", "DejaVuSans", "NotoSansCJKJPBold", "NotoSansCJKSC"] or (
        {"NotoSansCJKSC", "NotoSansCJKJPBold"} <= set(_embedded(data))
    )
    assert notdef_problems(data) == []


def test_each_subset_has_its_own_tag():
    data = write_pdf(_doc("zh", FALLBACK_LINES), font_set("zh"))
    assert b"MPDFAA+" not in data
    tags = _embedded(data)
    assert len(tags) >= 3 and len(set(tags.values())) == len(tags), tags


def test_the_checks_see_fpdf2s_font_state_bug(monkeypatch):
    """The checks can fail: with fpdf2's own line drawing the digits come out wrong and are caught."""
    monkeypatch.setattr(pdf_module._Pdf, "_render_styled_text_line", FPDF._render_styled_text_line)
    text, problems = read_glyphs(write_pdf(_doc("zh", FALLBACK_LINES), font_set("zh")))
    flat = "".join(text.split())
    assert problems or flat.count("300～500ppm") < 6


def test_missing_numbers_are_reported_with_their_context():
    page = b"<html><body><p>\xe6\xae\x8b\xe7\x95\x99300\xef\xbd\x9e500 ppm, <b>0.25</b> %</p></body></html>"
    assert missing_numbers(page, "残留3～500 ppm, 0.25 %") == ["残留300～5"]
    assert missing_numbers(page, "残留300～500 ppm,\n0.25 %") == []


def test_a_number_split_across_lines_is_reported():
    page = "<html><body><td>80%～125%</td><td>10–30 min</td><td>0.25 %</td></body></html>".encode()
    assert split_numbers(page, "80%～1\n25%\n10–\n30 min\n0.25 %") == ["10–30", "80%～125%"]
    assert missing_numbers(page, "80%～1\n25%\n10–\n30 min\n0.25 %") == []  # blind to the split
    assert split_numbers(page, "80%～125%\n10–30\u00a0min\n0.25\n%") == []  # a unit on the next line is no split


def test_a_cell_continued_on_the_next_page_reads_across_the_page_furniture():
    page = "<html><body><h1>2.3.P 製剤 150 mg</h1><p>ラミネートした13 mm栓</p></body></html>".encode()
    split = "2.3.P 製剤 150 mg\nラミネートした\n\n6 / 7\n2.3.P 製剤 150 mg\n13 mm栓"
    assert missing_numbers(page, split, "2.3.P 製剤 150 mg") == []
    assert missing_numbers(page, split) == ["した13"]  # without the header known, the split shows
    # the header removed after a footer is only the next page's: the first-page title must still be drawn
    assert missing_numbers(page, "ラミネートした\n6 / 7\n2.3.P 製剤 150 mg\n13 mm栓", "2.3.P 製剤 150 mg") == ["150", "2.3.P"]


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_no_glyph_is_missing_in_example_pdfs(load_example, name, jurisdiction):
    dossier = load_example(name)
    docs = [d for d in plan_documents(dossier, jurisdiction) if ALL or d.section in SAMPLE]
    assert docs
    failures = []
    for doc in docs:
        model, _ = build_model(dossier, doc)
        pdf = write(model, "pdf", page=doc.page)
        text, notdef = read_glyphs(pdf)
        missing = missing_numbers(write(model, "html"), text, model.title)
        if notdef or missing:
            failures.append(f"{doc.key}: .notdef {notdef[:3]}, numbers missing {missing[:5]}")
    assert failures == []
