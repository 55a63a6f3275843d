"""Two facts records compared: each change kind, its location, values and the attributes it adds."""

from __future__ import annotations

from typing import Any

import pytest
from ectd_builder.changes.compare import compare, how
from ectd_builder.changes.record import Declared, Entity, Fact, FactsRecord


def _r(low: float, high: float, unit: str = "kN") -> dict[str, Any]:
    return {"low": low, "high": high, "unit": unit}


def _q(value: float, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit}


@pytest.mark.parametrize(
    ("name", "old", "new", "word"),
    [
        ("par", _r(60, 120), _r(50, 120), "widened"),
        ("par", _r(60, 120), _r(70, 110), "narrowed"),
        ("par", _r(60, 120), _r(70, 130), "shifted"),
        ("par", _r(6, 12), _r(5000, 12000, "N"), "widened"),  # converted to the old unit first
        ("par", _r(6, 12), _r(6, 12, "min"), "changed"),  # units of different dimensions
        ("release", {"max": 0.2, "unit": "%"}, {"max": 0.15, "unit": "%"}, "tightened"),
        ("release", {"max": 0.2, "unit": "%"}, {"max": 0.3, "unit": "%"}, "relaxed"),
        ("release", {"min": 95, "max": 105, "unit": "%"}, {"min": 96, "max": 106, "unit": "%"}, "changed"),
        ("release", {"max": 0.2, "unit": "%"}, {"min": 0.01, "max": 0.2, "unit": "%"}, "tightened"),  # a limit added
        ("release", {"min": 80, "max": 120, "unit": "%"}, {"min": 80, "unit": "%"}, "relaxed"),  # a limit dropped
        ("release", {"text": "clear"}, {"text": "clear, colourless"}, "changed"),
        ("shelf_life", _q(24, "months"), _q(36, "months"), "extended"),
        ("retest_period", _q(36, "months"), _q(2, "years"), "reduced"),
        ("batch_size", _q(100, "kg"), _q(300, "kg"), "increased"),
        ("batch_size", _q(300, "kg"), _q(100, "kg"), "decreased"),
        ("supplier", None, "Acme", "added"),
        ("supplier", "Acme", None, "removed"),
        ("supplier", "Acme", "Acme Ltd", "changed"),
    ],
)
def test_how_each_kind(name: str, old: Any, new: Any, word: str) -> None:
    assert how(name, old, new)[0] == word


def test_scale_attributes() -> None:
    assert how("batch_size", _q(100, "kg"), _q(300, "kg"))[1] == {"fold": 3.0, "scale": "up to 10-fold"}
    assert how("batch_size", _q(30, "kg"), _q(400, "kg"))[1] == {"fold": 13.333, "scale": "over 10-fold"}
    assert how("batch_size", _q(0.1, "t"), _q(100, "kg"))[0] == "changed"  # the same amount in other units


def _record(**entities: Entity) -> FactsRecord:
    return FactsRecord(dict(entities))


def test_entities_added_removed_and_fields() -> None:
    ec = {"fda": Declared("CBE-30", "ec.reporting", ("p.yaml", 9, 3))}
    old = _record(
        p=Entity("parameter", {"par": Fact(_r(60, 120), ("p.yaml", 5, 7)), "name": Fact("Force", ("p.yaml", 4, 7))},
                 {"owner": "product", "classification": "CPP"}, ec),
        gone=Entity("manufacturer", {"site": Fact("s1", ("m.yaml", 2, 9))}, {"owner": "product"}),
    )
    new = _record(
        p=Entity("parameter", {"par": Fact(_r(50, 120), ("p.yaml", 6, 7)), "name": Fact("Force", ("p.yaml", 4, 7))},
                 {"owner": "product", "classification": "CPP"}, ec),
        new=Entity("manufacturer", {"site": Fact("s2", ("m.yaml", 8, 9)), "responsibilities": Fact("all", ("m.yaml", 7, 9))}),
    )
    changes = compare(old, new)
    assert [(c.kind, c.entity, c.at) for c in changes] == [
        ("manufacturer.removed", "gone", ("m.yaml", 2, 9)),  # the old place of what was removed
        ("manufacturer.added", "new", ("m.yaml", 7, 9)),  # the first located field
        ("parameter.par.widened", "p", ("p.yaml", 6, 7)),  # the new state
    ]
    removed, added, widened = changes
    assert (removed.old, removed.new) == ({"site": "s1"}, None)
    assert (added.old, added.new) == (None, {"responsibilities": "all", "site": "s2"})
    assert widened.old == _r(60, 120) and widened.new == _r(50, 120) and widened.field == "par"
    assert widened.attributes == {"owner": "product", "classification": "CPP"} and widened.declared == ec
    assert compare(new, new) == []


def test_a_field_left_out_is_located_at_its_old_place() -> None:
    old = _record(m=Entity("material", {"supplier": Fact("Acme", ("x.yaml", 3, 5)), "name": Fact("M", ("x.yaml", 2, 5))}))
    new = _record(m=Entity("material", {"name": Fact("M", ("x.yaml", 2, 5))}))
    (change,) = compare(old, new)
    assert (change.kind, change.at, change.old, change.new) == ("material.supplier.removed", ("x.yaml", 3, 5), "Acme", None)
