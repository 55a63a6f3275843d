"""BATCH-01 and the compliance decision it shares with the documents (ectd_builder.dossier.compliance)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.dossier.compliance import criteria_of, meets, reported
from ectd_builder.dossier.model import Criterion
from ectd_builder.problems import Problem, Severity
from ectd_builder.rules import run_rules

from .builder import T, mutated, write_dossier

Change = Callable[[dict[str, Any]], None]


def S(d: dict[str, Any]) -> dict[str, Any]:
    return d["substances"][0]


def result(d: dict[str, Any], batch: int = 0, index: int = 0) -> dict[str, Any]:
    return S(d)["batches"][batch]["results"][index]


def earlier_version(d: dict[str, Any], limit: float = 0.50, omitted: list[str] | None = None) -> None:
    """Specification version 1 allowed impurity A up to ``limit``; the current one is version 2."""
    spec = S(d)["specification"]
    spec["version"] = "2"
    spec["earlier_versions"] = [
        {
            "version": "1",
            "effective": "2025-01-10",
            "description": T("Specification for nonclinical supplies."),
            "criteria": [{"test": "DS-T-IMP-A", "release": {"max": limit, "unit": "%"}}],
            "omitted": omitted or [],
        }
    ]
    S(d)["batches"][0]["specification_version"] = "1"


def batch_problems(tmp_path: Path, *changes: Change) -> tuple[list[Problem], list[str]]:
    """BATCH-01 problems (EMA) of the base dossier with ``changes``, and the dossier's lines."""

    def change(d: dict[str, Any]) -> None:
        for c in changes:
            c(d)

    path = write_dossier(mutated(change), tmp_path)
    problems = [p for p in run_rules(load_dossier(path.parent), ["ema"]) if p.code == "BATCH-01"]
    return problems, path.read_text(encoding="utf-8").splitlines()


def at(problem: Problem, lines: list[str]) -> str:
    """The dossier text the problem points at."""
    assert problem.line and problem.col, problem
    return lines[problem.line - 1][problem.col - 1 :]


def test_results_within_their_criteria_pass(tmp_path: Path) -> None:
    problems, _ = batch_problems(tmp_path)
    assert problems == []


def test_a_result_outside_its_criterion_is_an_error_at_its_value(tmp_path: Path) -> None:
    problems, lines = batch_problems(tmp_path, lambda d: result(d).update(value=0.21))
    (p,) = problems
    assert p.severity is Severity.ERROR
    assert p.path == "substances[0].batches[0].results[0].value"
    assert at(p, lines).startswith("0.21")
    assert p.message == (
        "batch DS-B1: Impurity A 0.21 % is outside the release criterion of the specification (NMT 0.15 %)"
    )


def test_every_batch_is_judged_whatever_its_use(tmp_path: Path) -> None:
    problems, _ = batch_problems(
        tmp_path, lambda d: result(d).update(value=0.31), lambda d: S(d)["batches"][0].update(uses=["nonclinical"])
    )
    assert [p.severity for p in problems] == [Severity.ERROR]


def test_a_justified_result_is_a_warning(tmp_path: Path) -> None:
    justify = T("OOS investigation INV-1: laboratory error excluded; batch used for toxicology only.")
    problems, lines = batch_problems(tmp_path, lambda d: result(d).update(value=0.21, justification=justify))
    (p,) = problems
    assert p.severity is Severity.WARNING
    assert at(p, lines).startswith("0.21")
    assert p.message.endswith("(NMT 0.15 %); the result carries a justification")


def test_a_batch_that_met_the_earlier_version_it_was_tested_against_is_a_warning(tmp_path: Path) -> None:
    problems, lines = batch_problems(tmp_path, earlier_version, lambda d: result(d).update(value=0.31))
    (p,) = problems
    assert p.severity is Severity.WARNING
    assert at(p, lines).startswith("0.31")
    assert p.message == (
        "batch DS-B1: Impurity A 0.31 % is outside the current release criterion (NMT 0.15 %); it meets "
        "specification version 1, against which the batch was tested"
    )


def test_a_batch_that_failed_the_earlier_version_is_an_error_against_that_version(tmp_path: Path) -> None:
    problems, lines = batch_problems(tmp_path, earlier_version, lambda d: result(d).update(value=0.61))
    (p,) = problems
    assert p.severity is Severity.ERROR
    assert at(p, lines).startswith("0.61")
    assert "outside the release criterion of specification version 1 (NMT 0.5 %)" in p.message


def test_a_test_the_earlier_version_omitted_is_still_compared_with_the_current_one(tmp_path: Path) -> None:
    problems, _ = batch_problems(
        tmp_path, lambda d: earlier_version(d, omitted=["DS-T-IMP-A"]), lambda d: result(d).update(value=0.31)
    )
    assert [(p.severity, "current release criterion" in p.message) for p in problems] == [(Severity.WARNING, True)]


