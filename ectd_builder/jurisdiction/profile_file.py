"""The pydantic model of a jurisdiction profile file (``jurisdictions/<id>.yaml``) and of the index.

:data:`VALUE_TYPES` gives the checked type of each required fact's ``value``; :class:`FactRow` is one
``facts.<key>`` entry. :func:`read_profile_file` reads a file with :func:`jurisdiction.load.read`,
so every defect is a located problem (one per defective value, all of them), and builds the
:class:`~ectd_builder.jurisdiction.profiles.Profile` from the checked entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from pathlib import Path
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationInfo,
    create_model,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ectd_builder.jurisdiction.codes import CODE_FACTS
from ectd_builder.jurisdiction.load import read
from ectd_builder.jurisdiction.profiles import Profile, RegionalItem
from ectd_builder.jurisdiction.regions import region_codes, region_folders
from ectd_builder.problems import Problem

T = TypeVar("T")

Q12_CATEGORIES = ("prior-approval", "notification-moderate", "notification-low", "not-reported")

Severity = Literal["error", "warning", "info", "off"]
Language = Literal["en", "ja", "zh"]


def bad(message: str) -> PydanticCustomError:
    """A validation error whose message is ``message`` as written (schema_errors adds the location)."""
    return PydanticCustomError("profile_value", message)


def _text(value: str) -> str:
    if not value.strip():
        raise bad("expected non-empty text")
    return value


def _exactly(*keys: str) -> AfterValidator:
    def check(value: Mapping[str, Any]) -> Mapping[str, Any]:
        if set(value) != set(keys):
            raise bad(f"expected a mapping with exactly {', '.join(keys)}")
        return value

    return AfterValidator(check)


def _with(*keys: str) -> AfterValidator:
    def check(value: Mapping[str, Any]) -> Mapping[str, Any]:
        missing = [k for k in keys if k not in value]
        if missing:
            raise bad(f"missing key(s): {', '.join(missing)}")
        return value

    return AfterValidator(check)


def _purposes(value: tuple[str, ...]) -> tuple[str, ...]:
    """Region-neutral Module 1 purposes known to the CTD table (read late: the table reads files)."""
    from ectd_builder import ctd  # noqa: PLC0415

    unknown = [x for x in value if x not in ctd.m1_purposes()]
    if unknown:
        raise bad(f"unknown Module 1 purpose '{unknown[0]}'")
    return value


def _unknown_kinds(kinds: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The kinds that are not attachment kinds, and the known ones (read late: the dossier reads profiles)."""
    from ectd_builder.dossier.model import AttachmentKind  # noqa: PLC0415

    known = sorted(get_args(AttachmentKind))
    return [k for k in kinds if k not in known], known


