"""Problems are values: what went wrong, where, and how to fix it.

Every stage of the pipeline (loading, schema, rules, checking) returns problems instead of
printing or raising. Formatters in :mod:`ectd_builder.report` turn them into text, JSON or SARIF.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum


class Severity(str, Enum):
    """How serious a problem is. Errors fail a run; warnings fail it only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a problem is about (e.g. the structured value a narrative contradicts)."""

    file: str | None
    line: int | None
    col: int | None
    message: str

    @property
    def location(self) -> str:
        return ":".join(str(x) for x in (self.file or "<dossier>", self.line, self.col) if x is not None)


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, with a location a person (or an editor) can jump to."""

    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None
    path: str | None = None
    hint: str | None = None
    reference: str | None = None
    jurisdiction: str | None = None
    related: tuple[Related, ...] = ()

    def at(self, file: str | None, line: int | None, col: int | None) -> Problem:
        """The same problem placed at another location."""
        return replace(self, file=file, line=line, col=col)

    @property
    def location(self) -> str:
        """``file:line:col`` with the parts that are known."""
        parts = [self.file or "<dossier>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a problem code means: listed in SARIF output and in ``ectd requirements``."""

    code: str
    title: str
    description: str = ""
    reference: str | None = None
    default_severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class NotRun:
    """A check that could not run (schema missing, file unreadable). Never reported as passed.

    ``file`` is what the check was about (a sequence folder, a backbone or a unit file), relative
    like :attr:`Problem.file`; ``None`` when it concerns the whole run (or its maker does not say).
    """

    check: str
    reason: str
    fix: str | None = None
    file: str | None = None


@dataclass(frozen=True)
class Outcome:
    """Problems of a run plus the checks that did not run."""

    problems: tuple[Problem, ...] = ()
    not_run: tuple[NotRun, ...] = ()
    rules: tuple[RuleInfo, ...] = field(default=())


# Problems that only follow from another one (an included file that could not be read leaves its
# ids undefined): listed after the problems they follow from, whatever file they point at.
FOLLOW_ON_CODES = frozenset({"ref-not-checked"})


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Stable order: jurisdiction, follow-on problems last, file, line, column, code."""
    return sorted(
        problems,
        key=lambda p: (
            p.jurisdiction or "",
            p.code in FOLLOW_ON_CODES,
            p.file or "",
            p.line if p.line is not None else 0,
            p.col if p.col is not None else 0,
            p.code,
            p.message,
        ),
    )


def count(problems: Sequence[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity is severity)


def exit_code(problems: Sequence[Problem], *, strict: bool = False) -> int:
    """0 when clean, 1 when errors (or warnings under ``strict``) were found."""
    worst = {p.severity for p in problems}
    if Severity.ERROR in worst or (strict and Severity.WARNING in worst):
        return 1
    return 0
