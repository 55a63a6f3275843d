"""Shared CLI plumbing: output of reports, colour on terminals, error-to-exit-code mapping."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from ectd_builder.errors import EctdError
from ectd_builder.problems import NotRun, Problem, RuleInfo, Severity, sort_problems
from ectd_builder.report import render_json, render_sarif
from ectd_builder.report.text import problem_lines, summary_line

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def stdout_console() -> Console:
    """Colour only on a real terminal; plain text in pipes, files and CI logs."""
    return Console(highlight=False, soft_wrap=True, no_color="NO_COLOR" in os.environ)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, no_color="NO_COLOR" in os.environ)


def fail(message: str, hint: str | None = None) -> typer.Exit:
    """Print a usage/environment error to stderr and return the exit to raise (code 2)."""
    err = stderr_console()
    err.print(Text(f"error: {message}", style="bold red"))
    if hint:
        err.print(Text(f"  fix: {hint}"))
    return typer.Exit(EXIT_USAGE)


def check_format(fmt: str, allowed: Sequence[str]) -> str:
    if fmt not in allowed:
        raise fail(f"unknown format '{fmt}'", f"use one of: {', '.join(allowed)}")
    return fmt


def print_report(
    problems: Sequence[Problem],
    fmt: str,
    *,
    not_run: Sequence[NotRun] = (),
    rules: Sequence[RuleInfo] = (),
    group_by_jurisdiction: bool = False,
) -> None:
    """Write a problem report to stdout in the chosen format."""
    if fmt == "json":
        sys.stdout.write(render_json(problems, not_run))
        return
    if fmt == "sarif":
        sys.stdout.write(render_sarif(problems, not_run, rules))
        return
    console = stdout_console()
    current: str | None = "\0"
    for p in sort_problems(problems):
        if group_by_jurisdiction and p.jurisdiction != current:
            current = p.jurisdiction
            console.print(Text(f"== {current or 'all jurisdictions'} ==", style="bold"))
        first, *rest = problem_lines(p)
        line = Text(first)
        line.highlight_words([f" {p.severity.value} "], style=_STYLE[p.severity])
        console.print(line)
        for extra in rest:
            console.print(Text(extra, style="dim"))
    for n in not_run:
        console.print(Text(f"not run: {n.check}: {n.reason}", style="yellow"))
        if n.fix:
            console.print(Text(f"    fix: {n.fix}", style="dim"))
    console.print(Text(summary_line(problems, not_run), style="bold"))


def existing_dir(path: Path, what: str) -> Path:
    if not path.exists():
        raise fail(f"{what} '{path}' does not exist")
    return path


def run_guarded(app: typer.Typer, argv: Sequence[str] | None = None) -> int:
    """Run the app; environment errors exit 2, interrupts 130, bugs 3 with a short report."""
    try:
        result = app(args=list(argv) if argv is not None else None, standalone_mode=False)
        if isinstance(result, int):
            return result
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except EctdError as exc:
        err = stderr_console()
        err.print(Text(f"error: {exc.message}", style="bold red"))
        if exc.hint:
            err.print(Text(f"  fix: {exc.hint}"))
        return EXIT_USAGE
    except KeyboardInterrupt:
        stderr_console().print("interrupted")
        return 130
    except SystemExit as exc:  # click raises this for --help and usage errors
        return int(exc.code or 0)
    except Exception as exc:  # noqa: BLE001 - last line of defence: never show a raw traceback
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            return EXIT_USAGE
        if isinstance(exc, click.exceptions.Abort):
            return 130
        err = stderr_console()
        err.print(Text(f"internal error: {type(exc).__name__}: {exc}", style="bold red"))
        err.print("  this is a bug in ectd-builder; please report it with the details below")
        if os.environ.get("ECTD_DEBUG"):
            err.print(traceback.format_exc())
        else:
            err.print("  (set ECTD_DEBUG=1 to see the traceback)")
        return EXIT_INTERNAL
    return EXIT_OK
