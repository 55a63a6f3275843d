"""``ectd build`` and ``ectd freeze`` end to end on a small dossier written by the test."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import minidossier
import pytest
from ectd_builder.check.v4 import check_v4_path
from ectd_builder.cli.main import app
from ectd_builder.ectd import api
from seqcheck import check_sequence
from typer.testing import CliRunner

MAIN = "from ectd_builder.cli.main import main; main()"


@pytest.fixture()
def no_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests assemble attachments only; the renderer has its own tests."""
    monkeypatch.setattr(api, "renderer_available", lambda: False)


def test_build_all_then_freeze_then_next(tmp_path: Path, store: Path, no_renderer: None) -> None:
    root = minidossier.write(tmp_path / "dossier")
    runner = CliRunner()
    result = runner.invoke(app, ["build", "--force", "--jobs", "1", str(root), "-j", "all", "--standards", str(store)])
    assert result.exit_code == 0, result.output
    for j, seq in (("fda", "0001"), ("ema", "0000"), ("nmpa", "0000")):
        assert f"{j} {seq}: " in result.output
        check_sequence(root / "build" / j / seq, j, store)
    # a new PMDA application is eCTD v4.0 by default, and the build says so
    assert "pmda 0001: " in result.output and (root / "build" / "pmda" / "0001" / "submissionunit.xml").is_file()
    assert "built as eCTD v4.0, the default for a new pmda application" in result.output
    assert re.search(r"eCTD v4.0: \d+ of the v4.0 codes and OIDs used are not verified", result.output)
    assert check_v4_path(root / "build" / "pmda" / "0001").problems == ()
    assert "renderer not available" in result.output
    v3 = runner.invoke(
        app, ["build", "--force", "--jobs", "1", str(root), "-j", "pmda", "--ectd-version", "3.2.2", "--out", str(root / "v3"), "--standards", str(store)]
    )
    assert v3.exit_code == 0, v3.output
    assert "pmda 0000: " in v3.output and "JP regional Module 1 backbone (jp-regional.xml) is NOT produced" in v3.output
    check_sequence(root / "v3" / "pmda" / "0000", "pmda", store)

    frozen = runner.invoke(app, ["freeze", str(root), "-j", "ema", "--sequence", "0000"])
    assert frozen.exit_code == 0, frozen.output
    assert (root / "submissions" / "ema" / "0000" / "index.xml").is_file()

    minidossier.write(root, version="2", drop=("lit",))
    again = runner.invoke(app, ["build", "--force", "--jobs", "1", str(root), "-j", "ema", "--standards", str(store)])
    assert again.exit_code == 0, again.output
    assert "ema 0001: " in again.output and "(1 new, 1 replace, 1 delete)" in again.output
    check_sequence(root / "build" / "ema" / "0001", "ema", store)


def test_build_out_and_sequence_options(tmp_path: Path, store: Path, no_renderer: None) -> None:
    root = minidossier.write(tmp_path / "dossier")
    out = tmp_path / "elsewhere"
    result = CliRunner().invoke(
        app, ["build", "--force", "--jobs", "1", str(root), "-j", "nmpa", "--sequence", "0000", "--out", str(out), "--standards", str(store)]
    )
    assert result.exit_code == 0, result.output
    check_sequence(out / "nmpa" / "0000", "nmpa", store)
    assert not (root / "build").exists()


def test_missing_standards_exit_2_with_the_fix(tmp_path: Path) -> None:
    root = minidossier.write(tmp_path / "dossier")
    proc = subprocess.run(
        [sys.executable, "-c", MAIN, "build", str(root), "-j", "ema", "--standards", str(tmp_path / "empty")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "ectd standards import DIR --standards" in proc.stderr
    assert not (root / "build" / "ema" / "0000").exists()


def test_freeze_without_build_exit_2(tmp_path: Path) -> None:
    root = minidossier.write(tmp_path / "dossier")
    proc = subprocess.run(
        [sys.executable, "-c", MAIN, "freeze", str(root), "-j", "fda", "--sequence", "0001"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "no built sequence" in proc.stderr


def test_jurisdiction_not_targeted(tmp_path: Path, store: Path) -> None:
    root = minidossier.write(tmp_path / "dossier")
    text = (root / "dossier.yaml").read_text().replace("jurisdictions: [fda, ema, pmda, nmpa]", "jurisdictions: [ema]")
    (root / "dossier.yaml").write_text(text)
    result = CliRunner().invoke(app, ["build", "--force", "--jobs", "1", str(root), "-j", "fda", "--standards", str(store)])
    assert result.exit_code == 2


def test_v4_build_freeze_next_and_check_from_the_cli(tmp_path: Path, store: Path, no_renderer: None) -> None:
    root = minidossier.write(tmp_path / "dossier")
    runner = CliRunner()
    first = runner.invoke(app, ["build", "--force", "--jobs", "1", str(root), "-j", "pmda", "--standards", str(store)])
    assert first.exit_code == 0, first.output
    frozen = runner.invoke(app, ["freeze", str(root), "-j", "pmda", "--sequence", "0001"])
    assert frozen.exit_code == 0, frozen.output
    assert "pmda 0001 frozen" in frozen.output and (root / "submissions" / "pmda" / "0001" / "submissionunit.xml").is_file()
    minidossier.write(root, version="2", drop=("lit",))
    again = runner.invoke(app, ["build", "--force", "--jobs", "1", str(root), "-j", "pmda", "--standards", str(store)])
    assert again.exit_code == 0, again.output
    assert "pmda 0002: " in again.output and "(0 new, 1 replace, 1 delete)" in again.output
    assert runner.invoke(app, ["freeze", str(root), "-j", "pmda", "--sequence", "0002"]).exit_code == 0
    checked = runner.invoke(app, ["check", str(root / "submissions" / "pmda"), "--standards", str(store), "--format", "json"])
    assert '"problems": []' in checked.output, checked.output
    assert checked.exit_code == 2  # clean, but the v4.0 schema and code-list checks did not run (no v4.0 package)
    refused = runner.invoke(app, ["build", "--force", "--jobs", "1", str(root), "-j", "pmda", "--ectd-version", "3.2.2", "--standards", str(store)])
    assert refused.exit_code != 0 and "holds frozen eCTD v4.0 sequences" in str(refused.exception)
