"""ATT-PDF-01..05: attachments are opened at validate time; each unsafe finding is an error at the
dossier line of the attachment's ``file:`` (hostile PDFs built in tests/rules/hostile_pdf.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.rules import run_rules
from ectd_builder.rules.attachments import FINDING_RULES, codes

from tests.cli_helpers import run_cli

from .builder import HOSTILE, mutated, write_dossier
from .hostile_pdf import CASES

RULE_OF = {code: rule_id for rule_id in FINDING_RULES for code in codes(rule_id)}


def _validate(tmp_path: Path, file: str, jurisdiction: str = "fda") -> tuple[list[Any], list[Any], str]:
    """(ATT-PDF problems, loader problems, dossier text) with the first attachment's file set to ``file``."""
    path = write_dossier(mutated(lambda d: d["attachments"][0].update(file=file)), tmp_path / "d")
    result = load_dossier(path.parent)
    assert result.dossier is not None, [p.message for p in result.problems]
    fired = [p for p in run_rules(result, [jurisdiction]) if p.code.startswith("ATT-PDF")]
    return fired, list(result.problems), path.read_text(encoding="utf-8")


def _position(text: str, file: str) -> tuple[int, int]:
    """(line, column), 1-based, of the value of ``file: <file>`` in the dossier text."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().endswith(f"file: {file}"):
            return number, line.index(file) + 1
    raise AssertionError(f"no 'file: {file}' line")


@pytest.mark.parametrize("name", sorted(n for n, (_, code) in CASES.items() if code))
def test_hostile_pdf_is_an_error_at_its_file_line(name: str, tmp_path: Path) -> None:
    file = f"{HOSTILE}{name}.pdf"
    fired, _, text = _validate(tmp_path, file)
    code = CASES[name][1]
    assert code is not None
    assert [(p.code, p.severity.value) for p in fired] == [(RULE_OF[code], "error")], [p.message for p in fired]
    [problem] = fired
    assert (problem.line, problem.col) == _position(text, file)
    assert problem.file and problem.file.endswith("dossier.yaml")
    assert problem.path == "attachments[0].file"
    assert problem.message.startswith(f"attachment '{file}': ") and problem.message.endswith(f"[{code}]")


@pytest.mark.parametrize("name", sorted(n for n, (_, code) in CASES.items() if not code))
def test_sound_pdf_passes(name: str, tmp_path: Path) -> None:
    fired, _, _ = _validate(tmp_path, f"{HOSTILE}{name}.pdf")
    assert fired == []


def test_only_the_safety_findings_are_errors_at_validate(tmp_path: Path) -> None:
    """A clicked web link is ectd check's finding (pdf-external-links), not validate's."""
    fired, _, _ = _validate(tmp_path, f"{HOSTILE}link-uri.pdf")
    assert fired == []


def test_oversize_pdf_is_refused_unread_at_its_line(tmp_path: Path) -> None:
    file = f"{HOSTILE}oversize.pdf"
    fired, _, text = _validate(tmp_path, file)
    assert [p.code for p in fired] == ["ATT-PDF-05"]
    assert (fired[0].line, fired[0].col) == _position(text, file)
    assert "over the 400 MB limit: it is not opened" in fired[0].message


def test_attachment_for_another_jurisdiction_is_not_reported_there(tmp_path: Path) -> None:
    fired, _, _ = _validate(tmp_path, f"{HOSTILE}open-launch.pdf", jurisdiction="ema")  # ATT-EBR is for FDA only
    assert fired == []


@pytest.mark.parametrize("write", ["missing", "not-a-pdf"])
def test_missing_or_mislabelled_file_is_only_the_loaders_finding(write: str, tmp_path: Path) -> None:
    file = "att/ebr.pdf"
    path = write_dossier(mutated(lambda d: None), tmp_path / "d")
    target = path.parent / file
    if write == "missing":
        target.unlink()
    else:
        target.write_bytes(b"PK\x03\x04 a zip, not a PDF")
    result = load_dossier(path.parent)
    assert [p.code for p in result.problems if p.severity.value == "error"] == ["attachment-invalid"]
    if result.dossier is not None:
        assert [p for p in run_rules(result, ["fda"]) if p.code.startswith("ATT-PDF")] == []


def test_build_strict_refuses_before_rendering(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, standards_dir: Path
) -> None:
    path = write_dossier(mutated(lambda d: d["attachments"][0].update(file=f"{HOSTILE}open-launch.pdf")), tmp_path / "d")
    out = tmp_path / "out"
    args = ["build", str(path.parent), "-j", "fda", "--strict", "--out", str(out), "--standards", str(standards_dir)]
    refused = run_cli(capsys, *args)
    assert refused.code == 1, refused.out + refused.err
    assert "fda: 1 rule error(s); 'ectd validate -j fda' lists them" in refused.err
    assert "building anyway" not in refused.err
    assert not out.exists()
    validated = run_cli(capsys, "validate", str(path.parent), "-j", "fda")
    assert validated.code == 1 and "[ATT-PDF-01]" in validated.out and "action-launch" in validated.out


def test_build_refuses_by_default_and_force_builds_anyway(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, standards_dir: Path
) -> None:
    """Rule errors stop `ectd build` before anything is rendered; --force builds and says so."""
    path = write_dossier(mutated(lambda d: d["attachments"][0].update(file=f"{HOSTILE}open-launch.pdf")), tmp_path / "d")
    out = tmp_path / "out"
    args = ["build", str(path.parent), "-j", "fda", "--out", str(out), "--standards", str(standards_dir), "--jobs", "1"]
    refused = run_cli(capsys, *args)
    assert refused.code == 1, refused.out + refused.err
    assert "build stopped: fix the rule errors, or build anyway with --force" in refused.err
    assert not out.exists()
    forced = run_cli(capsys, *args, "--force")
    assert "fda: 1 rule error(s); 'ectd validate -j fda' lists them; building anyway (--force)" in forced.err
    assert (out / "fda").is_dir() and any((out / "fda").iterdir())
