"""DOCX page setup: the jurisdiction's paper size, title header, page-number footer, TOC field, CJK font."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.profiles import load_profile, parse_profile
from ectd_builder.render.docx import write_docx
from ectd_builder.render.model import Document
from ectd_builder.render.xhtml import parse_xhtml
from ectd_builder.resources import data_dir

XHTML = """<h1 id="top">3.2.P.5.1 规格</h1><p>正文 <a href="#t2">二级</a></p>
<h2 id="t2">检验项目</h2><p>x</p><h3 id="t3">有关物质</h3><h4 id="t4">too deep for the TOC</h4>"""


def _doc(language: str = "zh", title: str = "3.2.P.5.1 规格（片剂）") -> Document:
    return Document(
        title=title, language=language, blocks=parse_xhtml(XHTML), date="2026-03-01T00:00:00+00:00"
    )


def _read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.mark.parametrize(("jurisdiction", "width_mm", "height_mm"), [
    ("fda", 215.9, 279.4), ("ema", 210.0, 297.0), ("pmda", 210.0, 297.0), ("nmpa", 210.0, 297.0),
])
def test_page_size_comes_from_the_jurisdiction_profile(jurisdiction: str, width_mm: float, height_mm: float) -> None:
    fact = load_profile(jurisdiction).fact("page_size")
    assert fact is not None and fact.source
    section = _read(write_docx(_doc(), page=fact.value)).sections[0]
    assert round(section.page_width.mm, 1) == width_mm and round(section.page_height.mm, 1) == height_mm
    assert round(section.left_margin.mm, 1) == 22.0  # the PDF's left margin (>= 3/4 in)


def test_a_profile_with_an_unknown_page_size_names_the_line(tmp_path: Path) -> None:
    text = (data_dir("jurisdictions") / "ema.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "ema.yaml"
    broken.write_text(text.replace("  page_size:\n    value: a4", "  page_size:\n    value: a3", 1), encoding="utf-8")
    with pytest.raises(EctdError) as info:
        parse_profile(broken, expected_id="ema")
    line = text.splitlines().index("  page_size:") + 2
    assert info.value.message.startswith(f"{broken}:{line}:")
    assert "page_size" in info.value.message and "a4, letter" in info.value.message


def test_header_carries_the_title_and_footer_the_page_fields() -> None:
    section = _read(write_docx(_doc())).sections[0]
    assert [p.text for p in section.header.paragraphs] == ["3.2.P.5.1 规格（片剂）"]
    instructions = [el.text.strip() for el in section.footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    kinds = [el.get(qn("w:fldCharType")) for el in section.footer._element.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2


def test_toc_field_follows_the_title_and_lists_headings_to_level_3() -> None:
    body = _read(write_docx(_doc())).element.body
    paragraphs = body.findall(qn("w:p"))
    assert "".join(t.text for t in paragraphs[0].iter(qn("w:t"))) == "3.2.P.5.1 规格"
    toc = [el.text for el in paragraphs[1].iter(qn("w:instrText"))]
    assert toc == [' TOC \\o "1-3" \\h \\z \\u ']
    linked = [link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))]
    assert linked[:3] == ["top", "t2", "t3"] and "t4" not in linked[:3]
    kinds = [el.get(qn("w:fldCharType")) for el in body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def test_cjk_text_is_set_in_a_cjk_font_on_every_style() -> None:
    styles = _read(write_docx(_doc("zh"))).styles.element
    fonts = list(styles.iter(qn("w:rFonts")))
    assert fonts and {f.get(qn("w:eastAsia")) for f in fonts} == {"Noto Sans CJK SC"}
    assert all(f.get(qn("w:eastAsiaTheme")) is None for f in fonts)
    ja = _read(write_docx(_doc("ja"))).styles.element
    assert {f.get(qn("w:eastAsia")) for f in ja.iter(qn("w:rFonts"))} == {"Noto Sans CJK JP"}
    en = _read(write_docx(_doc("en"))).styles.element
    assert all(f.get(qn("w:eastAsia")) is None for f in en.iter(qn("w:rFonts")))


def test_docx_bytes_are_deterministic_with_fixed_dates() -> None:
    first, second = write_docx(_doc(), page="letter"), write_docx(_doc(), page="letter")
    assert first == second
    props = _read(first).core_properties
    assert props.created.isoformat() == props.modified.isoformat() == "2026-03-01T00:00:00+00:00"
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 3, 1, 0, 0, 0)}
