"""The rule engine: a registry of rules, each a function from a context to findings.

A rule has a stable id (``Q3A-01``), a title, a reference (guideline and section), a hint and a
default severity; all but the id and the check are data (``catalogue.yaml``, read by
:mod:`ectd_builder.rules.catalogue`). Whether a rule runs for a jurisdiction, and how severe its
findings are, comes from the jurisdiction profile (``rules:`` in ``jurisdictions/<id>.yaml``),
never from code: ICH rules run everywhere unless a profile switches them ``off``; regional rules run only where a
profile lists them. Findings carry the data path of the node they are about; the engine turns
that path into ``file:line:col`` through the loader's positions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ectd_builder.jurisdiction.profiles import Profile, load_profile
from ectd_builder.problems import Problem, RuleInfo, Severity
from ectd_builder.rules.catalogue import check_complete, entry
from ectd_builder.rules.text_position import Quote, place

if TYPE_CHECKING:
    from ectd_builder.dossier.model import Dossier

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """What a rule found, and where (a data path into the dossier)."""

    message: str
    path: DataPath
    hint: str | None = None
    severity: Severity | None = None  # milder than the rule's for this finding (e.g. a justified deviation)
    quote: Quote | None = None  # the characters of the text at ``path`` the finding is about
    related: tuple[DataPath, str] | None = None  # another place it is about, and what stands there


@dataclass(frozen=True)
class Context:
    """What a rule sees: the typed dossier and the profile of the jurisdiction being checked."""

    dossier: Dossier
    profile: Profile
    root: Path | None = None  # the dossier folder (attachments are read from it), when known

    @property
    def jurisdiction(self) -> str:
        return self.profile.id


Check = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    reference: str
    hint: str
    severity: Severity
    regional: bool
    check: Check

    def info(self) -> RuleInfo:
        return RuleInfo(self.id, self.title, description=self.hint, reference=self.reference, default_severity=self.severity)


_RULES: dict[str, Rule] = {}


def rule(rule_id: str) -> Callable[[Check], Check]:
    """Register ``check`` as rule ``rule_id``, described by its entry in ``catalogue.yaml``."""
    meta = entry(rule_id)

    def register(check: Check) -> Check:
        if rule_id in _RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        _RULES[rule_id] = Rule(rule_id, meta.title, meta.reference, meta.hint, meta.severity, meta.regional, check)
        return check

    return register


def rules_from(check: Callable[..., Iterable[Finding]], param: str, rows: Mapping[str, object]) -> None:
    """Register a family of rules that differ only in one parameter: a row (rule id -> value) a rule."""
    for rule_id, value in rows.items():
        rule(rule_id)(partial(check, **{param: value}))


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by id."""
    _load_rule_modules()
    return [_RULES[k] for k in sorted(_RULES)]


def rule_catalog() -> list[RuleInfo]:
    """Rule descriptions for SARIF drivers and ``ectd requirements``."""
    return [r.info() for r in all_rules()]


def severity_for(rule_: Rule, profile: Profile) -> Severity | None:
    """The severity of ``rule_`` in ``profile``; None when it does not apply there."""
    configured = profile.rule_severity.get(rule_.id)
    if configured == "off":
        return None
    if configured is None:
        return None if rule_.regional else rule_.severity
    return Severity(configured)


def run_rules(result: Any, jurisdictions: Sequence[str]) -> list[Problem]:
    """Apply every applicable rule of each jurisdiction to a loaded dossier.

    ``result`` is the loader's ``LoadResult``. Nothing runs when the dossier did not load (its
    schema problems are reported by the loader).
    """
    dossier = getattr(result, "dossier", None)
    if dossier is None:
        return []
    positions = getattr(result, "positions", None)
    problems: list[Problem] = []
    for jurisdiction in jurisdictions:
        ctx = Context(dossier=dossier, profile=load_profile(jurisdiction), root=getattr(result, "root", None))
        problems.extend(_run_one(ctx, positions))
    return problems


def _run_one(ctx: Context, positions: Any) -> Iterator[Problem]:
    for rule_ in all_rules():
        severity = severity_for(rule_, ctx.profile)
        if severity is None:
            continue
        seen: set[tuple[str, DataPath]] = set()
        for finding in _findings(rule_, ctx):
            key = (finding.message, finding.path)
            if key in seen:
                continue
            seen.add(key)
            file, line, col = _locate(positions, finding.path)
            (file, line, col), message, related = place(positions, finding, (file, line, col))
            yield Problem(
                code=rule_.id,
                severity=finding.severity if finding.severity and finding.severity.rank > severity.rank else severity,
                message=message,
                file=file,
                line=line,
                col=col,
                path=dotted(finding.path),
                hint=finding.hint or rule_.hint,
                reference=rule_.reference,
                jurisdiction=ctx.jurisdiction,
                related=related,
            )


def _findings(rule_: Rule, ctx: Context) -> list[Finding]:
    """The rule's findings; a rule that breaks on unexpected data reports that instead of passing."""
    try:
        return list(rule_.check(ctx))
    except Exception as exc:  # noqa: BLE001 - a broken rule must not pass silently nor stop the others
        return [
            Finding(
                f"the rule could not run ({type(exc).__name__}: {exc}); this is a bug in ectd-builder",
                (),
                hint="report it with the dossier that triggers it",
            )
        ]


def _locate(positions: Any, path: DataPath) -> tuple[str | None, int | None, int | None]:
    if positions is None:
        return None, None, None
    mark = positions.value(path) if hasattr(positions, "value") else None
    if mark is None:
        return None, None, None
    return mark.file, mark.line, mark.col


def dotted(path: DataPath) -> str:
    """``('products', 0, 'name')`` -> ``products[0].name``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_LOADED = False


def _load_rule_modules() -> None:
    """Import the modules that register rules (once), and check the catalogue describes only them."""
    global _LOADED
    if _LOADED:
        return
    from ectd_builder.rules import (  # noqa: F401  (imported for their registrations)
        attachments,
        declared,
        drift,
        ich_batches,
        ich_impurities,
        ich_quality,
        ich_residues,
        ich_stability,
        ich_validation,
        regional,
        regional_codes,
        regional_content,
        translation,
    )

    check_complete(_RULES)
    _LOADED = True
