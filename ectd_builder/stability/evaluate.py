"""Walk one drug substance's or drug product's stability data through the Q1E / Q5C evaluation.

Every long-term study (one per condition and container closure) is evaluated on its own: its
regressions, the significant-change outcome of the accelerated (and intermediate) studies of the
same container closure, and the extrapolation limit of the case that applies. The supported
retest period or shelf life is the minimum over the studies; the study, condition, container
closure, attribute and batch that give it are reported with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ectd_builder.rules.helpers import months
from ectd_builder.rules.tables import table
from ectd_builder.stability.decision import (
    Change,
    case_key,
    first_change,
    limits_of,
    significant_change,
)
from ectd_builder.stability.facts import Extrapolation, stability_facts
from ectd_builder.stability.regression import (
    HORIZON_MONTHS,
    AttributeFit,
    Levels,
    Series,
    fit_attribute,
)

if TYPE_CHECKING:
    from ectd_builder.dossier.model import (
        Dossier,
        DrugProduct,
        DrugSubstance,
        Specification,
        SpecTest,
        Stability,
        StabilityStudy,
        StorageCondition,
    )


@dataclass(frozen=True)
class StudyEvaluation:
    """The evaluation of one long-term study (one condition, one container closure)."""

    study: str
    index: int  # position in stability.studies (for data paths)
    condition: StorageCondition
    container: Any  # LocalText of the study
    data_months: float
    outcome: str  # one of decision.OUTCOMES
    change: Change | None  # the significant change behind the outcome, if any
    case: Extrapolation
    cap_months: float
    statistics: bool  # at least one attribute could be fitted
    attributes: tuple[AttributeFit, ...]
    statistical_months: float | None  # earliest crossing over the attributes
    attribute: str | None  # test id of that crossing
    batch: str | None  # batch of that crossing; None when pooled (one line for all batches)
    supported_months: float  # whole months

    @property
    def limited_by_statistics(self) -> bool:
        """The confidence bound, not the extrapolation limit, sets the supported period."""
        return self.statistical_months is not None and self.statistical_months < self.cap_months


@dataclass(frozen=True)
class Evaluation:
    """All long-term studies of one owner, the claim and the governing study."""

    claim: str | None  # retest_period | shelf_life | None (nothing claimed)
    proposed_months: float | None
    studies: tuple[StudyEvaluation, ...]
    storage_category: str
    biologic: bool
    levels: Levels

    @property
    def governing(self) -> StudyEvaluation | None:
        """The study giving the shortest supported period (the first one on ties)."""
        return min(self.studies, key=lambda s: s.supported_months, default=None)

    @property
    def supported_months(self) -> float | None:
        gov = self.governing
        return None if gov is None else gov.supported_months

    @property
    def supported(self) -> bool | None:
        """Proposed <= supported; None when nothing is proposed or nothing can be evaluated."""
        if self.proposed_months is None or self.supported_months is None:
            return None
        return self.proposed_months <= self.supported_months + 1e-9

    @property
    def horizon_months(self) -> float:
        """How far the search for a crossing goes (a bound not met by then is reported as such)."""
        return HORIZON_MONTHS

    def fit(self, study: str, test: str) -> AttributeFit | None:
        """The regression of ``test`` in long-term study ``study`` (for the figures)."""
        for s in self.studies:
            if s.study == study:
                return next((a for a in s.attributes if a.test == test and a.fitted), None)
        return None


def condition_matches(c: StorageCondition, want: dict[str, Any]) -> bool:
    """A study condition equals a table condition (temperature within 0.5 °C, humidity within 0.5 %)."""
    if abs(c.temperature.value - float(want["temperature_c"])) > 0.5:
        return False
    if "humidity_rh" not in want:
        return True
    return c.humidity is not None and abs(c.humidity.value - float(want["humidity_rh"])) <= 0.5


def numeric_series(study: StabilityStudy, test_id: str) -> list[Series]:
    """The numerical results of ``test_id`` in ``study``, one series per batch (sorted by batch)."""
    out = []
    for res in study.results:
        if res.test != test_id or res.values is None:
            continue
        pairs = [(t, v) for t, v in zip(study.timepoints, res.values, strict=False) if v is not None]
        if pairs:
            out.append(Series(res.batch, tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)))
    return sorted(out, key=lambda s: s.batch)


def _container(study: StabilityStudy) -> str:
    """The container closure as its English text (packs are told apart by what the dossier calls them)."""
    words = study.container.get("en") or next(iter(study.container.values()), "")
    return " ".join(words.split()).lower()


def _same_pack(study: StabilityStudy, others: list[StabilityStudy]) -> list[StabilityStudy]:
    """Studies of the same container closure; all of them when none matches (data of another pack)."""
    same = [s for s in others if _container(s) == _container(study)]
    return same or others


def _outcome(
    lt: StabilityStudy,
    stability: Stability,
    tests: dict[str, SpecTest],
    *,
    product: bool,
) -> tuple[str, Change | None]:
    facts = stability_facts()
    kinds = {k: [s for s in stability.studies if s.condition.kind == k] for k in ("accelerated", "intermediate")}
    accelerated = _same_pack(lt, kinds["accelerated"])
    if not accelerated:
        return "no_accelerated_data", None
    changed = first_change(accelerated, tests, product=product, assay_change_pct=facts.assay_change_pct)
    if changed is None:
        return "no_significant_change", None
    if stability.storage_category != "room_temperature":
        return "significant_change_accelerated", changed
    intermediate = _same_pack(lt, kinds["intermediate"])
    inter_condition = table("q1a")["storage"]["room_temperature"]["intermediate"]
    if not intermediate and condition_matches(lt.condition, inter_condition):
        intermediate = [lt]  # long term at 30 °C / 65 % RH is the intermediate condition
    if not intermediate:
        return "significant_change_no_intermediate", changed
    at_inter = first_change(intermediate, tests, product=product, assay_change_pct=facts.assay_change_pct)
    if at_inter is not None:
        return "significant_change_intermediate", at_inter
    return "significant_change_accelerated", changed


def _floor(value: float) -> float:
    return float(math.floor(value + 1e-9))


def evaluate_study(
    index: int,
    study: StabilityStudy,
    stability: Stability,
    specification: Specification,
    *,
    product: bool,
    biologic: bool,
) -> StudyEvaluation:
    facts = stability_facts()
    tests = {t.id: t for t in specification.tests}
    fits = []
    for test in specification.tests:
        lim = limits_of(test)
        series = numeric_series(study, test.id)
        if lim.numeric and series:
            fits.append(fit_attribute(test.id, series, lim.lower, lim.upper, facts.levels))
    data_months = max(study.timepoints, default=0.0)
    outcome, change = _outcome(study, stability, tests, product=product)
    statistics = any(f.fitted for f in fits)
    case = facts.case(
        case_key(
            stability.storage_category,
            outcome,
            statistics=statistics,
            biologic=biologic,
        )
    )
    cap = case.limit(data_months)
    crossed = [f for f in fits if f.crossing is not None]
    first = min(crossed, key=lambda f: f.crossing or 0.0) if crossed else None
    statistical = None if first is None else first.crossing
    return StudyEvaluation(
        study=study.id,
        index=index,
        condition=study.condition,
        container=study.container,
        data_months=data_months,
        outcome=outcome,
        change=change,
        case=case,
        cap_months=cap,
        statistics=statistics,
        attributes=tuple(fits),
        statistical_months=statistical,
        attribute=None if first is None else first.test,
        batch=None if first is None else first.batch,
        supported_months=_floor(cap if statistical is None else min(cap, statistical)),
    )


def claim_field(stability: Stability, *, substance: bool) -> str | None:
    """The claimed period: retest period of a substance (else its shelf life), shelf life of a product."""
    if substance and stability.retest_period is not None:
        return "retest_period"
    return "shelf_life" if stability.shelf_life is not None else None


def evaluate(
    stability: Stability,
    specification: Specification,
    *,
    substance: bool,
    biologic: bool,
) -> Evaluation:
    """The Q1E (or, for biologics, Q5C) evaluation of every long-term study of one owner."""
    field = claim_field(stability, substance=substance)
    studies = tuple(
        evaluate_study(i, s, stability, specification, product=not substance, biologic=biologic)
        for i, s in enumerate(stability.studies)
        if s.condition.kind == "long_term"
    )
    proposed = months(getattr(stability, field)) if field else None
    return Evaluation(field, proposed, studies, stability.storage_category, biologic, stability_facts().levels)


@dataclass
class _Memo:
    """Evaluations of the last dossier seen: rules run once per jurisdiction and several documents
    print the same evaluation, so each owner is evaluated once per loaded dossier. The dossier is
    held (not only its id), so a new dossier is never mistaken for the old one."""

    dossier: Any = None
    results: dict[tuple[int, bool], Evaluation] | None = None


_MEMO = _Memo()


def evaluate_owner(dossier: Dossier, item: DrugSubstance | DrugProduct, *, substance: bool) -> Evaluation:
    """:func:`evaluate` for a drug substance or product of ``dossier`` (biologic: ICH Q5C applies)."""
    if _MEMO.dossier is not dossier or _MEMO.results is None:
        _MEMO.dossier, _MEMO.results = dossier, {}
    key = (id(item), substance)
    if key not in _MEMO.results:
        modality = getattr(item, "modality", None) if substance else dossier.product.modality
        biologic = modality == "biologic"
        _MEMO.results[key] = evaluate(item.stability, item.specification, substance=substance, biologic=biologic)
    return _MEMO.results[key]


__all__ = [
    "Evaluation",
    "StudyEvaluation",
    "claim_field",
    "condition_matches",
    "evaluate",
    "evaluate_owner",
    "numeric_series",
    "significant_change",
]