def test_an_unknown_specification_version_is_an_error_at_the_batch(tmp_path: Path) -> None:
    problems, lines = batch_problems(
        tmp_path, earlier_version, lambda d: S(d)["batches"][0].update(specification_version="7")
    )
    (p,) = problems
    assert p.severity is Severity.ERROR
    assert p.path == "substances[0].batches[0].specification_version"
    assert at(p, lines).startswith("'7'")
    assert "version '7', which the specification" in p.message and "(earlier versions: 1)" in p.message


def test_the_current_version_named_explicitly_is_the_current_specification(tmp_path: Path) -> None:
    def current(d: dict[str, Any]) -> None:
        earlier_version(d)
        S(d)["batches"][0]["specification_version"] = "2"

    problems, _ = batch_problems(tmp_path, current, lambda d: result(d).update(value=0.31))
    assert [p.message for p in problems] == [
        "batch DS-B1: Impurity A 0.31 % is outside the release criterion of the specification (NMT 0.15 %)"
    ]


@pytest.mark.parametrize(
    ("value", "decimals", "ok"),
    [(0.154, 2, True), (0.155, 2, False), (0.156, 2, False), (0.154, None, False), (0.15, None, True)],
)
def test_results_are_judged_as_reported(value: float, decimals: int | None, ok: bool) -> None:
    """0.154 reported with 2 decimals is 0.15 and meets NMT 0.15; 0.155 rounds half up to 0.16."""
    assert meets(value, Criterion(max=0.15, unit="%"), decimals) is ok


def test_reported_rounds_half_up() -> None:
    assert reported(0.125, 2) == 0.13
    assert reported(2.5, 0) == 3.0
    assert reported(0.1234, None) == 0.1234


def test_a_wording_criterion_is_met_by_any_number() -> None:
    assert meets(5.0, Criterion(text={"en": "Complies"}))


def test_criteria_of_an_earlier_version() -> None:
    from ectd_builder.dossier.model import Specification

    spec = Specification.model_validate(
        {
            "id": "S",
            "version": "2",
            "justification": "j",
            "tests": [
                {
                    "id": "A",
                    "test": "A",
                    "category": "impurities",
                    "method": "M",
                    "release": {"max": 0.15, "unit": "%"},
                },
                {
                    "id": "B",
                    "test": "B",
                    "category": "impurities",
                    "method": "M",
                    "release": {"max": 0.10, "unit": "%"},
                },
            ],
            "earlier_versions": [
                {"version": "1", "criteria": [{"test": "A", "release": {"max": 0.5, "unit": "%"}}], "omitted": ["B"]}
            ],
        }
    )
    v1 = criteria_of(spec, "1")
    assert v1 is not None and set(v1) == {"A"} and v1["A"].max == 0.5
    assert criteria_of(spec, "2") == criteria_of(spec, None)
    assert criteria_of(spec, "9") is None


def test_a_result_reported_as_not_complying_is_an_error_at_its_text(tmp_path: Path) -> None:
    def fails(d: dict[str, Any]) -> None:
        S(d)["batches"][1]["results"].append({"test": "DS-T-ID", "text": T("Does not comply")})

    problems, lines = batch_problems(tmp_path, fails)
    (p,) = problems
    assert p.severity is Severity.ERROR
    assert p.path == "substances[0].batches[1].results[2].text"
    assert at(p, lines).startswith("en: Does not comply")
    assert p.message == (
        "batch DS-B2: Identification (IR) reported 'Does not comply' is outside the release criterion of the "
        "specification (Conforms)"
    )


@pytest.mark.parametrize(("words", "ok"), [("Complies", True), ("< 0.05", True), ("does not conform", False)])
def test_result_wordings(words: str, ok: bool) -> None:
    from ectd_builder.dossier.compliance import text_meets

    assert text_meets({"en": words}) is ok


def test_an_earlier_version_names_only_tests_of_its_specification(tmp_path: Path) -> None:
    def foreign(d: dict[str, Any]) -> None:
        earlier_version(d)
        S(d)["specification"]["earlier_versions"][0]["criteria"][0]["test"] = "DP-T-ASSAY"

    problems, lines = batch_problems(tmp_path, foreign)
    (p,) = problems
    assert p.severity is Severity.ERROR
    assert p.path == "substances[0].specification.earlier_versions[0].criteria[0].test"
    assert at(p, lines).startswith("DP-T-ASSAY")
    assert "names test 'DP-T-ASSAY', which is not a test of this specification" in p.message
