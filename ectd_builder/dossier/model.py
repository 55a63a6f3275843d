"""The dossier model: CMC process knowledge described by what things are, not by section number.

A dossier is ``dossier.yaml`` plus the files it includes. The model describes substances,
products, sites, materials, process steps and parameters, controls, specifications, methods,
batches and stability studies. The CTD table (:mod:`ectd_builder.ctd`) maps these things to CTD
sections, so a new CTD layout (ICH M4Q(R2)) is a mapping change, not a model change.

This module is the single source of truth for the dossier format: the published JSON Schema
(``schemas/``) is generated from it (``python -m ectd_builder.dossier.schema_export``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from ectd_builder.dossier.types import (
    AttachmentId,
    AttachmentRef,
    BatchId,
    BatchRef,
    ComponentRef,
    ControlRef,
    CqaId,
    CqaRef,
    Dose,
    EcRef,
    ExcipientId,
    ExcipientRef,
    ImpurityId,
    ImpurityRef,
    InputRef,
    IntermediateId,
    IpcId,
    JurisdictionId,
    Lang,
    LocalText,
    MaterialId,
    MethodId,
    MethodRef,
    Node,
    PacmpId,
    ParameterId,
    ProductId,
    ProductRef,
    Quantity,
    Range,
    SiteId,
    SiteRef,
    SpecificationId,
    StandardId,
    StepId,
    StepRef,
    StrengthId,
    StrengthRef,
    StudyId,
    SubstanceId,
    SubstanceRef,
    TestId,
    TestRef,
    TimePoint,
    Unit,
    parameter_range_error,
)

FORMAT_VERSION = "ectd-builder/1"

Modality = Literal["small_molecule", "biologic"]
Route = Literal["oral", "parenteral", "inhalation", "cutaneous", "ophthalmic", "nasal", "rectal", "vaginal"]
Compendium = Literal["ph_eur", "usp_nf", "jp", "jpe", "chp", "in_house"]
Origin = Literal["synthetic", "mineral", "plant", "animal", "human", "recombinant", "microbial", "semi_synthetic"]
Zone = Literal["I", "II", "III", "IVa", "IVb"]

# --------------------------------------------------------------------------------------------
# Organisations and sites
# --------------------------------------------------------------------------------------------


class Address(Node):
    """A postal address; ``localized`` gives the whole address as agencies want it written."""

    noun: ClassVar[str] = "address"
    street: str
    city: str
    postal_code: str | None = None
    region: str | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        description="ISO 3166-1 alpha-2 country code, e.g. DE, US, JP, CN."
    )
    localized: LocalText | None = Field(default=None, description="Full address per language (e.g. zh for NMPA).")


class Contact(Node):
    noun: ClassVar[str] = "contact"
    name: str
    role: Literal["regulatory", "technical", "us_agent", "promotional"] = "regulatory"
    phone: str
    phone_type: Literal["business", "fax", "mobile"] = "business"
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class Applicant(Node):
    noun: ClassVar[str] = "applicant"
    name: LocalText
    address: Address
    contacts: list[Contact] = Field(default_factory=list)


SiteRole = Literal[
    "drug_substance_manufacture",
    "intermediate_manufacture",
    "drug_product_manufacture",
    "primary_packaging",
    "secondary_packaging",
    "testing",
    "stability_testing",
    "batch_release",
    "storage",
    "cell_bank_storage",
    "sterilisation",
]


class SiteIdentifiers(Node):
    """Registry numbers of a site, as each agency asks for them."""

    noun: ClassVar[str] = "site identifiers"
    fei: Annotated[str, StringConstraints(pattern=r"^\d{7,10}$")] | None = Field(
        default=None, description="FDA Establishment Identifier."
    )
    duns: Annotated[str, StringConstraints(pattern=r"^\d{9}$")] | None = Field(
        default=None, description="D-U-N-S number (9 digits)."
    )
    oms_location: str | None = Field(default=None, description="EMA OMS location identifier (LOC-...).")
    jp_accreditation: str | None = Field(default=None, description="Japanese foreign manufacturer accreditation number.")
    cn_license: str | None = Field(default=None, description="Chinese manufacturing licence number (生产许可证).")


class Site(Node):
    """A manufacturing, packaging, testing or release site."""

    noun: ClassVar[str] = "site"
    id: SiteId
    name: LocalText
    address: Address
    roles: list[SiteRole] = Field(min_length=1)
    identifiers: SiteIdentifiers = Field(default_factory=SiteIdentifiers)
    gmp_certificate: AttachmentRef | None = None


class ManufacturerRole(Node):
    """A site's part in making a substance or product (feeds 3.2.S.2.1 / 3.2.P.3.1)."""

    noun: ClassVar[str] = "manufacturer"
    site: SiteRef
    responsibilities: LocalText


