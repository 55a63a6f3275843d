"""Each region's change classification rules (``jurisdictions/variations/<j>.yaml``), and the
classification of one change: declared category, else the first matching rule, else "needs assessment".
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

from ectd_builder.changes.compare import Change
from ectd_builder.changes.record import Where
from ectd_builder.jurisdiction.datafile import DataFile, read_data_file
from ectd_builder.resources import data_dir

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


def _str(df: DataFile, value: Any, path: tuple[str | int, ...], what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise df.error(path, f"{what} must be a text")
    return value


def _rule(df: DataFile, raw: Any, i: int, categories: list[str]) -> Rule:
    here: tuple[str | int, ...] = ("rules", i)
    if not isinstance(raw, dict):
        raise df.error(here, "a rule must be a mapping")
    unknown = set(raw) - {"id", "match", "category", "code", "source", "verified", "note", "renumbered"}
    if unknown:
        raise df.error(here + (sorted(unknown)[0],), f"unknown key '{sorted(unknown)[0]}' in a rule")
    match = raw.get("match")
    if not isinstance(match, dict) or "kind" not in match:
        raise df.error(here + ("match",), "match must be a mapping with at least 'kind'")
    category = _str(df, raw.get("category"), here + ("category",), "category")
    if category not in categories:
        raise df.error(here + ("category",), f"category '{category}' is not one of {', '.join(categories)}")
    if not isinstance(raw.get("verified"), bool):
        raise df.error(here + ("verified",), "verified must be true or false")
    code = raw.get("code")
    return Rule(
        id=_str(df, raw.get("id"), here + ("id",), "id"),
        match=tuple((str(k), tuple(v) if isinstance(v, list) else (v,)) for k, v in match.items()),
        category=category,
        code=None if code is None else _str(df, code, here + ("code",), "code"),
        source=_str(df, raw.get("source"), here + ("source",), "source"),
        verified=raw["verified"],
        note=raw.get("note"),
        where=df.where(here),
        renumbered=_renumbered(df, raw.get("renumbered"), here + ("renumbered",)),
    )


def _renumbered(df: DataFile, raw: Any, here: tuple[str | int, ...]) -> Renumbered | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("verified"), bool):
        raise df.error(here, "renumbered must be {code, source, verified}")
    return Renumbered(_str(df, raw.get("code"), here + ("code",), "code"),
                      _str(df, raw.get("source"), here + ("source",), "source"), raw["verified"])


def read_rules(path: Path, region: str) -> RuleSet:
    """Read and check one region's rules; EctdError at ``file:line:col`` on any defect."""
    df = read_data_file(path)
    data = df.data
    if not isinstance(data, dict):
        raise df.error((), "the file must be a mapping with id, categories and rules")
    if data.get("id") != region:
        raise df.error(("id",), f"id must be '{region}'")
    raw_categories = data.get("categories")
    if not isinstance(raw_categories, list) or not raw_categories:
        raise df.error(("categories",), "categories must be a list of {id, filing}, highest first")
    categories: list[tuple[str, str]] = []
    for i, c in enumerate(raw_categories):
        if not isinstance(c, dict):
            raise df.error(("categories", i), "a category must be {id, filing}")
        name = _str(df, c.get("id"), ("categories", i, "id"), "id")
        categories.append((name, _str(df, c.get("filing"), ("categories", i, "filing"), "filing")))
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        raise df.error(("rules",), "rules must be a list")
    names = [c for c, _ in categories]
    rules = tuple(_rule(df, r, i, names) for i, r in enumerate(raw_rules))
    grouping = data.get("grouping")
    text = grouping.get("value") if isinstance(grouping, dict) else None
    return RuleSet(region, path, tuple(categories), rules, text if isinstance(text, str) else None)


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
