"""Plain-text report: one ``file:line:col: severity [code] message`` line per problem."""

from __future__ import annotations

from collections.abc import Sequence

from ectd_builder.problems import NotRun, Problem, Severity, count, sort_problems


def problem_line(p: Problem) -> str:
    """The first line of a problem, in the ``file:line:col`` form editors understand."""
    return f"{p.location}: {p.severity.value} [{p.code}] {p.message}"


def problem_lines(p: Problem) -> list[str]:
    lines = [problem_line(p)]
    if p.hint:
        lines.append(f"    hint: {p.hint}")
    if p.reference:
        lines.append(f"    see: {p.reference}")
    return lines


def error_lines(message: str, hint: str | None = None) -> list[str]:
    """A usage or environment error as at most two lines: what is wrong, and the fix."""
    lines = [f"error: {message}"]
    if hint:
        lines.append(f"  fix: {hint}")
    return lines


def not_run_lines(n: NotRun) -> list[str]:
    """A check that did not run: ``file: not run: check: reason``, then the fix. The file leads when
    known and the check's wording does not already name it (``schema validation of 0002/index.xml``)."""
    where = f"{n.file}: " if n.file and n.file not in n.check else ""
    lines = [f"{where}not run: {n.check}: {n.reason}"]
    if n.fix:
        lines.append(f"    fix: {n.fix}")
    return lines


def summary_line(problems: Sequence[Problem], not_run: Sequence[NotRun] = ()) -> str:
    errors = count(problems, Severity.ERROR)
    warnings = count(problems, Severity.WARNING)
    text = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    if not_run:
        text += f", {len(not_run)} check{'s' if len(not_run) != 1 else ''} not run"
    return text


def render_text(
    problems: Sequence[Problem],
    not_run: Sequence[NotRun] = (),
    *,
    group_by_jurisdiction: bool = False,
) -> str:
    """The whole report as text. Grouped per jurisdiction when asked (``validate -j``)."""
    out: list[str] = []
    ordered = sort_problems(problems)
    current: str | None = None
    for p in ordered:
        if group_by_jurisdiction and p.jurisdiction != current:
            current = p.jurisdiction
            out.append(f"== {current or 'all jurisdictions'} ==")
        out.extend(problem_lines(p))
    for n in not_run:
        out.extend(not_run_lines(n))
    out.append(summary_line(problems, not_run))
    return "\n".join(out) + "\n"
