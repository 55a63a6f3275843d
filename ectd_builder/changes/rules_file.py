"""The pydantic model of a region's change classification rules (``jurisdictions/variations/<j>.yaml``).

Read with :func:`ectd_builder.jurisdiction.load.read` by :mod:`ectd_builder.changes.rules`, so every
defect of the file is a problem at ``file:line:col``, all of them at once. The validation context
carries ``region`` (the id the file must have) and receives the file's category ids, which each
rule's ``category`` must name.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationInfo, field_validator, model_validator

from ectd_builder.jurisdiction.profile_file import Text, bad


class _Sourced(BaseModel):
    """Where a value of the file comes from and whether it was checked against that source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: Text
    verified: StrictBool


class SourcedText(_Sourced):
    """A fact of the file (legal basis, grouping): its text, with its source."""

    value: Text


class CategoryRow(BaseModel):
    """One reporting category, highest first: its id and how it is filed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Text
    filing: Text


class RenumberedRow(_Sourced):
    """The rule's code as the current guidelines number it, with its source."""

    code: Text


class RuleRow(BaseModel):
    """One classification rule: what it matches and the category it gives."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    noun: ClassVar[str] = "rule"

    id: Text
    match: dict[str, Any] = Field(description="change facts to match; 'kind' required")
    category: Text
    code: Text | None = None
    source: Text
    verified: StrictBool
    note: Text | None = None
    renumbered: RenumberedRow | None = None

    @field_validator("match")
    @classmethod
    def _has_kind(cls, value: dict[str, Any]) -> dict[str, Any]:
        if "kind" not in value:
            raise bad("match must be a mapping with at least 'kind'")
        return value

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str, info: ValidationInfo) -> str:
        names = (info.context or {}).get("categories")
        if names is not None and value not in names:
            raise bad(f"category '{value}' is not one of {', '.join(names)}")
        return value


class RulesFile(BaseModel):
    """One region's rules file: id, facts, categories (highest first) and rules (first match wins)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    noun: ClassVar[str] = "classification rules file"

    id: Text
    legal_basis: SourcedText | None = None
    grouping: SourcedText | None = None
    categories: Annotated[tuple[CategoryRow, ...], Field(min_length=1)]
    rules: tuple[RuleRow, ...]

    @model_validator(mode="before")
    @classmethod
    def _share_categories(cls, data: Any, info: ValidationInfo) -> Any:
        """Give the rules the file's category ids (through the context: rules are checked apart)."""
        if isinstance(info.context, dict) and isinstance(data, dict):
            raw = data.get("categories")
            rows: list[Any] = raw if isinstance(raw, list) else []
            info.context["categories"] = [r.get("id") for r in rows if isinstance(r, dict) and isinstance(r.get("id"), str)]
        return data

    @field_validator("id")
    @classmethod
    def _region(cls, value: str, info: ValidationInfo) -> str:
        region = (info.context or {}).get("region")
        if region is not None and value != region:
            raise bad(f"id must be '{region}'")
        return value
