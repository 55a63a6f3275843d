"""Analytical procedures, their validation and reference standards."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ectd_builder.dossier.model.common import EstablishedCondition, NamedEntity, NamedValue, TitledEntity
from ectd_builder.dossier.types import AttachmentRef, LocalText, MethodId, Node, Range, StandardId


class ValidationCharacteristic(Node, noun="validation characteristic"):
    characteristic: Literal[
        "specificity",
        "response",
        "lower_range_limit",
        "accuracy",
        "repeatability",
        "intermediate_precision",
        "reproducibility",
        "robustness",
        "range",
        "solution_stability",
    ]
    result: LocalText
    acceptance: LocalText | None = None


class MethodValidation(Node, noun="method validation"):
    """Summary of an analytical procedure's validation (ICH Q2(R2))."""

    status: Literal["validated", "verified", "compendial"]
    characteristics: list[ValidationCharacteristic] = Field(default_factory=list)
    reportable_range: Range | None = None
    report: AttachmentRef | None = None


class MethodCondition(NamedValue, noun="method condition"):
    pass


class AnalyticalProcedure(TitledEntity[MethodId], noun="analytical procedure"):
    """An analytical procedure (3.2.S.4.2 / 3.2.P.5.2) and its validation (4.3 / 5.3)."""

    procedure_type: Literal["identification", "impurity_quantitative", "impurity_limit", "assay", "other"]
    technique: LocalText
    compendial: LocalText | None = Field(
        default=None, description="Compendial reference, e.g. 'Ph. Eur. 2.9.3'; a plain string or {en:, ja:, zh:}."
    )
    principle: LocalText
    conditions: list[MethodCondition] = Field(default_factory=list)
    system_suitability: LocalText | None = None
    validation: MethodValidation
    ec: EstablishedCondition | None = None


class ReferenceStandard(NamedEntity[StandardId], noun="reference standard"):
    type: Literal["primary", "working", "compendial"]
    source: LocalText
    lot: str
    characterisation: LocalText
