"""Schema and structure rules of the sequence core (issue 12, item 6), at the exact file and line."""

from __future__ import annotations

from pathlib import Path

from ectd_builder.check.lowest import heading_model, is_lowest, xsd_heading_model
from tests.check.check_builders import Doc, good_seq, make_pdf, write_sequence

S4 = [
    ("m3-quality", {}),
    ("m3-2-body-of-data", {}),
    ("m3-2-s-drug-substance", {"substance": "examplinib", "manufacturer": "example-api"}),
    ("m3-2-s-4-control-of-drug-substance", {}),
]
BASE = "m3/32-body-data/32s-drug-sub/examplinib-example-api/32s4-contr-drug-sub"


def line_of(backbone: Path, leaf_id: str) -> int:
    lines = backbone.read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if f'ID="{leaf_id}"' in text)


def _at(outcome: object, code: str) -> list[tuple[str | None, int | None]]:
    return [(p.file, p.line) for p in outcome.problems if p.code == code]  # type: ignore[attr-defined]


def _one_leaf(tmp_path: Path, standards_dir: Path, section: list[tuple[str, dict[str, str]]]) -> Path:
    seq = good_seq("eu", pdfs={"spec": b"", "proc": b"", "cover": make_pdf(1)})
    seq.index_docs = [Doc("s4", section, "Control of drug substance", f"{BASE}/control.pdf", make_pdf(1))]
    return write_sequence(tmp_path / "app", seq, standards_dir)


def test_leaf_in_a_heading_the_dtd_gives_child_headings(tmp_path: Path, standards_dir: Path, run_check) -> None:
    # the backbone holds no 3.2.S.4.x heading, so the instance alone would call 3.2.S.4 the lowest level
    folder = _one_leaf(tmp_path, standards_dir, S4)
    outcome = run_check(folder)
    assert _at(outcome, "EU-10.1") == [("0000/index.xml", line_of(folder / "index.xml", "s4"))]


def test_leaf_in_a_lowest_heading_by_the_dtd(tmp_path: Path, standards_dir: Path, run_check) -> None:
    folder = _one_leaf(tmp_path, standards_dir, [*S4, ("m3-2-s-4-1-specification", {})])
    assert _at(run_check(folder), "EU-10.1") == []


def test_heading_models_from_the_official_schemas(standards_dir: Path) -> None:
    ich = heading_model(str(standards_dir / "ich-ectd-3.2" / "ich-ectd-3-2.dtd"))
    assert is_lowest(ich, "m3-2-s-4-control-of-drug-substance") is False
    assert is_lowest(ich, "m3-2-s-4-1-specification") is True
    assert is_lowest(ich, "not-an-element") is None
    eu = heading_model(str(standards_dir / "eu-m1-3.1" / "eu-regional.dtd"))
    assert is_lowest(eu, "m1-3-pi") is False and is_lowest(eu, "pi-doc") is True
    cn = xsd_heading_model(str(standards_dir / "cn-m1-1.0" / "cn-regional-1-0.xsd"))
    assert is_lowest(cn, "cn-1-3") is False and is_lowest(cn, "cn-1-3-3") is True


SPEC = f"{BASE}/32s41-spec/specification.pdf"


def _good(tmp_path: Path, standards_dir: Path, pdfs: dict[str, bytes]) -> Path:
    return write_sequence(tmp_path / "app", good_seq("eu", pdfs=pdfs), standards_dir)


