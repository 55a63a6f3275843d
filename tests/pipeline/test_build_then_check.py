"""End to end: a dossier is rendered and built for each jurisdiction, and `ectd check` (which reads
any tool's sequences) finds no errors in what `ectd build` produced."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.check.check_builders import make_pdf
from tests.cli_helpers import run_cli

MINI = Path(__file__).resolve().parents[1] / "render" / "fixtures" / "mini"
REGION = {"fda": "us", "ema": "eu", "pmda": "jp", "nmpa": "cn"}


@pytest.fixture()
def dossier(tmp_path: Path) -> Path:
    """The renderer's small dossier, with well-formed attachments and a cover letter per region."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "attachments" / "flow.pdf").write_bytes(make_pdf(1, title="Flow diagram"))
    (root / "attachments" / "cover.pdf").write_bytes(make_pdf(1, title="Cover letter"))
    data = yaml.safe_load((root / "dossier.yaml").read_text(encoding="utf-8"))
    data["attachments"].append(
        {"id": "att-cover", "file": "attachments/cover.pdf", "section": "cover-letter", "kind": "cover_letter",
         "title": {"en": "Cover letter", "ja": "カバーレター", "zh": "说明函"}}
    )
    (root / "dossier.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.mark.parametrize("jurisdiction", ["fda", "ema", "pmda", "nmpa"])
def test_built_sequence_checks_clean(
    capsys: pytest.CaptureFixture[str], dossier: Path, tmp_path: Path, standards_dir: Path, jurisdiction: str
) -> None:
    out = tmp_path / "build"
    # --force: the renderer's small dossier breaks some rules on purpose; this test is about assembly
    built = run_cli(capsys, "build", dossier, "-j", jurisdiction, "--out", out, "--standards", standards_dir, "--force", "--jobs", "1")
    assert built.code == 0, built.out + built.err
    [sequence] = [p for p in (out / jurisdiction).iterdir() if p.is_dir() and p.name.isdigit()]
    checked = run_cli(
        capsys, "check", sequence, "--region", REGION[jurisdiction], "--standards", standards_dir, "--format", "json"
    )
    report = checked.json()
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert errors == [], errors
    not_run = [n["check"] for n in report["not_run"]]
    if jurisdiction == "pmda":  # PMDA builds eCTD v4.0; no v4.0 XSD or JP code lists here: not run, exit 2
        assert (sequence / "submissionunit.xml").is_file()
        assert checked.code == 2, not_run
        assert [n.split(" of ")[0] for n in not_run] == ["schema validation", "controlled-vocabulary check"], not_run
        return
    assert checked.code == 0
    if jurisdiction == "fda":  # FDA's submission-type / sub-type code lists are not in the store: not run
        assert [n.split(" ")[0] for n in not_run] == ["FDA-M1-9", "FDA-M1-10"], not_run
    else:
        assert not_run == []


def test_strict_build_refuses_rule_errors(
    capsys: pytest.CaptureFixture[str], dossier: Path, tmp_path: Path, standards_dir: Path
) -> None:
    """The renderer's small dossier breaks NMPA rules (e.g. registration-testing batches): --strict stops."""
    out = tmp_path / "strict"
    result = run_cli(capsys, "build", dossier, "-j", "nmpa", "--out", out, "--standards", standards_dir, "--strict")
    assert result.code == 1
    assert "nmpa:" in result.err and "rule error" in result.err and "ectd validate -j nmpa" in result.err
    assert not out.exists(), "nothing is written when the build is refused"
