"""ICH facts corrected in issue 10: MIBK is Q3C class 2, the Q2(R2) assay range, the lithium inhalation PDE.

Each fact has a failing and a passing dossier (or, for a table value no rule computes with, the value
itself), and the finding is checked at the exact line of the YAML node it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.rules import run_rules
from ectd_builder.rules.tables import q3c_option1_ppm, q3c_solvent, table

from .builder import T, mutated, write_dossier


def _line_of(path: Path, marker: str, after: str | None = None) -> int:
    """1-based line of the first line containing ``marker`` (after the first line containing ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if marker in lines[i]) + 1


def _run(change: Callable[[dict[str, Any]], None], tmp_path: Path, jurisdiction: str, code: str) -> tuple[Path, list[Any]]:
    path = write_dossier(mutated(change), tmp_path)
    result = load_dossier(path.parent)
    assert result.dossier is not None, [p.message for p in result.problems]
    return path, [p for p in run_rules(result, [jurisdiction]) if p.code == code]


# ---- ICH Q3C: methylisobutylketone is class 2 since Q3C(R6) -------------------------------------


def test_mibk_is_class_2_with_pde_45_mg_per_day() -> None:
    found = q3c_solvent("MIBK")
    assert found is not None
    cls, entry = found
    assert cls == 2
    assert entry["pde_mg_per_day"] == 45.0
    assert q3c_option1_ppm(entry) == pytest.approx(4500.0)
    assert "Q3C(R6)" in entry["source"] and entry["verified"] in (True, False)
    assert "methylisobutyl ketone" not in table("q3c")["class3"]


def _mibk_limit(ppm: float) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        d["substances"][0]["specification"]["tests"].append(
            {
                "id": "DS-T-MIBK",
                "test": T("Residual solvents: methyl isobutyl ketone"),
                "category": "residual_solvents",
                "method": "M-GC",
                "release": {"max": ppm, "unit": "ppm"},
                "jp_change_class": "partial_change",
            }
        )

    return change


def test_mibk_at_4000_ppm_passes_q3c_02(tmp_path: Path) -> None:
    _, fired = _run(_mibk_limit(4000), tmp_path, "ema", "Q3C-02")
    assert fired == []


def test_mibk_at_5000_ppm_fails_q3c_02_at_its_limit(tmp_path: Path) -> None:
    path, fired = _run(_mibk_limit(5000), tmp_path, "ema", "Q3C-02")
    assert len(fired) == 1
    problem = fired[0]
    assert "limit of 4,500 ppm" in problem.message and "45.0 mg/day" in problem.message
    assert problem.file == str(path) or problem.file.endswith("dossier.yaml")
    assert problem.line == _line_of(path, "max: 5000", after="methyl isobutyl ketone")


# ---- ICH Q2(R2): assay reportable range 80-120 % of the declared content ---------------------------


def _assay_range(low: float, high: float) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        method = next(m for m in d["methods"] if m["id"] == "M-ASSAY")
        method["validation"]["reportable_range"] = {"low": low, "high": high, "unit": "%"}

    return change


def test_assay_validated_over_80_to_120_percent_passes(tmp_path: Path) -> None:
    _, fired = _run(_assay_range(80, 120), tmp_path, "fda", "VAL-02")
    assert fired == []


def test_assay_validated_over_90_to_110_percent_fails_at_the_range(tmp_path: Path) -> None:
    path, fired = _run(_assay_range(90, 110), tmp_path, "fda", "VAL-02")
    assert fired, "VAL-02 did not fire for an assay validated over 90-110 %"
    problem = fired[0]
    assert "from 80 to 120" in problem.message
    assert problem.line == _line_of(path, "low: 90", after="HPLC assay")


def test_assay_table_entry_names_its_source() -> None:
    assay = table("q2")["reportable_range"]["assay"]
    assert assay["declared"] == {"low": 80, "high": 120}
    assert assay["source"].startswith("ICH Q2(R2) Table 2") and isinstance(assay["verified"], bool)


# ---- ICH Q3D(R2): lithium inhalation PDE ----------------------------------------------------------


def test_lithium_inhalation_pde_is_25_ug_per_day() -> None:
    lithium = table("q3d")["elements"]["Li"]
    assert (lithium["oral"], lithium["parenteral"], lithium["inhalation"]) == (550, 250, 25)
    assert "Table A.2.1" in lithium["source"] and isinstance(lithium["verified"], bool)
