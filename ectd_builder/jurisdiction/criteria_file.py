"""The pydantic model of a criteria pack (``ectd_builder/check/criteria/<pack>.yaml``).

Read with :func:`ectd_builder.jurisdiction.load.read` by :mod:`ectd_builder.check.packs`, so every
defect of a pack is a problem at ``file:line:col``. The validation context carries ``check_keys``
(the check keys a criterion may name; ``None``: not checked here) and receives the pack's
``levels``, which each criterion's ``level`` must name unless it gives its own ``severity``.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ectd_builder.jurisdiction.profile_file import Text, bad

SeverityName = Literal["error", "warning", "info"]


class CriterionRow(BaseModel):
    """One entry of a pack's ``criteria`` list."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    noun: ClassVar[str] = "criterion"

    id: Text
    severity: SeverityName | None = None  # before level: a criterion with its own severity needs no known level
    level: StrictStr = Field(description="one of the pack's levels")
    title: Text
    source: Text = Field(description="the criterion's document and version")
    checks: Annotated[tuple[StrictStr, ...], Field(min_length=1)] = Field(description="the check keys it covers")
    params: dict[str, Any] = {}
    v8: StrictStr | None = None
    verified: StrictBool | None = None

    @field_validator("level")
    @classmethod
    def _known_level(cls, value: str, info: ValidationInfo) -> str:
        levels = (info.context or {}).get("levels")
        if levels is not None and value not in levels and info.data.get("severity") is None:
            raise bad(f"level '{value}' is not one of the pack's levels ({', '.join(map(str, levels)) or 'none'})")
        return value

    @field_validator("checks")
    @classmethod
    def _known_checks(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        keys = (info.context or {}).get("check_keys")
        unknown = sorted(set(value) - keys) if keys is not None else []
        if unknown:
            raise bad(f"names unknown checks: {', '.join(unknown)}")
        return value


class PackFile(BaseModel):
    """One criteria pack: its name, title, region (``null``: common), numbering, levels and criteria."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    noun: ClassVar[str] = "criteria pack"

    pack: StrictStr | None = None
    title: StrictStr | None = None
    region: StrictStr | None = None
    numbering: StrictStr = ""
    levels: dict[str, SeverityName] = {}
    criteria: list[CriterionRow]

    @model_validator(mode="before")
    @classmethod
    def _share_levels(cls, data: Any, info: ValidationInfo) -> Any:
        """Give the criteria the pack's levels (through the context: they are checked before the pack)."""
        if isinstance(info.context, dict) and isinstance(data, dict):
            info.context["levels"] = data.get("levels") if isinstance(data.get("levels"), dict) else {}
        return data
