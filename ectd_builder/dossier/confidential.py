"""Confidential parts of a dossier, and the withheld view a receiving site may be given.

A part is confidential when it carries ``confidential: true`` (or ``{reason, until}``): any entity,
text written as a mapping, quantity or range. ``dossier.yaml`` may also list entities by id
(``confidential: [{id: ..., reason: ...}]``). The view is computed on the raw merged data, so every
mark keeps the file and line it was written at.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

from ectd_builder.dossier.refs import Index
from ectd_builder.dossier.yamlload import DataPath, Positions
from ectd_builder.problems import Problem, Severity

WITHHELD_KEY = "withheld"
"""The key of a placeholder: ``{withheld: <reason>}``, with the entity's ``id`` kept when it had one."""
DEFAULT_REASON = "confidential"
HIDDEN_REFERENCE = "reference into a withheld part"


@dataclass(frozen=True)
class WithheldItem:
    """One withheld part: where it was written, what it is (an id, or ``id.field``) and why."""

    file: str | None
    line: int | None
    id: str
    reason: str
    path: DataPath


@dataclass(frozen=True)
class WithheldView:
    """The dossier's raw data with every confidential part replaced by a placeholder."""

    data: Any
    items: list[WithheldItem]
    hidden_ids: list[str]
    """Ids declared inside a withheld part (not the part's own id): absent from ``data``, where each
    reference to them is a placeholder as well."""


@dataclass(frozen=True)
class _Walk:
    index: Index
    positions: Positions
    listed: dict[str, Any]
    on: dt.date
    entities: dict[DataPath, str]


def _listed(data: Any) -> dict[str, Any]:
    """Id -> its entry of ``dossier.yaml``'s ``confidential:`` list."""
    entries = data.get("confidential") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}
    return {e["id"]: e for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _reason(mark: Any, on: dt.date) -> str | None:
    """Why ``mark`` withholds its part on day ``on`` (None: not withheld, or no longer)."""
    if mark is True:
        return DEFAULT_REASON
    if not isinstance(mark, dict):
        return None
    until = _as_date(mark.get("until")) if mark.get("until") is not None else None
    if until is not None and on >= until:
        return None
    reason = mark.get("reason")
    return reason if isinstance(reason, str) and reason else DEFAULT_REASON


def _label(path: DataPath, walk: _Walk) -> str:
    """The part's id, or its owner entity's id followed by the field path (``PP-01.set_point``)."""
    for cut in range(len(path), -1, -1):
        owner = walk.entities.get(path[:cut])
        if owner is not None:
            rest = path[cut:]
            break
    else:
        owner, rest = "", path
    tail = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in rest)
    return (owner + tail).lstrip(".") or owner


def _withhold(node: dict[str, Any], path: DataPath, walk: _Walk) -> str | None:
    entity = walk.entities.get(path)
    reason = _reason(node.get("confidential"), walk.on)
    if reason is None and entity is not None and entity in walk.listed:
        reason = _reason(walk.listed[entity], walk.on)
    return reason


def _replace(node: Any, path: DataPath, walk: _Walk, items: list[WithheldItem]) -> Any:
    if isinstance(node, list):
        return [_replace(v, path + (i,), walk, items) for i, v in enumerate(node)]
    if not isinstance(node, dict):
        return node
    reason = _withhold(node, path, walk) if path else None
    if reason is None:
        return {k: _replace(v, path + (k,), walk, items) for k, v in node.items()}
    mark = walk.positions.value(path)
    items.append(WithheldItem(mark.file if mark else None, mark.line if mark else None, _label(path, walk), reason, path))
    entity = walk.entities.get(path)
    return {"id": entity, WITHHELD_KEY: reason} if entity is not None else {WITHHELD_KEY: reason}


def withheld_view(data: Any, index: Index, positions: Positions, on: dt.date) -> WithheldView:
    """``data`` (a loaded dossier's merged raw data) with its confidential parts withheld as of ``on``."""
    entities = {d.path[:-1]: d.value for d in index.declared if d.path and d.path[-1] == "id"}
    walk = _Walk(index, positions, _listed(data), on, entities)
    items: list[WithheldItem] = []
    view = _replace(copy.deepcopy(data), (), walk, items)
    hidden = sorted(
        value for path, value in entities.items() if any(path[: len(i.path)] == i.path and path != i.path for i in items)
    )
    _point_away(view, index, set(hidden), [i.path for i in items])
    return WithheldView(view, items, hidden)


def _point_away(view: Any, index: Index, hidden: set[str], withheld: list[DataPath]) -> None:
    """Each reference to an id that only a withheld part declared becomes a placeholder too."""
    for ref in index.references:
        inside = any(ref.path[: len(w)] == w for w in withheld)
        if ref.value in hidden and not ref.is_key and not inside:
            _at_parent(view, ref.path)[ref.path[-1]] = {WITHHELD_KEY: HIDDEN_REFERENCE}


def _at_parent(data: Any, path: DataPath) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def check_confidential(data: Any, index: Index, positions: Positions) -> list[Problem]:
    """Each id in ``dossier.yaml``'s ``confidential:`` list names an entity of the dossier."""
    entries = data.get("confidential") if isinstance(data, dict) else None
    known = sorted({value for ids in index.ids.values() for value in ids})
    problems = []
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        ident = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(ident, str) or ident in known:
            continue  # a wrong shape is the schema's finding
        mark = positions.value(("confidential", i, "id"))
        close = difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
        problems.append(
            Problem(
                "confidential-unknown",
                Severity.ERROR,
                f"'{ident}' is listed as confidential but names nothing in this dossier.",
                mark.file if mark else None,
                mark.line if mark else None,
                mark.col if mark else None,
                path=f"confidential[{i}].id",
                hint=f"Did you mean '{close[0]}'?" if close else "List the id of a site, step, material, method, ...",
            )
        )
    return problems


def placeholder_paths(node: Any, path: DataPath = ()) -> list[DataPath]:
    """Where the raw data holds ``{withheld: ...}`` placeholders."""
    if isinstance(node, dict):
        if WITHHELD_KEY in node and path:
            return [path]
        return [p for k, v in node.items() for p in placeholder_paths(v, path + (k,))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in placeholder_paths(v, path + (i,))]
    return []


def _inside(problem: Problem, prefixes: list[str]) -> bool:
    at = problem.path or ""
    return any(at == p or (at.startswith(p) and at[len(p)] in ".[") for p in prefixes)


def accept_placeholders(data: Any, problems: list[Problem]) -> list[Problem]:
    """In a transfer package (``transfer:`` in ``dossier.yaml``), the schema's findings inside a
    placeholder are not errors: the part was withheld on purpose. One note counts the placeholders."""
    transfer = data.get("transfer") if isinstance(data, dict) else None
    paths = placeholder_paths(data)
    if not isinstance(transfer, dict) or not paths:
        return problems
    prefixes = ["".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in p).lstrip(".") for p in paths]
    kept = [p for p in problems if not _inside(p, prefixes)]
    note = Problem(
        "transfer-withheld",
        Severity.INFO,
        f"{len(paths)} part{'s' if len(paths) != 1 else ''} withheld from {transfer.get('recipient', 'the recipient')} "
        "(placeholders accepted in this transfer package).",
        hint="manifest.json lists each withheld part with the source file and line it came from.",
    )
    return [*kept, note]
