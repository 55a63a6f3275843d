"""Fixtures of the render tests: the example dossiers and a small dossier of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from ectd_builder.dossier import load_dossier

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini" / "dossier.yaml"
JURISDICTIONS = ("fda", "ema", "pmda", "nmpa")


def example_names() -> list[str]:
    root = HERE.parents[1] / "examples"
    return sorted(p.name for p in root.iterdir() if (p / "dossier.yaml").is_file()) if root.is_dir() else []


@pytest.fixture(scope="session")
def mini():
    loaded = load_dossier(MINI)
    assert loaded.ok, [p.message for p in loaded.problems]
    return loaded.dossier


_LOADED: dict[str, object] = {}


@pytest.fixture(scope="session")
def load_example(examples_dir):
    def load(name: str):
        if name not in _LOADED:
            loaded = load_dossier(examples_dir / name / "dossier.yaml")
            assert loaded.ok, [f"{p.location}: {p.message}" for p in loaded.problems if p.severity.value == "error"]
            _LOADED[name] = loaded.dossier
        return _LOADED[name]

    return load
