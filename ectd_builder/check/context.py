"""The collector one check run writes into: where files are, which criteria apply, what was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ectd_builder.check.lowest import HeadingModel
from ectd_builder.check.packs import CriteriaSet, Criterion
from ectd_builder.check.scan import FileScan
from ectd_builder.problems import NotRun, Problem
from ectd_builder.sequence.model import SequenceDoc, effective_number

__all__ = ["Findings", "SeqRun", "effective_number"]


@dataclass
class Findings:
    """Problems and not-run checks of a run, in the order found (sorted by the formatters)."""

    problems: list[Problem] = field(default_factory=list)
    not_run: list[NotRun] = field(default_factory=list)

    def skip(self, check: str, reason: str, fix: str | None = None, file: str | None = None) -> None:
        item = NotRun(check, reason, fix, file)
        if item not in self.not_run:
            self.not_run.append(item)


class InBackbone(Protocol):
    """An element of a backbone file (a leaf, a node-extension): the file and line it is reported at."""

    @property
    def backbone(self) -> str: ...  # relative to the sequence folder

    @property
    def line(self) -> int | None: ...


@dataclass
class SeqRun:
    """Checking one sequence: the sequence, its application folder, criteria and the findings."""

    seq: SequenceDoc
    app: Path
    prefix: str
    crit: CriteriaSet
    region: str | None
    findings: Findings
    scans: dict[str, FileScan] = field(default_factory=dict)
    heading_models: dict[str, HeadingModel] = field(default_factory=dict)  # backbone path -> its DTD's model

    @property
    def number(self) -> str | None:
        return effective_number(self.seq)

    @property
    def name(self) -> str:
        return self.seq.name

    def display(self, rel_app: str | None) -> str | None:
        """A path relative to the application folder, as shown to the user."""
        if rel_app is None:
            return None
        return f"{self.prefix}{rel_app}"

    def in_seq(self, rel_seq: str) -> str:
        """Path relative to the sequence folder -> relative to the application folder."""
        return f"{self.seq.name}/{rel_seq}" if rel_seq else self.seq.name

    def report(
        self,
        key: str,
        message: str,
        rel_app: str | None = None,
        *,
        line: int | None = None,
        hint: str | None = None,
        only: Criterion | None = None,
    ) -> None:
        self.findings.problems += self.crit.problems(key, message, file=self.display(rel_app), line=line, hint=hint, only=only)

    def skip(self, check: str, reason: str, fix: str | None = None, rel_app: str | None = None) -> None:
        """A check of this sequence that did not run, about ``rel_app`` (default: the sequence folder)."""
        self.findings.skip(check, reason, fix, self.display(rel_app if rel_app is not None else self.name))

    def report_at(self, item: InBackbone, key: str, message: str, *, only: Criterion | None = None) -> None:
        """:meth:`report` at the line of ``item`` in its backbone file."""
        self.report(key, message, self.in_seq(item.backbone), line=item.line, only=only)

    def applies(self, key: str) -> bool:
        return self.crit.applies(key)
