"""Appendices (3.2.A), attachments, ICH Q12 lifecycle management and literature."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ectd_builder.dossier.model.common import Entity, ReportingCategories, TitledEntity
from ectd_builder.dossier.types import (
    AttachmentId,
    AttachmentRef,
    EcRef,
    ExcipientRef,
    JurisdictionId,
    Lang,
    LocalText,
    Node,
    PacmpId,
    ProductRef,
    SiteRef,
    SubstanceRef,
)

AttachmentKind = Literal[
    "executed_batch_record",
    "master_batch_record",
    "letter_of_authorization",
    "letter_of_access",
    "cep",
    "registration_letter",
    "method_validation_package",
    "pv_scheme",
    "pv_report",
    "stability_chromatograms",
    "comparability_protocol",
    "flow_diagram",
    "certificate",
    "cover_letter",
    "application_form",
    "qp_declaration",
    "gmp_certificate",
    "report",
    "literature",
    "other",
]


class Facility(Node, noun="facility"):
    """Facilities and equipment (3.2.A.1), one per site."""

    site: SiteRef
    product: ProductRef | None = None
    substance: SubstanceRef | None = None
    description: LocalText
    equipment: LocalText
    contamination_control: LocalText


class ClearanceStudy(Node, noun="viral clearance study"):
    step: LocalText
    agent: str
    log_reduction: float
    lower_bound: bool = Field(default=False, description="True when the clearance is '≥' (no virus detected).")
    claimed: bool = Field(default=True, description="False when the step is not counted in the overall claim.")


class AdventitiousAgents(Node, noun="adventitious agents evaluation"):
    """Adventitious agents safety evaluation (3.2.A.2)."""

    substance: SubstanceRef | None = None
    product: ProductRef | None = None
    non_viral: LocalText
    viral: LocalText
    clearance_studies: list[ClearanceStudy] = Field(default_factory=list)


class Attachment(Entity[AttachmentId], noun="attachment"):
    """An existing file (PDF) placed at a CTD section: batch records, certificates, reports."""

    file: str = Field(description="Path inside the dossier folder.")
    section: str = Field(description="CTD section code, e.g. '3.2.R', '3.2.S.2.3', '1.2' (Module 1 per region).")
    title: LocalText
    substance: SubstanceRef | None = None
    product: ProductRef | None = None
    excipient: ExcipientRef | None = None
    jurisdictions: list[JurisdictionId] = Field(default_factory=list, description="Empty: every jurisdiction.")
    language: Lang = "en"
    kind: AttachmentKind | None = Field(default=None, description="What the document is (lets rules find it).")


class Pacmp(TitledEntity[PacmpId], noun="PACMP"):
    """A post-approval change management protocol (ICH Q12)."""

    change: LocalText
    conditions: list[EcRef] = Field(min_length=1)
    proposed_reporting: ReportingCategories


class Lifecycle(Node, noun="lifecycle management"):
    pacmps: list[Pacmp] = Field(default_factory=list)
    commitments: list[LocalText] = Field(default_factory=list)


class LiteratureReference(Node, noun="literature reference"):
    citation: str
    file: AttachmentRef | None = None