# --------------------------------------------------------------------------------------------
# Lifecycle data (ICH Q12) attached to parameters, controls and tests
# --------------------------------------------------------------------------------------------


class ReportingCategories(Node):
    """What a change to an established condition needs in each region."""

    noun: ClassVar[str] = "reporting categories"
    fda: Literal["PAS", "CBE-30", "CBE-0", "AR"] | None = None
    ema: Literal["II", "IB", "IA", "IAIN"] | None = None
    pmda: Literal["partial_change", "moderate_change", "minor_change"] | None = None
    nmpa: Literal["major", "moderate", "minor"] | None = None


class EstablishedCondition(Node):
    """ICH Q12 established-condition flag with its reporting category per region."""

    noun: ClassVar[str] = "established condition"
    is_ec: bool = True
    approach: Literal["parameter_based", "enhanced", "performance_based"] | None = None
    reporting: ReportingCategories = Field(default_factory=ReportingCategories)
    rationale: LocalText | None = None


JpChangeClass = Literal["partial_change", "moderate_change", "minor_change", "not_registered"]

# --------------------------------------------------------------------------------------------
# Quality attributes, controls, specifications
# --------------------------------------------------------------------------------------------


class Criterion(Node):
    """An acceptance criterion: numeric limits with a unit, a wording, or both."""

    noun: ClassVar[str] = "acceptance criterion"
    min: float | None = None
    max: float | None = None
    unit: Unit | None = None
    text: LocalText | None = Field(default=None, description="Exact wording, e.g. 'White, round tablet'.")

    @model_validator(mode="after")
    def _complete(self) -> Criterion:
        if self.min is None and self.max is None and self.text is None:
            raise PydanticCustomError("criterion_empty", "give min and/or max (with unit), or a text")
        if (self.min is not None or self.max is not None) and self.unit is None:
            raise PydanticCustomError("criterion_unit", "a numeric limit needs its unit")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError("range_order", "min ({low}) is above max ({high})", {"low": self.min, "high": self.max})
        return self


class Cqa(Node):
    """A critical quality attribute and why it is critical."""

    noun: ClassVar[str] = "CQA"
    id: CqaId
    attribute: LocalText
    target: LocalText | None = None
    rationale: LocalText
    tests: list[TestRef] = Field(default_factory=list, description="Specification tests that control it.")


TestCategory = Literal[
    "description",
    "identification",
    "assay",
    "impurities",
    "degradation_products",
    "residual_solvents",
    "elemental_impurities",
    "water",
    "dissolution",
    "disintegration",
    "uniformity_of_dosage_units",
    "microbial_limits",
    "sterility",
    "endotoxins",
    "particulate_matter",
    "ph",
    "osmolality",
    "extractable_volume",
    "particle_size",
    "polymorphic_form",
    "chiral_purity",
    "potency",
    "protein_content",
    "purity_size_variants",
    "purity_charge_variants",
    "host_cell_protein",
    "host_cell_dna",
    "glycosylation",
    "container_closure_integrity",
    "appearance_of_solution",
    "hardness",
    "friability",
    "other",
]


class SpecTest(Node):
    """One line of a specification: test, method, release and shelf-life criteria."""

    noun: ClassVar[str] = "specification test"
    id: TestId
    test: LocalText
    category: TestCategory
    method: MethodRef
    release: Criterion
    shelf_life: Criterion | None = Field(default=None, description="Only when it differs from release.")
    impurity: ImpurityRef | None = None
    decimals: int | None = Field(default=None, ge=0, le=6, description="Decimals to report results with (ICH Q3A/Q3B).")
    ec: EstablishedCondition | None = None
    jp_change_class: JpChangeClass | None = None


class EarlierCriterion(Node):
    """A release criterion as an earlier version of the specification gave it."""

    noun: ClassVar[str] = "earlier criterion"
    test: TestRef
    release: Criterion


