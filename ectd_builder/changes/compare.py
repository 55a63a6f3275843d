"""Two facts records compared: each difference a :class:`Change` with its kind, location and values.

The kind says what happened in the words the classification rules match on:
``<entity kind>.added`` / ``.removed`` for a whole entity, and ``<entity kind>.<field>.<how>`` for
a field, where ``how`` is ``widened`` / ``narrowed`` / ``shifted`` (ranges), ``tightened`` /
``relaxed`` / ``changed`` (acceptance criteria), ``extended`` / ``reduced`` (shelf life, retest
period), ``increased`` / ``decreased`` (other quantities), ``added`` / ``removed`` (a value given
or left out) or ``changed``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ectd_builder.changes.record import Declared, Entity, FactsRecord, Where
from ectd_builder.dossier.units import convert, dimension_of

PERIODS = ("shelf_life", "retest_period")


@dataclass(frozen=True)
class Change:
    """One difference in the process knowledge; ``at`` is the new state (the old one for a removal)."""

    kind: str
    entity: str
    entity_kind: str
    field: str | None
    old: Any
    new: Any
    at: Where
    attributes: dict[str, Any] = dataclasses.field(default_factory=dict)
    declared: dict[str, Declared] = dataclasses.field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.entity, self.field or "", self.kind, repr(self.old), repr(self.new))


def _to(value: float | None, unit: str | None, target: str | None) -> float | None:
    if value is None or unit == target or unit is None or target is None:
        return value
    return convert(value, unit, target)


def _comparable(old: dict[str, Any], new: dict[str, Any]) -> bool:
    a, b = old.get("unit"), new.get("unit")
    return a == b or (a is not None and b is not None and dimension_of(a) is not None and dimension_of(a) == dimension_of(b))


def _range_how(old: dict[str, Any], new: dict[str, Any]) -> str:
    if not _comparable(old, new):
        return "changed"
    lo, hi = _to(new["low"], new["unit"], old["unit"]), _to(new["high"], new["unit"], old["unit"])
    assert lo is not None and hi is not None
    if lo <= old["low"] and hi >= old["high"]:
        return "widened"
    if lo >= old["low"] and hi <= old["high"]:
        return "narrowed"
    return "shifted"


def _criterion_how(old: dict[str, Any], new: dict[str, Any]) -> str:
    if old.get("text") != new.get("text") or not _comparable(old, new):
        return "changed"
    unit = old.get("unit")
    o_min, o_max = old.get("min"), old.get("max")
    n_min, n_max = _to(new.get("min"), new.get("unit"), unit), _to(new.get("max"), new.get("unit"), unit)
    tighter = looser = False
    for was, now, sign in ((o_min, n_min, 1), (o_max, n_max, -1)):
        if was == now:
            continue
        if was is None:  # a limit added
            tighter = True
        elif now is None:  # a limit dropped
            looser = True
        elif (now - was) * sign > 0:
            tighter = True
        else:
            looser = True
    if tighter and not looser:
        return "tightened"
    if looser and not tighter:
        return "relaxed"
    return "changed"


def _quantity_how(name: str, old: dict[str, Any], new: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if not _comparable(old, new):
        return "changed", {}
    now = _to(new["value"], new["unit"], old["unit"])
    assert now is not None
    extra: dict[str, Any] = {}
    if old["value"] > 0 and now > 0:
        fold = max(now, old["value"]) / min(now, old["value"])
        extra["fold"] = round(fold, 3)
        extra["scale"] = "up to 10-fold" if fold <= 10 else "over 10-fold"
    if now == old["value"]:
        return "changed", extra
    if name in PERIODS:
        return ("extended" if now > old["value"] else "reduced"), extra
    return ("increased" if now > old["value"] else "decreased"), extra


def how(name: str, old: Any, new: Any) -> tuple[str, dict[str, Any]]:
    """The word for what happened to a field, and attributes the change adds (``fold``, ``scale``)."""
    if old is None:
        return "added", {}
    if new is None:
        return "removed", {}
    if isinstance(old, dict) and isinstance(new, dict):
        if {"low", "high"} <= old.keys() and {"low", "high"} <= new.keys():
            return _range_how(old, new), {}
        if "value" in old and "value" in new:
            return _quantity_how(name, old, new)
        if {"min", "max", "text"} & (old.keys() | new.keys()):
            return _criterion_how(old, new), {}
    return "changed", {}


def _summary(ent: Entity) -> dict[str, Any]:
    return {name: f.value for name, f in sorted(ent.fields.items())}


def compare(old: FactsRecord, new: FactsRecord) -> list[Change]:
    """Every difference from ``old`` to ``new``, in a stable order (entity key, then field)."""
    changes: list[Change] = []
    for key in sorted(old.entities.keys() | new.entities.keys()):
        before, after = old.entities.get(key), new.entities.get(key)
        if after is None:
            assert before is not None
            changes.append(
                Change(f"{before.kind}.removed", key, before.kind, None, _summary(before), None, before.anchor,
                       dict(before.attributes), dict(before.declared))
            )
            continue
        if before is None:
            changes.append(
                Change(f"{after.kind}.added", key, after.kind, None, None, _summary(after), after.anchor,
                       dict(after.attributes), dict(after.declared))
            )
            continue
        for name in sorted(before.fields.keys() | after.fields.keys()):
            was, now = before.fields.get(name), after.fields.get(name)
            old_value, new_value = (was.value if was else None), (now.value if now else None)
            if old_value == new_value:
                continue
            word, extra = how(name, old_value, new_value)
            at = (now.at if now else None) or (was.at if was and now is None else None) or after.anchor
            changes.append(
                Change(f"{after.kind}.{name}.{word}", key, after.kind, name, old_value, new_value, at,
                       {**after.attributes, **extra}, dict(after.declared))
            )
    return changes
