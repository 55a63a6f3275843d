"""Fast Web View: rendered PDFs are linearized and stay byte-deterministic."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest

from ectd_builder.check.pdfcheck import check_pdf as ectd_check
from ectd_builder.errors import EctdError
from ectd_builder.render.api import write
from ectd_builder.render.fonts import font_set
from ectd_builder.render.linearize import is_linearized, linearize_pdf
from ectd_builder.render.model import Document
from ectd_builder.render.pdf import write_pdf
from ectd_builder.render.xhtml import parse_xhtml

from .pdfcheck import check_pdf

ROWS = "".join(f"<tr><td>Impurity {i}</td><td>NMT 0.{i} %</td></tr>" for i in range(120))
XHTML = f"""<h1 id="top">3.2.P.5.1 Specification</h1><p>See <a href="#spec">the table</a>.</p>
<h2>Tests</h2><table id="spec"><thead><tr><th>Test</th><th>Criterion</th></tr></thead><tbody>{ROWS}</tbody></table>"""


def _doc(date: str = "2026-02-01T00:00:00+00:00") -> Document:
    return Document(title="3.2.P.5.1 Specification", language="en", blocks=parse_xhtml(XHTML), date=date)


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return write(_doc(), "pdf", page="letter")


def test_rendered_pdf_is_linearized(rendered: bytes) -> None:
    plain = write_pdf(_doc(), font_set("en"), page="letter")
    assert not is_linearized(plain)  # the writer alone does not linearize: the step is needed
    assert is_linearized(rendered)
    with pikepdf.open(io.BytesIO(rendered)) as pdf:
        assert pdf.is_linearized and pdf.check_linearization(stream=io.StringIO())
        assert len(pdf.pages) > 1


def test_two_renders_are_byte_identical_and_the_id_is_content_derived(rendered: bytes) -> None:
    assert write(_doc(), "pdf", page="letter") == rendered
    other = write(_doc("2026-02-02T00:00:00+00:00"), "pdf", page="letter")
    with pikepdf.open(io.BytesIO(rendered)) as a, pikepdf.open(io.BytesIO(other)) as b:
        assert bytes(a.trailer.ID[0]) != bytes(b.trailer.ID[0])  # derived from the content, not fixed
    assert b"ModDate" not in rendered or re.search(rb"/ModDate \(D:20260201", rendered)


def test_linearized_pdf_still_meets_the_ectd_pdf_rules(rendered: bytes) -> None:
    reader = check_pdf(rendered)  # version, no encryption, bookmarks panel, embedded fonts, links
    assert reader.metadata.title == "3.2.P.5.1 Specification"
    assert reader.outline[0]["/Title"] == "3.2.P.5.1 Specification"
    assert ectd_check(rendered, "0001/m3/32-body-data/spec.pdf") == []  # incl. its internal link to #spec
    assert any("/Dest" in a.get_object() for page in reader.pages for a in page.get("/Annots") or [])


def test_a_broken_pdf_is_an_error_not_a_traceback() -> None:
    with pytest.raises(EctdError, match="could not be linearized"):
        linearize_pdf(b"%PDF-1.4\nnot a pdf at all")
    assert not is_linearized(b"garbage")
