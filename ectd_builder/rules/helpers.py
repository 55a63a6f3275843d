"""Small read-only helpers the rules share: walking the dossier with data paths, units, texts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ectd_builder.dossier.text import language_neutral  # noqa: F401 - re-exported for the rules
from ectd_builder.dossier.text import text_in as text
from ectd_builder.dossier.units import convert, unit_table

if TYPE_CHECKING:
    from ectd_builder.dossier.model import (
        Criterion,
        Dossier,
        DrugProduct,
        DrugSubstance,
        Impurity,
        InProcessControl,
        Material,
        ProcessParameter,
        ProcessStep,
        Quantity,
        Specification,
        SpecTest,
    )

DataPath = tuple[str | int, ...]


def _in_unit(value: float | None, unit: str | None, dimensions: dict[str, str]) -> float | None:
    """``value`` converted to the base unit its dimension has in ``dimensions``; None for other units.

    Factors and dimensions come from the one unit table (``dossier/units.yaml``).
    """
    entry = unit_table().get(unit or "")
    if value is None or entry is None or entry.dimension not in dimensions:
        return None
    return convert(value, entry.symbol, dimensions[entry.dimension])


def to_percent(value: float | None, unit: str | None) -> float | None:
    """A mass-fraction value as %; None when the unit is not a fraction."""
    return _in_unit(value, unit, {"fraction": "%"})


def to_ppm(value: float | None, unit: str | None) -> float | None:
    pct = to_percent(value, unit)
    return None if pct is None else pct * 1e4


def mass_mg(q: Quantity | None) -> float | None:
    """A mass or a daily mass in mg (or mg/day); None for other units."""
    if q is None:
        return None
    return _in_unit(q.value, q.unit, {"mass": "mg", "daily_mass": "mg/day"})


def months(q: Quantity | None) -> float | None:
    """A duration in months; None when not a duration."""
    if q is None:
        return None
    return _in_unit(q.value, q.unit, {"time": "months"})


def mdd_mg(dossier: Dossier) -> float | None:
    return mass_mg(dossier.product.max_daily_dose)


def upper_limit(criterion: Criterion | None) -> tuple[float, str] | None:
    if criterion is None or criterion.max is None or criterion.unit is None:
        return None
    return criterion.max, criterion.unit


def max_percent(criterion: Criterion | None) -> float | None:
    """The upper limit of ``criterion`` as %; None without one, or in a unit that is not a fraction."""
    limit = upper_limit(criterion)
    return to_percent(*limit) if limit else None


def max_ppm(criterion: Criterion | None) -> float | None:
    """The upper limit of ``criterion`` in ppm; None as for :func:`max_percent`."""
    limit = upper_limit(criterion)
    return to_ppm(*limit) if limit else None


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
        return f"drug product {text(self.item.name)}"  # type: ignore[union-attr]

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


def owners(d: Dossier, modality: str | None = None) -> Iterator[SpecOwner]:
    """Every drug substance, then every drug product; none when ``modality`` is not the product's."""
    if modality is not None and d.product.modality != modality:
        return
    yield from substances(d)
    yield from products(d)


@dataclass(frozen=True)
class SpecTestAt:
    """A specification test with its owner, the impurity it limits (if any) and its data path."""

    owner: SpecOwner
    test: SpecTest
    impurity: Impurity | None
    path: DataPath

    def max_path(self, which: str = "release") -> DataPath:
        """The data path of the upper limit of its ``release`` or ``shelf_life`` criterion."""
        return (*self.path, which, "max")


def spec_tests(d: Dossier, these: Iterable[SpecOwner]) -> Iterator[SpecTestAt]:
    """Every specification test of ``these`` owners."""
    index = impurity_index(d)
    for owner in these:
        for k, test in enumerate(owner.spec.tests):
            yield SpecTestAt(owner, test, index.get(test.impurity or ""), (*owner.path, "specification", "tests", k))


@dataclass(frozen=True)
class StepAt:
    """A process step with its owner and its data path."""

    owner: SpecOwner
    step: ProcessStep
    path: DataPath


def steps_of(owner: SpecOwner) -> Iterator[StepAt]:
    """The process steps of a drug substance or drug product."""
    for s, step in enumerate(owner.item.process.steps):
        yield StepAt(owner, step, (*owner.path, "process", "steps", s))


def steps(d: Dossier) -> Iterator[StepAt]:
    """Every process step of every drug substance and drug product."""
    for owner in owners(d):
        yield from steps_of(owner)


@dataclass(frozen=True)
class ControlAt:
    """A process parameter, an in-process control or a specification test: what a change can touch."""

    kind: str  # "parameter" | "control" | "test"
    item: ProcessParameter | InProcessControl | SpecTest
    name: str
    step: ProcessStep | None  # None for a specification test
    owner: SpecOwner
    path: DataPath


def controls(d: Dossier) -> Iterator[ControlAt]:
    """For each substance, then each product: its steps' parameters and controls, then its tests."""
    for owner in owners(d):
        for at in steps_of(owner):
            for p, param in enumerate(at.step.parameters):
                yield ControlAt("parameter", param, text(param.name), at.step, owner, (*at.path, "parameters", p))
            for c, ipc in enumerate(at.step.controls):
                yield ControlAt("control", ipc, text(ipc.test), at.step, owner, (*at.path, "controls", c))
        for k, test in enumerate(owner.spec.tests):
            yield ControlAt("test", test, text(test.test), None, owner, (*owner.path, "specification", "tests", k))


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
