"""``ectd view``: write a static HTML lifecycle viewer for an application (or one sequence)."""

from __future__ import annotations

import logging
from pathlib import Path

import typer
from rich.text import Text

from ectd_builder.cli.common import existing_dir, stdout_console, writable_output


def view(
    application: Path = typer.Argument(
        ..., help="Application folder (NNNN sequences, e.g. submissions/ema) or one sequence folder."
    ),
    out: Path = typer.Option(Path("ectd-view"), "--out", "-o", help="Folder to write index.html into."),
    check: bool = typer.Option(True, "--check/--no-check", help="Run 'ectd check' and show its result per sequence."),
    standards: Path | None = typer.Option(
        None, "--standards", help="Standards store folder for the check (default: ECTD_STANDARDS or the user data folder)."
    ),
    review: Path | None = typer.Option(
        None, "--review", help="Render output (ectd render --format html) whose HTML and value sources to link."
    ),
) -> None:
    """Static HTML site (works from file://): current and cumulative CTD views, what was in force as of any
    sequence, per-sequence views, envelopes, check results."""
    from ectd_builder.site import build_site  # imported here: keeps `ectd --help` fast

    existing_dir(application, "application folder")
    writable_output(out, "viewer output")
    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    logging.getLogger("pypdf").propagate = False
    if review is not None:
        existing_dir(review, "review folder")
    result = build_site(application, out, check=check, standards=standards, review=review)
    checked = "checked" if result.checked else "not checked"
    stdout_console().print(Text(
        f"wrote {result.page}: {result.sequences} sequence(s), {result.documents} document(s), "
        f"{result.in_force} in force ({checked})"
    ))
    stdout_console().print(Text(f"open file://{result.page.resolve().as_posix()}", style="dim"))


def register(app: typer.Typer) -> None:
    app.command("view")(view)
