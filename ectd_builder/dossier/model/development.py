"""Development: CQAs in context, risk assessments, control strategy, process validation, characterisation."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ectd_builder.dossier.model.methods import MethodCondition
from ectd_builder.dossier.model.specification import Cqa
from ectd_builder.dossier.types import AttachmentRef, BatchRef, ControlRef, CqaRef, LocalText, Node


class RiskAssessment(Node, noun="risk assessment"):
    title: LocalText
    method: str
    conclusion: LocalText


class ControlStrategyLink(Node, noun="control strategy entry"):
    """How a CQA is controlled: parameters, in-process controls, material controls and tests."""

    cqa: CqaRef
    controls: list[ControlRef] = Field(min_length=1)
    summary: LocalText | None = None


class ProcessChange(Node, noun="process history entry"):
    version: str
    description: LocalText
    batches: list[BatchRef] = Field(default_factory=list)


class SubstanceDevelopment(Node, noun="substance development"):
    """ICH Q11 development narrative (3.2.S.2.6)."""

    narrative: LocalText
    cqas: list[Cqa] = Field(default_factory=list)
    risk_assessments: list[RiskAssessment] = Field(default_factory=list)
    history: list[ProcessChange] = Field(default_factory=list)
    control_strategy: list[ControlStrategyLink] = Field(default_factory=list)


class QtppElement(Node, noun="QTPP element"):
    attribute: LocalText
    target: LocalText
    justification: LocalText | None = None


class ProductDevelopment(Node, noun="pharmaceutical development"):
    """ICH Q8 pharmaceutical development (3.2.P.2), one narrative per M4Q sub-heading."""

    qtpp: list[QtppElement] = Field(min_length=1)
    cqas: list[Cqa] = Field(default_factory=list)
    components: LocalText
    formulation: LocalText
    overages: LocalText | None = None
    physicochemical: LocalText | None = None
    process: LocalText
    container_closure: LocalText
    microbiological: LocalText
    compatibility: LocalText | None = None
    risk_assessments: list[RiskAssessment] = Field(default_factory=list)
    control_strategy: list[ControlStrategyLink] = Field(default_factory=list)
    history: list[ProcessChange] = Field(default_factory=list)


class ValidationStudy(Node, noun="validation study"):
    title: LocalText
    scale: Literal["laboratory", "pilot", "production"]
    batches: list[BatchRef] = Field(default_factory=list)
    outcome: LocalText
    report: AttachmentRef | None = None


class ProcessValidation(Node, noun="process validation"):
    """Process validation and/or evaluation (3.2.S.2.5 / 3.2.P.3.5)."""

    approach: Literal["traditional", "continuous", "hybrid"]
    standard_process: bool = Field(description="False for non-standard processes (EMA PV guideline).")
    status: Literal["completed", "scheme"]
    summary: LocalText
    scheme: LocalText | None = Field(default=None, description="Process validation scheme (EU 3.2.R) if not completed.")
    studies: list[ValidationStudy] = Field(default_factory=list)


class Characterisation(Node, noun="characterisation"):
    narrative: LocalText
    evidence: list[MethodCondition] = Field(default_factory=list, description="Technique and finding pairs.")


class ElementalAssessment(Node, noun="elemental impurities assessment"):
    """ICH Q3D risk assessment summary."""

    option: Literal["1", "2a", "2b", "3"]
    elements_assessed: list[str] = Field(min_length=1)
    conclusion: LocalText
    controls_above_30_percent: list[str] = Field(default_factory=list)
