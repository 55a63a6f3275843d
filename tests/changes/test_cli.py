"""``ectd freeze`` records the facts and ``ectd changes`` lists them, end to end through the CLI."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from ectd_builder.changes.record import read_record
from ectd_builder.ectd import api

from tests.changes.helpers import apply_transfer, copy_tablet, freeze_facts
from tests.cli_helpers import run_cli


@pytest.fixture()
def no_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only attachments are assembled: the facts do not depend on the documents."""
    monkeypatch.setattr(api, "renderer_available", lambda: False)


def test_freeze_records_the_facts_and_changes_lists_the_transfer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], standards_dir: Path, no_renderer: None, cli: None
) -> None:
    root = copy_tablet(tmp_path / "dossier")
    assert run_cli(capsys, "build", root, "-j", "ema", "--standards", standards_dir).code == 0
    frozen = run_cli(capsys, "freeze", root, "-j", "ema", "--sequence", "0000")
    assert frozen.code == 0, frozen.err
    record = root / "submissions" / "ema" / "0000.facts.json"
    assert f"facts recorded -> {record}" in frozen.out
    assert not (root / "submissions" / "ema" / "0000" / record.name).exists()  # outside the eCTD folder
    assert not os.stat(record).st_mode & stat.S_IWUSR  # history is read-only
    body = record.read_text(encoding="utf-8")
    assert "parameter:p-rc-force" in read_record(record).entities
    unchanged = run_cli(capsys, "changes", root, "-j", "ema")
    assert (unchanged.code, unchanged.out.strip().splitlines()[-1]) == (0, "no changes in the process knowledge")
    apply_transfer(root)
    listed = run_cli(capsys, "changes", root, "-j", "ema", "--format", "json")
    assert listed.code == 0, listed.err
    data = listed.json()
    assert data["baselines"] == {"ema": {"sequence": "0000", "record": str(record)}}
    cpp = next(c for c in data["changes"] if c["entity"] == "parameter:p-rc-force")
    assert set(cpp) >= {"file", "line", "what", "old", "new", "categories"}
    assert cpp["what"] == "parameter p-rc-force: proven acceptable range widened"
    assert (cpp["old"]["low"], cpp["new"]["low"]) == (60.0, 50.0)
    assert cpp["categories"]["ema"]["category"] == "IB" and cpp["categories"]["ema"]["origin"] == "declared"
    assert data["filings"]["ema"]["category"] == "IB" and data["needs_assessment"] == 0
    site = next(c for c in data["changes"] if c["kind"] == "manufacturer.added")["categories"]["ema"]
    assert (site["code"], site["renumbered"]["code"], site["renumbered"]["verified"]) == ("B.II.b.1.c", "Q.II.b.1", True)
    text = run_cli(capsys, "changes", root, "-j", "ema").out
    assert "    ema: IB B.II.b.1.c (2026 guidelines: Q.II.b.1, verified) - rule ema-dp-site-added (unverified): " in text
    assert record.read_text(encoding="utf-8") == body  # changes never rewrites the baseline


def test_freeze_refuses_a_dossier_that_does_not_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], standards_dir: Path, no_renderer: None
) -> None:
    root = copy_tablet(tmp_path / "dossier")
    assert run_cli(capsys, "build", root, "-j", "ema", "--standards", standards_dir).code == 0
    (root / "sites.yaml").write_text("sites: [{id: 1\n", encoding="utf-8")
    refused = run_cli(capsys, "freeze", root, "-j", "ema", "--sequence", "0000")
    assert refused.code == 2 and "its facts cannot be recorded, so the sequence is not frozen" in refused.err
    assert (root / "build" / "ema" / "0000").is_dir() and not (root / "submissions" / "ema").exists()


def _rename_site(root: Path, name: str) -> None:
    sites = root / "sites.yaml"
    sites.write_text(sites.read_text(encoding="utf-8").replace("Aldervane Pharma Manufacturing GmbH", name), encoding="utf-8")


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_tablet(tmp_path_factory.mktemp("cli") / "dossier")
    freeze_facts(root, ("fda", "pmda"))
    apply_transfer(root)
    return root


