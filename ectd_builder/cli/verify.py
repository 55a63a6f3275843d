"""``ectd verify``: recompute the ledger's hash chain, its signatures and the frozen files."""

from __future__ import annotations

from pathlib import Path

import typer

from ectd_builder.cli.common import EXIT_USAGE, check_format, print_error, print_report
from ectd_builder.problems import exit_code
from ectd_builder.report import FORMATS


def verify(
    dossier: Path = typer.Argument(Path("."), help="Dossier folder (or its dossier.yaml)."),
    public_key: list[Path] = typer.Option(
        [],
        "--public-key",
        metavar="<file>",
        help="PEM Ed25519 public key of an allowed signer (repeatable): every line must be signed by one.",
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text, json or sarif."),
) -> None:
    """Check the history: the ledger's chain and signatures, and every frozen file's SHA-256."""
    from ectd_builder.dossier.loader import find_dossier_file  # imported here: keeps `ectd --help` fast
    from ectd_builder.ledger import verify_ledger

    check_format(fmt, FORMATS)
    root = find_dossier_file(dossier).parent
    outcome = verify_ledger(root, public_keys=public_key)
    print_report(outcome.problems, fmt, not_run=outcome.not_run, rules=outcome.rules)
    if outcome.not_run:  # the signatures could not be judged: never reported as intact
        first = outcome.not_run[0]
        print_error(f"{first.check} not checked: {first.reason}", first.fix)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(exit_code(outcome.problems))


def register(app: typer.Typer) -> None:
    app.command("verify")(verify)
