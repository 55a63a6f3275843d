"""``ectd requirements -j J`` end to end."""

from __future__ import annotations

import json

from ectd_builder.cli.main import app
from typer.testing import CliRunner

runner = CliRunner()


def test_pmda_text_says_what_is_not_produced_and_lists_unverified_facts() -> None:
    result = runner.invoke(app, ["requirements", "-j", "pmda"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "jp-regional.xml) is NOT produced" in flat
    assert "eCTD v4.0" in flat and "later issue" in flat
    assert "NO (unverified)" in result.output
    assert "unverified fact(s):" in result.output
    assert "JP-AF-01" in result.output


def test_json_lists_facts_sources_unverified_and_rules() -> None:
    result = runner.invoke(app, ["requirements", "-j", "nmpa", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["jurisdiction"] == "nmpa" and data["region"] == "cn"
    facts = {f["key"]: f for f in data["facts"]}
    assert facts["module_languages"]["value"] == {"m1": "zh", "m2": "zh", "m3": "zh"}
    assert all(f["source"] for f in data["facts"])
    assert {u["key"] for u in data["unverified"]} == {k for k, f in facts.items() if not f["verified"]}
    rules = {r["id"]: r["severity"] for r in data["rules"]}
    assert rules["CN-LANG-01"] == "error" and "SITE-US-01" not in rules


def test_several_jurisdictions_in_json_are_a_list() -> None:
    result = runner.invoke(app, ["requirements", "-j", "fda,ema", "--format", "json"])
    assert [d["jurisdiction"] for d in json.loads(result.output)] == ["fda", "ema"]


def test_bad_jurisdiction_or_format_exits_2() -> None:
    assert runner.invoke(app, ["requirements", "-j", "moon"]).exit_code == 2
    assert runner.invoke(app, ["requirements", "-j", "fda", "--format", "sarif"]).exit_code == 2
