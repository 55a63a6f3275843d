"""The manufacturing process: steps, parameters, in-process controls and intermediates."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ectd_builder.dossier.model.common import Entity, EstablishedCondition, JpChangeClass, NamedEntity
from ectd_builder.dossier.model.specification import Criterion, SpecTest
from ectd_builder.dossier.types import (
    AttachmentRef,
    CqaRef,
    InputRef,
    IntermediateId,
    IpcId,
    LocalText,
    MethodRef,
    Node,
    ParameterId,
    Quantity,
    Range,
    StepId,
    StepRef,
    parameter_range_error,
)


class ProcessParameter(NamedEntity[ParameterId], noun="process parameter"):
    """A process parameter with its ranges and criticality (ICH Q8/Q11)."""

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


class InProcessControl(Entity[IpcId], noun="in-process control"):
    test: LocalText
    criterion: Criterion
    frequency: LocalText | None = None
    method: MethodRef | None = None
    ec: EstablishedCondition | None = None
    jp_change_class: JpChangeClass | None = None


class ProcessStep(Entity[StepId], noun="process step"):
    """A unit operation of the manufacturing process."""

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


class Intermediate(NamedEntity[IntermediateId], noun="intermediate"):
    step: StepRef
    isolated: bool = True
    tests: list[SpecTest] = Field(default_factory=list)


class Process(Node, noun="manufacturing process"):
    """Manufacturing process: narrative plus structured steps (3.2.S.2.2 / 3.2.P.3.3)."""

    description: LocalText
    flow_diagram: AttachmentRef | None = None
    batch_scale: LocalText | None = None
    steps: list[ProcessStep] = Field(min_length=1)
    intermediates: list[Intermediate] = Field(default_factory=list)
    reprocessing: LocalText | None = None