def test_leaf_file_that_is_a_symlink(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    folder = _good(tmp_path, standards_dir, pdfs)
    real = tmp_path / "elsewhere.pdf"
    (folder / SPEC).rename(real)
    (folder / SPEC).symlink_to(real)
    outcome = run_check(folder)
    assert _at(outcome, "ICH-FILE-7") == [("0000/index.xml", line_of(folder / "index.xml", "s41"))]


def test_leaf_folder_that_is_a_symlink(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    folder = _good(tmp_path, standards_dir, pdfs)
    spec_dir = (folder / SPEC).parent
    spec_dir.rename(tmp_path / "spec-dir")
    spec_dir.symlink_to(tmp_path / "spec-dir", target_is_directory=True)
    [problem] = [p for p in run_check(folder).problems if p.code == "ICH-FILE-7"]
    assert "lies below" in problem.message and problem.line == line_of(folder / "index.xml", "s41")


def test_real_files_are_not_symlinks(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    assert _at(run_check(_good(tmp_path, standards_dir, pdfs)), "ICH-FILE-7") == []


def test_pdf_named_jpg(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    seq = good_seq("eu", pdfs=pdfs)
    seq.regional_docs.append(
        Doc("img", [("m1-0-cover", {}), ("specific", {"country": "ema"})], "Logo", "10-cover/ema/logo.jpg", make_pdf(1))
    )
    folder = write_sequence(tmp_path / "app", seq, standards_dir)
    outcome = run_check(folder)
    assert _at(outcome, "ICH-FILE-8") == [("0000/m1/eu/10-cover/ema/logo.jpg", None)]
    [problem] = [p for p in outcome.problems if p.code == "ICH-FILE-8"]
    assert "255044462d" in problem.message  # the file starts with %PDF-


def test_jpeg_named_jpg(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    seq = good_seq("eu", pdfs=pdfs)
    jpeg = bytes.fromhex("ffd8ffe000104a46494600") + b"\0" * 32
    seq.regional_docs.append(
        Doc("img", [("m1-0-cover", {}), ("specific", {"country": "ema"})], "Logo", "10-cover/ema/logo.jpg", jpeg)
    )
    folder = write_sequence(tmp_path / "app", seq, standards_dir)
    assert _at(run_check(folder), "ICH-FILE-8") == []


def _us(tmp_path: Path, standards_dir: Path, pdfs: dict[str, bytes], old: str = "", new: str = "") -> Path:
    folder = write_sequence(tmp_path / "app", good_seq("us", pdfs=pdfs), standards_dir)
    regional = folder / "m1/us/us-regional.xml"
    regional.write_text(regional.read_text().replace(old, new))
    return folder


def _regional_line(folder: Path, text: str) -> int:
    lines = (folder / "m1/us/us-regional.xml").read_text().splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_fda_codes_from_the_store_code_lists(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    folder = _us(tmp_path, standards_dir, pdfs, 'application-type="fdaat1"', 'application-type="fdaat99"')
    outcome = run_check(folder)
    assert _at(outcome, "FDA-M1-5") == [("0001/m1/us/us-regional.xml", _regional_line(folder, "fdaat99"))]
    folder2 = _us(tmp_path / "b", standards_dir, pdfs, 'telephone-number-type="fdatnt1"', 'telephone-number-type="cell"')
    assert _at(run_check(folder2), "FDA-M1-6T") == [("0001/m1/us/us-regional.xml", _regional_line(folder2, '"cell"'))]


def test_fda_codes_that_are_in_the_lists(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    outcome = run_check(_us(tmp_path, standards_dir, pdfs))
    assert not {p.code for p in outcome.problems} & {"FDA-M1-5", "FDA-M1-6C", "FDA-M1-6T"}
    reasons = {n.check: n.reason for n in outcome.not_run}
    assert "FDA's submission-type code list is not in the standards store" in reasons[
        "FDA-M1-9 code list for submission-id@submission-type in 0001/m1/us/us-regional.xml"
    ]


def test_fda_code_list_missing_from_the_store_is_not_run(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    import shutil

    store = tmp_path / "store"
    shutil.copytree(standards_dir, store)
    (store / "fda-m1-3.3" / "application-type.xml").unlink()
    outcome = run_check(_us(tmp_path, standards_dir, pdfs), standards=store)
    assert any(n.check.startswith("FDA-M1-5 code list") and "application-type.xml is not in" in n.reason for n in outcome.not_run)
