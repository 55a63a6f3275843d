"""Wording of the stability rules: which study, pack, attribute and batch a finding is about, and
whether a summary says that no significant change occurred (phrases in jurisdictions/ich/q1a.yaml)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ectd_builder.rules.helpers import SpecOwner, fmt, text
from ectd_builder.rules.tables import table

if TYPE_CHECKING:
    from ectd_builder.dossier.model import StorageCondition
    from ectd_builder.stability.decision import Change
    from ectd_builder.stability.evaluate import StudyEvaluation


def condition_text(c: StorageCondition) -> str:
    rh = f" / {fmt(c.humidity.value)}% RH" if c.humidity is not None else ""
    return f"{fmt(c.temperature.value)} °C{rh}"


def _batch(owner: SpecOwner, batch: str | None) -> str:
    numbers = {b.id: b.number for b in owner.item.batches}
    return f"batch {numbers.get(batch, batch)}" if batch else "pooled batches"


def _test(owner: SpecOwner, test_id: str | None) -> str:
    return next((text(t.test) for t in owner.spec.tests if t.id == test_id), test_id or "")


def governing_text(owner: SpecOwner, gov: StudyEvaluation) -> str:
    """Which study, condition, container closure, attribute and batch give the supported figure."""
    where = f"long-term study {gov.study} ({condition_text(gov.condition)}, {text(gov.container)})"
    if gov.limited_by_statistics and gov.statistical_months is not None:
        return (
            f"in {where} the confidence bound of {_test(owner, gov.attribute)} ({_batch(owner, gov.batch)}) meets "
            f"its acceptance criterion at {fmt(round(gov.statistical_months, 1))} months"
        )
    return (
        f"{where} covers {fmt(gov.data_months)} months and the ICH Q1E/Q5C case "
        f"'{gov.case.case.replace('_', ' ')}' allows at most {fmt(gov.cap_months)} months"
    )


def change_text(owner: SpecOwner, change: Change, assay_change_pct: float) -> str:
    """Where a significant change shows (study, test, batch) and why."""
    if change.reason == "declared":
        return f"study {change.study} declares a significant change"
    why = (
        "is outside its acceptance criterion"
        if change.reason == "out_of_criterion"
        else f"moved by {fmt(assay_change_pct)} % or more from its initial value"
    )
    return f"in study {change.study} {_test(owner, change.test)} of {_batch(owner, change.batch)} {why}"


def says_no_significant_change(summary: dict[Any, str]) -> str | None:
    """The first language whose summary text says that no significant change occurred."""
    phrases = table("q1a")["significant_change"]["narrative_no_change"]
    for lang in sorted(summary):
        if any(re.search(p, summary[lang], flags=re.IGNORECASE) for p in phrases.get(lang, [])):
            return str(lang)
    return None
