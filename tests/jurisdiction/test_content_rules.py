"""CODE-01 and M1-PLACE-01: what used to fail at build time is a located validation problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ectd_builder.dossier import load_dossier
from ectd_builder.problems import Problem
from ectd_builder.rules import run_rules

from tests.rules.builder import mutated, write_dossier


def _run(change: Callable[[dict[str, Any]], None], tmp_path: Path, jurisdiction: str, code: str) -> tuple[Path, list[Problem]]:
    path = write_dossier(mutated(change), tmp_path)
    result = load_dossier(path.parent)
    assert result.dossier is not None, [p.message for p in result.problems]
    return path, [p for p in run_rules(result, [jurisdiction]) if p.code == code]


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if needle in line) + 1


def test_code_01_passes_for_words_with_codes(tmp_path: Path) -> None:
    assert _run(lambda d: None, tmp_path, "fda", "CODE-01")[1] == []


def test_code_01_reports_submission_type_without_code_at_its_line(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["applications"]["ema"]["submission_type"] = "var-type3"  # every FDA word the schema allows has a code now

    path, found = _run(change, tmp_path, "ema", "CODE-01")
    assert len(found) == 1
    problem = found[0]
    assert problem.file is not None and problem.file.endswith("dossier.yaml")
    assert problem.line == _line_of(path, "submission_type: var-type3")
    assert "'var-type3' has no EMA submission-type code" in problem.message
    assert "var-type2" in (problem.hint or "")


def test_code_01_reports_sub_type_too(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["applications"]["nmpa"]["regulatory_activity"] = "cnrat99"

    path, found = _run(change, tmp_path, "nmpa", "CODE-01")
    assert [p.line for p in found] == [_line_of(path, "regulatory_activity: cnrat99")]


def test_m1_place_01_passes_for_a_known_purpose(tmp_path: Path) -> None:
    assert _run(lambda d: None, tmp_path, "fda", "M1-PLACE-01")[1] == []


def test_m1_place_01_reports_a_section_the_region_lacks(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        cover = next(a for a in d["attachments"] if a["id"] == "ATT-COVER")
        cover["section"] = "1.99.7"

    path, found = _run(change, tmp_path, "fda", "M1-PLACE-01")
    assert len(found) == 1
    assert found[0].line == _line_of(path, "1.99.7")
    assert "ATT-COVER" in found[0].message and "us Module 1" in found[0].message
