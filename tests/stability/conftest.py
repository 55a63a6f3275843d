"""Fixtures of the stability engine tests: the rule tests' base dossier, mutated and loaded."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from ectd_builder.dossier import load_dossier

from ..rules.builder import base_dossier, write_dossier

Change = Callable[[dict[str, Any]], None]


def product(d: dict[str, Any]) -> dict[str, Any]:
    return d["products"][0]


def substance(d: dict[str, Any]) -> dict[str, Any]:
    return d["substances"][0]


def study(owner: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in owner["stability"]["studies"] if s["id"] == sid)


def series(batches: list[str], test: str, values: list[float]) -> list[dict[str, Any]]:
    return [{"batch": b, "test": test, "values": [v + 0.1 * i for v in values]} for i, b in enumerate(batches)]


@pytest.fixture(scope="session")
def load(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Change], Any]:
    """Load the base dossier with ``change`` applied (each distinct fixture once)."""
    seen: dict[str, Any] = {}

    def run(change: Change) -> Any:
        data = copy.deepcopy(base_dossier())
        change(data)
        key = json.dumps(data, sort_keys=True, default=str)
        if key not in seen:
            folder = tmp_path_factory.mktemp("stab")
            seen[key] = load_dossier(write_dossier(data, folder).parent)
            assert seen[key].ok, [p.message for p in seen[key].problems if p.severity.value == "error"]
        return seen[key]

    return run
