"""Details of individual rules beyond their pass/fail fixtures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.rules import run_rules
from ectd_builder.rules.helpers import language_neutral

from .builder import T, mutated, write_dossier


def _codes(data: dict[str, Any], tmp: Path, jurisdiction: str) -> set[str]:
    result = load_dossier(write_dossier(data, tmp).parent)
    assert result.dossier is not None
    return {p.code for p in run_rules(result, [jurisdiction])}


@pytest.mark.parametrize(
    ("text", "neutral"), [("< 0.05 %", True), ("10 ppm", True), ("Complies", False), ("NMT 0.1%", False)]
)
def test_numbers_and_units_need_no_translation(text: str, neutral: bool) -> None:
    assert language_neutral({"en": text}) is neutral


def test_numeric_result_texts_need_no_chinese(tmp_path: Path) -> None:
    data = mutated(lambda d: d["substances"][0]["batches"][0]["results"][1].update(text={"en": "< 0.05 %"}))
    assert "CN-LANG-01" not in _codes(data, tmp_path, "nmpa")


def test_deep_frozen_storage_is_accepted_case_by_case(tmp_path: Path) -> None:
    def frozen(d: dict[str, Any]) -> None:
        stab = d["substances"][0]["stability"]
        stab["storage_category"] = "frozen"
        for study in stab["studies"]:
            if study["condition"]["kind"] == "long_term":
                study["condition"] = {"kind": "long_term", "temperature": {"value": -70, "unit": "°C"}}

    assert "STAB-10" not in _codes(mutated(frozen), tmp_path, "ema")


def test_biologic_shelf_life_is_not_extrapolated(tmp_path: Path) -> None:
    def biologic(d: dict[str, Any]) -> None:
        d["product"]["modality"] = "biologic"
        d["products"][0]["stability"]["shelf_life"] = {"value": 18, "unit": "months"}

    assert "STAB-04" in _codes(mutated(biologic), tmp_path, "fda")


def test_qualified_impurity_above_threshold_passes(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["substances"][0]["specification"]["tests"][3]["release"]["max"] = 0.3
        d["substances"][0]["impurities"][0].update(
            qualified_level={"value": 0.3, "unit": "%"}, qualification=T("28-day toxicity study")
        )

    assert "Q3A-01" not in _codes(mutated(change), tmp_path, "fda")


def test_substance_only_dossier_runs_every_rule_without_findings(tmp_path: Path) -> None:
    def ds_only(d: dict[str, Any]) -> None:
        d["products"] = []
        d["excipients"] = []

    result = load_dossier(write_dossier(mutated(ds_only), tmp_path).parent)
    assert run_rules(result, ["fda", "ema", "pmda", "nmpa"]) == []


def test_a_rule_that_breaks_reports_itself_instead_of_passing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from ectd_builder.rules import engine

    engine.all_rules()
    def breaks(ctx: engine.Context) -> list[engine.Finding]:
        raise ZeroDivisionError("division by zero")

    broken = engine.Rule("ZZ-01", "broken", "none", "none", engine.Severity.ERROR, False, breaks)
    monkeypatch.setitem(engine._RULES, "ZZ-01", broken)
    result = load_dossier(write_dossier(mutated(lambda d: None), tmp_path).parent)
    (problem,) = [p for p in run_rules(result, ["fda"]) if p.code == "ZZ-01"]
    assert "could not run" in problem.message and problem.severity.value == "error"


def test_batch_results_are_compared_as_reported_for_every_use(tmp_path) -> None:
    """0.154 reported with 2 decimals is 0.15 (meets NMT 0.15); nonclinical batches are judged too."""
    from ectd_builder.dossier import load_dossier
    from ectd_builder.rules import run_rules

    from tests.rules.builder import mutated, write_dossier

    def with_result(value: float, uses: list[str], decimals: int | None) -> list[str]:
        def change(d):
            s = d["substances"][0]
            s["batches"][0]["results"][0]["value"] = value
            s["batches"][0]["uses"] = uses
            test = next(t for t in s["specification"]["tests"] if t["id"] == "DS-T-IMP-A")
            if decimals is not None:
                test["decimals"] = decimals
        folder = tmp_path / f"d{value}-{'-'.join(uses)}-{decimals}"
        write_dossier(mutated(change), folder)
        return [p.code for p in run_rules(load_dossier(folder), ["ema"]) if p.code == "BATCH-01"]

    assert with_result(0.154, ["clinical"], 2) == []
    assert with_result(0.156, ["clinical"], 2) == ["BATCH-01"]
    assert with_result(0.154, ["clinical"], None) == ["BATCH-01"]
    assert with_result(0.31, ["nonclinical"], 2) == ["BATCH-01"]