class SpecificationVersion(Node):
    """An earlier version of a specification: only what differed from the current one."""

    noun: ClassVar[str] = "specification version"
    version: str
    effective: dt.date | None = Field(default=None, description="Date the version came into force.")
    description: LocalText | None = Field(default=None, description="What the version was for and why it changed.")
    criteria: list[EarlierCriterion] = Field(default_factory=list, description="Criteria that differed.")
    omitted: list[TestRef] = Field(default_factory=list, description="Current tests that version did not contain.")


class Specification(Node):
    noun: ClassVar[str] = "specification"
    id: SpecificationId
    title: LocalText | None = None
    version: str | None = Field(default=None, description="Version of this (current) specification, e.g. '3'.")
    tests: list[SpecTest] = Field(min_length=1)
    justification: LocalText
    earlier_versions: list[SpecificationVersion] = Field(
        default_factory=list, description="Earlier versions that batches in this dossier were tested against."
    )


class Impurity(Node):
    """An actual or potential impurity with its origin and qualification."""

    noun: ClassVar[str] = "impurity"
    id: ImpurityId
    name: LocalText
    type: Literal[
        "organic", "degradation_product", "residual_solvent", "elemental", "mutagenic", "product_related", "process_related"
    ]
    origin: LocalText
    structure: str | None = Field(default=None, description="Molecular formula or SMILES.")
    identified: bool = True
    specified: bool = True
    m7_class: Literal[1, 2, 3, 4, 5] | None = None
    acceptable_intake: Quantity | None = Field(default=None, description="ICH M7 acceptable intake, e.g. µg/day.")
    qualified_level: Quantity | None = Field(default=None, description="Level qualified by safety studies.")
    qualification: LocalText | None = Field(default=None, description="Study or rationale supporting the qualified level.")
    q3c_class: Literal[1, 2, 3] | None = None


class ValidationCharacteristic(Node):
    noun: ClassVar[str] = "validation characteristic"
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


class MethodValidation(Node):
    """Summary of an analytical procedure's validation (ICH Q2(R2))."""

    noun: ClassVar[str] = "method validation"
    status: Literal["validated", "verified", "compendial"]
    characteristics: list[ValidationCharacteristic] = Field(default_factory=list)
    reportable_range: Range | None = None
    report: AttachmentRef | None = None


class MethodCondition(Node):
    noun: ClassVar[str] = "method condition"
    name: LocalText
    value: LocalText


class AnalyticalProcedure(Node):
    """An analytical procedure (3.2.S.4.2 / 3.2.P.5.2) and its validation (4.3 / 5.3)."""

    noun: ClassVar[str] = "analytical procedure"
    id: MethodId
    title: LocalText
    procedure_type: Literal["identification", "impurity_quantitative", "impurity_limit", "assay", "other"]
    technique: str
    compendial: str | None = Field(default=None, description="Compendial reference, e.g. 'Ph. Eur. 2.9.3'.")
    principle: LocalText
    conditions: list[MethodCondition] = Field(default_factory=list)
    system_suitability: LocalText | None = None
    validation: MethodValidation
    ec: EstablishedCondition | None = None


class ReferenceStandard(Node):
    noun: ClassVar[str] = "reference standard"
    id: StandardId
    name: LocalText
    type: Literal["primary", "working", "compendial"]
    source: LocalText
    lot: str
    characterisation: LocalText


class ContainerComponent(Node):
    noun: ClassVar[str] = "container closure component"
    name: LocalText
    material: LocalText
    packaging: Literal["primary", "secondary"] = "primary"
    functional: bool = False
    compendia: list[Compendium] = Field(default_factory=list)
    specification: LocalText | None = None
    master_files: list[MasterFileRef] = Field(default_factory=list)


class ContainerClosure(Node):
    noun: ClassVar[str] = "container closure system"
    description: LocalText
    components: list[ContainerComponent] = Field(min_length=1)
    suitability: LocalText | None = None


# --------------------------------------------------------------------------------------------
# Process
# --------------------------------------------------------------------------------------------


