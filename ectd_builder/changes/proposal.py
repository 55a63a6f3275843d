"""The envelope words a build can take from the ``ectd changes`` proposal (issue 14 item 3).

Each profile maps the reporting categories of its classification rules
(``jurisdictions/variations/<j>.yaml``) to the word of its application data that files them:
the fact ``submission_from_category`` (``field`` and ``words``), e.g. FDA ``AR -> submission_type:
annual-report``, EU ``II -> submission_type: var-type2``, CN ``major -> regulatory_activity: cnrat2``.
A proposal whose changes need assessment is refused at the first such change's file:line:col.
"""

from __future__ import annotations

from dataclasses import dataclass

from ectd_builder.changes.api import ChangeReport, Item
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.profiles import load_profile

FACT = "submission_from_category"


@dataclass(frozen=True)
class Proposed:
    """The application word the proposal files with, and the build note that says so."""

    jurisdiction: str
    field: str
    word: str
    category: str

    @property
    def note(self) -> str:
        return (
            f"{self.jurisdiction}: {self.field} '{self.word}' taken from 'ectd changes' (category {self.category}); "
            f"set applications.{self.jurisdiction}.{self.field} to override"
        )


def _pending(report: ChangeReport, jurisdiction: str) -> list[Item]:
    return [i for i in report.items if jurisdiction in i.categories and i.categories[jurisdiction].category is None]


def _where(item: Item) -> str:
    parts = [str(p) for p in (item.file, item.line, item.col) if p is not None]
    return ":".join(parts) or item.change.entity


def proposed_submission(report: ChangeReport, jurisdiction: str) -> Proposed | None:
    """What ``jurisdiction``'s envelope files from ``report``; None when nothing changed.

    EctdError (located at the change) when a change needs assessment or the profile has no word
    for the proposed category."""
    pending = _pending(report, jurisdiction)
    if pending:
        first = pending[0]
        raise EctdError(
            f"{_where(first)}: the {jurisdiction} reporting category of this change needs assessment "
            f"({len(pending)} change{'s' if len(pending) != 1 else ''} in all), so the submission type cannot be proposed",
            hint=f"declare the category in the dossier (ec.reporting), or set applications.{jurisdiction}.submission_type "
            "(regulatory_activity for nmpa) explicitly",
        )
    filing = report.filings.get(jurisdiction)
    if filing is None or filing.category is None:
        return None
    fact = load_profile(jurisdiction).value(FACT)
    words = dict((fact or {}).get("words", {}))
    if filing.category not in words:
        raise EctdError(
            f"the {jurisdiction} proposal is category {filing.category}, which jurisdictions/{jurisdiction}.yaml "
            f"does not map to a submission word ({FACT})",
            hint=f"add {filing.category} to {FACT}.words of jurisdictions/{jurisdiction}.yaml, or set the "
            f"submission type of applications.{jurisdiction} explicitly",
        )
    return Proposed(jurisdiction, str(fact["field"]), str(words[filing.category]), filing.category)
