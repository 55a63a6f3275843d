"""``ectd init``: start a new dossier from one of the packaged examples."""

from __future__ import annotations

from pathlib import Path

import typer

from ectd_builder.cli.common import fail, print_blocks, writable_output
from ectd_builder.errors import EctdError
from ectd_builder.report.scaffold import init_lines


def init(
    directory: Path = typer.Argument(..., help="Folder to create (must not exist or be empty)."),
    example: str = typer.Option("tablet", "--example", "-e", help="Example to start from."),
) -> None:
    """Create a new dossier folder from an example."""
    from ectd_builder.scaffold import available_examples, copy_example

    names = available_examples()
    if example not in names:
        raise fail(f"unknown example '{example}'", f"choose one of: {', '.join(names) or '(none packaged)'}")
    writable_output(directory, "new dossier folder")
    try:
        written = copy_example(example, directory)
    except EctdError as exc:
        raise fail(exc.message, exc.hint) from None
    print_blocks(init_lines(directory, example, written))


def register(app: typer.Typer) -> None:
    app.command("init")(init)
