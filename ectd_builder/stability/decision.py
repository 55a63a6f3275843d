"""ICH Q1A(R2) significant change and the ICH Q1E Appendix A extrapolation decision tree.

The decision tree (Q1E 2.4-2.6, Appendix A), as cases of ``q1e.extrapolation`` in
``jurisdictions/ich/q1a.yaml``:

- biotechnological products (ICH Q5C): real-time data only, no extrapolation;
- frozen storage: no extrapolation;
- no accelerated data: said so, no extrapolation;
- room temperature: no significant change at accelerated -> 2X / X+12 with statistics, else
  1.5X / X+6; significant change at accelerated but not at intermediate -> 1.5X / X+6 with
  statistics, else X+3; significant change at intermediate (or no intermediate data) -> none;
- refrigerated: no significant change at accelerated -> 1.5X / X+6 with statistics, else X+3;
  significant change at accelerated -> none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ectd_builder.dossier.model import SpecTest, StabilityStudy

OUTCOMES = (
    "no_accelerated_data",
    "no_significant_change",
    "significant_change_accelerated",
    "significant_change_intermediate",
    "significant_change_no_intermediate",
)


@dataclass(frozen=True)
class Limits:
    lower: float | None
    upper: float | None
    unit: str | None

    @property
    def numeric(self) -> bool:
        return self.lower is not None or self.upper is not None


def limits_of(test: SpecTest) -> Limits:
    """The stability (shelf-life) criterion when the specification gives one, else the release one."""
    crit = test.shelf_life or test.release
    return Limits(crit.min, crit.max, crit.unit)


@dataclass(frozen=True)
class Change:
    """Why a study shows significant change: the test and batch (empty when only declared)."""

    study: str
    test: str
    batch: str
    reason: str  # out_of_criterion | assay_change | declared


def significant_change(
    study: StabilityStudy,
    tests: dict[str, SpecTest],
    *,
    product: bool,
    assay_change_pct: float,
) -> Change | None:
    """ICH Q1A(R2) significant change in one study, computed from its numerical results.

    Drug substance (2.1.7.1): failure to meet the specification. Drug product (2.2.7.1): also an
    assay change of ``assay_change_pct`` % or more from the initial value. A study whose
    ``significant_change`` is declared true counts as changed even when the numbers do not show it
    (e.g. appearance).
    """
    for series in study.results:
        test = tests.get(series.test)
        values = [v for v in (series.values or []) if v is not None]
        if test is None or not values:
            continue
        lim = limits_of(test)
        if any((lim.lower is not None and v < lim.lower) or (lim.upper is not None and v > lim.upper) for v in values):
            return Change(study.id, test.id, series.batch, "out_of_criterion")
        if product and test.category == "assay" and any(abs(v - values[0]) >= assay_change_pct - 1e-9 for v in values):
            return Change(study.id, test.id, series.batch, "assay_change")
    if study.significant_change:
        return Change(study.id, "", "", "declared")
    return None


def first_change(
    studies: Iterable[StabilityStudy],
    tests: dict[str, SpecTest],
    *,
    product: bool,
    assay_change_pct: float,
) -> Change | None:
    for study in studies:
        found = significant_change(study, tests, product=product, assay_change_pct=assay_change_pct)
        if found is not None:
            return found
    return None


def case_key(storage_category: str, outcome: str, *, statistics: bool, biologic: bool) -> str:
    """The ``q1e.extrapolation`` entry that applies."""
    if biologic:
        return "biologic"
    if storage_category == "frozen":
        return "frozen"
    if outcome == "no_accelerated_data":
        return f"{storage_category}_{outcome}"
    if storage_category == "refrigerated" and outcome != "no_significant_change":
        return "refrigerated_significant_change_accelerated"
    if outcome in (
        "significant_change_intermediate",
        "significant_change_no_intermediate",
    ):
        return f"{storage_category}_{outcome}"
    return f"{storage_category}_{outcome}" + ("" if statistics else "_no_statistics")
