"""Quantities are physical: non-finite, negative, unbounded and dimensionless nonsense is a located problem.

Each case edits the valid base dossier (``tests/dossier/base``) the way the corpus does
(:mod:`tests.dossier.test_corpus`) and asserts the code at the exact ``file:line``; each rule has a
passing fixture beside its failing one.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli
from tests.dossier.test_corpus import BASE, Case, _edit

DOSE = "{value: 20, unit: mg}"
SET_POINT = 'set_point: {value: 60, unit: "°C"}'
NOR = 'nor: {low: 55, high: 65, unit: "°C"}'
PAR = 'par: {low: 50, high: 70, unit: "°C"}'
PARAMETER = f"{SET_POINT}\n              {NOR}\n              {PAR}"


@dataclass(frozen=True)
class Physical(Case):
    jurisdiction: str = ""  # also run this jurisdiction's rules (-j)


def _ranges(set_point: str, nor: str, par: str) -> str:
    return f"set_point: {set_point}\n              nor: {nor}\n              par: {par}"


FAILING = [
    Physical("nan dose", "dossier.yaml", DOSE, "{value: .nan, unit: mg}", "value-not-finite", ".nan"),
    Physical("inf batch size", "substance.yaml", "size: {value: 50,", "size: {value: .inf,", "value-not-finite", ".inf"),
    Physical(
        "-inf limit", "substance.yaml", 'release: {max: 0.15, unit: "%"}', 'release: {max: -.inf, unit: "%"}', "value-not-finite", "-.inf"
    ),
    Physical("nan stability value", "substance.yaml", "values: [99.8, 99.7, 99.6]", "values: [99.8, .NaN, 99.6]", "value-not-finite", ".NaN"),
    Physical("negative dose", "dossier.yaml", DOSE, "{value: -20, unit: mg}", "value-negative", "-20", "a mass cannot be below zero"),
    Physical("negative batch size", "substance.yaml", "size: {value: 50,", "size: {value: -50,", "value-negative", "-50"),
    Physical(
        "negative range",
        "substance.yaml",
        PARAMETER,
        _ranges("{value: 60, unit: min}", "{low: -5, high: 65, unit: min}", "{low: 0, high: 70, unit: min}"),
        "value-negative",
        "low: -5",
    ),
    Physical("negative time point", "substance.yaml", "timepoints: [0, 3, 6]", "timepoints: [-3, 3, 6]", "value-out-of-bounds", "[-3"),
    Physical(
        "infinite planned time point",
        "substance.yaml",
        "timepoints: [0, 3, 6]",
        "timepoints: [0, 3, 6]\n          planned_timepoints: [.inf]",
        "value-not-finite",
        "[.inf]",
    ),
    Physical(
        "time point beyond the bound",
        "substance.yaml",
        "timepoints: [0, 3, 6]",
        "timepoints: [0, 3, 6]\n          planned_timepoints: [12, 1200]",
        "value-out-of-bounds",
        "1200]",
        "240",
    ),
    Physical("dose in mL", "dossier.yaml", DOSE, "{value: 20, unit: mL}", "Q3A-01", "unit: mL", "needs the concentration", "ema"),
    Physical("dose in kN", "dossier.yaml", DOSE, "{value: 20, unit: kN}", "unit-dimension", "unit: kN", "a force"),
    Physical(
        "set point outside NOR",
        "substance.yaml",
        SET_POINT,
        'set_point: {value: 68, unit: "°C"}',
        "value-range",
        "value: 68",
        "outside the normal operating range",
    ),
    Physical(
        "set point outside PAR",
        "substance.yaml",
        PARAMETER,
        'set_point: {value: 75, unit: "°C"}\n              ' + PAR,
        "value-range",
        "value: 75",
        "outside the proven acceptable range",
    ),
    Physical(
        "NOR outside PAR in other units",
        "substance.yaml",
        PARAMETER,
        _ranges("{value: 1, unit: h}", "{low: 25, high: 65, unit: min}", "{low: 0.5, high: 2, unit: h}"),
        "value-range",
        "low: 25",
    ),
    Physical(
        "PAR of another dimension",
        "substance.yaml",
        PAR,
        "par: {low: 50, high: 70, unit: min}",
        "unit-dimension",
        "unit: min",
        "(a time) but the set point is in °C (a temperature)",
    ),
    Physical(
        "attachment jurisdictions: true",
        "dossier.yaml",
        "    title: Flow diagram",
        "    title: Flow diagram\n    jurisdictions: true",
        "schema-type",
        "jurisdictions: true",
    ),
    Physical("empty dossier", "dossier.yaml", "", "", "dossier-empty", ""),
    Physical("comment-only dossier", "dossier.yaml", "", "# nothing yet\n", "dossier-empty", "# nothing"),
    Physical(
        "nesting too deep", "sites.yaml", "identifiers: {duns", "extra: " + "[" * 300 + "]" * 300 + "\n    identifiers: {duns", "yaml-too-deep", "extra:"
    ),
]

PASSING = [
    Physical(
        "temperatures below zero",
        "substance.yaml",
        PARAMETER,
        _ranges('{value: -10, unit: "°C"}', '{low: -15, high: -5, unit: "°C"}', '{low: -20, high: 0, unit: "°C"}'),
        "",
        "",
    ),
    Physical(
        "ranges in min and h",
        "substance.yaml",
        PARAMETER,
        _ranges("{value: 1, unit: h}", "{low: 55, high: 65, unit: min}", "{low: 0.5, high: 2, unit: h}"),
        "",
        "",
    ),
    Physical("set point on the NOR's edge", "substance.yaml", SET_POINT, 'set_point: {value: 65, unit: "°C"}', "", ""),
    Physical("time point at the bound", "substance.yaml", "timepoints: [0, 3, 6]", "timepoints: [0, 3, 6]\n          planned_timepoints: [240]", "", ""),
    Physical("dose in mg/day", "dossier.yaml", DOSE, "{value: 20, unit: mg/day}", "", "", jurisdiction="ema"),
    Physical("dose in g", "dossier.yaml", DOSE, "{value: 0.02, unit: g}", "", "", jurisdiction="ema"),
    Physical("attachment jurisdictions listed", "dossier.yaml", "    title: Flow diagram", "    title: Flow diagram\n    jurisdictions: [ema]", "", ""),
]


@pytest.fixture()
def dossier(tmp_path: Path) -> Path:
    target = tmp_path / "dossier"
    shutil.copytree(BASE, target)
    return target


def _apply(root: Path, case: Physical) -> tuple[Path, int]:
    if case.old:
        return _edit(root, case)
    path = root / case.file  # the case replaces the whole file
    path.write_text(case.new, encoding="utf-8")
    return path, 1


def _validate(capsys: pytest.CaptureFixture[str], root: Path, case: Physical) -> tuple[int, list[dict[str, object]]]:
    args = ["validate", str(root), "--format", "json"] + (["-j", case.jurisdiction] if case.jurisdiction else [])
    result = run_cli(capsys, *args)
    assert "Traceback" not in result.err
    return result.code, result.json()["problems"]


@pytest.mark.parametrize("case", FAILING, ids=[c.name for c in FAILING])
def test_nonsense_is_reported_at_its_line(capsys: pytest.CaptureFixture[str], dossier: Path, case: Physical) -> None:
    path, line = _apply(dossier, case)
    code, problems = _validate(capsys, dossier, case)
    assert code == 1
    matching = [p for p in problems if p["code"] == case.code]
    assert matching, f"expected {case.code}, got {[(p['code'], p['message']) for p in problems]}"
    assert (path.name, line) in {(Path(str(p["file"])).name, p["line"]) for p in matching}
    assert all(p["hint"] for p in matching)
    if case.message:
        assert any(case.message in str(p["message"]) for p in matching), [p["message"] for p in matching]


@pytest.mark.parametrize("case", PASSING, ids=[c.name for c in PASSING])
def test_physical_values_pass(capsys: pytest.CaptureFixture[str], dossier: Path, case: Physical) -> None:
    _apply(dossier, case)
    _, problems = _validate(capsys, dossier, case)
    schema = [p for p in problems if not str(p["code"])[:1].isupper()]  # rule codes (STAB-02, ...) are capitals
    assert schema == [], schema
    assert not [p for p in problems if p["code"] in ("Q3A-01", "Q3A-02", "Q3A-03")], "the thresholds apply to a mass"


def test_empty_dossier_names_the_fix(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    (dossier / "dossier.yaml").write_text("", encoding="utf-8")
    [p] = _validate(capsys, dossier, PASSING[0])[1]
    assert (Path(str(p["file"])).name, p["line"], p["col"]) == ("dossier.yaml", 1, 1)
    assert "ectd init" in str(p["hint"])


def test_included_file_that_fails_comes_first_without_follow_ons(capsys: pytest.CaptureFixture[str], dossier: Path) -> None:
    case = Physical("include syntax", "substance.yaml", "    modality: small_molecule", "   modality: [small", "yaml-syntax", "modality")
    _, line = _apply(dossier, case)
    _, problems = _validate(capsys, dossier, case)
    codes = [(p["code"], Path(str(p["file"])).name, p["line"]) for p in problems]
    assert ("yaml-syntax", "substance.yaml", line) in codes
    assert not [c for c in codes if c[0] == "ref-unknown"], codes
    [grouped] = [p for p in problems if p["code"] == "ref-not-checked"]
    assert (Path(str(grouped["file"])).name, grouped["line"]) == ("dossier.yaml", 29)  # '  - substance.yaml'
    assert str(grouped["message"]).startswith("1 reference not checked: 'substance.yaml'")
    assert len(problems) == 2


def test_included_problems_are_listed_first_by_the_loader(dossier: Path) -> None:
    from ectd_builder.dossier import load_dossier

    _apply(dossier, Physical("", "substance.yaml", "    modality: small_molecule", "   modality: [small", "", ""))
    _apply(dossier, Physical("", "dossier.yaml", "invented_name: Testinib", "invented_name: no", "", ""))
    codes = [p.code for p in load_dossier(dossier).problems]
    assert codes[0] == "yaml-syntax", codes