class ProcessParameter(Node):
    """A process parameter with its ranges and criticality (ICH Q8/Q11)."""

    noun: ClassVar[str] = "process parameter"
    id: ParameterId
    name: LocalText
    set_point: Quantity | None = None
    nor: Range | None = Field(default=None, description="Normal operating range.")
    par: Range | None = Field(default=None, description="Proven acceptable range.")
    classification: Literal["CPP", "KPP", "non-critical"]
    affects: list[CqaRef] = Field(default_factory=list)
    justification: LocalText | None = None
    ec: EstablishedCondition | None = None
    jp_change_class: JpChangeClass | None = None

    @model_validator(mode="after")
    def _ranges_fit(self) -> ProcessParameter:
        error = parameter_range_error(self.set_point, self.nor, self.par)
        if error is not None:
            raise error
        return self


class InProcessControl(Node):
    noun: ClassVar[str] = "in-process control"
    id: IpcId
    test: LocalText
    criterion: Criterion
    frequency: LocalText | None = None
    method: MethodRef | None = None
    ec: EstablishedCondition | None = None
    jp_change_class: JpChangeClass | None = None


class ProcessStep(Node):
    """A unit operation of the manufacturing process."""

    noun: ClassVar[str] = "process step"
    id: StepId
    number: str
    name: LocalText
    unit_operation: str
    description: LocalText
    inputs: list[InputRef] = Field(default_factory=list)
    equipment: LocalText | None = None
    critical: bool = False
    parameters: list[ProcessParameter] = Field(default_factory=list)
    controls: list[InProcessControl] = Field(default_factory=list)
    yield_range: Range | None = None
    hold_time: Quantity | None = None
    jp_change_class: JpChangeClass | None = None


class Intermediate(Node):
    noun: ClassVar[str] = "intermediate"
    id: IntermediateId
    name: LocalText
    step: StepRef
    isolated: bool = True
    tests: list[SpecTest] = Field(default_factory=list)


class Process(Node):
    """Manufacturing process: narrative plus structured steps (3.2.S.2.2 / 3.2.P.3.3)."""

    noun: ClassVar[str] = "manufacturing process"
    description: LocalText
    flow_diagram: AttachmentRef | None = None
    batch_scale: LocalText | None = None
    steps: list[ProcessStep] = Field(min_length=1)
    intermediates: list[Intermediate] = Field(default_factory=list)
    reprocessing: LocalText | None = None


class StartingMaterialJustification(Node):
    """ICH Q11 justification of a starting material."""

    noun: ClassVar[str] = "starting material justification"
    commercially_available: bool
    rationale: LocalText
    purge: LocalText | None = None


class MasterFileRef(Node):
    """A master-file reference: US DMF, EU ASMF or CEP, JP MF, CN registration (登记号)."""

    noun: ClassVar[str] = "master file reference"
    system: Literal["dmf", "asmf", "cep", "jp_mf", "cn_registration"]
    number: str
    holder: str
    letter: AttachmentRef | None = Field(default=None, description="Letter of authorisation/access or CEP copy.")
    jurisdictions: list[JurisdictionId] = Field(default_factory=list, description="Where it is used; empty: everywhere.")


class TseStatus(Node):
    noun: ClassVar[str] = "TSE status"
    risk: Literal["none", "cep", "assessed"]
    statement: LocalText
    certificate: str | None = None


class Material(Node):
    """A material used to make a drug substance (3.2.S.2.3)."""

    noun: ClassVar[str] = "material"
    id: MaterialId
    name: LocalText
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


# --------------------------------------------------------------------------------------------
# Batches and stability
# --------------------------------------------------------------------------------------------


class BatchResult(Node):
    noun: ClassVar[str] = "batch result"
    test: TestRef
    value: float | None = None
    text: LocalText | None = Field(default=None, description="Reported result as text, e.g. 'Complies' or '< 0.05'.")
    justification: LocalText | None = Field(
        default=None, description="Why a result outside its criterion is acceptable (investigation, disposition)."
    )

    @model_validator(mode="after")
    def _has_result(self) -> BatchResult:
        if self.value is None and self.text is None:
            raise PydanticCustomError("result_empty", "give the result as value or text")
        return self


