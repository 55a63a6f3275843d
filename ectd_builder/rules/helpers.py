"""Small read-only helpers the rules share: walking the dossier with data paths, units, texts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ectd_builder.dossier.text import language_neutral  # noqa: F401 - re-exported for the rules
from ectd_builder.dossier.text import text_in as text

if TYPE_CHECKING:
    from ectd_builder.dossier.model import (
        Criterion,
        Dossier,
        DrugProduct,
        DrugSubstance,
        Impurity,
        Material,
        Quantity,
        Specification,
    )

DataPath = tuple[str | int, ...]

# Mass-fraction units as a percentage (1 ppm = 1 µg/g = 0.0001 %).
_PERCENT = {"%": 1.0, "% w/w": 1.0, "% area": 1.0, "% v/v": 1.0, "ppm": 1e-4, "µg/g": 1e-4, "ng/mg": 1e-4}
_MASS_MG = {"ng": 1e-6, "µg": 1e-3, "mg": 1.0, "g": 1e3, "kg": 1e6}
_DAILY_MG = {"µg/day": 1e-3, "mg/day": 1.0, "g/day": 1e3}



def to_percent(value: float | None, unit: str | None) -> float | None:
    """A mass-fraction value as %; None when the unit is not a fraction."""
    if value is None or unit not in _PERCENT:
        return None
    return value * _PERCENT[unit]


def to_ppm(value: float | None, unit: str | None) -> float | None:
    pct = to_percent(value, unit)
    return None if pct is None else pct * 1e4


def mass_mg(q: Quantity | None) -> float | None:
    """A mass or a daily mass in mg (or mg/day); None for other units."""
    if q is None:
        return None
    factor = _MASS_MG.get(q.unit, _DAILY_MG.get(q.unit))
    return None if factor is None else q.value * factor


def months(q: Quantity | None) -> float | None:
    """A duration in months; None when not a duration."""
    if q is None:
        return None
    per_month = {
        "month": 1.0,
        "months": 1.0,
        "mo": 1.0,
        "year": 12.0,
        "years": 12.0,
        "a": 12.0,
        "week": 12 / 52,
        "weeks": 12 / 52,
        "d": 12 / 365.25,
        "day": 12 / 365.25,
        "days": 12 / 365.25,
    }
    factor = per_month.get(q.unit)
    return None if factor is None else q.value * factor


def mdd_mg(dossier: Dossier) -> float | None:
    return mass_mg(dossier.product.max_daily_dose)


def upper_limit(criterion: Criterion | None) -> tuple[float, str] | None:
    if criterion is None or criterion.max is None or criterion.unit is None:
        return None
    return criterion.max, criterion.unit


def numbers_in(s: str) -> list[float]:
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", s)]


def less_than(s: str) -> float | None:
    """The number in a '< 0.05' / 'NMT 0.05' / 'below 0.05' style result text."""
    m = re.match(r"^\s*(?:<|≤|<=|less than|below|nmt)\s*(\d+(?:\.\d+)?)", s, flags=re.IGNORECASE)
    return float(m.group(1)) if m else None


@dataclass(frozen=True)
class SpecOwner:
    """A drug substance or drug product with the data path of its entry."""

    kind: str  # "substance" | "product"
    item: DrugSubstance | DrugProduct
    path: DataPath

    @property
    def label(self) -> str:
        if self.kind == "substance":
            return f"drug substance {self.item.nomenclature.inn}"  # type: ignore[union-attr]
        return f"drug product {text(self.item.name)}"  # type: ignore[union-attr, arg-type]

    @property
    def spec(self) -> Specification:
        return self.item.specification


def substances(d: Dossier) -> Iterator[SpecOwner]:
    for i, s in enumerate(d.substances):
        yield SpecOwner("substance", s, ("substances", i))


def products(d: Dossier) -> Iterator[SpecOwner]:
    for i, p in enumerate(d.products):
        yield SpecOwner("product", p, ("products", i))


@dataclass(frozen=True)
class MaterialAt:
    """A material of a drug substance, with its owner and its data path."""

    owner: SpecOwner
    material: Material
    path: DataPath

    @property
    def name(self) -> str:
        return text(self.material.name)


def materials(d: Dossier) -> Iterator[MaterialAt]:
    """Every material of every drug substance (3.2.S.2.3)."""
    for owner in substances(d):
        for m, material in enumerate(owner.item.materials):  # type: ignore[union-attr]
            yield MaterialAt(owner, material, (*owner.path, "materials", m))


def owners(d: Dossier) -> Iterator[SpecOwner]:
    yield from substances(d)
    yield from products(d)


def impurity_index(d: Dossier) -> dict[str, Impurity]:
    out: dict[str, Impurity] = {}
    for owner in owners(d):
        for imp in owner.item.impurities:
            out.setdefault(imp.id, imp)
    return out


def impurity_path(d: Dossier, impurity_id: str) -> DataPath | None:
    for owner in owners(d):
        for k, imp in enumerate(owner.item.impurities):
            if imp.id == impurity_id:
                return (*owner.path, "impurities", k)
    return None


def normal(name: str) -> str:
    """Lower case, spaces and hyphens as underscores (for category matching)."""
    return re.sub(r"[\s\-/]+", "_", name.strip().lower())


def fmt(x: float) -> str:
    """A number as a person writes it (0.15, 12, 0.0333)."""
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def walk_texts(node: Any, path: DataPath) -> Iterator[tuple[DataPath, dict[str, str]]]:
    """Every localised text (a dict of en/ja/zh strings) inside a model, with its data path."""
    from pydantic import BaseModel

    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if value is not None:
                yield from walk_texts(value, (*path, name))
    elif isinstance(node, dict):
        if node and set(node) <= {"en", "ja", "zh"} and all(isinstance(v, str) for v in node.values()):
            yield path, node
        else:
            for key in sorted(node):
                yield from walk_texts(node[key], (*path, key))
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from walk_texts(item, (*path, i))
