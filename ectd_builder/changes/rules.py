"""Each region's change classification rules (``jurisdictions/variations/<j>.yaml``), and the
classification of one change: declared category, else the first matching rule, else "needs assessment".
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from ectd_builder.changes.compare import Change
from ectd_builder.changes.record import Where
from ectd_builder.resources import data_dir

if TYPE_CHECKING:
    from ectd_builder.changes.rules_file import RuleRow

NEEDS_ASSESSMENT: Final = "needs assessment"
Origin = Literal["declared", "rule", "needs assessment"]


@dataclass(frozen=True)
class Renumbered:
    """A rule's code as the current EU Variations Guidelines (from 15 Jan 2026) number it."""

    code: str
    source: str
    verified: bool


@dataclass(frozen=True)
class Rule:
    id: str
    match: tuple[tuple[str, tuple[Any, ...]], ...]
    category: str
    code: str | None
    source: str
    verified: bool
    note: str | None
    where: str  # file:line:col of the rule
    renumbered: Renumbered | None = None

    def matches(self, change: Change) -> bool:
        for key, wanted in self.match:
            if key == "kind":
                if not any(fnmatch.fnmatchcase(change.kind, str(w)) for w in wanted):
                    return False
                continue
            have = change.attributes.get(key)
            values = have if isinstance(have, list) else [have]
            if not any(v in wanted for v in values):
                return False
        return True


@dataclass(frozen=True)
class RuleSet:
    region: str
    path: Path
    categories: tuple[tuple[str, str], ...]  # (category, filing), highest first
    rules: tuple[Rule, ...]
    grouping: str | None = None

    def filing(self, category: str) -> str:
        return dict(self.categories).get(category, category)

    def rank(self, category: str) -> int:
        """0 for the highest category; unknown categories rank above all (they need a look)."""
        names = [c for c, _ in self.categories]
        return names.index(category) if category in names else -1


@dataclass(frozen=True)
class Category:
    """A change's reporting category in one region and where it came from."""

    region: str
    category: str | None  # None: needs assessment
    origin: Origin
    filing: str
    code: str | None = None
    rule: str | None = None
    reference: str | None = None  # the rule's source, or the declaration's field
    verified: bool | None = None
    note: str | None = None
    at: Where = None  # where the dossier declares it
    renumbered: Renumbered | None = None

    @property
    def source(self) -> str:
        """Where the category came from, in words."""
        if self.origin == "declared":
            where = f" at {self.at[0]}:{self.at[1]}:{self.at[2]}" if self.at else ""
            return f"declared in the dossier ({self.reference}{where})"
        if self.origin == "rule":
            return f"rule {self.rule} ({'verified' if self.verified else 'unverified'}): {self.reference}"
        return "no declared category and no rule matches: needs assessment"


def _rule(row: RuleRow, where: str) -> Rule:
    renumbered = row.renumbered
    return Rule(
        id=row.id,
        match=tuple((str(k), tuple(v) if isinstance(v, list) else (v,)) for k, v in row.match.items()),
        category=row.category,
        code=row.code,
        source=row.source,
        verified=row.verified,
        note=row.note,
        where=where,
        renumbered=None if renumbered is None else Renumbered(renumbered.code, renumbered.source, renumbered.verified),
    )


def read_rules(path: Path, region: str) -> RuleSet:
    """Read and check one region's rules; EctdError listing every defect at ``file:line:col``."""
    from ectd_builder.changes.rules_file import RulesFile  # noqa: PLC0415 - pydantic on first use only
    from ectd_builder.jurisdiction.load import problems_error, read  # noqa: PLC0415

    found = read(path, RulesFile, context={"region": region})
    if found.value is None or found.problems:
        raise problems_error(found.problems)
    data = found.value
    rules = tuple(_rule(row, found.where(("rules", i))) for i, row in enumerate(data.rules))
    categories = tuple((c.id, c.filing) for c in data.categories)
    return RuleSet(region, path, categories, rules, data.grouping.value if data.grouping else None)


@cache
def load_rules(region: str) -> RuleSet:
    """The shipped rules of ``region`` (``fda``, ``ema``, ``pmda``, ``nmpa``)."""
    return read_rules(data_dir("jurisdictions") / "variations" / f"{region}.yaml", region)


def classify(change: Change, rules: RuleSet) -> Category:
    """The category of ``change`` in ``rules.region``: declared, else the first matching rule."""
    rule = next((r for r in rules.rules if r.matches(change)), None)
    declared = change.declared.get(rules.region)
    if declared is not None:
        same = rule if rule is not None and rule.category == declared.category else None
        return Category(rules.region, declared.category, "declared", rules.filing(declared.category),
                        code=same.code if same else None, reference=declared.via, at=declared.at,
                        renumbered=same.renumbered if same else None)
    if rule is not None:
        return Category(rules.region, rule.category, "rule", rules.filing(rule.category), code=rule.code, rule=rule.id,
                        reference=rule.source, verified=rule.verified, note=rule.note, renumbered=rule.renumbered)
    return Category(rules.region, None, NEEDS_ASSESSMENT, NEEDS_ASSESSMENT)