class Batch(Node):
    """A manufactured batch and its analytical results (3.2.S.4.4 / 3.2.P.5.4)."""

    noun: ClassVar[str] = "batch"
    id: BatchId
    number: str
    site: SiteRef
    manufactured: dt.date
    size: Quantity
    scale: Literal["laboratory", "pilot", "production"]
    uses: list[
        Literal["nonclinical", "clinical", "stability", "validation", "bioequivalence", "registration_testing", "development"]
    ] = Field(min_length=1)
    strength: StrengthRef | None = None
    process_version: str | None = None
    specification_version: str | None = Field(
        default=None, description="Version of the specification the batch was tested against (default: the current one)."
    )
    source_batches: list[BatchRef] = Field(default_factory=list, description="Drug substance batches used.")
    results: list[BatchResult] = Field(default_factory=list)


class StorageCondition(Node):
    noun: ClassVar[str] = "storage condition"
    kind: Literal["long_term", "intermediate", "accelerated", "stress", "photostability", "freeze_thaw", "in_use"]
    temperature: Quantity
    temperature_tolerance: float | None = None
    humidity: Quantity | None = None
    humidity_tolerance: float | None = None
    orientation: Literal["upright", "inverted", "horizontal"] | None = None


class StabilityValues(Node):
    """One batch x test series: one value per time point of the study (null = not tested)."""

    noun: ClassVar[str] = "stability results"
    batch: BatchRef
    test: TestRef
    values: list[float | None] | None = None
    texts: list[str | None] | None = Field(default=None, description="Results as text, e.g. 'Complies'.")

    @model_validator(mode="after")
    def _one_kind(self) -> StabilityValues:
        if (self.values is None) == (self.texts is None):
            raise PydanticCustomError("stability_values", "give either values (numbers) or texts, one per time point")
        return self


class StabilityStudy(Node):
    noun: ClassVar[str] = "stability study"
    id: StudyId
    condition: StorageCondition
    container: LocalText
    batches: list[BatchRef] = Field(min_length=1)
    timepoints: list[TimePoint] = Field(min_length=1, description="Time points in months.")
    planned_timepoints: list[TimePoint] = Field(default_factory=list, description="Future pulls (months).")
    results: list[StabilityValues] = Field(default_factory=list)
    significant_change: bool | None = Field(
        default=None, description="ICH Q1A(R2) significant change observed; absent = derived from the results."
    )

    @model_validator(mode="after")
    def _aligned(self) -> StabilityStudy:
        for series in self.results:
            got = len(series.values if series.values is not None else series.texts or [])
            if got != len(self.timepoints):
                raise PydanticCustomError(
                    "stability_length",
                    "batch {batch} test {test}: {got} results for {want} time points",
                    {"batch": series.batch, "test": series.test, "got": got, "want": len(self.timepoints)},
                )
        return self


class Stability(Node):
    """Stability summary, commitment and data (3.2.S.7 / 3.2.P.8)."""

    noun: ClassVar[str] = "stability"
    summary: LocalText
    storage_statement: LocalText
    shelf_life: Quantity | None = Field(default=None, description="Shelf life (drug product) in months.")
    retest_period: Quantity | None = Field(default=None, description="Retest period (drug substance) in months.")
    storage_category: Literal["room_temperature", "refrigerated", "frozen"] = "room_temperature"
    stress_studies: LocalText | None = None
    commitment: LocalText
    post_approval_protocol: LocalText
    studies: list[StabilityStudy] = Field(min_length=1)


# --------------------------------------------------------------------------------------------
# Development
# --------------------------------------------------------------------------------------------


class RiskAssessment(Node):
    noun: ClassVar[str] = "risk assessment"
    title: LocalText
    method: str
    conclusion: LocalText


class ControlStrategyLink(Node):
    """How a CQA is controlled: parameters, in-process controls, material controls and tests."""

    noun: ClassVar[str] = "control strategy entry"
    cqa: CqaRef
    controls: list[ControlRef] = Field(min_length=1)
    summary: LocalText | None = None


class ProcessChange(Node):
    noun: ClassVar[str] = "process history entry"
    version: str
    description: LocalText
    batches: list[BatchRef] = Field(default_factory=list)


class SubstanceDevelopment(Node):
    """ICH Q11 development narrative (3.2.S.2.6)."""

    noun: ClassVar[str] = "substance development"
    narrative: LocalText
    cqas: list[Cqa] = Field(default_factory=list)
    risk_assessments: list[RiskAssessment] = Field(default_factory=list)
    history: list[ProcessChange] = Field(default_factory=list)
    control_strategy: list[ControlStrategyLink] = Field(default_factory=list)


