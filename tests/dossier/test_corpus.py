"""The broken-input corpus: one fault per dossier, each with its code, file and line, no traceback.

Each case copies the valid base dossier (``tests/dossier/base``), applies one edit and runs
``ectd validate --format json``. The expected line is where the edit put the fault (the line that
contains ``at``), so the test proves the problem points at the right place.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli

BASE = Path(__file__).with_name("base")


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    old: str
    new: str
    code: str
    at: str  # text on the line the problem must point at (in the edited file)
    message: str = ""  # a fragment the message must contain


CASES = [
    Case("yaml syntax", "sites.yaml", "    roles: [drug", "   roles: [drug", "yaml-syntax", "roles: [drug"),
    Case("duplicate key", "sites.yaml", "city: Basel,", "city: Basel, city: Bern,", "yaml-duplicate-key", "city: Bern", "'city'"),
    Case("python tag", "methods.yaml", "technique: HPLC", "technique: !!python/object/apply:os.system [ls]", "yaml-tag", "!!python"),
    Case("include tag", "methods.yaml", "technique: HPLC", "technique: !include other.yaml", "yaml-tag", "!include"),
    Case(
        "merge key",
        "sites.yaml",
        "    identifiers: {duns",
        "    extra: &x {a: 1}\n    <<: *x\n    identifiers: {duns",
        "yaml-merge-key",
        "<<: *x",
    ),
    Case("recursive alias", "methods.yaml", "technique: HPLC", "technique: &loop [*loop]", "yaml-alias-limit", "&loop"),
    Case("two documents", "methods.yaml", "methods:", "methods: []\n---\nmethods:", "yaml-syntax", "---"),
    Case("unknown key", "substance.yaml", "justification: Limits", "justifcation: Limits", "schema-unknown-key", "justifcation", "'justification'"),
    Case("missing field", "substance.yaml", "      justification: Limits follow ICH Q3A(R2) and batch data.\n", "", "schema-missing", "specification:"),
    Case("wrong type number", "substance.yaml", "release: {max: 0.15,", "release: {max: high,", "schema-type", "max: high"),
    Case("yes/no as text", "dossier.yaml", "invented_name: Testinib", "invented_name: no", "schema-type", "invented_name: no"),
    Case("bad enum", "substance.yaml", "classification: CPP", "classification: critical", "schema-value", "classification: critical"),
    Case("bad country", "sites.yaml", "country: CH}", "country: Switzerland}", "schema-format", "Switzerland"),
    Case("bad unit", "dossier.yaml", "{value: 20, unit: mg}", "{value: 20, unit: mgs}", "unit-unknown", "unit: mgs", "'mgs'"),
    Case("NOR outside PAR", "substance.yaml", "nor: {low: 55, high: 65", "nor: {low: 45, high: 65", "value-range", "nor: {low: 45"),
    Case("range reversed", "substance.yaml", "par: {low: 50, high: 70", "par: {low: 80, high: 70", "value-range", "par: {low: 80"),
    Case("limit without unit", "substance.yaml", 'release: {max: 0.15, unit: "%"}', "release: {max: 0.15}", "criterion-incomplete", "release: {max: 0.15}"),
    Case("stability series length", "substance.yaml", "values: [99.8, 99.7, 99.6]", "values: [99.8, 99.7]", "stability-shape", "- id: STAB-LT"),
    Case("unknown method", "substance.yaml", "method: M-HPLC\n          release: {min", "method: M-HPLCX\n          release: {min", "ref-unknown", "M-HPLCX", "'M-HPLCX'"),
    Case("unknown site", "substance.yaml", "site: SITE-API\n        manufactured", "site: SITE-XYZ\n        manufactured", "ref-unknown", "SITE-XYZ"),
    Case("unknown CQA", "substance.yaml", "affects: [CQA-IMP]", "affects: [CQA-IMPX]", "ref-unknown", "CQA-IMPX"),
    Case("duplicate id", "substance.yaml", "        - id: T-IMP\n", "        - id: T-ASSAY\n", "ref-duplicate-id", "id: T-ASSAY\n          test: Impurity"),
    Case("include outside", "dossier.yaml", "  - methods.yaml", "  - ../methods.yaml", "include-invalid", "../methods.yaml"),
    Case("include missing", "dossier.yaml", "  - methods.yaml", "  - method.yaml", "include-invalid", "method.yaml"),
    Case("include absolute", "dossier.yaml", "  - methods.yaml", "  - /etc/hostname", "include-invalid", "/etc/hostname"),
    Case("include not yaml", "dossier.yaml", "  - methods.yaml", "  - attachments/flow.pdf", "include-invalid", "flow.pdf\n"),
    Case("attachment missing", "dossier.yaml", "file: attachments/flow.pdf", "file: attachments/flowchart.pdf", "attachment-invalid", "flowchart.pdf"),
    Case("attachment section", "dossier.yaml", "section: 3.2.S.2.2", "section: 3.2.X.9", "attachment-section", "3.2.X.9"),
    Case("module 1 code of another region", "dossier.yaml", "section: 3.2.S.2.2", 'section: "1.3.3"', "attachment-section", '"1.3.3"', "Module 1 of ema"),
    Case("application missing", "dossier.yaml", "jurisdictions: [ema]", "jurisdictions: [ema, fda]", "application-missing", "jurisdictions: [ema, fda]"),
    Case("include is a list", "methods.yaml", "methods:\n", "- methods:\n", "schema-type", "- methods:"),
    Case("include unknown list", "sites.yaml", "sites:", "site:", "schema-unknown-key", "site:", "'sites'"),
    Case("bad date", "dossier.yaml", "document_date: 2026-10-01", "document_date: next week", "schema-type", "document_date"),
    Case("empty list", "sites.yaml", "roles: [drug_substance_manufacture, testing]", "roles: []", "schema-value", "roles: []"),
    Case("bad language", "methods.yaml", "title: Assay and related substances by HPLC", "title: {en: Assay, fr: Dosage}", "schema-value", "fr: Dosage"),
    Case("bad id", "sites.yaml", "id: SITE-API", "id: SITE API", "schema-format", "id: SITE API"),
    Case("bad DUNS", "sites.yaml", 'duns: "123456789"', 'duns: "12345"', "schema-format", 'duns: "12345"'),
    Case(
        "unknown confidential id",
        "dossier.yaml",
        "include:\n",
        "confidential:\n  - {id: SITE-APX, reason: supplier}\ninclude:\n",
        "confidential-unknown",
        "SITE-APX",
        "Did you mean 'SITE-API'?",
    ),
    Case(
        "bad confidential mark",
        "sites.yaml",
        "name: Test API Works",
        "name: {en: Test API Works, confidential: maybe}",
        "schema-type",
        "confidential: maybe",
    ),
    # hexadecimal and sexagesimal numbers have no digit limit in Python: str() of one raised ValueError
    Case("huge hex number", "dossier.yaml", "{value: 20, unit: mg}", "{value: 0x" + "f" * 5000 + ", unit: mg}", "yaml-value", "value: 0x", "larger than any quantity"),
    Case("huge sexagesimal", "dossier.yaml", "{value: 20, unit: mg}", "{value: 1" + ":59" * 400 + ", unit: mg}", "yaml-value", "value: 1:59", "(1,201 characters)"),
    Case("4301 digits", "dossier.yaml", "{value: 20, unit: mg}", "{value: " + "9" * 4301 + ", unit: mg}", "yaml-value", "value: 999", "cannot be read"),
]


def _edit(root: Path, case: Case) -> tuple[Path, int]:
    path = root / case.file
    text = path.read_text(encoding="utf-8")
    assert text.count(case.old) == 1, f"{case.name}: the edit must match exactly once"
    text = text.replace(case.old, case.new)
    path.write_text(text, encoding="utf-8")
    index = text.index(case.at)
    return path, text.count("\n", 0, index) + 1


@pytest.fixture()
def dossier(tmp_path: Path) -> Path:
    target = tmp_path / "dossier"
    shutil.copytree(BASE, target)
    return target


def test_base_is_valid(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    result = run_cli(capsys, "validate", dossier, "--format", "json")
    assert result.code == 0, result.out
    assert result.json()["problems"] == []


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert len({c.code for c in CASES}) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fault_is_reported_at_its_line(capsys: pytest.CaptureFixture[str], dossier: Path, case: Case) -> None:
    path, line = _edit(dossier, case)
    result = run_cli(capsys, "validate", dossier, "--format", "json")
    assert result.code == 1, result.out + result.err
    assert "Traceback" not in result.err
    problems = result.json()["problems"]
    matching = [p for p in problems if p["code"] == case.code]
    assert matching, f"expected {case.code}, got {[(p['code'], p['message']) for p in problems]}"
    where = {(Path(p["file"]).name, p["line"]) for p in matching}
    assert (path.name, line) in where, f"{case.code} reported at {where}, expected {path.name}:{line}"
    for p in matching:
        assert p["hint"] or p["code"].startswith("ref-duplicate"), "every problem carries a hint"
    if case.message:
        assert any(case.message in p["message"] + (p["hint"] or "") for p in matching)


def test_module1_purpose_is_accepted(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    _edit(dossier, Case("purpose", "dossier.yaml", "section: 3.2.S.2.2", "section: cover-letter", "", "cover-letter"))
    result = run_cli(capsys, "validate", dossier, "--format", "json")
    assert result.code == 0, result.out


def test_non_utf8(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    path = dossier / "sites.yaml"
    raw = path.read_bytes().replace(b"Basel", b"B\xe4le")
    path.write_bytes(raw)
    result = run_cli(capsys, "validate", dossier, "--format", "json")
    assert result.code == 1
    [p] = [p for p in result.json()["problems"] if p["code"] == "yaml-encoding"]
    assert (p["line"], p["col"]) == (4, raw.split(b"\n")[3].index(b"\xe4") + 1)


def test_file_too_large(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    with (dossier / "methods.yaml").open("a", encoding="utf-8") as fh:
        fh.write(("# padding " + "x" * 100 + "\n") * 60_000)
    result = run_cli(capsys, "validate", dossier, "--format", "json")
    assert result.code == 1
    assert [p["file"] for p in result.json()["problems"] if p["code"] == "yaml-too-large"] == [f"{dossier}/methods.yaml"]


def test_alias_bomb(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    (dossier / "methods.yaml").write_text("\n".join(lines) + "\nmethods: []\n", encoding="utf-8")
    result = run_cli(capsys, "validate", dossier, "--format", "json")
    assert result.code == 1
    assert "yaml-alias-limit" in {p["code"] for p in result.json()["problems"]}


def test_symlink_escape(capsys: pytest.CaptureFixture[str], dossier: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("sites: []\n", encoding="utf-8")
    os.symlink(outside, dossier / "linked.yaml")
    text = (dossier / "dossier.yaml").read_text(encoding="utf-8").replace("  - methods.yaml", "  - methods.yaml\n  - linked.yaml")
    (dossier / "dossier.yaml").write_text(text, encoding="utf-8")
    result = run_cli(capsys, "validate", dossier, "--format", "json")
    [p] = [p for p in result.json()["problems"] if p["code"] == "include-invalid"]
    assert "outside the dossier" in p["message"]


def test_attachment_not_pdf(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    (dossier / "attachments" / "flow.pdf").write_text("not a pdf", encoding="utf-8")
    result = run_cli(capsys, "validate", dossier, "--format", "json")
    [p] = [p for p in result.json()["problems"] if p["code"] == "attachment-invalid"]
    assert "does not look like a PDF" in p["message"]


def test_every_problem_in_one_run(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    for case in (CASES[7], CASES[12], CASES[18], CASES[26]):
        _edit(dossier, case)
    result = run_cli(capsys, "validate", dossier, "--format", "json")
    codes = {p["code"] for p in result.json()["problems"]}
    assert {"schema-unknown-key", "schema-format", "ref-unknown", "attachment-invalid"} <= codes


def test_missing_dossier_is_an_environment_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = run_cli(capsys, "validate", tmp_path / "nowhere")
    assert result.code == 2
    assert "no dossier found" in result.err and "ectd init" in result.err
    assert "Traceback" not in result.err


def test_bad_format_option(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    result = run_cli(capsys, "validate", dossier, "--format", "xml")
    assert result.code == 2
    assert "unknown format" in result.err


def test_validation_never_modifies_the_dossier(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    before = {p: p.read_bytes() for p in dossier.rglob("*") if p.is_file()}
    _edit(dossier, CASES[0])
    edited = {p: p.read_bytes() for p in dossier.rglob("*") if p.is_file()}
    run_cli(capsys, "validate", dossier)
    assert {p: p.read_bytes() for p in dossier.rglob("*") if p.is_file()} == edited
    assert set(edited) == set(before)


def test_included_syntax_error_is_listed_before_its_follow_on(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    """Issue 17: one syntax error in an included file was listed after 22 follow-on errors."""
    _edit(dossier, CASES[0])  # a syntax error in sites.yaml, which defines the site ids
    result = run_cli(capsys, "validate", dossier, "--format", "json")
    codes = [p["code"] for p in result.json()["problems"]]
    assert codes == ["yaml-syntax", "ref-not-checked"], codes
