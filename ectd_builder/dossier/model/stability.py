"""Stability studies: storage conditions, results per time point, the stability summary."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ectd_builder.dossier.model.common import Entity
from ectd_builder.dossier.types import BatchRef, LocalText, Node, Quantity, StudyId, TestRef, TimePoint


class StorageCondition(Node, noun="storage condition"):
    kind: Literal["long_term", "intermediate", "accelerated", "stress", "photostability", "freeze_thaw", "in_use"]
    temperature: Quantity
    temperature_tolerance: float | None = None
    humidity: Quantity | None = None
    humidity_tolerance: float | None = None
    orientation: Literal["upright", "inverted", "horizontal"] | None = None


class StabilityValues(Node, noun="stability results"):
    """One batch x test series: one value per time point of the study (null = not tested)."""

    batch: BatchRef
    test: TestRef
    values: list[float | None] | None = None
    texts: list[str | None] | None = Field(default=None, description="Results as text, e.g. 'Complies'.")

    @model_validator(mode="after")
    def _one_kind(self) -> StabilityValues:
        if (self.values is None) == (self.texts is None):
            raise PydanticCustomError("stability_values", "give either values (numbers) or texts, one per time point")
        return self


class StabilityStudy(Entity[StudyId], noun="stability study"):
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


class Stability(Node, noun="stability"):
    """Stability summary, commitment and data (3.2.S.7 / 3.2.P.8)."""

    summary: LocalText
    storage_statement: LocalText
    shelf_life: Quantity | None = Field(default=None, description="Shelf life (drug product) in months.")
    retest_period: Quantity | None = Field(default=None, description="Retest period (drug substance) in months.")
    storage_category: Literal["room_temperature", "refrigerated", "frozen"] = "room_temperature"
    stress_studies: LocalText | None = None
    commitment: LocalText
    post_approval_protocol: LocalText
    studies: list[StabilityStudy] = Field(min_length=1)
