"""The drug substance (one 3.2.S block)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ectd_builder.dossier.model.batches import Batch
from ectd_builder.dossier.model.common import Entity, NamedValue
from ectd_builder.dossier.model.development import Characterisation, ElementalAssessment, ProcessValidation, SubstanceDevelopment
from ectd_builder.dossier.model.materials import ContainerClosure, MasterFileRef, Material
from ectd_builder.dossier.model.methods import ReferenceStandard
from ectd_builder.dossier.model.parties import ManufacturerRole
from ectd_builder.dossier.model.process import Process
from ectd_builder.dossier.model.specification import Impurity, Specification
from ectd_builder.dossier.model.stability import Stability
from ectd_builder.dossier.types import AttachmentRef, LocalText, Node, Quantity, SubstanceId


class Nomenclature(Node, noun="nomenclature"):
    inn: str
    names: LocalText | None = Field(default=None, description="Name per language (e.g. JAN in ja, Chinese name in zh).")
    usan: str | None = None
    compendial: str | None = None
    chemical: LocalText | None = None
    cas: Annotated[str, StringConstraints(pattern=r"^\d{2,7}-\d{2}-\d$")] | None = None
    codes: list[str] = Field(default_factory=list)


class Structure(Node, noun="structure"):
    formula: str | None = None
    molecular_weight: Quantity
    smiles: str | None = None
    stereochemistry: LocalText | None = None
    sequence: LocalText | None = Field(default=None, description="Biologics: amino acid sequence description.")
    post_translational: LocalText | None = None
    figure: AttachmentRef | None = None


class Property(NamedValue, noun="property"):
    pass


class DrugSubstance(Entity[SubstanceId], noun="drug substance"):
    """A drug substance from one manufacturer (one 3.2.S block)."""

    modality: Literal["small_molecule", "biologic"]
    nomenclature: Nomenclature
    manufacturer_name: str = Field(description="Manufacturer name as the eCTD 3.2.S 'manufacturer' attribute.")
    structure: Structure
    properties: list[Property] = Field(min_length=1)
    manufacturers: list[ManufacturerRole] = Field(min_length=1)
    process: Process
    materials: list[Material] = Field(min_length=1)
    process_validation: ProcessValidation
    development: SubstanceDevelopment
    characterisation: Characterisation
    impurities: list[Impurity] = Field(default_factory=list)
    elemental_impurities: ElementalAssessment | None = None
    specification: Specification
    batches: list[Batch] = Field(min_length=1)
    reference_standards: list[ReferenceStandard] = Field(default_factory=list)
    container_closure: ContainerClosure
    stability: Stability
    master_files: list[MasterFileRef] = Field(default_factory=list)
