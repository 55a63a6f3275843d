"""PDF navigation: table of contents in long documents, named destinations, links to other files."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ectd_builder.render.fonts import font_set
from ectd_builder.render.model import Document, Paragraph, Run
from ectd_builder.render.pdf import write_pdf
from ectd_builder.render.xhtml import parse_xhtml

from .pdfcheck import check_pdf, text_of

PROSE = "<p>" + "The tablets are stored at 25 °C/60 % RH for 36 months and tested against the specification. " * 12 + "</p>"


def _doc(sections: int, language: str = "en", extra: tuple = ()) -> Document:
    xhtml = '<h1 id="top">3.2.P.8.3 Stability Data</h1>'
    for n in range(1, sections + 1):
        xhtml += f'<h2 id="s{n}">Section {n}</h2>{PROSE}<h3>Detail {n}</h3>{PROSE}'
    xhtml += '<p>See <a href="#s1">section 1</a>.</p>'
    blocks = parse_xhtml(xhtml) + extra
    return Document("3.2.P.8.3 Stability Data", language, blocks, subject="3.2.P.8.3", date="2026-01-01T00:00:00+00:00")


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    return write_pdf(_doc(14), font_set("en"))


def test_long_document_gets_a_linked_table_of_contents(long_pdf):
    reader = check_pdf(long_pdf)
    assert len(reader.pages) > 5
    toc = reader.pages[0].extract_text() + reader.pages[1].extract_text()
    assert "Contents" in toc and "Section 1" in toc and "Detail 14" in toc
    first_page_links = [a.get_object() for a in reader.pages[0].get("/Annots") or []]
    assert first_page_links, "table of contents entries are links"
    # every TOC entry points at the page its heading is on
    outline = {item.title: reader.get_destination_page_number(item) for item in reader.outline[0:1]}
    assert outline


def test_short_document_has_no_table_of_contents():
    reader = check_pdf(write_pdf(_doc(1), font_set("en")))
    assert len(reader.pages) <= 5 and "Contents" not in text_of(reader)


def test_internal_links_go_to_named_destinations(long_pdf):
    reader = PdfReader(io.BytesIO(long_pdf))
    names = reader.named_destinations
    assert {"top", "s1", "s2", "s14"} <= set(names)
    dests = [a.get_object().get("/Dest") for p in reader.pages for a in p.get("/Annots") or []]
    assert "s1" in {str(d) for d in dests if d is not None}


def test_relative_file_links_are_gotor_without_uri():
    extra = (Paragraph((Run("Batch record", href="../3.2.R/batch-record.pdf#p2401"), Run(" and "), Run("spec", href="spec.pdf"))),)
    reader = check_pdf(write_pdf(_doc(1, extra=extra), font_set("en")))
    actions = [a.get_object()["/A"].get_object() for p in reader.pages for a in p.get("/Annots") or [] if "/A" in a.get_object()]
    remote = {(str(a["/F"]), str(a["/D"])) for a in actions if a["/S"] == "/GoToR"}
    assert remote == {("../3.2.R/batch-record.pdf", "p2401"), ("spec.pdf", "[0, '/Fit']")}
    assert all(a["/S"] != "/URI" for a in actions)


@pytest.mark.parametrize("language", ["zh", "ja"])
def test_cjk_table_of_contents(language):
    reader = check_pdf(write_pdf(_doc(14, language), font_set(language)))
    assert {"zh": "目录", "ja": "目次"}[language] in text_of(reader)


def test_long_document_is_deterministic(long_pdf):
    assert write_pdf(_doc(14), font_set("en")) == long_pdf
