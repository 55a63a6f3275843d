"""``ectd requirements -j J``: what a jurisdiction asks for, with sources and unverified facts."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from ectd_builder.cli.common import check_format, fail, stdout_console
from ectd_builder.errors import EctdError
from ectd_builder.rules.profiles import Profile, load_profile, parse_jurisdictions
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
        payload: Any = data[0] if len(data) == 1 else data
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False) + "\n")
        return
    for profile, entry in zip(profiles, data, strict=True):
        _print_profile(profile, entry)


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_show(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(f"- {_show(v)}" if isinstance(v, (dict, str)) else str(v) for v in value)
    return str(value)


def _print_profile(profile: Profile, entry: dict[str, Any]) -> None:
    console = stdout_console()
    if not console.is_terminal:
        console.width = 160  # pipes and files: wide enough for a readable table
    console.print(Text(f"{profile.id.upper()} ({profile.region}): {profile.agency}", style="bold"))
    for line in entry["notices"]:
        console.print(Text(f"note: {line}", style="yellow"))
    facts = Table(title="Facts", show_lines=True, expand=False)
    facts.add_column("fact", no_wrap=True)
    facts.add_column("value")
    facts.add_column("source")
    facts.add_column("verified", no_wrap=True)
    for fact in entry["facts"]:
        mark = "yes" if fact["verified"] else Text("NO (unverified)", style="yellow")
        source = fact["source"] + (f"\nnote: {fact['note']}" if fact.get("note") else "")
        facts.add_row(fact["key"], _show(fact["value"]), source, mark)
    console.print(facts)
    rules = Table(title="Rules", expand=False)
    rules.add_column("rule", no_wrap=True)
    rules.add_column("severity", no_wrap=True)
    rules.add_column("what is checked")
    rules.add_column("reference")
    for rule in entry["rules"]:
        rules.add_row(rule["id"], rule["severity"], rule["title"], rule["reference"] or "")
    console.print(rules)
    tables = Table(title="ICH data tables used by the rules", expand=False)
    tables.add_column("table", no_wrap=True)
    tables.add_column("source")
    tables.add_column("verified", no_wrap=True)
    for t in entry["ich_tables"]:
        mark = "yes" if t["verified"] else Text("NO (unverified)", style="yellow")
        tables.add_row(t["table"], t["source"] + (f"\nnote: {t['note']}" if t.get("note") else ""), mark)
    console.print(tables)
    unverified = entry["unverified"]
    console.print(
        Text(f"{len(unverified)} unverified fact(s): {', '.join(u['key'] for u in unverified) or 'none'}", style="bold")
    )
    console.print("")
