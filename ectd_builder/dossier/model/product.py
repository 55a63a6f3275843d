"""The drug product (one 3.2.P block) and its excipients."""

from __future__ import annotations

from pydantic import Field

from ectd_builder.dossier.model.batches import Batch
from ectd_builder.dossier.model.common import Compendium, Entity, NamedEntity, Origin, Route
from ectd_builder.dossier.model.development import ElementalAssessment, ProcessValidation, ProductDevelopment
from ectd_builder.dossier.model.materials import ContainerClosure, MasterFileRef, TseStatus
from ectd_builder.dossier.model.methods import ReferenceStandard
from ectd_builder.dossier.model.parties import ManufacturerRole
from ectd_builder.dossier.model.process import Process
from ectd_builder.dossier.model.specification import Impurity, Specification
from ectd_builder.dossier.model.stability import Stability
from ectd_builder.dossier.types import (
    ComponentRef,
    ExcipientId,
    LocalText,
    Node,
    ProductId,
    Quantity,
    StrengthId,
    StrengthRef,
    SubstanceRef,
)


class Strength(Entity[StrengthId], noun="strength"):
    label: LocalText
    amount: Quantity
    description: LocalText | None = None


class CompositionLine(Node, noun="composition line"):
    """One component of the unit formula, with its amount per strength (3.2.P.1)."""

    component: ComponentRef
    function: LocalText
    standard: str = Field(description="Quality standard, e.g. 'Ph. Eur.', 'USP-NF', 'In-house'.")
    amounts: dict[StrengthRef, Quantity] = Field(description="Amount per unit, keyed by strength id.")
    overage: LocalText | None = None
    removed_during_processing: bool = False
    qs: bool = Field(default=False, description="Quantity sufficient (q.s.): the amount given is nominal.")


class BatchFormulaLine(Node, noun="batch formula line"):
    component: ComponentRef
    quantity: Quantity
    qs: bool = Field(default=False, description="Quantity sufficient (q.s.): the amount given is nominal.")


class BatchFormula(Node, noun="batch formula"):
    strength: StrengthRef
    batch_size: Quantity
    lines: list[BatchFormulaLine] = Field(min_length=1)


class DrugProduct(NamedEntity[ProductId], noun="drug product"):
    """A drug product, one dosage form (one 3.2.P block); strengths share the block."""

    dosage_form: LocalText = Field(description="Dosage form; the English text is the eCTD 'dosageform' attribute.")
    manufacturer_name: str | None = Field(default=None, description="eCTD 3.2.P 'manufacturer' attribute, if used.")
    route: Route
    description: LocalText
    substances: list[SubstanceRef] = Field(min_length=1)
    strengths: list[Strength] = Field(min_length=1)
    composition: list[CompositionLine] = Field(min_length=1)
    development: ProductDevelopment
    manufacturers: list[ManufacturerRole] = Field(min_length=1)
    batch_formulas: list[BatchFormula] = Field(min_length=1)
    process: Process
    process_validation: ProcessValidation
    specification: Specification
    impurities: list[Impurity] = Field(default_factory=list)
    elemental_impurities: ElementalAssessment | None = None
    batches: list[Batch] = Field(min_length=1)
    reference_standards: list[ReferenceStandard] = Field(default_factory=list)
    container_closure: ContainerClosure
    stability: Stability
    in_use: LocalText | None = None


class Excipient(NamedEntity[ExcipientId], noun="excipient"):
    """An excipient (3.2.P.4, one block each; novel excipients also in 3.2.A.3)."""

    function: LocalText
    grade: str | None = None
    compendia: list[Compendium] = Field(min_length=1)
    origin: Origin = "synthetic"
    supplier: str | None = None
    novel: bool = False
    tse: TseStatus | None = None
    master_files: list[MasterFileRef] = Field(default_factory=list)
    specification: Specification | None = Field(default=None, description="Needed when not compendial.")
    justification: LocalText | None = None
