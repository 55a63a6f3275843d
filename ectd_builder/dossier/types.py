"""Building blocks of the dossier model: identifiers, references, localised text, units.

Identifiers and references are plain strings marked with :class:`IdOf` / :class:`RefTo` in their
type annotation. One walker (:mod:`ectd_builder.dossier.refs`) reads those markers to check every
cross-reference, so the model itself stays declarative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ectd_builder.dossier.units import (
    MAX_TIMEPOINT_MONTHS,
    UNIT_SYMBOLS,
    convert,
    describe_dimension,
    dimension_of,
    dose_dimensions,
    may_be_negative,
    suggest_unit,
)

LANGUAGES = ("en", "ja", "zh")
Lang = Literal["en", "ja", "zh"]
JurisdictionId = Literal["fda", "ema", "pmda", "nmpa"]
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"


class Node(BaseModel):
    """Base of every model: immutable, unknown keys are errors.

    ``noun`` names the thing in messages ("The site lacks ..."): a class gives it in its header,
    ``class Site(Node, noun="site")`` (or declares ``noun: ClassVar[str] = "site"``).
    """

    # allow_inf_nan=False: .nan, .inf and -.inf are rejected wherever the model reads a number.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False)
    noun: ClassVar[str] = "entry"

    def __init_subclass__(cls, noun: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if noun is not None:
            cls.noun = noun


@dataclass(frozen=True)
class IdOf:
    """Marks a field as the identifier of an entity of ``kind`` (unique per kind in a dossier)."""

    kind: str


@dataclass(frozen=True)
class RefTo:
    """Marks a field as a reference to an entity of one of ``kinds``."""

    kinds: tuple[str, ...]


_ID = StringConstraints(pattern=ID_PATTERN)


def _ident(kind: str) -> Any:
    return Annotated[str, _ID, IdOf(kind)]


def _ref(*kinds: str) -> Any:
    return Annotated[str, RefTo(kinds)]


SiteId = _ident("site")
SubstanceId = _ident("substance")
ProductId = _ident("product")
ExcipientId = _ident("excipient")
MaterialId = _ident("material")
StepId = _ident("step")
ParameterId = _ident("parameter")
IpcId = _ident("ipc")
CqaId = _ident("cqa")
ImpurityId = _ident("impurity")
TestId = _ident("test")
MethodId = _ident("method")
BatchId = _ident("batch")
StrengthId = _ident("strength")
StudyId = _ident("study")
AttachmentId = _ident("attachment")
StandardId = _ident("reference_standard")
IntermediateId = _ident("intermediate")
SpecificationId = _ident("specification")
PacmpId = _ident("pacmp")

SiteRef = _ref("site")
SubstanceRef = _ref("substance")
ProductRef = _ref("product")
ExcipientRef = _ref("excipient")
MaterialRef = _ref("material")
StepRef = _ref("step")
CqaRef = _ref("cqa")
ImpurityRef = _ref("impurity")
TestRef = _ref("test")
MethodRef = _ref("method")
BatchRef = _ref("batch")
StrengthRef = _ref("strength")
AttachmentRef = _ref("attachment")
ComponentRef = _ref("substance", "excipient")
InputRef = _ref("material", "excipient", "substance", "intermediate")
ControlRef = _ref("parameter", "ipc", "test", "material", "excipient")
EcRef = _ref("parameter", "ipc", "test", "step", "method", "site")


class Confidentiality(Node, noun="confidentiality"):
    """Why a part of the dossier is withheld from a recipient, and until when (withheld for good when absent)."""

    reason: Annotated[str, StringConstraints(min_length=1)] | None = None
    until: dt.date | None = None


ConfidentialMark = Annotated[
    bool | Confidentiality,
    Field(description="Withheld from tech-transfer packages: true, or {reason, until}."),
]
"""``confidential: true`` or ``confidential: {reason: "route IP", until: 2030-01-01}`` on an entity or field."""


def _text_or_languages(value: Any) -> Any:
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, dict):
        if "confidential" in value:  # the mark is read from the raw data (ectd_builder.dossier.confidential)
            _TEXT_MARK.validate_python(value["confidential"])
            return {k: v for k, v in value.items() if k != "confidential"}
        return value
    raise PydanticCustomError(
        "text_type", "expected text, or texts per language (en, ja, zh)"
    )


MARK_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "boolean"},
        {
            "type": "object",
            "properties": {"reason": {"type": "string", "minLength": 1}, "until": {"type": "string", "format": "date"}},
            "additionalProperties": False,
        },
    ],
    "description": "Withheld from tech-transfer packages: true, or {reason, until}.",
}

_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {
                **{lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
                "confidential": MARK_SCHEMA,
            },
            "additionalProperties": False,
            "minProperties": 1,
        },
    ],
    "description": "Text read by agencies: a plain string (English) or one text per language (en, ja, zh).",
}

_TEXT_MARK: TypeAdapter[Any] = TypeAdapter(ConfidentialMark)

LocalText = Annotated[
    dict[Lang, Annotated[str, StringConstraints(min_length=1)]],
    BeforeValidator(_text_or_languages),
    WithJsonSchema(_TEXT_SCHEMA),
]
"""Text per language. A plain string in YAML means English."""


def _known_unit(value: str) -> str:
    if value not in UNIT_SYMBOLS:
        guess = suggest_unit(value)
        raise PydanticCustomError(
            "unit_unknown",
            "unknown unit '{unit}'",
            {"unit": value, "suggestion": guess or ""},
        )
    return value


Unit = Annotated[
    str,
    AfterValidator(_known_unit),
    WithJsonSchema({"type": "string", "enum": list(UNIT_SYMBOLS), "description": "A unit from the unit table."}),
]


def _num(value: float) -> str:
    return f"{value:g}"


def _not_negative(value: float, unit: str, field: str) -> None:
    if value < 0 and not may_be_negative(unit):
        raise PydanticCustomError(
            "value_negative",
            "{value} {unit} is negative, but {what} cannot be below zero",
            {"value": _num(value), "unit": unit, "what": describe_dimension(unit), "field": field},
        )


class Quantity(Node, noun="quantity"):
    """A number with its unit, e.g. ``{value: 50, unit: mg}``."""

    value: float
    unit: Unit
    confidential: ConfidentialMark | None = None

    @model_validator(mode="after")
    def _physical(self) -> Quantity:
        _not_negative(self.value, self.unit, "value")
        return self


class Range(Node, noun="range"):
    """A closed range with one unit, e.g. a normal operating range ``{low: 28, high: 32, unit: '%'}``."""

    low: float
    high: float
    unit: Unit
    confidential: ConfidentialMark | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        _not_negative(self.low, self.unit, "low")
        if self.low > self.high:
            raise PydanticCustomError(
                "range_order", "the low end ({low}) is above the high end ({high})", {"low": self.low, "high": self.high}
            )
        return self


TimePoint = Annotated[float, Field(ge=0, le=MAX_TIMEPOINT_MONTHS)]
"""A stability time point in months: from 0 up to the sanity bound of ``units.yaml``."""

_SLACK = 1e-9  # conversions between units of one dimension are not exact in binary floating point


def _bounds(r: Range, unit: str) -> tuple[float, float]:
    return convert(r.low, r.unit, unit) - _SLACK * abs(r.low), convert(r.high, r.unit, unit) + _SLACK * abs(r.high)


def parameter_range_error(set_point: Quantity | None, nor: Range | None, par: Range | None) -> PydanticCustomError | None:
    """Why a process parameter's set point, NOR and PAR do not fit together (None when they do).

    All three share one dimension (converted where the units differ, e.g. min and h); the set point
    lies inside the NOR and the PAR, and the NOR inside the PAR (ICH Q8(R2) glossary).
    """
    present = [(name, q.unit) for name, q in (("set_point", set_point), ("nor", nor), ("par", par)) if q is not None]
    if not present:
        return None
    dims = [dimension_of(unit) for _, unit in present]
    base_name, base_unit = max(present, key=lambda p: dims.count(dimension_of(p[1])))  # the majority's unit
    for name, unit in present:
        if dimension_of(unit) != dimension_of(base_unit):
            return PydanticCustomError(
                "range_dimension",
                "the {name} is in {unit} ({what}) but the {base} is in {base_unit} ({base_what})",
                {
                    "name": _LABELS[name],
                    "unit": unit,
                    "what": describe_dimension(unit),
                    "base": _LABELS[base_name],
                    "base_unit": base_unit,
                    "base_what": describe_dimension(base_unit),
                    "field": name,
                },
            )
    if nor is not None and par is not None:
        low, high = _bounds(par, nor.unit)
        if nor.low < low or nor.high > high:
            return PydanticCustomError(
                "nor_outside_par", "the normal operating range lies outside the proven acceptable range", {"field": "nor"}
            )
    for name, r in (("nor", nor), ("par", par)):
        if set_point is not None and r is not None:
            low, high = _bounds(r, set_point.unit)
            if not low <= set_point.value <= high:
                return PydanticCustomError(
                    "set_point_outside",
                    "the set point {value} {unit} lies outside the {range} ({low} to {high} {range_unit})",
                    {
                        "value": _num(set_point.value),
                        "unit": set_point.unit,
                        "range": _LABELS[name],
                        "low": _num(r.low),
                        "high": _num(r.high),
                        "range_unit": r.unit,
                        "field": "set_point",
                    },
                )
    return None


_LABELS = {"set_point": "set point", "nor": "normal operating range", "par": "proven acceptable range"}


def _dose_unit(q: Quantity) -> Quantity:
    convertible, other = dose_dimensions()
    if dimension_of(q.unit) not in convertible | other:
        raise PydanticCustomError(
            "dose_dimension",
            "a dose in {unit} ({what}) is not an amount of medicine",
            {"unit": q.unit, "what": describe_dimension(q.unit), "field": "unit"},
        )
    return q


Dose = Annotated[Quantity, AfterValidator(_dose_unit)]
"""A maximum daily dose: a mass (per day), or a volume, activity, amount or count of medicine."""
