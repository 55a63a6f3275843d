"""The example dossiers pass every jurisdiction's rules; broken copies get the expected rule ids."""

from __future__ import annotations

import copy
import functools
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from ectd_builder.dossier import load_dossier
from ectd_builder.jurisdiction.profiles import JURISDICTIONS
from ectd_builder.problems import Severity
from ectd_builder.rules import run_rules

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = sorted(p.parent.name for p in EXAMPLES.glob("*/dossier.yaml"))


@functools.cache
def _loaded(name: str) -> Any:
    return load_dossier(EXAMPLES / name)


def _flatten(name: str, tmp: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the example as one dossier.yaml (merged includes), with ``change`` applied."""
    result = _loaded(name)
    assert result.dossier is not None, [p.message for p in result.problems]
    folder = tmp / name
    shutil.copytree(EXAMPLES / name, folder)
    data = copy.deepcopy(result.data)
    data.pop("include", None)
    change(data)
    (folder / "dossier.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", NAMES)
def test_example_passes_every_jurisdiction(name: str) -> None:
    result = _loaded(name)
    assert [p.location + " " + p.message for p in result.problems if p.severity is Severity.ERROR] == []
    errors = [p for p in run_rules(result, JURISDICTIONS) if p.severity is Severity.ERROR]
    assert [f"{p.jurisdiction} {p.code} {p.location} {p.message}" for p in errors] == []


def _two_stability_batches(d: dict[str, Any]) -> None:
    studies = [s for s in d["products"][0]["stability"]["studies"] if s["condition"]["kind"] == "long_term"]
    keep = studies[0]["batches"][:2]
    for study in studies:
        study["batches"] = keep
        study.pop("results", None)


def _impurity_above_qt(d: dict[str, Any]) -> None:
    substance = d["substances"][0]
    organic = {
        i["id"]
        for i in substance.get("impurities", [])
        if i["type"] in ("organic", "process_related") and i.get("identified", True)
    }
    for imp in substance.get("impurities", []):
        imp.pop("qualified_level", None)
        imp.pop("qualification", None)
    test = next(t for t in substance["specification"]["tests"] if t.get("impurity") in organic)
    test["release"]["max"] = 1.0


def _no_chinese_name(d: dict[str, Any]) -> None:
    d["products"][0]["name"].pop("zh", None)


@pytest.mark.parametrize(
    ("name", "change", "jurisdiction", "expected"),
    [
        ("mab", _two_stability_batches, "fda", "STAB-06"),
        ("tablet", _two_stability_batches, "ema", "STAB-01"),
        ("tablet", _impurity_above_qt, "pmda", "Q3A-01"),
        ("tablet", _no_chinese_name, "nmpa", "CN-LANG-01"),
        ("mab", _no_chinese_name, "nmpa", "CN-LANG-01"),
    ],
)
def test_broken_copy_gets_the_rule(
    name: str, change: Callable[[dict[str, Any]], None], jurisdiction: str, expected: str, tmp_path: Path
) -> None:
    if name not in NAMES:
        pytest.skip(f"example {name} not present")
    result = load_dossier(_flatten(name, tmp_path, change))
    codes = {p.code for p in run_rules(result, [jurisdiction]) if p.severity is Severity.ERROR}
    assert expected in codes
