"""``ectd freeze``: move a built sequence into the read-only history ``submissions/<j>/NNNN``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.text import Text

from ectd_builder.cli.common import stdout_console
from ectd_builder.cli.jurisdictions import parse_jurisdictions


def freeze(
    dossier: Path = typer.Argument(Path("."), help="Dossier folder (or its dossier.yaml)."),
    jurisdiction: str = typer.Option(..., "--jurisdiction", "-j", help="fda, ema, pmda or nmpa."),
    sequence: str = typer.Option(..., "--sequence", help="The built sequence to freeze, NNNN."),
    out: Path | None = typer.Option(None, "--out", help="Where it was built (default: DOSSIER/build)."),
) -> None:
    """Freeze a built sequence: verify its checksums, move it into submissions/ and make it read-only."""
    from ectd_builder.dossier.loader import find_dossier_file  # imported here: keeps `ectd --help` fast
    from ectd_builder.ectd.api import freeze_sequence

    (j,) = parse_jurisdictions(jurisdiction, allow_all=False)[:1]
    root = find_dossier_file(dossier).parent
    result = freeze_sequence(root, j, sequence, out_root=out)
    stdout_console().print(Text(f"{j} {sequence} frozen: {result.files} files, read-only -> {result.path}", style="bold"))


def register(app: typer.Typer) -> None:
    app.command("freeze")(freeze)
