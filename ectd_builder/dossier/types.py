"""Building blocks of the dossier model: identifiers, references, localised text, units.

Identifiers and references are plain strings marked with :class:`IdOf` / :class:`RefTo` in their
type annotation. One walker (:mod:`ectd_builder.dossier.refs`) reads those markers to check every
cross-reference, so the model itself stays declarative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ectd_builder.dossier.units import UNIT_SYMBOLS, suggest_unit

LANGUAGES = ("en", "ja", "zh")
Lang = Literal["en", "ja", "zh"]
JurisdictionId = Literal["fda", "ema", "pmda", "nmpa"]
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"


class Node(BaseModel):
    """Base of every model: immutable, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    noun: ClassVar[str] = "entry"


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


def _text_or_languages(value: Any) -> Any:
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, dict):
        return value
    raise PydanticCustomError(
        "text_type", "expected text, or texts per language (en, ja, zh)"
    )


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ],
    "description": "Text read by agencies: a plain string (English) or one text per language (en, ja, zh).",
}

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


class Quantity(Node):
    """A number with its unit, e.g. ``{value: 50, unit: mg}``."""

    noun: ClassVar[str] = "quantity"
    value: float
    unit: Unit


class Range(Node):
    """A closed range with one unit, e.g. a normal operating range ``{low: 28, high: 32, unit: '%'}``."""

    noun: ClassVar[str] = "range"
    low: float
    high: float
    unit: Unit

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise PydanticCustomError(
                "range_order", "the low end ({low}) is above the high end ({high})", {"low": self.low, "high": self.high}
            )
        return self
