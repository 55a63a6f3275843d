"""Materials, master-file references, TSE status and container closure systems."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ectd_builder.dossier.model.common import Compendium, NamedEntity, Origin
from ectd_builder.dossier.types import AttachmentRef, JurisdictionId, LocalText, MaterialId, Node, StepRef


class StartingMaterialJustification(Node, noun="starting material justification"):
    """ICH Q11 justification of a starting material."""

    commercially_available: bool
    rationale: LocalText
    purge: LocalText | None = None


class MasterFileRef(Node, noun="master file reference"):
    """A master-file reference: US DMF, EU ASMF or CEP, JP MF, CN registration (登记号)."""

    system: Literal["dmf", "asmf", "cep", "jp_mf", "cn_registration"]
    number: str
    holder: str
    letter: AttachmentRef | None = Field(default=None, description="Letter of authorisation/access or CEP copy.")
    jurisdictions: list[JurisdictionId] = Field(default_factory=list, description="Where it is used; empty: everywhere.")


class TseStatus(Node, noun="TSE status"):
    risk: Literal["none", "cep", "assessed"]
    statement: LocalText
    certificate: str | None = None


class Material(NamedEntity[MaterialId], noun="material"):
    """A material used to make a drug substance (3.2.S.2.3)."""

    role: Literal[
        "starting_material", "reagent", "solvent", "catalyst", "raw_material", "cell_bank", "culture_medium", "resin", "filter"
    ]
    steps: list[StepRef] = Field(default_factory=list)
    grade: str | None = None
    supplier: str | None = None
    origin: Origin = "synthetic"
    quality: LocalText
    q3c_class: Literal[1, 2, 3] | None = None
    justification: StartingMaterialJustification | None = None
    master_files: list[MasterFileRef] = Field(default_factory=list)
    tse: TseStatus | None = None


class ContainerComponent(Node, noun="container closure component"):
    name: LocalText
    material: LocalText
    packaging: Literal["primary", "secondary"] = "primary"
    functional: bool = False
    compendia: list[Compendium] = Field(default_factory=list)
    specification: LocalText | None = None
    master_files: list[MasterFileRef] = Field(default_factory=list)


class ContainerClosure(Node, noun="container closure system"):
    description: LocalText
    components: list[ContainerComponent] = Field(min_length=1)
    suitability: LocalText | None = None