class QtppElement(Node):
    noun: ClassVar[str] = "QTPP element"
    attribute: LocalText
    target: LocalText
    justification: LocalText | None = None


class ProductDevelopment(Node):
    """ICH Q8 pharmaceutical development (3.2.P.2), one narrative per M4Q sub-heading."""

    noun: ClassVar[str] = "pharmaceutical development"
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


class ValidationStudy(Node):
    noun: ClassVar[str] = "validation study"
    title: LocalText
    scale: Literal["laboratory", "pilot", "production"]
    batches: list[BatchRef] = Field(default_factory=list)
    outcome: LocalText
    report: AttachmentRef | None = None


class ProcessValidation(Node):
    """Process validation and/or evaluation (3.2.S.2.5 / 3.2.P.3.5)."""

    noun: ClassVar[str] = "process validation"
    approach: Literal["traditional", "continuous", "hybrid"]
    standard_process: bool = Field(description="False for non-standard processes (EMA PV guideline).")
    status: Literal["completed", "scheme"]
    summary: LocalText
    scheme: LocalText | None = Field(default=None, description="Process validation scheme (EU 3.2.R) if not completed.")
    studies: list[ValidationStudy] = Field(default_factory=list)


class Characterisation(Node):
    noun: ClassVar[str] = "characterisation"
    narrative: LocalText
    evidence: list[MethodCondition] = Field(default_factory=list, description="Technique and finding pairs.")


class ElementalAssessment(Node):
    """ICH Q3D risk assessment summary."""

    noun: ClassVar[str] = "elemental impurities assessment"
    option: Literal["1", "2a", "2b", "3"]
    elements_assessed: list[str] = Field(min_length=1)
    conclusion: LocalText
    controls_above_30_percent: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Drug substance and drug product
# --------------------------------------------------------------------------------------------


class Nomenclature(Node):
    noun: ClassVar[str] = "nomenclature"
    inn: str
    names: LocalText | None = Field(default=None, description="Name per language (e.g. JAN in ja, Chinese name in zh).")
    usan: str | None = None
    compendial: str | None = None
    chemical: LocalText | None = None
    cas: Annotated[str, StringConstraints(pattern=r"^\d{2,7}-\d{2}-\d$")] | None = None
    codes: list[str] = Field(default_factory=list)


class Structure(Node):
    noun: ClassVar[str] = "structure"
    formula: str | None = None
    molecular_weight: Quantity
    smiles: str | None = None
    stereochemistry: LocalText | None = None
    sequence: LocalText | None = Field(default=None, description="Biologics: amino acid sequence description.")
    post_translational: LocalText | None = None
    figure: AttachmentRef | None = None


class Property(Node):
    noun: ClassVar[str] = "property"
    name: LocalText
    value: LocalText


class DrugSubstance(Node):
    """A drug substance from one manufacturer (one 3.2.S block)."""

    noun: ClassVar[str] = "drug substance"
    id: SubstanceId
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


class Strength(Node):
    noun: ClassVar[str] = "strength"
    id: StrengthId
    label: LocalText
    amount: Quantity
    description: LocalText | None = None


class CompositionLine(Node):
    """One component of the unit formula, with its amount per strength (3.2.P.1)."""

    noun: ClassVar[str] = "composition line"
    component: ComponentRef
    function: LocalText
    standard: str = Field(description="Quality standard, e.g. 'Ph. Eur.', 'USP-NF', 'In-house'.")
    amounts: dict[StrengthRef, Quantity] = Field(description="Amount per unit, keyed by strength id.")
    overage: LocalText | None = None
    removed_during_processing: bool = False
    qs: bool = Field(default=False, description="Quantity sufficient (q.s.): the amount given is nominal.")


class BatchFormulaLine(Node):
    noun: ClassVar[str] = "batch formula line"
    component: ComponentRef
    quantity: Quantity
    qs: bool = Field(default=False, description="Quantity sufficient (q.s.): the amount given is nominal.")


class BatchFormula(Node):
    noun: ClassVar[str] = "batch formula"
    strength: StrengthRef
    batch_size: Quantity
    lines: list[BatchFormulaLine] = Field(min_length=1)


class DrugProduct(Node):
    """A drug product, one dosage form (one 3.2.P block); strengths share the block."""

    noun: ClassVar[str] = "drug product"
    id: ProductId
    name: LocalText
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


