"""``ectd export``: a tech-transfer package for a receiving site, confidential parts withheld."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import typer
from rich.text import Text

from ectd_builder.cli.common import check_format, fail, print_report, stdout_console
from ectd_builder.problems import exit_code

PROFILE_CHOICES = ("transfer", "full")


def export(
    dossier: Path = typer.Argument(Path("."), help="Dossier folder (or its dossier.yaml).", show_default=True),
    recipient: str = typer.Option(..., "--for", help="The receiving site (named in the package and its manifest)."),
    out: Path = typer.Option(..., "--out", "-o", help="Package folder to write (replaced when it holds an earlier package)."),
    profile: str = typer.Option(
        "transfer", "--profile", help="transfer: withhold the confidential parts and attachments; full: withhold nothing."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text or json (the manifest)."),
) -> None:
    """Write DOSSIER's process knowledge for a receiving site, with its confidential parts withheld."""
    from ectd_builder.export.package import export_package  # imported here: keeps `ectd --help` fast

    check_format(fmt, ("text", "json"))
    if profile not in PROFILE_CHOICES:
        raise fail(f"unknown profile '{profile}'", f"use one of: {', '.join(PROFILE_CHOICES)}")
    if not recipient.strip():
        raise fail("--for names no recipient", "name the receiving site, e.g. --for 'Contoso CDMO'")
    result = export_package(dossier, recipient.strip(), out, profile=profile, on=dt.date.today())
    if result.manifest is None:
        print_report(result.problems, fmt)
        raise typer.Exit(exit_code(result.problems))
    if fmt == "json":
        sys.stdout.write(json.dumps(result.manifest, indent=2, ensure_ascii=False) + "\n")
        return
    withheld, files = len(result.manifest["withheld"]), len(result.manifest["files"])
    stdout_console().print(
        Text(
            f"Wrote the {profile} package for {recipient.strip()} to {out}: {withheld} parts withheld, "
            f"{files} files listed in manifest.json. Check it with 'ectd validate {out}'."
        )
    )


def register(app: typer.Typer) -> None:
    app.command("export")(export)
