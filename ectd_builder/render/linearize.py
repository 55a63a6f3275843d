"""Fast Web View: rewrite a finished PDF linearized, with qpdf (through pikepdf).

The ICH PDF recommendations ask for optimised ("Fast Web View") files (ectd-spec.md 4.1,
optimisation row: ICH section 2.16, FDA PDF specification v3.0; exact wording unverified), so a
viewer can show page 1 of a large document before the whole file has arrived.

The rewrite keeps the bytes deterministic: qpdf writes no timestamps of its own, the document
information and dates come from the writer (the dossier's document date), and the trailer /ID is
derived from the content (``deterministic_id``) instead of from the clock. Streams stay as the
writer compressed them; object streams are not introduced (PDF 1.4 files stay PDF 1.4).
"""

from __future__ import annotations

import io

from ectd_builder.errors import EctdError


def linearize_pdf(data: bytes) -> bytes:
    """``data`` rewritten as a linearized PDF with a content-derived /ID (same bytes for same input)."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            out = io.BytesIO()
            pdf.save(
                out,
                linearize=True,
                deterministic_id=True,
                object_stream_mode=pikepdf.ObjectStreamMode.preserve,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                recompress_flate=False,
            )
    except pikepdf.PdfError as exc:
        raise EctdError(
            f"the rendered PDF could not be linearized: {exc}", hint="report this as a bug in the PDF writer"
        ) from exc
    return out.getvalue()


def is_linearized(data: bytes) -> bool:
    """True when ``data`` is a linearized PDF whose hint tables qpdf accepts (qpdf --check-linearization)."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return bool(pdf.is_linearized) and bool(pdf.check_linearization(stream=io.StringIO()))
    except pikepdf.PdfError:
        return False
