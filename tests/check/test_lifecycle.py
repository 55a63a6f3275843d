"""Application-level checks: modified-file targets, replaced/deleted leaves, numbering, UUIDs."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ectd_builder.sequence.reader import read_application
from tests.check.check_builders import Doc, codes, good_seq, make_pdf, write_sequence

S41 = "m3/32-body-data/32s-drug-sub/examplinib-example-api/32s4-contr-drug-sub/32s41-spec"


def _next(number: str, docs: list[Doc], region: str = "eu", related: str = "0000", unit: str = "response"):  # type: ignore[no-untyped-def]
    seq = good_seq(region, number, pdfs={"spec": b"", "proc": b"", "cover": make_pdf(1, title=f"Cover {number}")})
    seq.index_docs = docs
    seq.regional_docs[0].id = f"cover{number}"
    seq.regional_docs[0].href = f"10-cover/ema/cover-{number}.pdf"
    seq.related, seq.unit = related, unit
    return seq


def _replace(leaf_id: str, target: str, seq_no: str, op: str = "replace") -> Doc:
    base = good_seq("eu", pdfs={"spec": b"", "proc": b"", "cover": b""}).index_docs[0]
    data = None if op == "delete" else make_pdf(1, title=f"Spec {seq_no}")
    href = None if op == "delete" else f"{S41}/specification-{seq_no}.pdf"
    return Doc(leaf_id, base.section, "Specification", href, data, op, f"../{target}")


def _app(tmp_path: Path, standards_dir: Path, pdfs, *later) -> Path:  # type: ignore[no-untyped-def]
    app = tmp_path / "app"
    write_sequence(app, good_seq("eu", pdfs=pdfs), standards_dir)
    for seq in later:
        write_sequence(app, seq, standards_dir)
    return app


def test_valid_replace_across_sequences_is_clean(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    app = _app(tmp_path, standards_dir, pdfs, _next("0001", [_replace("r1", "0000/index.xml#s41", "0001")]))
    outcome = run_check(app)
    assert outcome.problems == (), [(p.code, p.message) for p in outcome.problems]
    # checked alone, the sequence reads its earlier siblings for the lifecycle
    assert run_check(app / "0001").problems == ()
    application = read_application(app)
    assert [s.name for s in application.sequences] == ["0000", "0001"]


def test_target_missing(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    app = _app(tmp_path, standards_dir, pdfs, _next("0001", [_replace("r1", "0000/index.xml#nope", "0001")]))
    assert "EU-11.9" in codes(run_check(app))


def test_target_already_replaced_and_deleted(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    app = _app(
        tmp_path,
        standards_dir,
        pdfs,
        _next(
            "0001",
            [_replace("r1", "0000/index.xml#s41", "0001"), _replace("d1", "0000/index.xml#s42", "0001", "delete")],
        ),
        _next("0002", [_replace("r2", "0000/index.xml#s41", "0002"), _replace("r3", "0000/index.xml#s42", "0002")]),
    )
    found = codes(run_check(app))
    assert {"ICH-LC-6", "ICH-LC-7"} <= found


def test_target_twice_in_one_sequence(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    docs = [_replace("r1", "0000/index.xml#s41", "0001"), _replace("r2", "0000/index.xml#s41", "0001b")]
    app = _app(tmp_path, standards_dir, pdfs, _next("0001", docs))
    assert "ICH-LC-8" in codes(run_check(app))


def test_first_sequence_must_be_all_new(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    seq = good_seq("eu", pdfs=pdfs)
    seq.index_docs[0].operation = "replace"
    seq.index_docs[0].modified_file = "../0000/index.xml#s42"
    folder = write_sequence(tmp_path / "app", seq, standards_dir)
    assert "ICH-LC-5" in codes(run_check(folder))


def test_gap_duplicate_and_uuid_change(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    later = _next("0002", [_replace("r1", "0000/index.xml#s41", "0002")])
    app = _app(tmp_path, standards_dir, pdfs, later)
    regional = app / "0002/m1/eu/eu-regional.xml"
    regional.write_bytes(regional.read_bytes().replace(b"6f1c2a4e", b"7f1c2a4e"))
    md5 = hashlib.md5(regional.read_bytes()).hexdigest()
    index = app / "0002/index.xml"
    text = index.read_text()
    start = text.index('checksum="', text.index("eu-regional.xml")) + len('checksum="')
    index.write_text(text[:start] + md5 + text[start + 32 :])
    (app / "0002/index-md5.txt").write_text(hashlib.md5(index.read_bytes()).hexdigest())
    found = codes(run_check(app))
    assert "ICH-SEQ-4" in found  # 0001 missing
    assert "EU-9.8" in found  # UUID changed
    assert "EU-11.2" not in found
    dup = _next("0001", [], related="0000")
    write_sequence(app, dup, standards_dir)
    (app / "0001/m1/eu/eu-regional.xml").write_bytes(
        (app / "0001/m1/eu/eu-regional.xml").read_bytes().replace(b"<sequence>0001", b"<sequence>0002")
    )
    assert "EU-13.2" in codes(run_check(app))


def test_cn_first_number_and_gap(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    app = tmp_path / "cnapp"
    write_sequence(app, good_seq("cn", "0001", pdfs=pdfs), standards_dir)
    found = codes(run_check(app))
    assert "CN-2.10" in found


def test_related_sequence_rules(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    seq = good_seq("eu", pdfs=pdfs)
    seq.related = "0005"
    folder = write_sequence(tmp_path / "app", seq, standards_dir)
    assert "EU-M1-RS" in codes(run_check(folder))


def test_regional_replace_across_sequences(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:  # type: ignore[no-untyped-def]
    later = _next("0001", [])
    cover = later.regional_docs[0]
    cover.operation, cover.modified_file = "replace", "../../../0000/m1/eu/eu-regional.xml#cover"
    app = _app(tmp_path, standards_dir, pdfs, later)
    assert run_check(app).problems == ()
    later.regional_docs[0].modified_file = "../../../0000/m1/eu/eu-regional.xml#nope"
    write_sequence(app, later, standards_dir)
    assert "EU-11.9" in codes(run_check(app))


def test_fda_numbering(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:  # type: ignore[no-untyped-def]
    app = tmp_path / "nda"
    write_sequence(app, good_seq("us", "0000", pdfs=pdfs), standards_dir)
    assert {"FDA-M1-7", "FDA-M1-3"} <= codes(run_check(app))
    clean = tmp_path / "nda2"
    write_sequence(clean, good_seq("us", "0001", pdfs=pdfs), standards_dir)
    assert run_check(clean).problems == ()


def test_keyed_values_and_application_fields_stay_the_same(
    tmp_path: Path, standards_dir: Path, pdfs, run_check
) -> None:  # type: ignore[no-untyped-def]
    app = tmp_path / "nda"
    write_sequence(app, good_seq("us", "0001", pdfs=pdfs), standards_dir)
    later = good_seq("us", "0002", pdfs=pdfs)
    later.regional_docs[0].id, later.regional_docs[0].href = "cover2", "12-cover-letters/cover-2.pdf"
    for doc in later.index_docs:
        doc.id += "b"
        doc.href = doc.href.replace(".pdf", "-2.pdf")
        doc.section = [(name, {k: v.upper() for k, v in attrs.items()}) for name, attrs in doc.section]
    folder = write_sequence(app, later, standards_dir)
    (folder / "m1/us/us-regional.xml").write_text(
        (folder / "m1/us/us-regional.xml").read_text().replace(">123456<", ">654321<")
    )
    found = codes(run_check(app))
    assert {"FDA-TCG-5", "FDA-M1-8"} <= found


def test_target_in_a_sequence_the_application_lacks(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:  # type: ignore[no-untyped-def]
    app = _app(tmp_path, standards_dir, pdfs, _next("0002", [_replace("r1", "0001/index.xml#s41", "0002")]))
    whole = run_check(app)
    assert any(p.code == "EU-11.9" and "does not have" in p.message for p in whole.problems)
    alone = codes(run_check(app / "0002"))  # checked alone: 0001 may simply not be here
    assert "ICH-LC-4" in alone and "EU-11.9" not in alone


# ---- faults of the one lifecycle replay, as ``ectd check`` reports them (file and line) ----------

FORM = [("m1-2-form", {}), ("specific", {"country": "ema"})]


def _line(backbone: Path, leaf_id: str) -> int:
    lines = backbone.read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if f'ID="{leaf_id}"' in text)


def _at(outcome, code: str) -> list[tuple[str | None, int | None]]:  # type: ignore[no-untyped-def]
    return [(p.file, p.line) for p in outcome.problems if p.code == code]


def test_target_is_a_delete_leaf(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    app = _app(
        tmp_path,
        standards_dir,
        pdfs,
        _next("0001", [_replace("d1", "0000/index.xml#s42", "0001", "delete")]),
        _next("0002", [_replace("r2", "0001/index.xml#d1", "0002")]),
    )
    outcome = run_check(app)
    assert _at(outcome, "ICH-LC-7") == [("app/0002/index.xml", _line(app / "0002/index.xml", "r2"))]


def test_replace_into_another_section(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    moved = _replace("r1", "0000/index.xml#s42", "0001")  # s42 is an analytical procedure; r1 sits in 3.2.S.4.1
    app = _app(tmp_path, standards_dir, pdfs, _next("0001", [moved]))
    outcome = run_check(app)
    assert _at(outcome, "ICH-LC-10") == [("app/0001/index.xml", _line(app / "0001/index.xml", "r1"))]
    clean = _app(tmp_path / "ok", standards_dir, pdfs, _next("0001", [_replace("r1", "0000/index.xml#s41", "0001")]))
    assert _at(run_check(clean), "ICH-LC-10") == []


def _form_seq(number: str, target: str | None, pdfs) -> object:  # type: ignore[no-untyped-def]
    seq = _next(number, []) if number != "0000" else good_seq("eu", pdfs=pdfs)
    op = "new" if target is None else "replace"
    modified = None if target is None else f"../../../{target}"
    form = Doc(f"form{number}", FORM, "Application form", f"12-form/ema/form-{number}.pdf",
               make_pdf(1, title=f"Form {number}"), op, modified)
    seq.regional_docs.append(form)
    return seq


def _eu_branch(tmp_path: Path, standards_dir: Path, pdfs, second_target: str) -> Path:  # type: ignore[no-untyped-def]
    """Reconstruction of a real EU application: 0001 replaces the application form of 0000 and,
    two sequences later, 0003 replaces the same 0000 form again instead of 0001's."""
    app = tmp_path / "app"
    write_sequence(app, _form_seq("0000", None, pdfs), standards_dir)
    write_sequence(app, _form_seq("0001", "0000/m1/eu/eu-regional.xml#form0000", pdfs), standards_dir)
    write_sequence(app, _next("0002", []), standards_dir)
    write_sequence(app, _form_seq("0003", second_target, pdfs), standards_dir)
    return app


def test_eu_branch_two_forms_replace_one(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    from ectd_builder.sequence.lifecycle import replay

    app = _eu_branch(tmp_path, standards_dir, pdfs, "0000/m1/eu/eu-regional.xml#form0000")
    regional = app / "0003/m1/eu/eu-regional.xml"
    outcome = run_check(app)
    assert _at(outcome, "ICH-LC-6") == [("app/0003/m1/eu/eu-regional.xml", _line(regional, "form0003"))]
    forms = [e.last.leaf.id for e in replay(read_application(app).sequences).in_force() if e.last.leaf.id.startswith("form")]
    assert sorted(forms) == ["form0001", "form0003"]  # the branch: two forms in force


def test_eu_form_chain_followed_is_clean(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    from ectd_builder.sequence.lifecycle import replay

    app = _eu_branch(tmp_path, standards_dir, pdfs, "0001/m1/eu/eu-regional.xml#form0001")
    assert run_check(app).problems == ()
    forms = [e.last.leaf.id for e in replay(read_application(app).sequences).in_force() if e.last.leaf.id.startswith("form")]
    assert forms == ["form0003"]
