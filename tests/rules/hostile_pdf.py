"""Hostile PDFs built in the test (pypdf): active content, encryption, broken structure, old versions.

Each case is a name, the PDF and the finding code :func:`ectd_builder.check.pdfcheck.check_pdf`
must report for it (``None``: the PDF is sound and must report none of the safety codes).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

Edit = Callable[[PdfWriter], None]


def pdf(edit: Edit | None = None, version: str = "1.4") -> bytes:
    """A sound two-page PDF of ``version``, changed by ``edit``."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    if edit is not None:
        edit(writer)
    writer.pdf_header = f"%PDF-{version}".encode()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def action(kind: str, **entries: object) -> DictionaryObject:
    """An action dictionary ``/S kind`` with ``entries`` (strings become text strings)."""
    act = DictionaryObject({NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject(kind)})
    for key, value in entries.items():
        act[NameObject(f"/{key}")] = TextStringObject(value) if isinstance(value, str) else value
    return act


JS = action("/JavaScript", JS="app.alert(1);")
LAUNCH = action("/Launch", F="cmd.exe")
URI = action("/URI", URI="https://example.com/track")
SUBMIT = action("/SubmitForm", F="https://example.com/collect")
IMPORT = action("/ImportData", F="data.fdf")
GOTO_R = action("/GoToR", F="other.pdf", D=ArrayObject([NumberObject(0), NameObject("/Fit")]))
GOTO_E = action("/GoToE", D=ArrayObject([NumberObject(0), NameObject("/Fit")]))
NAMED = action("/Named", N=NameObject("/NextPage"))  # harmless: the viewer goes to the next page


def open_action(act: DictionaryObject) -> Edit:
    def edit(w: PdfWriter) -> None:
        w.root_object[NameObject("/OpenAction")] = w._add_object(act)

    return edit


def open_destination(w: PdfWriter) -> None:
    """An open action that is a destination array (go to page 1): not an action."""
    w.root_object[NameObject("/OpenAction")] = ArrayObject([w.pages[0].indirect_reference, NameObject("/Fit")])


def _aa(trigger: str, act: DictionaryObject) -> DictionaryObject:
    return DictionaryObject({NameObject(f"/{trigger}"): act})


def document_aa(trigger: str, act: DictionaryObject) -> Edit:
    def edit(w: PdfWriter) -> None:
        w.root_object[NameObject("/AA")] = _aa(trigger, act)

    return edit


def page_aa(trigger: str, act: DictionaryObject) -> Edit:
    def edit(w: PdfWriter) -> None:
        w.pages[1][NameObject("/AA")] = _aa(trigger, act)

    return edit


def _annotation(w: PdfWriter, **entries: DictionaryObject) -> None:
    rect = ArrayObject([NumberObject(n) for n in (50, 50, 200, 80)])
    annot = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link")})
    annot[NameObject("/Rect")] = rect
    for key, value in entries.items():
        annot[NameObject(f"/{key}")] = value
    w.add_annotation(page_number=0, annotation=annot)


def annotation_aa(trigger: str, act: DictionaryObject) -> Edit:
    return lambda w: _annotation(w, AA=_aa(trigger, act))


def annotation_action(act: DictionaryObject) -> Edit:
    return lambda w: _annotation(w, A=act)


def form_field(**entries: DictionaryObject) -> Edit:
    """An AcroForm push button (one field in /Fields, not on a page) with ``entries``."""

    def edit(w: PdfWriter) -> None:
        field = DictionaryObject({NameObject("/FT"): NameObject("/Btn"), NameObject("/T"): TextStringObject("send")})
        for key, value in entries.items():
            field[NameObject(f"/{key}")] = value
        form = DictionaryObject({NameObject("/Fields"): ArrayObject([w._add_object(field)])})
        w.root_object[NameObject("/AcroForm")] = w._add_object(form)

    return edit


def chained(first: DictionaryObject, then: DictionaryObject) -> DictionaryObject:
    """``first`` followed by ``then`` (the action's /Next)."""
    act = DictionaryObject(first)
    act[NameObject("/Next")] = then
    return act


def looped(w: PdfWriter) -> None:
    """An open action whose /Next chain points back to itself (must terminate)."""
    act = DictionaryObject(NAMED)
    ref = w._add_object(act)
    act[NameObject("/Next")] = ref
    w.root_object[NameObject("/OpenAction")] = ref


def encrypted(w: PdfWriter) -> None:
    w.encrypt(user_password="", owner_password="owner")


def broken_xref() -> bytes:
    """A PDF whose startxref points to the wrong offset (pypdf repairs it only leniently)."""
    return re.sub(rb"startxref\s+\d+", b"startxref\n12", pdf())


# name -> (PDF, finding code; None: a sound PDF that must report no safety finding)
CASES: dict[str, tuple[bytes, str | None]] = {
    "open-js": (pdf(open_action(JS)), "action-javascript"),
    "open-launch": (pdf(open_action(LAUNCH)), "action-launch"),
    "open-uri": (pdf(open_action(URI)), "action-uri"),
    "open-submit": (pdf(open_action(SUBMIT)), "action-submit-form"),
    "open-import": (pdf(open_action(IMPORT)), "action-import-data"),
    "open-gotor": (pdf(open_action(GOTO_R)), "action-open-file"),
    "open-gotoe": (pdf(open_action(GOTO_E)), "action-open-file"),
    "open-next-launch": (pdf(open_action(chained(NAMED, LAUNCH))), "action-launch"),
    "document-aa-js": (pdf(document_aa("WC", JS)), "action-javascript"),
    "page-aa-launch": (pdf(page_aa("O", LAUNCH)), "action-launch"),
    "annotation-aa-uri": (pdf(annotation_aa("E", URI)), "action-uri"),
    "annotation-submit": (pdf(annotation_action(SUBMIT)), "action-submit-form"),
    "field-submit": (pdf(form_field(A=SUBMIT)), "action-submit-form"),
    "field-aa-js": (pdf(form_field(AA=_aa("K", JS))), "action-javascript"),
    "field-import": (pdf(form_field(A=IMPORT)), "action-import-data"),
    "encrypted": (pdf(encrypted), "pdf-encrypted"),
    "broken-xref": (broken_xref(), "structure-broken"),
    "garbage": (b"%PDF-1.4\n1 0 obj <<", "pdf-unreadable"),
    "version-1.3": (pdf(version="1.3"), "pdf-version"),
    "version-2.0": (pdf(version="2.0"), "pdf-version"),
    # the passing counterparts
    "plain": (pdf(), None),
    "version-1.7": (pdf(version="1.7"), None),
    "open-destination": (pdf(open_destination), None),
    "open-named": (pdf(open_action(NAMED)), None),
    "open-loop": (pdf(looped), None),
    "page-aa-named": (pdf(page_aa("O", NAMED)), None),
    "annotation-aa-named": (pdf(annotation_aa("E", NAMED)), None),
    "field-without-action": (pdf(form_field()), None),
    "field-named": (pdf(form_field(A=NAMED)), None),
    "link-uri": (pdf(annotation_action(URI)), None),  # a link the reader clicks: ectd check's pdf-external-links
}
