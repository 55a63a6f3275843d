"""Cross-reference checks: every identifier unique per kind, every reference pointing somewhere.

The walker follows the model's annotations over the *raw* data, so it works even when other
parts of the dossier failed schema validation: all problems are reported in one run.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ectd_builder.dossier.introspect import Slot, child_slot, slot
from ectd_builder.dossier.types import IdOf, RefTo
from ectd_builder.dossier.yamlload import DataPath, Positions
from ectd_builder.problems import Problem, Severity


@dataclass(frozen=True)
class Found:
    """An identifier or reference string found in the data, and where."""

    value: str
    path: DataPath


@dataclass(frozen=True)
class Declared(Found):
    kind: str


@dataclass(frozen=True)
class Reference(Found):
    kinds: tuple[str, ...]
    is_key: bool = False


@dataclass
class Index:
    """Every identifier and reference found in a dossier."""

    ids: dict[str, dict[str, DataPath]]
    declared: list[Declared]
    references: list[Reference]

    def path_of(self, kind: str, value: str) -> DataPath | None:
        return self.ids.get(kind, {}).get(value)


def _markers(s: Slot) -> tuple[IdOf | None, RefTo | None]:
    ident = next((m for m in s.metadata if isinstance(m, IdOf)), None)
    ref = next((m for m in s.metadata if isinstance(m, RefTo)), None)
    return ident, ref


class _Walker:
    def __init__(self) -> None:
        self.declared: list[Declared] = []
        self.references: list[Reference] = []

    def walk(self, s: Slot, data: Any, path: DataPath) -> None:
        ident, ref = _markers(s)
        if isinstance(data, str):
            if ident is not None:
                self.declared.append(Declared(data, path, ident.kind))
            if ref is not None:
                self.references.append(Reference(data, path, ref.kinds))
            return
        if s.model is not None and isinstance(data, dict):
            for key, value in data.items():
                child = child_slot(s, key)
                if child is not None:
                    self.walk(child, value, path + (key,))
        elif s.origin is list and isinstance(data, list) and s.args:
            item = slot(s.args[0])
            for i, value in enumerate(data):
                self.walk(item, value, path + (i,))
        elif s.origin is dict and isinstance(data, dict) and len(s.args) == 2:
            key_slot, value_slot = slot(s.args[0]), slot(s.args[1])
            _, key_ref = _markers(key_slot)
            for key, value in data.items():
                if key_ref is not None and isinstance(key, str):
                    self.references.append(Reference(key, path + (key,), key_ref.kinds, is_key=True))
                self.walk(value_slot, value, path + (key,))


def build_index(root: type[BaseModel], data: Any) -> Index:
    walker = _Walker()
    walker.walk(Slot(root), data, ())
    ids: dict[str, dict[str, DataPath]] = defaultdict(dict)
    for d in walker.declared:
        ids[d.kind].setdefault(d.value, d.path)
    return Index(dict(ids), walker.declared, walker.references)


def _at(positions: Positions, path: DataPath, *, key: bool = False) -> tuple[str | None, int | None, int | None]:
    mark = positions.key(path) if key else positions.value(path)
    return (mark.file, mark.line, mark.col) if mark else (None, None, None)


def _fmt(path: DataPath) -> str:
    out = ""
    for k in path:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out


def check_references(index: Index, positions: Positions) -> list[Problem]:
    """Duplicate identifiers and references to nothing, each with file:line:col."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], DataPath] = {}
    for d in index.declared:
        first = seen.setdefault((d.kind, d.value), d.path)
        if first is not d.path:
            file, line, _ = _at(positions, first)
            problems.append(
                Problem(
                    "ref-duplicate-id",
                    Severity.ERROR,
                    f"The {d.kind.replace('_', ' ')} id '{d.value}' is used twice (first at {file}:{line}).",
                    *_at(positions, d.path),
                    path=_fmt(d.path),
                    hint=f"Give each {d.kind.replace('_', ' ')} its own id; references would be ambiguous.",
                )
            )
    for r in index.references:
        if any(r.value in index.ids.get(kind, {}) for kind in r.kinds):
            continue
        kinds = " or ".join(k.replace("_", " ") for k in r.kinds)
        candidates = [v for kind in r.kinds for v in index.ids.get(kind, {})]
        close = difflib.get_close_matches(r.value, candidates, n=1, cutoff=0.6)
        if close:
            hint = f"Did you mean '{close[0]}'?"
        elif candidates:
            hint = f"Known {kinds} ids: {', '.join(sorted(candidates)[:12])}{' ...' if len(candidates) > 12 else ''}."
        else:
            hint = f"The dossier defines no {kinds} yet; add it first."
        problems.append(
            Problem(
                "ref-unknown",
                Severity.ERROR,
                f"'{r.value}' does not name any {kinds} in this dossier.",
                *_at(positions, r.path, key=r.is_key),
                path=_fmt(r.path),
                hint=hint,
            )
        )
    return problems
