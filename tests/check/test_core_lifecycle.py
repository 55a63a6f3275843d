"""``ectd check`` reports lifecycle faults at the exact backbone file and line (issue 12, item 6).

The branch case reconstructs a real EU application: sequence 0001 replaces the application form
of 0000, and sequence 0003 replaces the same 0000 form again instead of 0001's, so two forms
would be in force. Each fault has a passing twin that differs only in the faulty attribute.
"""

from __future__ import annotations

from pathlib import Path

from tests.check.check_builders import Doc, Seq, good_seq, make_pdf, write_sequence

FORM = [("m1-2-form", {}), ("specific", {"country": "ema"})]
REGIONAL = "m1/eu/eu-regional.xml"
S41 = [
    ("m3-quality", {}),
    ("m3-2-body-of-data", {}),
    ("m3-2-s-drug-substance", {"substance": "examplinib", "manufacturer": "example-api"}),
    ("m3-2-s-4-control-of-drug-substance", {}),
    ("m3-2-s-4-1-specification", {}),
]
S42 = [*S41[:-1], ("m3-2-s-4-2-analytical-procedures", {})]
BASE = "m3/32-body-data/32s-drug-sub/examplinib-example-api/32s4-contr-drug-sub"


def line_of(backbone: Path, leaf_id: str) -> int:
    lines = backbone.read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if f'ID="{leaf_id}"' in text)


def _form(leaf_id: str, op: str = "new", target: str | None = None) -> Doc:
    data = None if op == "delete" else make_pdf(1, title=f"Form {leaf_id}")
    href = None if op == "delete" else f"12-form/ema/form-{leaf_id}.pdf"
    modified = f"../../../{target}" if target else None
    return Doc(leaf_id, FORM, "Application form", href, data, op, modified)


def _seq(number: str, regional: list[Doc], index: list[Doc] | None = None) -> Seq:
    seq = good_seq("eu", number, pdfs={"spec": make_pdf(1), "proc": make_pdf(1), "cover": make_pdf(1)})
    seq.regional_docs = [
        Doc(f"cover{number}", [("m1-0-cover", {}), ("specific", {"country": "ema"})], "Cover letter",
            f"10-cover/ema/cover-{number}.pdf", make_pdf(1, title=f"Cover {number}")),
        *regional,
    ]
    if number != "0000":
        seq.index_docs = index or []
        seq.related, seq.unit = "0000", "response"
    return seq


def _problems(outcome: object, code: str) -> list[tuple[str | None, int | None]]:
    return [(p.file, p.line) for p in outcome.problems if p.code == code]  # type: ignore[attr-defined]


def _eu_application(tmp_path: Path, standards_dir: Path, third_target: str) -> Path:
    app = tmp_path / "app"
    write_sequence(app, _seq("0000", [_form("form0")]), standards_dir)
    write_sequence(app, _seq("0001", [_form("form1", "replace", f"0000/{REGIONAL}#form0")]), standards_dir)
    write_sequence(app, _seq("0002", []), standards_dir)
    write_sequence(app, _seq("0003", [_form("form3", "replace", third_target)]), standards_dir)
    return app


def test_branch_two_forms_in_force_reconstructed_eu_case(tmp_path: Path, standards_dir: Path, run_check) -> None:
    app = _eu_application(tmp_path, standards_dir, f"0000/{REGIONAL}#form0")
    outcome = run_check(app)
    line = line_of(app / "0003" / REGIONAL, "form3")
    assert _problems(outcome, "ICH-LC-6") == [(f"app/0003/{REGIONAL}", line)]
    [problem] = [p for p in outcome.problems if p.code == "ICH-LC-6"]
    assert "lifecycle branch" in problem.message and "form1" in problem.message and "0001" in problem.message


