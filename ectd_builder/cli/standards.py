"""``ectd standards list|import DIR|fetch``: manage the store of official DTD/XSD/XSL files."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.text import Text

from ectd_builder.cli.common import (
    EXIT_PROBLEMS,
    check_format,
    fail,
    stdout_console,
    writable_output,
)
from ectd_builder.ectd import standards as store_api

_STANDARDS_OPT = typer.Option(None, "--standards", help="Standards store (default: $ECTD_STANDARDS, else the user data folder).")
_STYLE = {"ok": "green", "missing": "yellow", "mismatch": "bold red"}


def _list(standards: Path | None = _STANDARDS_OPT, fmt: str = typer.Option("text", "--format", help="text or json.")) -> None:
    """Show which official files are present (and verified) and which are missing."""
    check_format(fmt, ("text", "json"))
    store = store_api.resolve_store(standards)
    entries = store_api.list_store(store)
    if fmt == "json":
        rows = [
            {
                "file": e.file.key,
                "status": e.status,
                "md5": e.file.md5,
                "checksum_source": e.file.checksum_source,
                "publisher": e.file.publisher,
                "url": e.file.url,
                "url_note": e.file.url_note,
            }
            for e in entries
        ]
        typer.echo(json.dumps({"store": str(store), "files": rows}, indent=2, ensure_ascii=False))
        return
    console = stdout_console()
    console.print(Text(f"standards store: {store}", style="bold"))
    for e in entries:
        line = Text(f"  {e.status:<8} ", style=_STYLE[e.status])
        line.append(f"{e.file.key}  ({e.file.publisher}; md5 {e.file.md5})")
        console.print(line)
    counts = {s: sum(1 for e in entries if e.status == s) for s in ("ok", "missing", "mismatch")}
    summary = f"{counts['ok']} present, {counts['missing']} missing, {counts['mismatch']} with wrong bytes"
    console.print(Text(summary, style="bold"))
    if counts["ok"] < len(entries):
        console.print(Text(f"  fix: {store_api.fix_command(store)}", style="dim"))


def _import(
    src: Path = typer.Argument(..., help="Folder laid out as <set>/<file>, e.g. ../shared/standards."),
    standards: Path | None = _STANDARDS_OPT,
) -> None:
    """Copy official files from DIR into the store, verifying each against its published checksum."""
    if not src.is_dir():
        raise fail(f"'{src}' is not a folder", "give the folder that holds <set>/<file>, e.g. ../shared/standards")
    store = writable_output(store_api.resolve_store(standards), "standards store")
    result = store_api.import_dir(src, store)
    console = stdout_console()
    for key, reason in result.rejected:
        console.print(Text(f"  rejected {key}: {reason}", style="bold red"))
    console.print(
        Text(
            f"{len(result.imported)} imported, {len(result.unchanged)} already present, "
            f"{len(result.absent)} not in {src}, {len(result.rejected)} rejected -> {store}",
            style="bold",
        )
    )
    if result.rejected:
        raise typer.Exit(EXIT_PROBLEMS)


def _fetch(
    standards: Path | None = _STANDARDS_OPT,
    base_url: str | None = typer.Option(None, "--base-url", help="Mirror laid out as <set>/<file> (http or https)."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds per download."),
) -> None:
    """Download missing official files (from their official addresses, or from --base-url) and verify them."""
    store = writable_output(store_api.resolve_store(standards), "standards store")
    console = stdout_console()
    result = store_api.fetch(store, base_url, timeout=timeout, progress=lambda key: console.print(f"  fetching {key}"))
    for key, reason in result.failed:
        console.print(Text(f"  failed {key}: {reason}", style="bold red"))
    if result.no_address:
        console.print(
            Text(
                f"  {len(result.no_address)} file(s) have no official direct address (published only inside "
                "ZIP packages): use --base-url MIRROR or `ectd standards import DIR`",
                style="yellow",
            )
        )
    console.print(
        Text(
            f"{len(result.fetched)} fetched, {len(result.unchanged)} already present, "
            f"{len(result.no_address)} without address, {len(result.failed)} failed -> {store}",
            style="bold",
        )
    )
    if result.failed:
        raise typer.Exit(EXIT_PROBLEMS)


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Manage the store of official DTD/XSD/XSL files.", no_args_is_help=True, rich_markup_mode=None)
    group.command("list")(_list)
    group.command("import")(_import)
    group.command("fetch")(_fetch)
    app.add_typer(group, name="standards")
