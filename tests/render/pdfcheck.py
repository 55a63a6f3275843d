"""Read a PDF back the way a regulator's validator would (ectd-spec 4.3 recipe)."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def font_problems(reader: PdfReader) -> list[str]:
    """Fonts used on any page that are not embedded (Type3 exempt)."""
    missing = []
    for number, page in enumerate(reader.pages, start=1):
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for name, ref in fonts.items():
            font = ref.get_object()
            if font.get("/Subtype") == "/Type3":
                continue
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(f"page {number}: {name}")
    return missing


def check_pdf(data: bytes) -> PdfReader:
    """Assert the eCTD PDF rules; return the reader for further checks."""
    version = re.match(rb"%PDF-(\d\.\d)", data[:16])
    assert version and b"1.4" <= version.group(1) <= b"1.7", data[:16]
    reader = PdfReader(io.BytesIO(data))
    assert not reader.is_encrypted
    root = reader.trailer["/Root"]
    assert "/Version" not in root or "1.4" <= str(root["/Version"])[1:] <= "1.7"
    assert str(root.get("/PageMode")) == "/UseOutlines"
    names = root.get("/Names")
    if names is not None:
        names = names.get_object()
        assert "/JavaScript" not in names and "/EmbeddedFiles" not in names
    assert reader.outline, "no bookmarks"
    assert reader.metadata is not None and reader.metadata.title
    assert not font_problems(reader)
    for page in reader.pages:
        assert "/AA" not in page
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            assert annot.get("/Subtype") == "/Link"
            action = annot.get("/A")
            assert action is None or action.get_object().get("/S") != "/URI"
        box = page.mediabox
        assert float(box.width) <= 612.5 and float(box.height) <= 842.5  # Letter or A4
    return reader


def text_of(reader: PdfReader) -> str:
    """Extracted text without white space.

    pypdf spaces out CJK glyphs and, for the embedded CMap that fpdf2 writes as the encoding of a
    CFF (OTF) font, puts a NUL before each character; poppler's pdftotext reads the same file
    cleanly, so both artefacts are removed here.
    """
    return re.sub(r"[\s\x00]+", "", "".join(page.extract_text() for page in reader.pages))