def test_no_branch_when_0003_replaces_the_form_in_force(tmp_path: Path, standards_dir: Path, run_check) -> None:
    app = _eu_application(tmp_path, standards_dir, f"0001/{REGIONAL}#form1")
    outcome = run_check(app)
    assert _problems(outcome, "ICH-LC-6") == []
    assert outcome.problems == (), [(p.code, p.file, p.line, p.message) for p in outcome.problems]


def _m3(leaf_id: str, op: str, target: str | None, section: list[tuple[str, dict[str, str]]] = S41) -> Doc:
    folder = "32s41-spec" if section is S41 else "32s42-analyt-proc"
    href = None if op == "delete" else f"{BASE}/{folder}/{leaf_id}.pdf"
    data = None if op == "delete" else make_pdf(1, title=leaf_id)
    return Doc(leaf_id, section, f"Document {leaf_id}", href, data, op, target and f"../{target}")


def _m3_app(tmp_path: Path, standards_dir: Path, *later: list[Doc]) -> Path:
    app = tmp_path / "app"
    write_sequence(app, _seq("0000", []), standards_dir)  # s41 and s42, both new
    for i, docs in enumerate(later, start=1):
        write_sequence(app, _seq(f"{i:04d}", [], docs), standards_dir)
    return app


def test_modified_file_that_points_at_a_delete_leaf(tmp_path: Path, standards_dir: Path, run_check) -> None:
    app = _m3_app(
        tmp_path, standards_dir, [_m3("d1", "delete", "0000/index.xml#s41")], [_m3("r2", "replace", "0001/index.xml#d1")]
    )
    outcome = run_check(app)
    where = ("app/0002/index.xml", line_of(app / "0002/index.xml", "r2"))
    assert where in _problems(outcome, "ICH-LC-7")
    assert any("is a delete leaf" in p.message for p in outcome.problems if p.code == "ICH-LC-7")


def test_modified_file_that_points_at_a_document_leaf(tmp_path: Path, standards_dir: Path, run_check) -> None:
    app = _m3_app(
        tmp_path, standards_dir, [_m3("d1", "delete", "0000/index.xml#s41")], [_m3("r2", "replace", "0000/index.xml#s42", S42)]
    )
    assert _problems(run_check(app), "ICH-LC-7") == []


def test_replace_into_another_ctd_section(tmp_path: Path, standards_dir: Path, run_check) -> None:
    app = _m3_app(tmp_path, standards_dir, [_m3("r1", "replace", "0000/index.xml#s41", S42)])
    outcome = run_check(app)
    assert _problems(outcome, "ICH-LC-10") == [("app/0001/index.xml", line_of(app / "0001/index.xml", "r1"))]


def test_replace_in_the_same_ctd_section(tmp_path: Path, standards_dir: Path, run_check) -> None:
    app = _m3_app(tmp_path, standards_dir, [_m3("r1", "replace", "0000/index.xml#s41")])
    assert _problems(run_check(app), "ICH-LC-10") == []


def test_folders_that_are_not_sequence_numbers_are_reported(tmp_path: Path, standards_dir: Path, run_check) -> None:
    app = tmp_path / "app"
    write_sequence(app, _seq("0000", []), standards_dir)
    write_sequence(app, _seq("0001", []), standards_dir).rename(app / "0001-draft")
    (app / "notes").mkdir()
    (app / "notes" / "todo.txt").write_text("x")
    outcome = run_check(app)
    assert _problems(outcome, "ICH-SEQ-5") == [("app/notes", None)]
    assert _problems(outcome, "EU-13.1") == [("app/0001-draft", None)]  # a misnamed sequence is checked, not skipped


def test_an_application_of_sequence_folders_only_is_clean(tmp_path: Path, standards_dir: Path, run_check) -> None:
    app = tmp_path / "app"
    write_sequence(app, _seq("0000", []), standards_dir)
    write_sequence(app, _seq("0001", []), standards_dir)
    outcome = run_check(app)
    assert _problems(outcome, "ICH-SEQ-5") == [] and _problems(outcome, "EU-13.1") == []
