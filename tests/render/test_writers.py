"""PDF, DOCX and HTML writers on a hand-made document model."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from ectd_builder.render.docx import write_docx
from ectd_builder.render.fonts import font_set
from ectd_builder.render.html import write_html
from ectd_builder.render.model import Document, Image
from ectd_builder.render.pdf import MARGIN_LEFT, MARGIN_RIGHT, write_pdf
from ectd_builder.render.xhtml import parse_xhtml

from .pdfcheck import check_pdf, text_of

ROWS = "".join(f"<tr><td>Impurity {i}</td><td>HPLC</td><td>NMT 0.{i} %</td></tr>" for i in range(80))
XHTML = f"""<h1 id="top">3.2.S.4.1 Specification</h1>
<p>See <a href="#spec">the table</a>; C<sub>13</sub>H<sub>18</sub>O<sub>2</sub>. {{cjk}}</p>
<h2>Tests</h2><ul><li>Assay</li><li>Impurities</li></ul>
<h3>Deep</h3><h4>Deeper</h4>
<table id="spec"><caption>Specification</caption><thead><tr><th>Test</th><th>Method</th><th>Criterion</th></tr></thead>
<tbody>{ROWS}<tr><td colspan="3">end</td></tr></tbody></table>
<figure id="f1"><img src="fig" width="50%"/><figcaption>A figure</figcaption></figure>"""


def _png() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1), dpi=50)
    fig.add_subplot().plot([0, 1], [0, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def _doc(language: str = "en", cjk: str = "") -> Document:
    return Document(
        title="3.2.S.4.1 Specification",
        language=language,
        blocks=parse_xhtml(XHTML.replace("{cjk}", cjk)),
        images=(Image("fig", _png(), b"<svg/>", 100, 50),),
        subject="3.2.S.4.1",
        author="Acme",
        date="2026-01-01T00:00:00+00:00",
    )


@pytest.fixture(scope="module")
def latin_pdf() -> bytes:
    return write_pdf(_doc(), font_set("en"))


def test_pdf_meets_ectd_rules(latin_pdf):
    reader = check_pdf(latin_pdf)
    assert len(reader.pages) >= 2  # the 80-row table splits
    assert reader.metadata.title == "3.2.S.4.1 Specification"
    assert reader.metadata.creation_date.year == 2026
    titles = [reader.outline[0].title]
    assert titles == ["3.2.S.4.1 Specification"]
    text = text_of(reader)
    assert "C13H18O2" in text and "Impurity79" in text
    # the table header is repeated on the following page
    assert "TestMethodCriterion" in "".join(p.extract_text() for p in reader.pages[1:2]).replace(" ", "").replace(
        "\n", ""
    )


def test_pdf_margins_are_ectd_safe():
    assert MARGIN_LEFT >= 0.75 * 25.4 and MARGIN_RIGHT >= 0.375 * 25.4


def test_pdf_internal_links_resolve(latin_pdf):
    reader = check_pdf(latin_pdf)
    links = [a.get_object() for p in reader.pages for a in (p.get("/Annots") or [])]
    assert links and all("/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo" for a in links)


def test_pdf_is_deterministic(latin_pdf):
    assert write_pdf(_doc(), font_set("en")) == latin_pdf


def test_letter_page_size():
    reader = check_pdf(write_pdf(_doc(), font_set("en"), page="letter"))
    assert round(float(reader.pages[0].mediabox.width)) == 612


@pytest.mark.parametrize("language, sample", [("zh", "原料药的质量标准见表1。"), ("ja", "規格及び試験方法を示す。")])
def test_cjk_pdf_embeds_font_and_text_extracts(language, sample):
    data = write_pdf(_doc(language, sample), font_set(language))
    reader = check_pdf(data)
    assert sample in text_of(reader)
    fonts = {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert any("NotoSansCJK" in f for f in fonts), fonts
    assert all("+" in f for f in fonts), "fonts must be subset"


def test_docx_has_heading_styles_tables_and_is_deterministic():
    data = write_docx(_doc())
    assert write_docx(_doc()) == data
    document = docx.Document(io.BytesIO(data))
    styles = [p.style.name for p in document.paragraphs]
    assert {"Heading 1", "Heading 2", "Heading 3", "Heading 4"} <= set(styles)
    assert len(document.tables) == 1 and len(document.tables[0].rows) == 82
    assert document.core_properties.title == "3.2.S.4.1 Specification"
    assert document.core_properties.created.year == 2026
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        body = z.read("word/document.xml").decode()
    assert "w:tblHeader" in body and 'w:anchor="spec"' in body and 'w:name="spec"' in body


def test_docx_reference_document_styles(tmp_path):
    reference = docx.Document()
    reference.styles["Heading 1"].font.size = docx.shared.Pt(20)
    reference.add_paragraph("placeholder text that must not survive")
    path = tmp_path / "company.docx"
    reference.save(path)
    document = docx.Document(io.BytesIO(write_docx(_doc(), reference_docx=path)))
    assert document.styles["Heading 1"].font.size == docx.shared.Pt(20)
    assert all("placeholder" not in p.text for p in document.paragraphs)


def test_html_is_self_contained():
    html = write_html(_doc("zh", "质量标准")).decode()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert "data:image/svg+xml;base64," in html and "<thead>" in html and 'href="#spec"' in html
    assert "http://" not in html and "https://" not in html