class Excipient(Node):
    """An excipient (3.2.P.4, one block each; novel excipients also in 3.2.A.3)."""

    noun: ClassVar[str] = "excipient"
    id: ExcipientId
    name: LocalText
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


# --------------------------------------------------------------------------------------------
# Appendices, attachments, lifecycle
# --------------------------------------------------------------------------------------------


class Facility(Node):
    """Facilities and equipment (3.2.A.1), one per site."""

    noun: ClassVar[str] = "facility"
    site: SiteRef
    product: ProductRef | None = None
    substance: SubstanceRef | None = None
    description: LocalText
    equipment: LocalText
    contamination_control: LocalText


class ClearanceStudy(Node):
    noun: ClassVar[str] = "viral clearance study"
    step: LocalText
    agent: str
    log_reduction: float
    lower_bound: bool = Field(default=False, description="True when the clearance is '≥' (no virus detected).")
    claimed: bool = Field(default=True, description="False when the step is not counted in the overall claim.")


class AdventitiousAgents(Node):
    """Adventitious agents safety evaluation (3.2.A.2)."""

    noun: ClassVar[str] = "adventitious agents evaluation"
    substance: SubstanceRef | None = None
    product: ProductRef | None = None
    non_viral: LocalText
    viral: LocalText
    clearance_studies: list[ClearanceStudy] = Field(default_factory=list)


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


class Attachment(Node):
    """An existing file (PDF) placed at a CTD section: batch records, certificates, reports."""

    noun: ClassVar[str] = "attachment"
    id: AttachmentId
    file: str = Field(description="Path inside the dossier folder.")
    section: str = Field(description="CTD section code, e.g. '3.2.R', '3.2.S.2.3', '1.2' (Module 1 per region).")
    title: LocalText
    substance: SubstanceRef | None = None
    product: ProductRef | None = None
    excipient: ExcipientRef | None = None
    jurisdictions: list[JurisdictionId] = Field(default_factory=list, description="Empty: every jurisdiction.")
    language: Lang = "en"
    kind: AttachmentKind | None = Field(default=None, description="What the document is (lets rules find it).")


class Pacmp(Node):
    """A post-approval change management protocol (ICH Q12)."""

    noun: ClassVar[str] = "PACMP"
    id: PacmpId
    title: LocalText
    change: LocalText
    conditions: list[EcRef] = Field(min_length=1)
    proposed_reporting: ReportingCategories


class Lifecycle(Node):
    noun: ClassVar[str] = "lifecycle management"
    pacmps: list[Pacmp] = Field(default_factory=list)
    commitments: list[LocalText] = Field(default_factory=list)


class LiteratureReference(Node):
    noun: ClassVar[str] = "literature reference"
    citation: str
    file: AttachmentRef | None = None


# --------------------------------------------------------------------------------------------
# Applications (per jurisdiction: what the regional Module 1 envelope needs)
# --------------------------------------------------------------------------------------------


class FdaApplication(Node):
    """US application data for ``us-regional.xml`` (FDA Module 1 v3.3)."""

    noun: ClassVar[str] = "FDA application"
    application_type: Literal["nda", "anda", "bla", "ind", "dmf"]
    application_number: Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
    applicant_duns: Annotated[str, StringConstraints(pattern=r"^\d{9}$")]
    submission_type: Literal["original-application", "efficacy-supplement", "cmc-supplement", "labeling-supplement", "annual-report"]
    submission_sub_type: Literal["presubmission", "application", "amendment", "resubmission", "report", "correspondence"]
    submission_id: Annotated[str, StringConstraints(pattern=r"^\d{4}$")] | None = Field(
        default=None, description="Sequence number that started this regulatory activity (default: this sequence)."
    )
    description: Annotated[str, StringConstraints(max_length=128)] | None = None
    contacts: list[Contact] = Field(min_length=1)


