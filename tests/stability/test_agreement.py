"""The rule STAB-04 and the rendered stability documents state the same supported period."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ectd_builder.dossier import load_dossier
from ectd_builder.render.api import build_model
from ectd_builder.render.model import to_data
from ectd_builder.render.plan import plan_documents
from ectd_builder.rules import run_rules
from ectd_builder.stability import evaluate_owner

from .conftest import product
from .test_evaluate import accelerated_change, blister_pack

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SUPPORT = re.compile(r"The data support an? (shelf life|retest period) of (\d+) months\.")


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["text"]] if isinstance(node.get("text"), str) else []
        return own + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


def _rendered(dossier: Any, key: str) -> list[tuple[str, int]]:
    doc = next(d for d in plan_documents(dossier, "fda") if d.key == key)
    model, _ = build_model(dossier, doc)
    return [(m.group(1), int(m.group(2))) for m in SUPPORT.finditer("".join(_texts(to_data(model.blocks))))]


def _check(result: Any) -> list[str]:
    """For every owner: rendered figure == engine figure, and STAB-04 fires exactly when the claim exceeds it."""
    d = result.dossier
    stab04 = [p for p in run_rules(result, ["fda"]) if p.code == "STAB-04"]
    seen = []
    owners = [(s, True, f"3.2.S.7.1:{s.id}") for s in d.substances] + [
        (p, False, f"3.2.P.8.1:{p.id}") for p in d.products
    ]
    for item, is_substance, key in owners:
        ev = evaluate_owner(d, item, substance=is_substance)
        if ev.supported_months is None:
            continue
        months = int(ev.supported_months)
        assert [m for _, m in _rendered(d, key)] == [months], key
        fired = [p for p in stab04 if p.path and p.path.startswith("substances" if is_substance else "products")]
        fired = [p for p in fired if f"of the {'drug substance' if is_substance else 'drug product'}" in p.message]
        exceeds = ev.proposed_months is not None and ev.proposed_months > months
        assert bool(fired) == exceeds, (key, ev.proposed_months, months)
        assert all(f"the data support {months} months" in p.message for p in fired)
        seen.append((key, months, exceeds))
    return [f"{k}={m}{'!' if x else ''}" for k, m, x in seen]


@pytest.mark.parametrize("name", ["tablet", "mab"])
def test_examples_rule_and_documents_agree(name):
    result = load_dossier(EXAMPLES / name / "dossier.yaml")
    assert result.dossier is not None
    seen = _check(result)
    assert seen and not any(s.endswith("!") for s in seen), seen  # the examples claim only what the data support


def _long_claim(d: dict[str, Any]) -> None:
    product(d)["stability"]["shelf_life"] = {"value": 36, "unit": "months"}


@pytest.mark.parametrize("change", [lambda d: None, blister_pack, accelerated_change, _long_claim])
def test_mutated_fixtures_rule_and_documents_agree(load, change):
    assert _check(load(change))
