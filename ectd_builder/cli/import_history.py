"""``ectd import-history``: continue the lifecycle of a v3.2.2 application another tool built."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.text import Text

from ectd_builder.cli.common import EXIT_PROBLEMS, fail, print_report, stderr_console, stdout_console
from ectd_builder.problems import Severity

if TYPE_CHECKING:
    from ectd_builder.adopt import Imported


def _summary(result: Imported) -> None:
    console = stdout_console()
    found = result.matching
    head = f"{result.jurisdiction}: imported {', '.join(result.sequences)} into {result.path}; "
    console.print(Text(head + f"{len(found.matches)} of our documents continue their leaves", style="bold"))
    for m in found.matches:
        console.print(Text(f"  {m.describe()}"))
    for o in found.unmatched_ours:
        console.print(Text(f"  unmatched ours: {o.ref} ({o.section}: {o.title}) - new in the next build"))
    console.print(Text(f"  unmatched theirs: {len(found.unmatched_theirs)} leaf(s), kept in force (listed in the mapping)"))
    console.print(Text(f"  edit the mapping in {result.path / 'adopted.yaml'}", style="yellow"))


def import_history(
    path: Path = typer.Argument(..., help="The application folder (NNNN sequences) another tool built."),
    jurisdiction: str = typer.Option(..., "--jurisdiction", "-j", help="fda, ema, pmda or nmpa: whose history it is."),
    dossier: Path = typer.Option(Path("."), "--dossier", help="Dossier folder (or its dossier.yaml)."),
) -> None:
    """Take a v3.2.2 application built elsewhere as a jurisdiction's history, mapping our documents to its leaves."""
    from ectd_builder.adopt import import_history as run  # imported here: keeps `ectd --help` fast
    from ectd_builder.cli.jurisdictions import parse_jurisdictions
    from ectd_builder.dossier import load_dossier
    from ectd_builder.ledger import append_event, check_appendable

    wanted = parse_jurisdictions(jurisdiction, allow_all=False)
    if len(wanted) != 1:
        raise fail("import-history takes one jurisdiction", "run it once per jurisdiction, e.g. -j ema")
    loaded = load_dossier(dossier)
    if not loaded.ok or loaded.dossier is None:
        print_report([p for p in loaded.problems if p.severity is Severity.ERROR], "text")
        stderr_console().print("import stopped: fix the dossier errors above (ectd validate shows them all)")
        raise typer.Exit(EXIT_PROBLEMS)
    if wanted[0] not in loaded.dossier.jurisdictions:
        raise fail(f"the dossier does not target {wanted[0]}", "add it to 'jurisdictions' in dossier.yaml")
    check_appendable(loaded.root)
    result = run(path, loaded.root, wanted[0], loaded.dossier)
    for name in result.sequences:  # imported sequences are frozen history: the ledger records each
        append_event(loaded.root, "freeze", result.jurisdiction, name, result.path / name)
    _summary(result)


def register(app: typer.Typer) -> None:
    app.command("import-history")(import_history)