class EmaApplication(Node):
    """EU application data for the ``eu-regional.xml`` envelope (EU Module 1 v3.1)."""

    noun: ClassVar[str] = "EMA application"
    uuid: Annotated[
        str, StringConstraints(pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
    ]
    procedure: Literal["centralised", "national", "mutual-recognition", "decentralised"]
    countries: list[str] = Field(default_factory=lambda: ["ema"], description="Envelope countries (ema for centralised).")
    agency_code: str = "EU-EMA"
    submission_type: str = Field(description="EU submission type code, e.g. maa, var-type2, renewal.")
    submission_unit: Literal[
        "initial", "validation-response", "response", "additional-info", "closing", "consolidating", "corrigendum",
        "reformat", "re-examination",
    ]
    submission_number: str | None = None
    procedure_tracking: list[str] = Field(default_factory=list)
    invented_name: str
    inn: list[str] = Field(default_factory=list)
    related_sequence: Annotated[str, StringConstraints(pattern=r"^\d{4}$")] | None = None
    description: str


class PmdaApplication(Node):
    """Japanese application data. The JP regional backbone is not produced (no JP schema available)."""

    noun: ClassVar[str] = "PMDA application"
    application_category: str = Field(description="e.g. 'new active ingredient' (新有効成分含有医薬品).")
    description: LocalText
    marketing_authorisation_holder: Applicant | None = Field(
        default=None, description="Japanese marketing authorisation holder (製造販売業者), if not the applicant."
    )


class NmpaApplication(Node):
    """Chinese application data for ``cn-regional.xml`` (NMPA eCTD v1.0/1.1 envelope)."""

    noun: ClassVar[str] = "NMPA application"
    application_id: Annotated[str, StringConstraints(pattern=r"^[xyls]\d{9}$")]
    application_type: Literal["cnapt1", "cnapt2", "cnapt3", "cnapt4"]
    product_type: Literal["cnprt1", "cnprt2"]
    product_number: Annotated[str, StringConstraints(pattern=r"^\d{10}$")]
    regulatory_activity: str = Field(description="Regulatory activity type code, e.g. cnrat1.")
    sequence_type: Literal["cnsqt1", "cnsqt2", "cnsqt3", "cnsqt4"]
    related_sequence: Annotated[str, StringConstraints(pattern=r"^\d{4}$")] | None = None
    description: Annotated[str, StringConstraints(max_length=120)]
    contact: Contact
    agent: Applicant | None = Field(default=None, description="Domestic agent (境内代理人) of an overseas applicant.")


class Applications(Node):
    noun: ClassVar[str] = "applications"
    fda: FdaApplication | None = None
    ema: EmaApplication | None = None
    pmda: PmdaApplication | None = None
    nmpa: NmpaApplication | None = None


class ProductProfile(Node):
    """Master data every rule reads (module3-domain section 0.2)."""

    noun: ClassVar[str] = "product profile"
    name: LocalText
    modality: Modality
    application_kind: Literal["new_active", "generic", "biosimilar", "variation"]
    route: Route
    max_daily_dose: Dose = Field(description="Maximum daily dose of the drug substance (drives Q3A/Q3B).")
    target_zones: list[Zone] = Field(min_length=1)
    treatment_duration: Quantity | None = Field(
        default=None, description="Longest treatment duration (ICH M7 less-than-lifetime intakes); absent = lifetime."
    )


# --------------------------------------------------------------------------------------------
# The dossier and its fragments
# --------------------------------------------------------------------------------------------


class Collections(Node):
    """The lists a dossier is made of; each may be spread over included files."""

    sites: list[Site] = Field(default_factory=list)
    substances: list[DrugSubstance] = Field(default_factory=list)
    products: list[DrugProduct] = Field(default_factory=list)
    excipients: list[Excipient] = Field(default_factory=list)
    methods: list[AnalyticalProcedure] = Field(default_factory=list)
    facilities: list[Facility] = Field(default_factory=list)
    adventitious_agents: list[AdventitiousAgents] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    literature: list[LiteratureReference] = Field(default_factory=list)


class Fragment(Collections):
    """An included file: any of the dossier's lists."""

    noun: ClassVar[str] = "included file"


class Dossier(Collections):
    """``dossier.yaml``: identity, applicant, target jurisdictions and the files it includes."""

    noun: ClassVar[str] = "dossier"
    format: Literal["ectd-builder/1"]
    product: ProductProfile
    applicant: Applicant
    jurisdictions: list[JurisdictionId] = Field(min_length=1)
    document_date: dt.date
    applications: Applications = Field(default_factory=Applications)
    include: list[str] = Field(default_factory=list, description="Files (inside the dossier folder) to merge in.")
    lifecycle: Lifecycle = Field(default_factory=Lifecycle)
