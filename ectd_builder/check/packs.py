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

import yaml

from ectd_builder.errors import EctdError
from ectd_builder.problems import Problem, RuleInfo, Severity

CRITERIA_DIR = Path(__file__).resolve().parent / "criteria"
PACKS = ("ich", "eu", "fda", "cn", "jp")
REGION_PACK = {"us": "fda", "eu": "eu", "cn": "cn", "jp": "jp"}
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


def _criterion(raw: Mapping[str, Any], pack: str, levels: Mapping[str, str], where: str) -> Criterion:
    try:
        level = str(raw["level"])
        sev_name = str(raw.get("severity") or levels[level])
        return Criterion(
            id=str(raw["id"]),
            pack=pack,
            level=level,
            severity=_SEVERITY[sev_name],
            title=str(raw["title"]),
            source=str(raw["source"]),
            checks=tuple(str(c) for c in raw["checks"]),
            params=dict(raw.get("params") or {}),
            v8=raw.get("v8"),
            v8_known="v8" not in raw or raw.get("v8") is not None,
            verified=None if raw.get("verified") is None else bool(raw["verified"]),
        )
    except (KeyError, TypeError) as exc:
        raise EctdError(f"criteria pack {where}: bad entry {raw!r} ({exc})") from exc


def load_pack_file(path: Path) -> Pack:
    """Read one criteria pack YAML file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise EctdError(f"cannot read criteria pack {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("criteria"), list):
        raise EctdError(f"criteria pack {path} has no 'criteria' list")
    name = str(data.get("pack") or Path(path).stem)
    levels = data.get("levels") or {}
    crits = tuple(_criterion(c, name, levels, str(path)) for c in data["criteria"])
    for crit in crits:
        unknown = sorted(set(crit.checks) - CHECK_KEYS)
        if unknown:
            raise EctdError(f"criteria pack {path}: {crit.id} names unknown checks: {', '.join(unknown)}")
    return Pack(name, str(data.get("title", name)), data.get("region"), str(data.get("numbering", "")), crits)


@cache
def load_pack(name: str) -> Pack:
    """A built-in pack by name (``ich``, ``eu``, ``fda``, ``cn``, ``jp``)."""
    if name not in PACKS:
        raise EctdError(f"unknown criteria pack '{name}'", hint=f"use one of: {', '.join(PACKS)} or a YAML file")
    return load_pack_file(CRITERIA_DIR / f"{name}.yaml")


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
    elif region in REGION_PACK:
        packs.append(load_pack(REGION_PACK[region]))
    by_check: dict[str, tuple[Criterion, ...]] = {}
    for pack in packs:  # later (regional) packs replace the common entry for the same check
        mine: dict[str, list[Criterion]] = {}
        for c in pack.criteria:
            for key in c.checks:
                mine.setdefault(key, []).append(c)
        by_check.update({k: tuple(v) for k, v in mine.items()})
    return CriteriaSet(packs[-1].name, by_check)
