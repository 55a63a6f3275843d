"""The engine over a dossier: every long-term condition and pack, the governing one, STAB-03/04."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ectd_builder.rules import run_rules
from ectd_builder.stability import evaluate_owner

from .conftest import product, series, study, substance

BATCHES = ["DP-B1", "DP-B2", "DP-B3"]


def _eval(result: Any, kind: str = "product") -> Any:
    d = result.dossier
    item = d.products[0] if kind == "product" else d.substances[0]
    return evaluate_owner(d, item, substance=kind == "substance")


def _stab04(result: Any, jurisdiction: str = "fda") -> list[Any]:
    return [p for p in run_rules(result, [jurisdiction]) if p.code == "STAB-04"]


def _lines(result: Any, problem: Any) -> tuple[str, str]:
    """The line a problem points at and the one before it."""
    lines = Path(result.root, "dossier.yaml").read_text(encoding="utf-8").splitlines()
    return lines[problem.line - 2], lines[problem.line - 1]


def blister_pack(d: dict[str, Any]) -> None:
    """A second container closure whose assay falls faster: it governs the shelf life."""
    lt = study(product(d), "DP-LT2")
    pack = {**lt, "id": "DP-LT3", "container": {"en": "PVC blister"}}
    pack["results"] = series(BATCHES, "DP-T-ASSAY", [100.0, 99.2, 98.3, 97.6, 96.8])
    product(d)["stability"]["studies"].append(pack)


def test_base_is_supported_by_the_extrapolation_limit(load):
    ev = _eval(load(lambda d: None))
    assert [s.study for s in ev.studies] == ["DP-LT1", "DP-LT2"]
    assert all(s.outcome == "no_significant_change" and s.statistics for s in ev.studies)
    assert ev.supported_months == 24 and ev.supported is True
    assert not ev.governing.limited_by_statistics
    assert _stab04(load(lambda d: None)) == []


def test_the_faster_pack_governs_and_the_claim_line_gets_the_error(load):
    result = load(blister_pack)
    ev = _eval(result)
    gov = ev.governing
    assert gov.study == "DP-LT3" and gov.limited_by_statistics
    assert gov.attribute == "DP-T-ASSAY" and gov.statistical_months is not None
    assert ev.supported_months == int(gov.statistical_months) < 24
    (problem,) = _stab04(result)
    assert problem.severity.value == "error"
    assert problem.path == "products[0].stability.shelf_life"
    before, at = _lines(result, problem)
    assert before.strip() == "shelf_life:" and at.strip() == "value: 24"
    assert f"the data support {int(ev.supported_months)} months" in problem.message
    assert "DP-LT3" in problem.message and "PVC blister" in problem.message and "Assay" in problem.message


def test_shorter_claim_within_the_governing_figure_passes(load):
    ev = _eval(load(blister_pack))
    months = int(ev.supported_months)

    def shorter(d: dict[str, Any]) -> None:
        blister_pack(d)
        product(d)["stability"]["shelf_life"] = {"value": months, "unit": "months"}

    assert _stab04(load(shorter)) == []


def accelerated_change(d: dict[str, Any]) -> None:
    """Drug product assay falls by 5 % at 40 °C / 75 % RH (within its 95-105 % criterion)."""
    study(product(d), "DP-ACC")["results"] = series(BATCHES, "DP-T-ASSAY", [100.0, 97.5, 94.9])


def test_significant_change_at_accelerated_limits_to_one_and_a_half_times(load):
    def with_intermediate(d: dict[str, Any]) -> None:
        accelerated_change(d)
        inter = {
            **study(product(d), "DP-LT1"),
            "id": "DP-INT",
            "condition": {**study(product(d), "DP-LT2")["condition"]},
        }
        inter["condition"]["kind"] = "intermediate"
        product(d)["stability"]["studies"].append(inter)

    ev = _eval(load(with_intermediate))
    assert {s.outcome for s in ev.studies} == {"significant_change_accelerated"}
    assert ev.supported_months == 18
    (problem,) = _stab04(load(with_intermediate))
    assert "the data support 18 months" in problem.message


def test_long_term_at_30_65_stands_for_the_intermediate_condition(load):
    ev = _eval(load(accelerated_change))
    by_study = {s.study: s.outcome for s in ev.studies}
    # 25/60 has no intermediate study; 30/65 long-term data serve as intermediate data (no change there)
    assert by_study == {"DP-LT1": "significant_change_no_intermediate", "DP-LT2": "significant_change_accelerated"}
    assert ev.governing.study == "DP-LT1" and ev.supported_months == 12


def test_substance_change_is_failure_to_meet_specification_only(load):
    def ds_assay_drop(d: dict[str, Any]) -> None:
        study(substance(d), "DS-ACC")["results"] = series(
            ["DS-B1", "DS-B2", "DS-B3"], "DS-T-ASSAY", [101.5, 100.0, 98.3]
        )

    ev = _eval(load(ds_assay_drop), "substance")
    assert {s.outcome for s in ev.studies} == {"no_significant_change"}  # 3 % drop, within 98-102 %

    def ds_out_of_spec(d: dict[str, Any]) -> None:
        study(substance(d), "DS-ACC")["results"] = series(
            ["DS-B1", "DS-B2", "DS-B3"], "DS-T-ASSAY", [100.0, 98.6, 97.5]
        )

    ev = _eval(load(ds_out_of_spec), "substance")
    assert all(s.outcome != "no_significant_change" for s in ev.studies)
    assert ev.studies[0].change is not None and ev.studies[0].change.reason == "out_of_criterion"


def test_no_accelerated_data_means_no_extrapolation(load):
    def drop_acc(d: dict[str, Any]) -> None:
        product(d)["stability"]["studies"].remove(study(product(d), "DP-ACC"))

    result = load(drop_acc)
    ev = _eval(result)
    assert {s.outcome for s in ev.studies} == {"no_accelerated_data"}
    assert ev.supported_months == 12
    (problem,) = _stab04(result)
    assert "the data support 12 months" in problem.message


def test_biologic_shelf_life_rests_on_real_time_data(load):
    def biologic(d: dict[str, Any]) -> None:
        d["product"]["modality"] = "biologic"

    ev = _eval(load(biologic))
    assert {s.case.case for s in ev.studies} == {"biologic"} and ev.supported_months == 12
    assert "the data support 12 months" in _stab04(load(biologic))[0].message


def test_claim_without_long_term_data(load):
    def no_long_term(d: dict[str, Any]) -> None:
        stab = product(d)["stability"]
        stab["studies"] = [s for s in stab["studies"] if s["condition"]["kind"] != "long_term"]

    result = load(no_long_term)
    assert _eval(result).supported_months is None
    (problem,) = _stab04(result)
    assert "no long-term data" in problem.message and problem.path == "products[0].stability.shelf_life"


def test_stab03_uses_the_engine_significant_change(load):
    def no_30_65(d: dict[str, Any]) -> None:
        accelerated_change(d)
        product(d)["stability"]["studies"].remove(study(product(d), "DP-LT2"))

    codes = [p.code for p in run_rules(load(no_30_65), ["fda"])]
    assert "STAB-03" in codes
    assert "STAB-03" not in [p.code for p in run_rules(load(lambda d: None), ["fda"])]


def _stab11(result: Any) -> list[Any]:
    return [p for p in run_rules(result, ["fda"]) if p.code == "STAB-11"]


def _says_no_change(d: dict[str, Any]) -> None:
    product(d)["stability"]["summary"] = {
        "en": "No significant change occurred at any condition.",
        "zh": "各条件下均未发生显著变化。",
    }


def test_summary_saying_no_significant_change_must_agree_with_the_data(load):
    assert _stab11(load(_says_no_change)) == []

    def contradicted(d: dict[str, Any]) -> None:
        _says_no_change(d)  # assay falls by 5.1 % at 40 °C / 75 % RH, still within 95-105 %
        study(product(d), "DP-ACC")["results"] = series(BATCHES, "DP-T-ASSAY", [100.5, 98.0, 95.4])

    result = load(contradicted)
    (problem,) = _stab11(result)
    assert problem.severity.value == "warning" and problem.path == "products[0].stability.summary"
    before, at = _lines(result, problem)
    assert before.strip() == "summary:" and at.strip().startswith("en: No significant change")
    assert "in study DP-ACC Assay of batch DP-B1 moved by 5 % or more from its initial value" in problem.message
