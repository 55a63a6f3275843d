"""The rule catalogue (``catalogue.yaml``): each rule's title, reference, hint and severity as data.

A rule's code registers under its id (``@rule("SPEC-03")``, :mod:`ectd_builder.rules.engine`);
everything a user reads about the rule comes from its catalogue entry. An id without an entry,
or an entry without a rule, is an error the tool stops at: the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.load import load_or_raise
from ectd_builder.problems import Severity

CATALOGUE = Path(__file__).with_name("catalogue.yaml")


class RuleEntry(BaseModel):
    """What the catalogue says about one rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    reference: str  # the rule's source: guideline and section
    hint: str
    verified: bool  # whether the reference has been checked against the guideline's text
    severity: Severity = Severity.ERROR
    regional: bool = False  # True: runs only where a profile lists it; False: everywhere unless switched off


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    rules: dict[str, RuleEntry]


@cache
def catalogue(path: Path = CATALOGUE) -> dict[str, RuleEntry]:
    """Every catalogue entry by rule id (read once)."""
    return load_or_raise(path, Catalogue).rules


def entry(rule_id: str, path: Path = CATALOGUE) -> RuleEntry:
    """The catalogue entry of ``rule_id``; an error naming the file when there is none."""
    found = catalogue(path).get(rule_id)
    if found is None:
        raise EctdError(
            f"rule {rule_id} has no entry in {path.name}",
            hint=f"add '{rule_id}:' with its title, reference, hint and verified flag to {path}",
        )
    return found


def check_complete(registered: Iterable[str], path: Path = CATALOGUE) -> None:
    """Raise when the catalogue names rules no code registers."""
    have = set(registered)
    orphans = [rule_id for rule_id in catalogue(path) if rule_id not in have]
    if orphans:
        raise EctdError(
            f"{path.name} describes rules that do not exist: {', '.join(orphans)}",
            hint="remove the entries, or register the rules with @rule(id)",
        )