def test_text_report(changed: Path, capsys: pytest.CaptureFixture[str], cli: None) -> None:
    result = run_cli(capsys, "changes", changed, "-j", "fda,pmda")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("changes since fda 0000 (") and ", pmda 0000 (" in lines[0]
    spec = lines.index(next(x for x in lines if x.endswith("test t-dp-imp-f: release acceptance criterion tightened")))
    assert lines[spec + 1 : spec + 3] == ["    old: <= 0.2 %", "    new: <= 0.15 %"]
    assert lines[spec + 3].startswith("    fda: AR - rule fda-limit-tightened (unverified): 21 CFR 314.70(d)")
    assert lines[spec + 4].startswith("    pmda: partial_change - declared in the dossier (jp_change_class at ")
    assert "  fda: Supplement - changes being effected in 30 days (CBE-30), 21 CFR 314.70(c)" in lines
    assert lines[-1] == "5 changes; 0 need assessment"


def test_html_report_one_table_per_region(
    changed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: None
) -> None:
    out = tmp_path / "changes.html"
    result = run_cli(capsys, "changes", changed, "-j", "fda,pmda", "--format", "html", "--out", out)
    assert (result.code, result.out) == (0, "")
    page = out.read_text(encoding="utf-8")
    assert page.count("<table>") == 2 and "<h2>fda</h2>" in page and "<h2>pmda</h2>" in page
    assert page.count("<tr><td><code>") == 10  # five changes in each region's table
    assert "&lt;= 0.15 %" in page and "<= 0.15" not in page


def test_html_escapes_dossier_text(tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: None) -> None:
    root = copy_tablet(tmp_path / "dossier")
    freeze_facts(root, ("ema",))
    _rename_site(root, "<script>x</script> & Co")
    result = run_cli(capsys, "changes", root, "-j", "ema", "--format", "html")
    assert "&lt;script&gt;x&lt;/script&gt; &amp; Co" in result.out and "<script>" not in result.out


def test_a_change_without_category_needs_assessment_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: None
) -> None:
    root = copy_tablet(tmp_path / "dossier")
    freeze_facts(root, ("ema",))
    _rename_site(root, "Aldervane Pharma Production GmbH")  # no rule in the EU file (A.5 is not modelled)
    result = run_cli(capsys, "changes", root, "-j", "ema", "--format", "json")
    assert result.code == 1
    (item,) = result.json()["changes"]
    assert (item["what"], item["categories"]["ema"]["category"]) == ("site site-loerrach-dp: name changed", None)
    assert item["categories"]["ema"]["source"] == "no declared category and no rule matches: needs assessment"
    assert result.json()["filings"]["ema"]["filing"] == "needs assessment (1 change)"


def test_no_frozen_history_is_exit_2_with_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: None) -> None:
    root = copy_tablet(tmp_path / "dossier")
    result = run_cli(capsys, "changes", root, "-j", "nmpa")
    assert result.code == 2 and result.out == ""
    assert "error: nmpa has no frozen sequence to compare with" in result.err
    assert "fix: build and freeze the sequence the agency has" in result.err


def test_since_and_bad_options(changed: Path, capsys: pytest.CaptureFixture[str], cli: None) -> None:
    assert run_cli(capsys, "changes", changed, "-j", "fda", "--since", "0000").code == 0
    missing = run_cli(capsys, "changes", changed, "-j", "fda", "--since", "0003")
    assert missing.code == 2 and "fda has no facts record for sequence 0003" in missing.err
    assert run_cli(capsys, "changes", changed, "-j", "fda", "--since", "3").code == 2
    bad = run_cli(capsys, "changes", changed, "-j", "fda", "--format", "sarif")
    assert bad.code == 2 and "unknown format 'sarif'" in bad.err
