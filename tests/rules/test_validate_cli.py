"""``ectd validate -j`` with the rule engine, end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from ectd_builder.cli.main import app
from typer.testing import CliRunner

from .builder import base_dossier, mutated, write_dossier

runner = CliRunner()


def test_clean_dossier_exits_0_for_every_jurisdiction(tmp_path: Path) -> None:
    write_dossier(base_dossier(), tmp_path)
    result = runner.invoke(app, ["validate", str(tmp_path), "-j", "fda,ema,pmda,nmpa"])
    assert result.exit_code == 0, result.output


def test_broken_dossier_reports_rule_ids_per_jurisdiction(tmp_path: Path) -> None:
    def breaks(d: dict) -> None:
        product = d["products"][0]
        for study in product["stability"]["studies"]:
            if study["condition"]["kind"] == "long_term":
                study["batches"] = study["batches"][:2]
        d["substances"][0]["specification"]["tests"][3]["release"]["max"] = 0.5
        d["products"][0]["name"].pop("zh")

    write_dossier(mutated(breaks), tmp_path)
    result = runner.invoke(app, ["validate", str(tmp_path), "-j", "fda,nmpa", "--format", "json"])
    assert result.exit_code == 1, result.output
    problems = json.loads(result.output)["problems"]
    found = {(p["jurisdiction"], p["code"]) for p in problems}
    assert {
        ("fda", "STAB-01"),
        ("fda", "Q3A-01"),
        ("nmpa", "STAB-01"),
        ("nmpa", "Q3A-01"),
        ("nmpa", "CN-LANG-01"),
    } <= found
    assert ("fda", "CN-LANG-01") not in found


def test_sarif_lists_the_rules_in_its_driver(tmp_path: Path) -> None:
    write_dossier(mutated(lambda d: d["sites"][0]["identifiers"].pop("fei")), tmp_path)
    result = runner.invoke(app, ["validate", str(tmp_path), "-j", "ema", "--format", "sarif"])
    sarif = json.loads(result.output)
    rules = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {"Q3A-01", "STAB-01", "EU-TSE-01", "CN-RT-01"} <= rules
