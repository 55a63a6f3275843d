"""``ectd requirements -j J``: what a jurisdiction asks for, with sources and unverified facts."""

from __future__ import annotations

import sys

import typer

from ectd_builder.cli.common import check_format, fail, print_blocks, stdout_console
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.profiles import load_profile, parse_jurisdictions
from ectd_builder.report.requirements import requirements_blocks, requirements_json
from ectd_builder.rules.requirements import requirements_data


def register(app: typer.Typer) -> None:
    app.command("requirements")(requirements)


def requirements(
    jurisdiction: str = typer.Option(
        ..., "-j", "--jurisdiction", help="fda, ema, pmda or nmpa (comma separated, or all)."
    ),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Show what a jurisdiction asks for: facts with their sources, unverified facts, and its rules."""
    check_format(fmt, ("text", "json"))
    try:
        profiles = [load_profile(j) for j in parse_jurisdictions(jurisdiction)]
    except EctdError as exc:
        raise fail(exc.message, exc.hint) from exc
    data = [requirements_data(p) for p in profiles]
    if fmt == "json":
        sys.stdout.write(requirements_json(data))
        return
    console = stdout_console()
    if not console.is_terminal:
        console.width = 160  # pipes and files: wide enough for a readable table
    for entry in data:
        print_blocks(requirements_blocks(entry), console)
