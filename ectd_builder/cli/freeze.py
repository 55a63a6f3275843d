"""``ectd freeze``: move a built sequence into the read-only history ``submissions/<j>/NNNN`` and
record the dossier facts behind it (``submissions/<j>/NNNN.facts.json``, read by ``ectd changes``)."""

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
    key: Path | None = typer.Option(
        None, "--key", help="PEM Ed25519 private key: sign the ledger line (ectd verify --public-key checks it)."
    ),
) -> None:
    """Freeze a built sequence: verify its checksums, move it into submissions/, make it read-only
    and record the dossier facts it was built from (for 'ectd changes')."""
    from ectd_builder.changes.api import freeze_with_facts  # imported here: keeps `ectd --help` fast
    from ectd_builder.dossier.loader import find_dossier_file
    from ectd_builder.ledger import append_event, check_appendable, ledger_path

    (j,) = parse_jurisdictions(jurisdiction, allow_all=False)[:1]
    root = find_dossier_file(dossier).parent
    check_appendable(root, key=key)  # a bad key or a damaged ledger stops the freeze before anything moves
    result, facts = freeze_with_facts(root, j, sequence, out_root=out)
    entry = append_event(root, "freeze", j, sequence, result.path, key=key)
    console = stdout_console()
    console.print(Text(f"{j} {sequence} frozen: {result.files} files, read-only -> {result.path}", style="bold"))
    console.print(Text(f"facts recorded -> {facts}"))
    signed = "signed" if "signature" in entry else "unsigned"
    console.print(Text(f"ledger: line {entry['n']} of {ledger_path(root)} ({signed})"))


def register(app: typer.Typer) -> None:
    app.command("freeze")(freeze)
