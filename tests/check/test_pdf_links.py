"""ectd check follows every PDF link: destination file (this or an earlier sequence) and named destination."""

from __future__ import annotations

import io
from pathlib import Path

from ectd_builder.check.pdfcheck import LinkTargets, PdfFinding, check_pdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from tests.check.check_builders import codes, good_seq, make_pdf, write_sequence

SPEC = "0001/m3/spec.pdf"  # the checked file, relative to the application folder


def _action(kind: str, **entries: object) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = value
    return action


def _goto_r(target: str, dest: object | None = None) -> DictionaryObject:
    entries: dict[str, object] = {"F": TextStringObject(target)}
    if dest is not None:
        entries["D"] = dest
    return _action("/GoToR", **entries)


def _uri(uri: str) -> DictionaryObject:
    return _action("/URI", URI=TextStringObject(uri))


def linked_pdf(*actions: DictionaryObject, names: tuple[str, ...] = ()) -> bytes:
    """A two-page PDF whose first page carries one link per action and defines ``names``."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(2))))
    for name in names:
        writer.add_named_destination(name, 1)
    for n, action in enumerate(actions):
        rect = ArrayObject([NumberObject(50), NumberObject(50 + 40 * n), NumberObject(200), NumberObject(80 + 40 * n)])
        annot = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): rect,
                NameObject("/A"): action,
            }
        )
        writer.add_annotation(page_number=0, annotation=annot)
    writer.pdf_header = "%PDF-1.4"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _app(tmp_path: Path) -> LinkTargets:
    """0000 and 0001 (this) and 0002 (later) sequences, each with a PDF defining 'table-1'."""
    for seq in ("0000", "0001", "0002"):
        (tmp_path / seq / "m3").mkdir(parents=True)
        (tmp_path / seq / "m3" / "proc.pdf").write_bytes(linked_pdf(names=("table-1",)))
    return LinkTargets(tmp_path)


def _broken(data: bytes, targets: LinkTargets | None = None) -> list[str]:
    return [f.message for f in check_pdf(data, SPEC, targets) if f.key == "pdf-broken-link"]


def test_internal_named_destination_must_be_defined() -> None:
    good = linked_pdf(_action("/GoTo", D=TextStringObject("spec")), names=("spec",))
    assert _broken(good) == []
    bad = linked_pdf(_action("/GoTo", D=TextStringObject("nowhere")), names=("spec",))
    assert _broken(bad) == ["page 1 links to destination 'nowhere', which this PDF does not define"]


def test_explicit_destination_must_be_a_page() -> None:
    bad = linked_pdf(_action("/GoTo", D=ArrayObject([NumberObject(7), NameObject("/Fit")])))
    assert _broken(bad) == ["page 1 has a link without a valid destination"]
    good = linked_pdf(_action("/GoTo", D=ArrayObject([NumberObject(1), NameObject("/Fit")])))
    assert _broken(good) == []


def test_file_links_resolve_in_this_or_an_earlier_sequence(tmp_path: Path) -> None:
    targets = _app(tmp_path)
    fine = linked_pdf(_goto_r("proc.pdf"), _goto_r("../../0000/m3/proc.pdf"), _uri("proc.pdf#table-1"))
    assert _broken(fine, targets) == []
    bad = linked_pdf(_goto_r("missing.pdf"), _goto_r("../../0002/m3/proc.pdf"), _goto_r("../../../elsewhere.pdf"))
    assert _broken(bad, targets) == [
        "page 1 links to 'missing.pdf', which does not exist",
        "page 1 links to '../../0002/m3/proc.pdf' in 0002, which is not this or an earlier sequence",
        "page 1 links to '../../../elsewhere.pdf', outside the application",
    ]


def test_named_destination_in_the_target_file_must_exist(tmp_path: Path) -> None:
    targets = _app(tmp_path)
    good = linked_pdf(_goto_r("proc.pdf", TextStringObject("table-1")), _goto_r("proc.pdf", NameObject("/table-1")))
    assert _broken(good, targets) == []
    bad = linked_pdf(_goto_r("../../0000/m3/proc.pdf", TextStringObject("table-9")), _uri("proc.pdf#fig-2"))
    assert _broken(bad, targets) == [
        "page 1 links to '../../0000/m3/proc.pdf#table-9', a destination that file does not define",
        "page 1 links to 'proc.pdf#fig-2', a destination that file does not define",
    ]


def test_web_links_stay_external_links_not_broken_ones(tmp_path: Path) -> None:
    found = check_pdf(linked_pdf(_uri("https://example.org/x.pdf")), SPEC, _app(tmp_path))
    assert found == [PdfFinding("pdf-external-links", "page 1 links to an external resource: https://example.org/x.pdf")]


def test_check_reports_every_broken_link_for_every_region(tmp_path: Path, standards_dir: Path, run_check) -> None:
    for region, code in (("us", "ICH-PDF-11"), ("cn", "ICH-PDF-11"), ("eu", "EU-16.BP2")):
        seq = good_seq(region)
        seq.index_docs[0].data = linked_pdf(_goto_r("gone.pdf"), _action("/GoTo", D=TextStringObject("lost")))
        folder = write_sequence(tmp_path / region, seq, standards_dir)
        outcome = run_check(folder)
        broken = sorted(p.message for p in outcome.problems if p.code == code)
        assert broken == [
            "page 1 links to 'gone.pdf', which does not exist",
            "page 1 links to destination 'lost', which this PDF does not define",
        ], region
        spec = next(d for d in seq.index_docs if d.id == "s41")
        assert {p.file for p in outcome.problems if p.code == code} == {f"{seq.number}/{spec.href}"}
        assert codes(run_check(write_sequence(tmp_path / f"{region}-good", good_seq(region), standards_dir))) == set()
