"""``ectd changes``: what changed in the process knowledge since each jurisdiction's last frozen
sequence, with each region's reporting category and proposed filing.

Exit codes (the README's command contract): 0 the changes are listed and each has a category in
every region asked (or nothing changed); 1 at least one change needs assessment (no declared
category and no rule: it is never filed silently); 2 usage or environment error, e.g. a
jurisdiction with no frozen sequence or no facts record, or a dossier that does not load."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.text import Text

from ectd_builder.cli.common import EXIT_OK, EXIT_PROBLEMS, check_format, stdout_console, writable_output
from ectd_builder.cli.jurisdictions import parse_jurisdictions

if TYPE_CHECKING:
    from ectd_builder.changes.api import ChangeReport

FORMATS = ("text", "json", "html")
_STYLE = {"heading": "bold", "summary": "bold", "dim": "dim", "change": "", "category": "green", "pending": "bold red"}


def changes(
    dossier: Path = typer.Argument(Path("."), help="Dossier folder (or its dossier.yaml)."),
    jurisdictions: str = typer.Option(..., "--jurisdictions", "-j", help="fda, ema, pmda, nmpa, a list (fda,ema) or all."),
    since: str | None = typer.Option(None, "--since", help="Compare with this frozen sequence NNNN (default: the last)."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text, json or html."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the report to this file instead of standard output."),
) -> None:
    """List what changed since the last frozen sequence, with each region's category and filing.

    Exit 1 when a change needs assessment."""
    from ectd_builder.changes.api import changes_since, loaded_dossier  # imported here: keeps `ectd --help` fast
    from ectd_builder.dossier.loader import find_dossier_file

    check_format(fmt, FORMATS)
    wanted = parse_jurisdictions(jurisdictions)
    if out is not None:
        writable_output(out, "changes report", file=True)
    root = find_dossier_file(dossier).parent
    report = changes_since(loaded_dossier(root, "its changes cannot be listed"), root, wanted, since)
    _emit(report, fmt, out)
    raise typer.Exit(EXIT_PROBLEMS if report.pending else EXIT_OK)


def _emit(report: ChangeReport, fmt: str, out: Path | None) -> None:
    from ectd_builder.report import changes_html, changes_json, changes_text

    if fmt == "text" and out is None:  # coloured by style on a terminal
        console = stdout_console()
        for style, line in changes_text.changes_text_lines(report):
            console.print(Text(line, style=_STYLE.get(style, "")))
        return
    renderers = {"json": changes_json.render_changes_json, "html": changes_html.render_changes_html}
    body = renderers.get(fmt, changes_text.render_changes_text)(report)
    if out is not None:
        out.write_text(body, encoding="utf-8", newline="\n")
    else:
        sys.stdout.write(body)


def register(app: typer.Typer) -> None:
    app.command("changes")(changes)
