"""The typed form of ``catalogue.yaml`` (pydantic: imported only when the catalogue is read)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ectd_builder.problems import Severity


class RuleEntry(BaseModel):
    """What the catalogue says about one rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    reference: str  # the rule's source: guideline and section
    hint: str
    verified: bool  # whether the reference has been checked against the guideline's text
    severity: Severity = Severity.ERROR
    regional: bool = False  # True: runs only where a profile lists it; False: everywhere unless switched off
    params: dict[str, int | list[str]] = {}  # the rule's parameters as data (limits, finding codes)


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    rules: dict[str, RuleEntry]
