"""``ectd requirements -j J`` output: a jurisdiction's facts with sources, its rules and ICH tables."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from ectd_builder.report.blocks import Block, Cell, Column, Span, Table, line

_UNVERIFIED = Span("NO (unverified)", "warning")


def requirements_json(data: Sequence[dict[str, Any]]) -> str:
    """One object for one jurisdiction, a list for several."""
    payload: Any = data[0] if len(data) == 1 else list(data)
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def show_value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {show_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(f"- {show_value(v)}" if isinstance(v, (dict, str)) else str(v) for v in value)
    return str(value)


def _sourced(entry: dict[str, Any]) -> str:
    return str(entry["source"]) + (f"\nnote: {entry['note']}" if entry.get("note") else "")


def _verified(entry: dict[str, Any]) -> Cell:
    return "yes" if entry["verified"] else _UNVERIFIED


def _facts(entry: dict[str, Any]) -> Table:
    rows = tuple((f["key"], show_value(f["value"]), _sourced(f), _verified(f)) for f in entry["facts"])
    columns = (Column("fact", no_wrap=True), Column("value"), Column("source"), Column("verified", no_wrap=True))
    return Table("Facts", columns, rows, show_lines=True)


def _rules(entry: dict[str, Any]) -> Table:
    rows = tuple((r["id"], r["severity"], r["title"], r["reference"] or "") for r in entry["rules"])
    columns = (Column("rule", no_wrap=True), Column("severity", no_wrap=True), Column("what is checked"), Column("reference"))
    return Table("Rules", columns, rows)


def _tables(entry: dict[str, Any]) -> Table:
    rows = tuple((t["table"], _sourced(t), _verified(t)) for t in entry["ich_tables"])
    columns = (Column("table", no_wrap=True), Column("source"), Column("verified", no_wrap=True))
    return Table("ICH data tables used by the rules", columns, rows)


def requirements_blocks(entry: dict[str, Any]) -> Iterator[Block]:
    """One jurisdiction (an entry of ``rules.requirements.requirements_data``), ending in a blank line."""
    yield line(f"{entry['jurisdiction'].upper()} ({entry['region']}): {entry['agency']}", "heading")
    for notice in entry["notices"]:
        yield line(f"note: {notice}", "warning")
    yield _facts(entry)
    yield _rules(entry)
    yield _tables(entry)
    unverified = entry["unverified"]
    keys = ", ".join(u["key"] for u in unverified) or "none"
    yield line(f"{len(unverified)} unverified fact(s): {keys}", "heading")
    yield line("")
