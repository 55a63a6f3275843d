"""The dossier model: CMC process knowledge described by what things are, not by section number.

A dossier is ``dossier.yaml`` plus the files it includes. The model describes substances,
products, sites, materials, process steps and parameters, controls, specifications, methods,
batches and stability studies. The CTD table (:mod:`ectd_builder.ctd`) maps these things to CTD
sections, so a new CTD layout (ICH M4Q(R2)) is a mapping change, not a model change.

This package is the single source of truth for the dossier format: the published JSON Schema
(``schemas/``) is generated from it (``python -m ectd_builder.dossier.schema_export``).

The model is split by subject into the modules of this package; every name is importable from
``ectd_builder.dossier.model``.
"""

from ectd_builder.dossier.model.appendices import (
    AdventitiousAgents,
    Attachment,
    AttachmentKind,
    ClearanceStudy,
    Facility,
    Lifecycle,
    LiteratureReference,
    Pacmp,
)
from ectd_builder.dossier.model.applications import (
    Applications,
    EmaApplication,
    FdaApplication,
    NmpaApplication,
    PmdaApplication,
    ProductProfile,
)
from ectd_builder.dossier.model.batches import Batch, BatchResult
from ectd_builder.dossier.model.common import (
    Compendium,
    EstablishedCondition,
    JpChangeClass,
    Modality,
    Origin,
    ReportingCategories,
    Route,
    Zone,
)
from ectd_builder.dossier.model.development import (
    Characterisation,
    ControlStrategyLink,
    ElementalAssessment,
    ProcessChange,
    ProcessValidation,
    ProductDevelopment,
    QtppElement,
    RiskAssessment,
    SubstanceDevelopment,
    ValidationStudy,
)
from ectd_builder.dossier.model.dossier import FORMAT_VERSION, Collections, Dossier, Fragment
from ectd_builder.dossier.model.materials import (
    ContainerClosure,
    ContainerComponent,
    MasterFileRef,
    Material,
    StartingMaterialJustification,
    TseStatus,
)
from ectd_builder.dossier.model.methods import (
    AnalyticalProcedure,
    MethodCondition,
    MethodValidation,
    ReferenceStandard,
    ValidationCharacteristic,
)
from ectd_builder.dossier.model.parties import Address, Applicant, Contact, ManufacturerRole, Site, SiteIdentifiers, SiteRole
from ectd_builder.dossier.model.process import InProcessControl, Intermediate, Process, ProcessParameter, ProcessStep
from ectd_builder.dossier.model.product import BatchFormula, BatchFormulaLine, CompositionLine, DrugProduct, Excipient, Strength
from ectd_builder.dossier.model.specification import (
    Cqa,
    Criterion,
    EarlierCriterion,
    Impurity,
    Specification,
    SpecificationVersion,
    SpecTest,
    TestCategory,
)
from ectd_builder.dossier.model.stability import Stability, StabilityStudy, StabilityValues, StorageCondition
from ectd_builder.dossier.model.substance import DrugSubstance, Nomenclature, Property, Structure
from ectd_builder.dossier.types import Quantity, Range

__all__ = [
    "Address",
    "AdventitiousAgents",
    "AnalyticalProcedure",
    "Applicant",
    "Applications",
    "Attachment",
    "AttachmentKind",
    "Batch",
    "BatchFormula",
    "BatchFormulaLine",
    "BatchResult",
    "Characterisation",
    "ClearanceStudy",
    "Collections",
    "Compendium",
    "CompositionLine",
    "Contact",
    "ContainerClosure",
    "ContainerComponent",
    "ControlStrategyLink",
    "Cqa",
    "Criterion",
    "Dossier",
    "DrugProduct",
    "DrugSubstance",
    "EarlierCriterion",
    "ElementalAssessment",
    "EmaApplication",
    "EstablishedCondition",
    "Excipient",
    "FORMAT_VERSION",
    "Facility",
    "FdaApplication",
    "Fragment",
    "Impurity",
    "InProcessControl",
    "Intermediate",
    "JpChangeClass",
    "Lifecycle",
    "LiteratureReference",
    "ManufacturerRole",
    "MasterFileRef",
    "Material",
    "MethodCondition",
    "MethodValidation",
    "Modality",
    "NmpaApplication",
    "Nomenclature",
    "Origin",
    "Pacmp",
    "PmdaApplication",
    "Process",
    "ProcessChange",
    "ProcessParameter",
    "ProcessStep",
    "ProcessValidation",
    "ProductDevelopment",
    "ProductProfile",
    "Property",
    "QtppElement",
    "Quantity",
    "Range",
    "ReferenceStandard",
    "ReportingCategories",
    "RiskAssessment",
    "Route",
    "Site",
    "SiteIdentifiers",
    "SiteRole",
    "SpecTest",
    "Specification",
    "SpecificationVersion",
    "Stability",
    "StabilityStudy",
    "StabilityValues",
    "StartingMaterialJustification",
    "StorageCondition",
    "Strength",
    "Structure",
    "SubstanceDevelopment",
    "TestCategory",
    "TseStatus",
    "ValidationCharacteristic",
    "ValidationStudy",
    "Zone",
]
