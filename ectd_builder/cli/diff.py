"""``ectd diff``: what differs between two jurisdictions' documents, or between two sequences/builds."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.text import Text

from ectd_builder.cli.check import _progress as phase_progress  # one progress display for check and diff
from ectd_builder.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    check_format,
    fail,
    print_report,
    stdout_console,
    writable_output,
)
from ectd_builder.cli.jurisdictions import parse_jurisdictions

if TYPE_CHECKING:
    from ectd_builder.diff.model import DiffResult

FORMATS = ("text", "json", "html")  # = diff.formats.FORMATS (tests/test_architecture.py); not imported: keeps `ectd --help` fast

_STYLE = {
    "heading": "bold",
    "summary": "bold",
    "dim": "dim",
    "minus": "red",
    "plus": "green",
    "added": "green",
    "only-right": "green",
    "deleted": "red",
    "only-left": "red",
    "replaced": "yellow",
    "value": "yellow",
    "text": "yellow",
    "language": "cyan",
    "requirement": "cyan",
    "moved": "magenta",
    "retitled": "magenta",
    "structure": "magenta",
    "envelope": "blue",
}


def _jurisdiction_diff(paths: list[Path], jurisdictions: str, section: str) -> DiffResult:
    from ectd_builder.diff import diff_jurisdictions
    from ectd_builder.dossier import load_dossier
    from ectd_builder.problems import Severity

    if len(paths) > 1:
        raise fail("with -j give at most one DOSSIER", "ectd diff [DOSSIER] -j fda,nmpa")
    pair = parse_jurisdictions(jurisdictions)
    if len(pair) != 2:
        raise fail(f"-j needs exactly two jurisdictions, got {len(pair)}", "e.g. -j fda,nmpa")
    loaded = load_dossier(paths[0] if paths else Path("."))
    errors = [p for p in loaded.problems if p.severity == Severity.ERROR]
    if loaded.dossier is None or errors:
        print_report(loaded.problems, "text")
        raise fail("the dossier has errors; fix them before comparing jurisdictions", "run 'ectd validate' for details")
    only = (lambda code: code.startswith(section)) if section else None
    return diff_jurisdictions(loaded.dossier, pair[0], pair[1], only=only)


def diff(
    paths: list[Path] = typer.Argument(
        None, help="Two sequence/application/build folders A B; or, with -j, the DOSSIER (default: .)."
    ),
    jurisdictions: str = typer.Option("", "--jurisdictions", "-j", help="Two jurisdictions to compare, e.g. fda,nmpa."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text, json or html."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the report to this file instead of standard output."),
    section: str = typer.Option("", "--section", help="With -j: only documents whose CTD section starts with this (e.g. 3.2.P)."),
    other_application: bool = typer.Option(
        False,
        "--other-application",
        help="Compare A and B even when their envelopes name different applications (refused otherwise).",
    ),
) -> None:
    """Compare jurisdictions (ectd diff [DOSSIER] -j J1,J2) or sequences/builds (ectd diff A B). Exit 1 when they differ."""
    check_format(fmt, FORMATS)
    if out is not None:
        writable_output(out, "diff report", file=True)
    paths = list(paths or [])
    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    logging.getLogger("pypdf").propagate = False
    if jurisdictions:
        result = _jurisdiction_diff(paths, jurisdictions, section)
    else:
        if len(paths) != 2:
            raise fail(
                "give two folders to compare, or a dossier with -j J1,J2",
                "ectd diff build/fda/0001 submissions/fda/0000  |  ectd diff . -j fda,nmpa",
            )
        from ectd_builder.diff import diff_paths  # imported here: keeps `ectd --help` fast

        with phase_progress() as progress:  # bars on a terminal (stderr), none in a pipe
            result = diff_paths(paths[0], paths[1], other_application=other_application, progress=progress)
    _emit(result, fmt, out)
    raise typer.Exit(EXIT_OK if result.equal else EXIT_PROBLEMS)


def _emit(result: DiffResult, fmt: str, out: Path | None) -> None:
    from ectd_builder.diff import render_html, render_json, text_lines

    if fmt == "text" and out is None:
        console = stdout_console()
        for style, line in text_lines(result):
            console.print(Text(line, style=_STYLE.get(style, "")))
        return
    if fmt == "json":
        body = render_json(result)
    elif fmt == "html":
        body = render_html(result)
    else:
        body = "\n".join(line for _, line in text_lines(result)) + "\n"
    if out is None:
        sys.stdout.write(body)
    else:
        out.write_text(body, encoding="utf-8", newline="\n")


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)
