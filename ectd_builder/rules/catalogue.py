"""The rule catalogue (``catalogue.yaml``): each rule's title, reference, hint and severity as data.

A rule's code registers under its id (``@rule("SPEC-03")``, :mod:`ectd_builder.rules.engine`);
everything a user reads about the rule comes from its catalogue entry. An id without an entry,
or an entry without a rule, is an error the tool stops at: the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ectd_builder.errors import EctdError

if TYPE_CHECKING:
    from ectd_builder.rules.catalogue_model import RuleEntry

CATALOGUE = Path(__file__).with_name("catalogue.yaml")


@cache
def catalogue(path: Path = CATALOGUE) -> dict[str, RuleEntry]:
    """Every catalogue entry by rule id (read once)."""
    # imported here: the CLI starts without pydantic (rules modules load when a command runs rules)
    from ectd_builder.jurisdiction.load import load_or_raise  # noqa: PLC0415
    from ectd_builder.rules.catalogue_model import Catalogue  # noqa: PLC0415

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
