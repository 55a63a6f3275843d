"""The ``ectd`` command. Each sub-command lives in its own module with a ``register(app)``."""

from __future__ import annotations

import importlib
import sys

import typer

from ectd_builder import __version__
from ectd_builder.cli.common import run_guarded

# One module per command, in the order ``ectd --help`` lists them.
COMMAND_MODULES = (
    "init",
    "validate",
    "requirements",
    "render",
    "build",
    "freeze",
    "verify",
    "changes",
    "import_history",
    "export",
    "check",
    "diff",
    "view",
    "standards",
)

app = typer.Typer(
    name="ectd",
    help="Keep CMC process knowledge as YAML; validate it, render Module 3 and assemble eCTD sequences.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ectd-builder {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """ectd-builder."""


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"ectd_builder.cli.{name}")
        except ImportError:
            # A command whose module cannot be imported is left out rather than taking every
            # other command down with it; tests/test_cli_commands.py fails on any such module.
            continue
        module.register(app)


_register_all()


def main() -> None:
    """Console entry point."""
    sys.exit(run_guarded(app))
