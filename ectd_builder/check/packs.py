"""Criteria packs: the validation criteria as data (``criteria/*.yaml``), with ids, levels and sources.

Checks never hard-code a criterion id. They report against a *check key* (``leaf-checksum``,
``path-length`` ...); the active :class:`CriteriaSet` maps the key to the criteria that cover it
(regional pack first, then the ICH common pack) and turns a finding into one :class:`Problem` per
criterion. A key no active criterion covers is not reported: the packs decide what applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ectd_builder.errors import EctdError
from ectd_builder.problems import Problem, RuleInfo, Severity

CRITERIA_DIR = Path(__file__).resolve().parent / "criteria"
PACKS = ("ich", "eu", "fda", "cn", "jp")
# Every check key the checks report, for validating packs (a pack naming another key is an error).
CHECK_KEYS = frozenset(
    """
    seq-folder-name app-folder-extra seq-number-duplicate seq-number-gap seq-first-number seq-envelope-mismatch
    index-missing index-malformed index-invalid index-doctype index-stylesheet index-md5-missing index-md5-mismatch
    regional-missing regional-malformed regional-invalid regional-doctype regional-stylesheet regional-version
    regional-version-order
    util-ich-dtd-missing util-ich-dtd-checksum util-ich-xsl-missing util-ich-xsl-checksum
    util-regional-dtd-missing util-regional-dtd-checksum util-regional-xsl-missing util-regional-xsl-checksum
    util-eu-envelope-missing util-eu-envelope-checksum util-eu-leaf-missing util-eu-leaf-checksum
    envelope-uuid-syntax envelope-uuid-changed envelope-uuid-mismatch envelope-procedure
    envelope-related-sequence envelope-field-format envelope-code-list
    leaf-checksum-type leaf-checksum leaf-title-empty leaf-href-missing leaf-delete-href leaf-file-missing
    leaf-modified-file-missing leaf-new-modified-file leaf-target-missing leaf-target-unverifiable
    leaf-href-not-relative leaf-cross-application leaf-not-lowest leaf-title-length leaf-title-section-number
    title-whitespace heading-empty nodeext-title-empty nodeext-present nodeext-not-allowed
    lifecycle-first-not-new lifecycle-target-replaced lifecycle-target-deleted lifecycle-target-multiple
    lifecycle-append-on-append lifecycle-lang-changed lifecycle-keys-changed lifecycle-section-changed
    envelope-application-changed
    file-empty file-oversize file-format file-symlink file-content-mismatch file-unreferenced root-extra-file folder-empty
    path-length name-length name-chars
    pdf-unreadable pdf-version pdf-encrypted pdf-javascript pdf-embedded-files pdf-multimedia pdf-fonts
    pdf-bookmarks pdf-external-links pdf-broken-link pdf-page-size
    """.split()
)
_SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True)
class Criterion:
    id: str
    pack: str
    level: str
    severity: Severity
    title: str
    source: str
    checks: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)
    v8: str | None = None
    v8_known: bool = True
    verified: bool | None = None  # the entry's fact checked against its source (None: not stated)

    def rule_info(self) -> RuleInfo:
        desc = f"{self.pack} pack, level {self.level}."
        if self.verified is False:
            desc += " Unverified: see the source."
        if not self.v8_known:
            desc += " EU v8.x number unknown (v6.1 numbering)."
        return RuleInfo(self.id, self.title, desc, self.source, self.severity)


@dataclass(frozen=True)
class Pack:
    name: str
    title: str
    region: str | None
    numbering: str
    criteria: tuple[Criterion, ...]


def _from_row(row: Any, pack: str, levels: Mapping[str, str]) -> Criterion:
    """The criterion of a checked pack entry (:class:`~ectd_builder.jurisdiction.criteria_file.CriterionRow`)."""
    fields = dict(row)
    fields |= {"severity": _SEVERITY[row.severity or levels[row.level]], "params": dict(row.params)}
    return Criterion(pack=pack, v8_known="v8" not in row.model_fields_set or row.v8 is not None, **fields)


def read_pack_file(path: Path, check_keys: frozenset[str] | None = CHECK_KEYS) -> tuple[Pack | None, list[Problem]]:
    """Read one criteria pack YAML file: the pack (None when defective) and every problem, located.

    ``check_keys``: the keys a criterion may name (``None``: any; the caller checks them).
    """
    from ectd_builder.jurisdiction.criteria_file import PackFile  # noqa: PLC0415 - pydantic on first use
    from ectd_builder.jurisdiction.load import read  # noqa: PLC0415

    found = read(Path(path), PackFile, context={"check_keys": check_keys})
    data = found.value
    if data is None:
        return None, found.problems
    name = data.pack or Path(path).stem
    crits = tuple(_from_row(row, name, data.levels) for row in data.criteria)
    return Pack(name, data.title or name, data.region, data.numbering, crits), []


def load_pack_file(path: Path, check_keys: frozenset[str] | None = CHECK_KEYS) -> Pack:
    """Read one criteria pack YAML file; a defective one raises EctdError listing every problem."""
    from ectd_builder.jurisdiction.load import problems_error  # noqa: PLC0415

    pack, problems = read_pack_file(path, check_keys)
    if pack is None:
        raise problems_error(problems, hint="fix the criteria pack, or reinstall ectd-builder if you did not edit it")
    return pack


@cache
def load_pack(name: str) -> Pack:
    """A built-in pack by name (``ich``, ``eu``, ``fda``, ``cn``, ``jp``)."""
    if name not in PACKS:
        raise EctdError(f"unknown criteria pack '{name}'", hint=f"use one of: {', '.join(PACKS)} or a YAML file")
    return load_pack_file(CRITERIA_DIR / f"{name}.yaml")


def region_pack(region: str | None) -> Pack | None:
    """The built-in pack whose ``region`` is ``region`` (``us`` -> the fda pack), from the packs themselves."""
    return next((pack for pack in map(load_pack, PACKS) if region is not None and pack.region == region), None)


@dataclass(frozen=True)
class CriteriaSet:
    """The criteria in force for one run: a regional (or chosen) pack over the ICH common pack."""

    name: str
    by_check: Mapping[str, tuple[Criterion, ...]]

    def rules(self, key: str) -> tuple[Criterion, ...]:
        return self.by_check.get(key, ())

    def applies(self, key: str) -> bool:
        return key in self.by_check

    def problems(
        self,
        key: str,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        hint: str | None = None,
        only: Criterion | None = None,
    ) -> list[Problem]:
        """One problem per criterion covering ``key`` (or just ``only``)."""
        crits = (only,) if only is not None else self.rules(key)
        return [Problem(c.id, c.severity, message, file=file, line=line, hint=hint, reference=c.source) for c in crits]

    def rule_infos(self) -> tuple[RuleInfo, ...]:
        seen: dict[str, RuleInfo] = {}
        for crits in self.by_check.values():
            for c in crits:
                seen.setdefault(c.id, c.rule_info())
        return tuple(seen[k] for k in sorted(seen))


def criteria_for(region: str | None, choice: str | None = None) -> CriteriaSet:
    """The criteria set for ``region``, or for ``choice`` (a pack name or a YAML file path)."""
    packs: list[Pack] = [load_pack("ich")]
    if choice:
        if choice in PACKS:
            chosen = load_pack(choice)
        elif Path(choice).is_file():
            chosen = load_pack_file(Path(choice))
        else:
            raise EctdError(f"unknown criteria '{choice}'", hint=f"use one of: {', '.join(PACKS)} or a YAML file")
        if chosen.name != "ich":
            packs.append(chosen)
    elif (regional := region_pack(region)) is not None:
        packs.append(regional)
    by_check: dict[str, tuple[Criterion, ...]] = {}
    for pack in packs:  # later (regional) packs replace the common entry for the same check
        mine: dict[str, list[Criterion]] = {}
        for c in pack.criteria:
            for key in c.checks:
                mine.setdefault(key, []).append(c)
        by_check.update({k: tuple(v) for k, v in mine.items()})
    return CriteriaSet(packs[-1].name, by_check)
