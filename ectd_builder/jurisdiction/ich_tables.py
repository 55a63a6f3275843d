"""Pydantic models of the ICH tables (``jurisdictions/ich/<name>.yaml``), read with :func:`jurisdiction.load.read`.

Every table states what it is (``table``), its ``source`` and whether it was ``verified``; the tables
:mod:`ectd_builder.rules.tables` calculates with (Q3A/Q3B threshold bands, Q3C solvents, M7 intakes)
also have their numbers typed. Other keys are the rules' own (each read where it is used).
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationInfo, field_validator, model_validator

from ectd_builder.jurisdiction.profile_file import Text, bad

Number = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IchTable(BaseModel):
    """What every ICH table has: its name, its source and whether it was verified."""

    model_config = ConfigDict(extra="allow", frozen=True)
    noun: ClassVar[str] = "ICH table"

    table: StrictStr
    source: Text = Field(description="guideline and version")
    verified: StrictBool = Field(description="true only when checked against the guideline")
    note: Text | None = None

    @field_validator("table")
    @classmethod
    def _named(cls, value: str, info: ValidationInfo) -> str:
        expected = (info.context or {}).get("table")
        if expected and value != expected:
            raise bad(f"expected 'table: {expected}', not {value!r}")
        return value


class Band(_Row):
    """One dose band of a Q3A/Q3B threshold (``max_daily_dose_mg: null``: every larger dose)."""

    noun: ClassVar[str] = "threshold band"

    max_daily_dose_mg: Number | None
    inclusive: StrictBool = False
    pct: Number
    intake_mg: Number | None = None


class ImpurityTable(IchTable):
    """Q3A / Q3B: reporting, identification and qualification thresholds by maximum daily dose."""

    reporting: Annotated[tuple[Band, ...], Field(min_length=1)]
    identification: Annotated[tuple[Band, ...], Field(min_length=1)]
    qualification: Annotated[tuple[Band, ...], Field(min_length=1)]


class Solvent(_Row):
    """A class 1 solvent's concentration limit or a class 2 solvent's PDE (one of them), with optional provenance."""

    noun: ClassVar[str] = "solvent"

    limit_ppm: Number | None = Field(None, description="concentration limit (class 1)")
    pde_mg_per_day: Number | None = Field(None, description="permitted daily exposure (class 2)")
    source: Text | None = None
    verified: StrictBool | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_limit(self) -> Solvent:
        if (self.limit_ppm is None) == (self.pde_mg_per_day is None):
            raise bad("give limit_ppm or pde_mg_per_day (one of them)")
        return self


class SolventTable(IchTable):
    """Q3C: class 1 and 2 solvents with their limits or PDEs, class 3 names, synonyms."""

    option1_dose_g_per_day: Number
    class3_default_ppm: Number
    class1: dict[str, Solvent]
    class2: dict[str, Solvent]
    class3: tuple[StrictStr, ...]
    synonyms: dict[str, StrictStr] = {}


class Interval(_Row):
    noun: ClassVar[str] = "duration band"

    max_duration_months: Number | None
    ai_ug_per_day: Number


class MutagenTable(IchTable):
    """M7: the lifetime TTC and the less-than-lifetime acceptable intakes."""

    ttc_ug_per_day: Number
    less_than_lifetime: Annotated[tuple[Interval, ...], Field(min_length=1)]


MODELS: dict[str, type[IchTable]] = {"q3a": ImpurityTable, "q3b": ImpurityTable, "q3c": SolventTable, "m7": MutagenTable}


def model_for(name: str) -> type[IchTable]:
    """The model table ``name`` is checked with (the common :class:`IchTable` unless typed further)."""
    return MODELS.get(name, IchTable)
