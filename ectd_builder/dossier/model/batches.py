"""Batches and their analytical results."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ectd_builder.dossier.model.common import Entity
from ectd_builder.dossier.types import BatchId, BatchRef, LocalText, Node, Quantity, SiteRef, StrengthRef, TestRef


class BatchResult(Node, noun="batch result"):
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


class Batch(Entity[BatchId], noun="batch"):
    """A manufactured batch and its analytical results (3.2.S.4.4 / 3.2.P.5.4)."""

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
