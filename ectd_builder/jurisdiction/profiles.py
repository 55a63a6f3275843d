"""Jurisdiction profiles: what FDA, EMA, PMDA and NMPA ask for, read from ``jurisdictions/<id>.yaml``.

Each profile file holds ``facts``; every fact has a ``value``, the ``source`` it comes from and a
``verified`` flag (plus an optional ``note``). Facts that could not be verified are kept in
:attr:`Profile.unverified` so commands can show them. ``rules`` maps rule ids to severities.

The file is checked by the pydantic model of :mod:`ectd_builder.jurisdiction.profile_file` (read
with :func:`ectd_builder.jurisdiction.load.read`): every defect is a problem at ``file:line:col``,
all of them; :func:`parse_profile` raises one EctdError listing them. This module stays light to
import (the CLI imports it at start): pydantic is loaded when a profile is first read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, overload

from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.regions import region_codes
from ectd_builder.problems import Problem
from ectd_builder.resources import data_dir

if TYPE_CHECKING:  # a pydantic model: imported when a profile is read (see __getattr__)
    from ectd_builder.jurisdiction.profile_file import Fact

SEVERITIES = ("error", "warning", "info", "off")
LANGUAGES = ("en", "ja", "zh")
PAGE_SIZES = ("a4", "letter")  # names the renderers know (ISO 216 A4, US Letter)
REGIONAL_SCOPES = ("product", "substance", "dossier")
# Conditions a required item may depend on (evaluated in rules/regional_content.py).
REGIONAL_CONDITIONS = ("process_validation_not_completed",)
REGIONAL_OPTIONAL = {"guidance", "when"}
REGIONAL_KEYS = {"id", "title", "kinds", "scope", "required", "source", "verified"} | REGIONAL_OPTIONAL
FACT_KEYS = {"value", "source", "verified", "note"}


class _RegionCodes(Sequence[str]):
    """:func:`region_codes` as a constant, read from ``jurisdictions/index.yaml`` when first used."""

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        return region_codes()[index]

    def __len__(self) -> int:
        return len(region_codes())

    def __iter__(self) -> Iterator[str]:
        return iter(region_codes())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and not isinstance(other, str) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(region_codes())

    def __repr__(self) -> str:
        return repr(region_codes())


JURISDICTIONS: Sequence[str] = _RegionCodes()


@dataclass(frozen=True)
class RegionalItem:
    """Content a region asks for in 3.2.R, with the attachment kinds that provide it.

    ``required`` items make validation fail when a dossier lacks them (rule R-01); the others are
    provided where they apply. ``scope`` says whether one document per drug product, per drug
    substance or per dossier is expected. ``guidance`` is for authors (``ectd requirements``) and
    never printed in a document. Read from the file by pydantic, which checks these types.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}
    section: ClassVar[str] = "3.2.R"

    id: str
    title: dict[Literal["en", "ja", "zh"], str]
    kinds: tuple[str, ...]
    scope: Literal["product", "substance", "dossier"]
    required: bool
    source: str
    verified: bool
    guidance: str | None = None
    when: Literal["process_validation_not_completed"] | None = None  # required only for subjects meeting it


@dataclass(frozen=True, eq=False)
class Profile:
    """Facts a jurisdiction's rules and builders act on. ``raw`` keeps the whole file.

    ``agency`` to ``stability_minimum`` hold the values of the facts of the same name
    (``regional_requirements``: fact ``regional_3_2_r``), as checked by ``profile_file.VALUE_TYPES``.
    """

    id: str
    agency: str
    region: str
    ectd_versions: tuple[str, ...]
    m1_spec_version: str
    m1_backbone: str | None
    first_sequence: int
    max_path_length: int
    max_name_length: int
    module_languages: dict[str, str]
    pharmacopoeia: tuple[str, ...]
    excipient_compendia: tuple[str, ...]
    stability_long_term: tuple[dict[str, float], ...]
    climatic_zones: tuple[str, ...]
    regional_requirements: tuple[RegionalItem, ...]
    master_file_system: dict[str, Any]
    q12_reporting_categories: tuple[dict[str, str], ...]
    site_identifiers: tuple[str, ...]
    stability_minimum: dict[str, dict[str, int]]
    facts: dict[str, Fact] = field(repr=False)
    rule_severity: dict[str, str] = field(repr=False)
    unverified: tuple[Fact, ...] = field(repr=False)
    raw: dict[str, Any] = field(repr=False)
    source_file: Path = field(repr=False)

    def language(self, module: str) -> str:
        """Language the given module (``m1``, ``m2``, ``m3``) must be written in."""
        return self.module_languages.get(module, "en")

    def fact(self, key: str) -> Fact | None:
        return self.facts.get(key)

    def value(self, key: str, default: Any = None) -> Any:
        found = self.facts.get(key)
        return found.value if found is not None else default

    @property
    def regional_3_2_r(self) -> tuple[str, ...]:
        """The English titles of what the region asks for in 3.2.R."""
        return tuple(item.title["en"] for item in self.regional_requirements)


def __getattr__(name: str) -> Any:
    """``Fact`` (one fact with its key, source and verified flag) lives with the file model."""
    if name == "Fact":
        from ectd_builder.jurisdiction.profile_file import Fact  # noqa: PLC0415 - pydantic

        return Fact
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_profile(path: Path, expected_id: str | None = None) -> tuple[Profile | None, list[Problem]]:
    """Read and check one profile file: the profile (None when defective) and every problem, located."""
    from ectd_builder.jurisdiction.profile_file import read_profile_file  # noqa: PLC0415 - pydantic

    return read_profile_file(path, expected_id)


def parse_profile(path: Path, expected_id: str | None = None) -> Profile:
    """Read and check one profile file; a defective one raises EctdError listing every problem."""
    from ectd_builder.jurisdiction.load import problems_error  # noqa: PLC0415 - pydantic

    profile, problems = read_profile(path, expected_id)
    if profile is None:
        raise problems_error(problems)
    return profile


def profile_path(jurisdiction: str) -> Path:
    return data_dir("jurisdictions") / f"{jurisdiction}.yaml"


@cache
def load_profile(jurisdiction: str) -> Profile:
    """The profile of ``jurisdiction`` (fda, ema, pmda, nmpa); EctdError if unknown or defective."""
    key = jurisdiction.strip().lower()
    if key not in region_codes():
        raise EctdError(
            f"unknown jurisdiction '{jurisdiction}'",
            hint=f"use one of: {', '.join(region_codes())}",
        )
    return parse_profile(profile_path(key), expected_id=key)


def parse_jurisdictions(text: str) -> tuple[str, ...]:
    """``"fda,ema"`` -> ``("fda", "ema")``; ``all`` means every jurisdiction; unknown ids raise."""
    items = [t.strip().lower() for t in text.split(",") if t.strip()]
    known = region_codes()
    if items == ["all"]:
        return known
    for item in items:
        if item not in known:
            raise EctdError(
                f"unknown jurisdiction '{item}'",
                hint=f"use one or more of: {', '.join(known)} (comma separated) or all",
            )
    if not items:
        raise EctdError("no jurisdiction given", hint=f"use one or more of: {', '.join(known)}")
    return tuple(dict.fromkeys(items))


def profile_facts(profile: Profile) -> dict[str, Fact]:
    """Facts in file order (for display)."""
    return profile.facts
