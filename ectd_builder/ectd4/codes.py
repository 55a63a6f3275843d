"""The eCTD v4.0 facts as typed values: ICH (``jurisdictions/ich/ectd_v4.yaml``) and the regional
``ectd_v4:`` section of a jurisdiction profile, read with :func:`ectd_builder.jurisdiction.load.load`;
every defect is a located :class:`Problem`, all of them, not just the first.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.load import load
from ectd_builder.problems import Problem, Severity
from ectd_builder.resources import data_dir

T = TypeVar("T")
CODE = "V4F01"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fact(_Strict, Generic[T]):
    """One fact with where it comes from."""

    value: T
    source: str
    verified: bool
    note: str | None = None


class Oid(_Strict):
    oid: str
    name: str


class SequenceRange(_Strict):
    first: int
    max: int


class Message(_Strict):
    root: Fact[str]
    namespace: Fact[str]
    its_version: Fact[str]
    schema_location: Fact[str]
    file_name: Fact[str]
    checksum_file: Fact[str]
    checksum_algorithm: Fact[str]


class IchFacts(_Strict):
    id: str
    message: Message
    ig: Fact[Oid]
    sequence_number: Fact[SequenceRange]
    code_systems: dict[str, Fact[Oid]]
    context_of_use_pattern: Fact[str]
    keyword_types: dict[str, Fact[str]]
    media_types: Fact[dict[str, str]]


class RegionalFacts(_Strict):
    default_for_new_application: Fact[str]
    accepted_from: Fact[str] | None = None
    mandatory_from: Fact[str] | None = None
    ig: Fact[Oid]
    code_systems: dict[str, Fact[Oid]]
    context_of_use: dict[str, Fact[str]]
    submission_unit_types: dict[str, Fact[str]]
    submission_types: dict[str, Fact[str]]
    application_types: dict[str, Fact[str]]
    keyword_types: dict[str, Fact[str]]
    defaults: Fact[dict[str, str]]


class V4Facts(_Strict):
    """ICH and one region's facts together, as the writer uses them."""

    jurisdiction: str
    ich: IchFacts
    region: RegionalFacts

    def system(self, name: str) -> str:
        """OID of a regional code system, falling back to the ICH one of the same name."""
        found = self.region.code_systems.get(name) or self.ich.code_systems.get(name)
        if found is None:
            raise EctdError(f"no eCTD v4.0 code system '{name}' for {self.jurisdiction}", hint="add it to the ectd_v4 facts")
        return found.value.oid

    def context_code(self, section: str) -> tuple[str, str] | None:
        """(code, codeSystem) of the context of use for a CTD section or regional Module 1 code."""
        regional = self.region.context_of_use.get(section)
        if regional is not None:
            return regional.value, self.system("context_of_use")
        if section[:1] in "2345":
            code = self.ich.context_of_use_pattern.value.replace("{section}", section.lower())
            return code, self.ich.code_systems["context_of_use"].value.oid
        return None

    def keyword_type(self, name: str) -> tuple[str, str] | None:
        """(code, codeSystem) of a keyword definition type (substance, manufacturer, ...)."""
        regional = self.region.keyword_types.get(name)
        if regional is not None:
            return regional.value, self.system("keyword_definition_type")
        ich = self.ich.keyword_types.get(name)
        return None if ich is None else (ich.value, self.ich.code_systems["keyword_definition_type"].value.oid)

    def unverified(self) -> list[str]:
        """Dotted names of every fact marked ``verified: false`` (for the build note)."""
        out: list[str] = []
        for prefix, model in (("ich", self.ich), (self.jurisdiction, self.region)):
            _collect(model, prefix, out)
        return out


def _collect(node: Any, prefix: str, out: list[str]) -> None:
    if isinstance(node, Fact):
        if not node.verified:
            out.append(prefix)
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            _collect(getattr(node, name), f"{prefix}.{name}", out)
    elif isinstance(node, dict):
        for key, value in node.items():
            _collect(value, f"{prefix}.{key}", out)


class ProfileV4(BaseModel):
    """A jurisdiction profile as far as eCTD v4.0 goes: its ``ectd_v4`` section (the rest is the profile's)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    noun: ClassVar[str] = "profile"

    ectd_v4: RegionalFacts | None = None


def load_ich(path: Path | None = None) -> tuple[IchFacts | None, list[Problem]]:
    """The ICH v4.0 facts with every problem found."""
    return load(path or data_dir("jurisdictions") / "ich" / "ectd_v4.yaml", IchFacts)


def load_regional(path: Path) -> tuple[RegionalFacts | None, list[Problem]]:
    """The ``ectd_v4:`` section of a profile; a profile without one is a located problem."""
    found, problems = load(path, ProfileV4)
    if found is None:
        return None, problems
    if found.ectd_v4 is None:
        return None, [
            Problem(
                CODE,
                Severity.ERROR,
                "the profile has no ectd_v4 section: eCTD v4.0 is not defined for it",
                file=str(path),
                line=1,
            )
        ]
    return found.ectd_v4, []


@cache
def facts_for(jurisdiction: str) -> V4Facts:
    """ICH + regional v4.0 facts of ``jurisdiction``; a defective or missing file raises EctdError."""
    ich, problems = load_ich()
    region, more = load_regional(data_dir("jurisdictions") / f"{jurisdiction}.yaml")
    problems += more
    if ich is None or region is None:
        lines = "; ".join(f"{p.location}: {p.message}" for p in problems[:5])
        raise EctdError(
            f"eCTD v4.0 is not available for {jurisdiction}: {lines}",
            hint="fix the ectd_v4 facts (each entry: value, source, verified)",
        )
    return V4Facts(jurisdiction=jurisdiction, ich=ich, region=region)
