"""A change and its values in words, for the text and HTML reports (JSON keeps the values as data)."""

from __future__ import annotations

from typing import Any

from ectd_builder.changes.compare import Change
from ectd_builder.changes.rules import Category

_FIELD = {
    "nor": "normal operating range",
    "par": "proven acceptable range",
    "set_point": "set point",
    "release": "release acceptance criterion",
    "batch_size": "batch size",
    "retest_period": "retest period",
    "storage_statement": "storage statement",
    "storage_category": "storage category",
    "master_files": "master files",
    "unit_operation": "unit operation",
    "yield_range": "yield range",
    "hold_time": "hold time",
}
_KIND = {"batch_formula": "batch formula", "container_component": "container component", "ipc": "in-process control"}


def entity_words(key: str) -> str:
    """``product:tabs/manufacturer:site-x`` -> ``product tabs, manufacturer site-x``."""
    parts = []
    for part in key.split("/"):
        kind, _, ident = part.partition(":")
        parts.append(f"{_KIND.get(kind, kind.replace('_', ' '))} {ident}".strip())
    return ", ".join(parts)


def field_words(change: Change) -> str:
    name = change.field or ""
    if name == "shelf_life":
        return "shelf-life acceptance criterion" if change.entity_kind == "test" else "shelf life"
    return _FIELD.get(name, name.replace("_", " "))


def describe(change: Change) -> str:
    """What happened, e.g. ``parameter p-rc-force: proven acceptable range widened``."""
    how = change.kind.rsplit(".", 1)[1]
    if change.field is None:
        return f"{entity_words(change.entity)} {how}"
    scale = change.attributes.get("fold")
    extra = f" ({_number(float(scale))}-fold)" if isinstance(scale, (int, float)) and change.field == "batch_size" else ""
    return f"{entity_words(change.entity)}: {field_words(change)} {how}{extra}"


def code_words(cat: Category) -> str:
    """The category with its EU code, e.g. ``IB B.II.b.1.c (2026 guidelines: Q.II.b.1, verified)``."""
    if cat.category is None:
        return "needs assessment"
    words = " ".join(p for p in (cat.category, cat.code) if p)
    if cat.renumbered is not None:
        state = "verified" if cat.renumbered.verified else "unverified"
        words += f" (2026 guidelines: {cat.renumbered.code}, {state})"
    return words


def _number(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _unit(value: dict[str, Any]) -> str:
    unit = value.get("unit")
    return f" {unit}" if unit else ""


def show(value: Any) -> str:
    """A recorded value in words: ranges ``60-120 kN``, criteria ``<= 0.20 %``, entities ``key: value; ...``."""
    if value is None:
        return "-"
    if isinstance(value, dict):
        if {"low", "high"} <= value.keys():
            return f"{_number(value['low'])}-{_number(value['high'])}{_unit(value)}"
        if "value" in value and "unit" in value and len(value) == 2:
            return f"{_number(value['value'])}{_unit(value)}"
        if {"min", "max", "text"} & value.keys() and not set(value) - {"min", "max", "text", "unit"}:
            return _criterion(value)
        return "; ".join(f"{k}: {show(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(show(v) for v in value) or "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _number(value)


def _criterion(value: dict[str, Any]) -> str:
    low, high, text = value.get("min"), value.get("max"), value.get("text")
    if low is not None and high is not None:
        limit = f"{_number(low)}-{_number(high)}{_unit(value)}"
    elif low is not None:
        limit = f">= {_number(low)}{_unit(value)}"
    elif high is not None:
        limit = f"<= {_number(high)}{_unit(value)}"
    else:
        limit = ""
    return " ".join(p for p in (limit, f"({text})" if limit and text else text or "") if p)
