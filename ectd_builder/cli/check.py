"""``ectd check``: validate any eCTD v3.2.2 sequence or application against the validation criteria."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ectd_builder.check.packs import PACKS
from ectd_builder.cli.common import (
    EXIT_USAGE,
    check_format,
    existing_dir,
    fail,
    print_error,
    print_report,
    stderr_console,
)
from ectd_builder.jurisdiction import regional_folders
from ectd_builder.problems import exit_code
from ectd_builder.report import FORMATS

_HISTORY_HELP = "Frozen application (e.g. submissions/ema, or submissions for a build folder) that resolves the lifecycle."


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int, str], None] | None]:
    """Bars per phase (the sequences, each sequence's files) on a terminal (stderr); nothing in
    pipes and CI logs. Transient: the report alone stays on the screen."""
    console = stderr_console()
    if not console.is_terminal:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[label]}"))
    with Progress(*columns, console=console, transient=True) as bar:
        tasks: dict[str, object] = {}

        def step(phase: str, done: int, total: int, label: str) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total, label="")
            bar.update(tasks[phase], completed=done, total=total, label=label[-50:])  # type: ignore[arg-type]

        yield step


def check(
    path: Path = typer.Argument(
        ..., help="A sequence folder (with index.xml) or an application folder (NNNN sequences)."
    ),
    region: str = typer.Option("", "--region", "-r", help="us, eu, jp or cn; detected from the backbone when omitted."),
    criteria: str = typer.Option(
        "",
        "--criteria",
        "-c",
        help=f"Criteria pack ({', '.join(PACKS)}) or a YAML file; the region's pack when omitted.",
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text, json or sarif."),
    standards: Path | None = typer.Option(
        None, "--standards", help="Standards store folder (default: ECTD_STANDARDS or the user data folder)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail the run too."),
    history: Path | None = typer.Option(None, "--history", help=_HISTORY_HELP),
) -> None:
    """Check a sequence or application: backbones, schemas, files, checksums, lifecycle, PDFs."""
    check_format(fmt, FORMATS)
    if region and region not in regional_folders():
        raise fail(f"unknown region '{region}'", f"use one of: {', '.join(regional_folders())}")
    existing_dir(path, "folder")
    if history is not None:
        existing_dir(history, "--history folder")
    # pypdf logs recoverable oddities of malformed PDFs; they are reported as problems instead.
    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    logging.getLogger("pypdf").propagate = False
    from ectd_builder.check.engine import (  # heavy (pypdf): only when used
        CheckOptions,
        check_path,
        schema_not_run,
    )

    with _progress() as progress:
        options = CheckOptions(region=region or None, criteria=criteria or None, standards=standards,
                               history=history, progress=progress)
        outcome = check_path(path, options)
    print_report(outcome.problems, fmt, not_run=outcome.not_run, rules=outcome.rules)
    skipped = schema_not_run(outcome)
    if skipped:  # the backbones could not be judged: an environment error, whatever else was found
        first = skipped[0]
        more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
        print_error(f"{first.check} did not run{more}: {first.reason}",
                    first.fix or "give a standards store that holds the schema (--standards DIR); 'ectd standards list' shows it")
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(exit_code(outcome.problems, strict=strict))


def register(app: typer.Typer) -> None:
    app.command("check")(check)
