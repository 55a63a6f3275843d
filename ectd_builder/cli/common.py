"""Shared CLI plumbing: output of reports, colour on terminals, error-to-exit-code mapping.

Exit codes: 0 clean, 1 problems found, 2 usage or environment error, 3 a bug (crash log), 130 interrupted.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ectd_builder.cli.crash import arguments, write_crash_log
from ectd_builder.cli.usage import (
    Abort,
    ClickException,
    UsageError,
    command_path,
    usage_message,
)
from ectd_builder.errors import EctdError
from ectd_builder.problems import NotRun, Problem, RuleInfo, Severity, sort_problems
from ectd_builder.report import blocks, render_json, render_sarif
from ectd_builder.report.text import error_lines, not_run_lines, problem_lines, summary_line

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
# report/blocks.py style names -> terminal styles
_BLOCK_STYLE = {"heading": "bold", "dim": "dim", "warning": "yellow", "error": "bold red", "ok": "green", "": ""}


def stdout_console() -> Console:
    """Colour only on a real terminal; plain text in pipes, files and CI logs."""
    return Console(highlight=False, soft_wrap=True, no_color="NO_COLOR" in os.environ)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, no_color="NO_COLOR" in os.environ)


def print_error(message: str, hint: str | None = None) -> None:
    """A usage or environment error on stderr: ``error: ...`` and, when known, ``  fix: ...``."""
    err = stderr_console()
    first, *rest = error_lines(message, hint)
    err.print(Text(first, style="bold red"))
    for line in rest:
        err.print(Text(line))


def styled(block: blocks.Line | blocks.Cell) -> Text:
    spans = (block,) if isinstance(block, (str, blocks.Span)) else block
    text = Text()
    for span in spans:
        piece = blocks.Span(span) if isinstance(span, str) else span
        text.append(piece.text, style=_BLOCK_STYLE[piece.style])
    return text


def _table(block: blocks.Table) -> Table:
    table = Table(title=block.title, show_lines=block.show_lines, expand=False)
    for column in block.columns:
        table.add_column(column.name, no_wrap=column.no_wrap)
    for row in block.rows:
        table.add_row(*(styled(cell) for cell in row))
    return table


def print_blocks(items: Iterable[blocks.Block], console: Console | None = None) -> None:
    """Print report/ output (lines and tables) to stdout, or to ``console``."""
    out = console or stdout_console()
    for block in items:
        out.print(_table(block) if isinstance(block, blocks.Table) else styled(block))


def fail(message: str, hint: str | None = None) -> typer.Exit:
    """Print a usage/environment error to stderr and return the exit to raise (code 2)."""
    print_error(message, hint)
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
        first, *rest = not_run_lines(n)
        console.print(Text(first, style="yellow"))
        for extra in rest:
            console.print(Text(extra, style="dim"))
    console.print(Text(summary_line(problems, not_run), style="bold"))


def existing_dir(path: Path, what: str) -> Path:
    if not path.exists():
        raise fail(f"{what} '{path}' does not exist", "check the path (relative paths start from the current folder)")
    if not path.is_dir():
        raise fail(f"{what} '{path}' is a file, not a folder", "pass the folder that holds it")
    return path


def writable_output(path: Path, what: str, *, file: bool = False) -> Path:
    """Refuse an output folder (or, with ``file``, an output file) that cannot be written, before
    any work starts: :class:`~ectd_builder.errors.OutputBlocked` reaches the guard as exit 2."""
    from ectd_builder.ectd.atomic import ensure_writable

    if file and path.is_dir():
        raise fail(f"{what} {path} is a folder", "give the name of a file to write")
    ensure_writable(path, what, file=file)
    return path


def run_guarded(app: typer.Typer, argv: Sequence[str] | None = None) -> int:
    """Run the app: usage and environment errors exit 2, interrupts 130, bugs 3 with a crash log."""
    try:
        result = app(args=list(argv) if argv is not None else None, prog_name="ectd", standalone_mode=False)
        if isinstance(result, int):
            return result
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except EctdError as exc:  # includes OutputBlocked: found before anything was written
        print_error(exc.message, exc.hint)
        return EXIT_USAGE
    except UsageError as exc:
        print_error(*usage_message(exc, command_path(app, arguments(argv))))
        return EXIT_USAGE
    except ClickException as exc:  # e.g. a file argument that cannot be opened
        print_error(exc.format_message())
        return EXIT_USAGE
    except (KeyboardInterrupt, Abort):
        stderr_console().print("interrupted")
        return EXIT_INTERRUPTED
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - last line of defence: never show a raw traceback
        return _crashed(exc, arguments(argv))
    return EXIT_OK


def _crashed(exc: Exception, argv: list[str]) -> int:
    err = stderr_console()
    err.print(Text(f"internal error: {type(exc).__name__}: {exc}", style="bold red"))
    log = write_crash_log(exc, argv)
    where = f"the crash log {log}" if log is not None else "the command you ran (no crash log could be written)"
    err.print(f"  this is a bug in ectd-builder; please report it with {where}")
    if os.environ.get("ECTD_DEBUG"):
        err.print(traceback.format_exc())
    return EXIT_INTERNAL
