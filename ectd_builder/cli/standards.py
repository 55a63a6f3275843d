"""``ectd standards list|import DIR|fetch``: manage the store of official DTD/XSD/XSL files."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ectd_builder.cli.common import (
    EXIT_PROBLEMS,
    EXIT_USAGE,
    check_format,
    fail,
    print_blocks,
    stdout_console,
    writable_output,
)
from ectd_builder.ectd import standards as store_api
from ectd_builder.report import standards as report

_STANDARDS_OPT = typer.Option(None, "--standards", help="Standards store (default: $ECTD_STANDARDS, else the user data folder).")


def _list(standards: Path | None = _STANDARDS_OPT, fmt: str = typer.Option("text", "--format", help="text or json.")) -> None:
    """Show which official files are present (and verified) and which are missing."""
    check_format(fmt, ("text", "json"))
    store = store_api.resolve_store(standards)
    entries = store_api.list_store(store)
    if fmt == "json":
        sys.stdout.write(report.store_json(store, entries))
        return
    print_blocks(report.store_lines(store, entries, store_api.fix_command(store)))


def _import(
    src: Path = typer.Argument(..., help="Folder laid out as <set>/<file>, e.g. ../shared/standards."),
    standards: Path | None = _STANDARDS_OPT,
) -> None:
    """Copy official files from DIR into the store, verifying each against its published checksum."""
    if not src.is_dir():
        raise fail(f"'{src}' is not a folder", "give the folder that holds <set>/<file>, e.g. ../shared/standards")
    store = writable_output(store_api.resolve_store(standards), "standards store")
    result = store_api.import_dir(src, store)
    print_blocks(report.import_lines(result, src, store))
    if result.rejected:
        raise typer.Exit(EXIT_PROBLEMS)
    if not result.imported and not result.unchanged:
        raise fail(
            f"nothing imported: '{src}' holds none of the official files",
            "give the folder laid out as <set>/<file> (e.g. ../shared/standards); 'ectd standards list' names them",
        )


def _fetch(
    standards: Path | None = _STANDARDS_OPT,
    base_url: str | None = typer.Option(None, "--base-url", help="Mirror laid out as <set>/<file> (http or https)."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds per download."),
) -> None:
    """Download missing official files (direct addresses or the agencies' ZIP packages, or --base-url) and verify them.

    Exit 0 when every file with an address is present afterwards, 2 when any download or check failed.
    """
    store = writable_output(store_api.resolve_store(standards), "standards store")
    console = stdout_console()
    result = store_api.fetch(
        store, base_url, timeout=timeout, progress=lambda key: print_blocks([report.fetching_line(key)], console)
    )
    print_blocks(report.fetch_lines(result, store), console)
    if result.failed:  # a file the store still lacks is an environment error, like missing standards
        raise typer.Exit(EXIT_USAGE)


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Manage the store of official DTD/XSD/XSL files.", no_args_is_help=True, rich_markup_mode=None)
    group.command("list")(_list)
    group.command("import")(_import)
    group.command("fetch")(_fetch)
    app.add_typer(group, name="standards")
