"""Quality attributes, acceptance criteria, specifications and impurities."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ectd_builder.dossier.model.common import Entity, EstablishedCondition, JpChangeClass, NamedEntity
from ectd_builder.dossier.types import (
    CqaId,
    ImpurityId,
    ImpurityRef,
    LocalText,
    MethodRef,
    Node,
    Quantity,
    SpecificationId,
    TestId,
    TestRef,
    Unit,
)


class Criterion(Node, noun="acceptance criterion"):
    """An acceptance criterion: numeric limits with a unit, a wording, or both."""

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


class Cqa(Entity[CqaId], noun="CQA"):
    """A critical quality attribute and why it is critical."""

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


class SpecTest(Entity[TestId], noun="specification test"):
    """One line of a specification: test, method, release and shelf-life criteria."""

    test: LocalText
    category: TestCategory
    method: MethodRef
    release: Criterion
    shelf_life: Criterion | None = Field(default=None, description="Only when it differs from release.")
    impurity: ImpurityRef | None = None
    decimals: int | None = Field(default=None, ge=0, le=6, description="Decimals to report results with (ICH Q3A/Q3B).")
    ec: EstablishedCondition | None = None
    jp_change_class: JpChangeClass | None = None


class EarlierCriterion(Node, noun="earlier criterion"):
    """A release criterion as an earlier version of the specification gave it."""

    test: TestRef
    release: Criterion


class SpecificationVersion(Node, noun="specification version"):
    """An earlier version of a specification: only what differed from the current one."""

    version: str
    effective: dt.date | None = Field(default=None, description="Date the version came into force.")
    description: LocalText | None = Field(default=None, description="What the version was for and why it changed.")
    criteria: list[EarlierCriterion] = Field(default_factory=list, description="Criteria that differed.")
    omitted: list[TestRef] = Field(default_factory=list, description="Current tests that version did not contain.")


class Specification(Entity[SpecificationId], noun="specification"):
    title: LocalText | None = None
    version: str | None = Field(default=None, description="Version of this (current) specification, e.g. '3'.")
    tests: list[SpecTest] = Field(min_length=1)
    justification: LocalText
    earlier_versions: list[SpecificationVersion] = Field(
        default_factory=list, description="Earlier versions that batches in this dossier were tested against."
    )


class Impurity(NamedEntity[ImpurityId], noun="impurity"):
    """An actual or potential impurity with its origin and qualification."""

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