def _stability_rows(value: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    keys = ("batches", "pilot_or_larger", "long_term_months", "accelerated_months")
    if "new" not in value:
        raise bad("expected a mapping per application kind (at least 'new')")
    for kind, row in value.items():
        if set(row) != set(keys):
            raise bad(f"'{kind}' needs exactly {', '.join(sorted(keys))}")
    return value


Text = Annotated[StrictStr, AfterValidator(_text)]
Texts = Annotated[tuple[Text, ...], Field(min_length=1)]
Purposes = Annotated[tuple[StrictStr, ...], AfterValidator(_purposes)]
Languages = Annotated[dict[Literal["m1", "m2", "m3"], Language], _exactly("m1", "m2", "m3")]
Storage = Annotated[dict[Literal["temperature_c", "humidity_rh"], float], _with("temperature_c")]
Category = Annotated[dict[str, StrictStr], _with("id", "label", "q12")]
MasterFiles = Annotated[dict[str, Any], _with("name", "kinds", "letter", "letter_kinds", "module1_section")]
StabilityMinimum = Annotated[dict[str, dict[str, StrictInt]], AfterValidator(_stability_rows)]
CodeTable = Annotated[dict[str, Text], Field(min_length=1)]  # codes_* facts: jurisdiction/codes.py


def _q12(value: dict[str, str]) -> dict[str, str]:
    if value["q12"] not in Q12_CATEGORIES:
        raise bad(f"q12 must be one of {', '.join(Q12_CATEGORIES)}")
    return value


Categories = Annotated[tuple[Annotated[Category, AfterValidator(_q12)], ...], Field(min_length=1)]


def _item(item: RegionalItem) -> RegionalItem:
    """The checks of a 3.2.R item its dataclass types do not say."""
    if any(not text.strip() for text in (item.id, item.source, *item.title.values(), item.guidance or "-")):
        raise bad(f"{item.id or 'item'}: id, title, source and guidance must be non-empty texts")
    if set(item.title) != set(get_args(Language)):
        raise bad(f"{item.id}: title needs en, ja and zh texts")
    if item.when is not None and item.scope != "product":
        raise bad(f"{item.id}: 'when' applies to product-scope items only")
    unknown, known = _unknown_kinds(item.kinds)
    if unknown or not item.kinds:
        found = f" ('{unknown[0]}' is not one)" if unknown else ""
        raise bad(f"{item.id}: kinds must be a non-empty list of attachment kinds{found}: {', '.join(known)}")
    return item


# The checked type of each required fact's value: the facts Profile holds as attributes (under the
# same name; regional_3_2_r as regional_requirements), then page_size and module1_required.
VALUE_TYPES: dict[str, Any] = {
    "agency": Text,
    "ectd_versions": Texts,
    "m1_spec_version": Text,
    "m1_backbone": Text | None,
    "first_sequence": Annotated[StrictInt, Field(ge=0, le=9999)],
    "max_path_length": Annotated[StrictInt, Field(ge=20, le=1000)],
    "max_name_length": Annotated[StrictInt, Field(ge=8, le=255)],
    "module_languages": Languages,
    "pharmacopoeia": Texts,
    "excipient_compendia": Texts,
    "stability_long_term": Annotated[tuple[Storage, ...], Field(min_length=1)],
    "climatic_zones": Texts,
    "regional_3_2_r": tuple[Annotated[RegionalItem, AfterValidator(_item)], ...],
    "master_file_system": MasterFiles,
    "q12_reporting_categories": Categories,
    "site_identifiers": Texts,
    "stability_minimum": StabilityMinimum,
    "page_size": Literal["a4", "letter"],
    "module1_required": Purposes,
}
ATTRIBUTE_OF = {"regional_3_2_r": "regional_requirements"}  # fact key -> Profile attribute, where they differ
NOT_ATTRIBUTES = ("page_size", "module1_required")  # read with Profile.value()
REGIONAL_FIELDS = tuple(f.name for f in fields(RegionalItem))


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FactRow(Frozen, Generic[T]):
    """One ``facts.<key>`` entry of a profile: the value, its source and whether it was verified."""

    noun: ClassVar[str] = "fact"

    value: T
    source: Text = Field(description="guideline, notice or specification and version")
    verified: StrictBool = Field(description="true only when checked against the primary text")
    note: Text | None = None


class Fact(FactRow[Any]):
    """One fact of a profile under its key, with its provenance; ``value`` as the file writes it."""

    key: str


class _Facts(BaseModel):
    """The ``facts`` mapping: the typed facts, and any other fact as a sourced :class:`FactRow`."""

    model_config = ConfigDict(extra="allow", frozen=True)
    noun: ClassVar[str] = "facts mapping"
    __pydantic_extra__: dict[str, FactRow[Any]] = Field(init=False)


def _fact_fields() -> dict[str, Any]:
    """Each fact key of :data:`VALUE_TYPES` as a required typed entry; the codes_* tables optional."""
    required = {key: (FactRow.__class_getitem__(tp), ...) for key, tp in VALUE_TYPES.items()}
    return required | {key: (FactRow[CodeTable] | None, None) for key in CODE_FACTS.values()}


ProfileFacts = create_model("ProfileFacts", __base__=_Facts, **_fact_fields())


class ProfileFile(Frozen):
    """One ``jurisdictions/<id>.yaml`` file. ``ectd_v4`` is read by :mod:`ectd_builder.ectd4.codes`."""

    noun: ClassVar[str] = "profile"

    id: str
    region: str
    facts: ProfileFacts  # type: ignore[valid-type]
    rules: dict[str, Severity] | None = None
    ectd_v4: Any = None

    @field_validator("id")
    @classmethod
    def _known_id(cls, value: str, info: ValidationInfo) -> str:
        expected = (info.context or {}).get("expected_id")
        if value not in region_codes() or (expected and value != expected):
            raise bad(f"id must be {expected or ' or '.join(region_codes())}, not {value!r}")
        return value

    @field_validator("region")
    @classmethod
    def _region_of_id(cls, value: str, info: ValidationInfo) -> str:
        folder = region_folders().get(info.data.get("id", ""))
        if folder is not None and value != folder:
            raise bad(f"region of {info.data['id']} must be '{folder}' (jurisdictions/index.yaml)")
        return value


def _name_facts(problems: list[Problem]) -> list[Problem]:
    """Start the message of a problem inside ``facts.<key>`` with the fact's name.

    An unknown key in a 3.2.R item (a dataclass, which pydantic reports as an unexpected keyword
    argument) is named as an unknown field, like one of a model.
    """
    out = []
    for p in problems:
        parts = (p.path or "").split(".")
        message = p.message
        if message == "Unexpected keyword argument.":
            message = f"Unknown field '{parts[-1]}' in 3.2.R item (fields: {', '.join(REGIONAL_FIELDS)})."
        if parts[0] == "facts" and len(parts) > 1:
            message = f"fact '{parts[1]}': {message}"
        out.append(replace(p, message=message))
    return out


def _profile(file: ProfileFile, raw: dict[str, Any], path: Path) -> Profile:
    facts = {key: Fact(**{**body, "key": key, "source": body["source"].strip()}) for key, body in raw["facts"].items()}
    checked = file.facts
    values = {ATTRIBUTE_OF.get(k, k): getattr(checked, k).value for k in VALUE_TYPES if k not in NOT_ATTRIBUTES}
    return Profile(
        id=file.id,
        region=file.region,
        **values,
        facts=facts,
        rule_severity=dict(file.rules or {}),
        unverified=tuple(f for f in facts.values() if not f.verified),
        raw=raw,
        source_file=path,
    )


def read_profile_file(path: Path, expected_id: str | None = None) -> tuple[Profile | None, list[Problem]]:
    """Read and check one profile file: the profile (None when defective) and every problem, located."""
    found = read(path, ProfileFile, context={"expected_id": expected_id})
    if found.value is None:
        return None, _name_facts(found.problems)
    return _profile(found.value, found.data, path), []


REQUIRED_FACTS = tuple(VALUE_TYPES)


class RegionEntry(Frozen):
    noun: ClassVar[str] = "jurisdiction entry"

    id: Annotated[StrictStr, Field(pattern=r"^[a-z]{2,8}$")]
    region: Annotated[StrictStr, Field(pattern=r"^[a-z]{2}$")]


class RegionIndex(Frozen):
    """``jurisdictions/index.yaml``: the jurisdictions in order, with their regional folder codes."""

    noun: ClassVar[str] = "jurisdiction index"

    source: Text
    verified: StrictBool
    jurisdictions: Annotated[tuple[RegionEntry, ...], Field(min_length=1)]
