"""One failing fixture for each remaining check (the good sequences of test_faults are the passing ones)."""

from __future__ import annotations

from pathlib import Path

from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

from tests.check.check_builders import (
    Doc,
    codes,
    good_seq,
    make_pdf,
    pdf_with,
    remote_link_pdf,
    write_sequence,
)

S41 = "m3/32-body-data/32s-drug-sub/examplinib-example-api/32s4-contr-drug-sub/32s41-spec"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _eu(tmp_path: Path, standards_dir: Path, pdfs: dict[str, bytes], **changes: object) -> Path:
    seq = good_seq("eu", pdfs=pdfs)
    for key, value in changes.items():
        setattr(seq.index_docs[0], key, value)
    return write_sequence(tmp_path, seq, standards_dir)


def test_backbone_references(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:  # type: ignore[no-untyped-def]
    folder = _eu(tmp_path, standards_dir, pdfs)
    _edit(folder / "index.xml", 'href="util/style/ectd-2-0.xsl"', 'href="ectd-2-0.xsl"')
    _edit(folder / "m1/eu/eu-regional.xml", 'SYSTEM "../../util/dtd/eu-regional.dtd"', 'SYSTEM "eu-regional.dtd"')
    _edit(folder / "m1/eu/eu-regional.xml", 'href="../../util/style/eu-regional.xsl"', 'href="x.xsl"')
    regional_dtd = folder / "util/dtd/eu-regional.dtd"
    regional_dtd.write_bytes(regional_dtd.read_bytes() + b"\n")
    assert {"EU-7.6", "EU-9.5", "EU-9.6", "EU-3.3"} <= codes(run_check(folder))


def test_href_not_relative(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:  # type: ignore[no-untyped-def]
    folder = _eu(tmp_path, standards_dir, pdfs, href="/etc/passwd")
    assert "ICH-LEAF-7" in codes(run_check(folder))


def test_us_guidance_rules(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:  # type: ignore[no-untyped-def]
    seq = good_seq("us", pdfs=pdfs)
    seq.index_docs[0].title = "3.2.S.4.1 Specification " + "x" * 600
    seq.regional_docs = [Doc("ext", [("m1-2-cover-letters", {}), ("node-extension", {})], "x", None)]
    folder = write_sequence(tmp_path, seq, standards_dir)
    _edit(folder / "m1/us/us-regional.xml", "<node-extension>", "<node-extension><title>Letters</title>")
    _edit(
        folder / "m1/us/us-regional.xml",
        '<leaf ID="ext" operation="new" checksum-type="md5" checksum="">',
        f'<leaf ID="ext" operation="new" xlink:href="../../{S41}/specification.pdf" checksum-type="md5" checksum="">',
    )
    _edit(folder / "m1/us/us-regional.xml", 'dtd-version="3.3"', 'dtd-version="3.2"')
    found = codes(run_check(folder))
    assert {"FDA-TCG-3", "FDA-TCG-3N", "FDA-TCG-4", "FDA-2001"} <= found


def test_cn_structure_rules(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:  # type: ignore[no-untyped-def]
    seq = good_seq("cn", pdfs=pdfs)
    seq.index_docs[0].title = " Specification "
    seq.index_docs[1].href = "../../other-app/0000/x.pdf"
    folder = write_sequence(tmp_path, seq, standards_dir)
    _edit(folder / "m1/cn/cn-regional.xml", "</cn-1-0>", "</cn-1-0><cn-1-1></cn-1-1>")
    _edit(folder / "m1/cn/cn-regional.xml", "<leaf ", "<node-extension><title>Extra</title><leaf ")
    _edit(folder / "m1/cn/cn-regional.xml", "</leaf>", "</leaf></node-extension>")
    found = codes(run_check(folder))
    assert {"CN-3.20", "CN-3.21", "CN-3.29", "CN-3.16"} <= found


def test_cn_append_on_append_and_language(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:  # type: ignore[no-untyped-def]
    app = tmp_path / "app"
    write_sequence(app, good_seq("cn", pdfs=pdfs), standards_dir)
    section = good_seq("cn", pdfs=pdfs).index_docs[0].section
    for number, docs in (
        ("0001", [Doc("a1", section, "Spec add", f"{S41}/add-1.pdf", make_pdf(1), "append", "../0000/index.xml#s41")]),
        (
            "0002",
            [
                Doc("a2", section, "Spec add 2", f"{S41}/add-2.pdf", make_pdf(1), "append", "../0001/index.xml#a1"),
                Doc(
                    "r1",
                    section,
                    "Spec",
                    f"{S41}/spec-2.pdf",
                    make_pdf(1),
                    "replace",
                    "../0000/index.xml#s42",
                    lang="zh",
                ),
            ],
        ),
    ):
        seq = good_seq("cn", number, pdfs=pdfs)
        seq.index_docs = docs
        seq.regional_docs[0].id = f"cover{number}"
        seq.regional_docs[0].href = f"10-cover/cover-{number}.pdf"
        write_sequence(app, seq, standards_dir)
    found = codes(run_check(app))
    assert {"CN-3.34", "CN-3.36"} <= found
    assert "CN-2.10G" not in found and "CN-2.10" not in found


def test_regional_version_goes_back(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:  # type: ignore[no-untyped-def]
    app = tmp_path / "app"
    write_sequence(app, good_seq("eu", pdfs=pdfs), standards_dir)
    seq = good_seq("eu", "0001", pdfs=pdfs)
    seq.index_docs = []
    seq.related, seq.unit = "0000", "response"
    folder = write_sequence(app, seq, standards_dir)
    _edit(folder / "m1/eu/eu-regional.xml", 'dtd-version="3.1"', 'dtd-version="3.0.1"')
    assert "EU-3.5" in codes(run_check(app))


def test_file_size_limit_from_a_custom_pack(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "tiny.yaml"
    pack.write_text(
        "pack: tiny\nlevels: {error: error}\ncriteria:\n"
        "  - {id: TINY-1, level: error, checks: [file-oversize], title: small files, source: test, params: {max_bytes: 2000}}\n"
    )
    folder = _eu(tmp_path / "s", standards_dir, pdfs)
    found = codes(run_check(folder, criteria=str(pack)))
    assert "TINY-1" in found and not any(c.startswith("EU-") for c in found)


def _screen(writer) -> None:  # type: ignore[no-untyped-def]
    annot = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Screen"),
            NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(10), NumberObject(10)]),
        }
    )
    writer.add_annotation(page_number=0, annotation=annot)


def test_pdf_multimedia_and_links(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:  # type: ignore[no-untyped-def]
    folder = _eu(tmp_path / "a", standards_dir, pdfs, data=pdf_with(_screen))
    assert "ICH-PDF-6" in codes(run_check(folder))
    broken = _eu(tmp_path / "b", standards_dir, pdfs, data=remote_link_pdf("missing.pdf"))
    assert "EU-16.BP2" in codes(run_check(broken))
    fine = _eu(
        tmp_path / "c", standards_dir, pdfs, data=remote_link_pdf("../32s42-analyt-proc/analytical-procedures.pdf")
    )
    assert run_check(fine).problems == ()
