"""The Q1E / Q5C / Q1A(R2) facts of the evaluation, typed, from ``jurisdictions/ich/q1a.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ectd_builder.errors import EctdError
from ectd_builder.rules.tables import table
from ectd_builder.stability.regression import Levels

_FILE = "jurisdictions/ich/q1a.yaml"


@dataclass(frozen=True)
class Extrapolation:
    """How far beyond the long-term data period X a case allows: min(factor x X, X + beyond)."""

    case: str
    factor: float | None
    max_beyond_months: float
    source: str
    verified: bool

    def limit(self, data_months: float) -> float:
        beyond = data_months + self.max_beyond_months
        return beyond if self.factor is None else min(self.factor * data_months, beyond)


@dataclass(frozen=True)
class StabilityFacts:
    levels: Levels
    assay_change_pct: float
    extrapolation: dict[str, Extrapolation]

    def case(self, key: str) -> Extrapolation:
        if key not in self.extrapolation:
            raise EctdError(
                f"{_FILE}: q1e.extrapolation has no entry '{key}'",
                hint="add the case with its source",
            )
        return self.extrapolation[key]


def _entry(section: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = section.get(key)
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("source"), str)
        or not isinstance(value.get("verified"), bool)
    ):
        raise EctdError(
            f"{_FILE}: {where}.{key} needs a value with its source and a verified flag",
            hint="fix the data file, or reinstall ectd-builder if you did not edit it",
        )
    return value


def _number(section: dict[str, Any], key: str, where: str) -> float:
    value = _entry(section, key, where).get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EctdError(f"{_FILE}: {where}.{key}.value must be a number")
    return float(value)


@cache
def stability_facts() -> StabilityFacts:
    """The typed facts (read once); an incomplete data file raises EctdError naming the key."""
    data = table("q1a")
    q1e, change = data["q1e"], data["significant_change"]
    cases = {}
    for key in q1e.get("extrapolation", {}):
        e = _entry(q1e["extrapolation"], key, "q1e.extrapolation")
        factor = e.get("factor")
        cases[key] = Extrapolation(
            key,
            None if factor is None else float(factor),
            float(e["max_beyond_months"]),
            e["source"],
            e["verified"],
        )
    levels = Levels(
        confidence=_number(q1e, "confidence", "q1e"),
        two_sided_confidence=_number(q1e, "two_sided_confidence", "q1e"),
        pooling_alpha=_number(q1e, "pooling_alpha", "q1e"),
        min_points=int(_number(q1e, "min_points_per_batch", "q1e")),
    )
    return StabilityFacts(levels, _number(change, "assay_change_pct", "significant_change"), cases)
