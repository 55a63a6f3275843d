"""The facts record: what a frozen sequence was built from, as deterministic JSON keyed by entity.

A record maps entity keys (``site:site-loerrach-dp``, ``parameter:p-rc-force``,
``product:quorvatinib-tablets/stability``) to the entity's kind, its classification attributes
(``owner``, ``classification``, ``roles``, ...), the reporting categories the dossier declares for
it (``ec.reporting``, ``jp_change_class``) and its fields. Every field value carries where it was
written (``file:line:col``, the file relative to the dossier folder).

The JSON is read back with :func:`record_from_json`, which checks the shape and raises
:class:`~ectd_builder.errors.EctdError` naming ``file:line:col`` of what is wrong: a damaged
record is a located error, never a traceback.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction import region_codes

FORMAT = "ectd-builder/facts-1"

Where = tuple[str, int, int] | None


@dataclass(frozen=True)
class Fact:
    """One value of an entity and where it was written."""

    value: Any
    at: Where = None


@dataclass(frozen=True)
class Declared:
    """A reporting category the dossier declares for an entity in one region."""

    category: str
    via: str  # "ec.reporting" or "jp_change_class"
    at: Where = None


@dataclass
class Entity:
    kind: str
    fields: dict[str, Fact] = field(default_factory=dict)
    attributes: dict[str, Any] = field(default_factory=dict)
    declared: dict[str, Declared] = field(default_factory=dict)

    @property
    def anchor(self) -> Where:
        """The first located field (where an entity added or removed is pointed at)."""
        located = [f.at for f in self.fields.values() if f.at is not None]
        return min(located, key=lambda w: (w[0], w[1], w[2])) if located else None


@dataclass
class FactsRecord:
    entities: dict[str, Entity] = field(default_factory=dict)


def _where_json(at: Where) -> list[Any] | None:
    return None if at is None else [at[0], at[1], at[2]]


def record_to_json(record: FactsRecord) -> str:
    """The record as JSON text: sorted keys, one value per line, no timestamps (deterministic)."""
    entities: dict[str, Any] = {}
    for key, ent in record.entities.items():
        entities[key] = {
            "kind": ent.kind,
            "attributes": ent.attributes,
            "declared": {
                r: {"category": d.category, "via": d.via, "at": _where_json(d.at)} for r, d in ent.declared.items()
            },
            "fields": {name: {"value": f.value, "at": _where_json(f.at)} for name, f in ent.fields.items()},
        }
    body = {"format": FORMAT, "entities": entities}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


class _Shape(Exception):
    def __init__(self, path: tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def _obj(value: Any, path: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Shape(path, "expected an object")
    return value


def _where_from(value: Any, path: tuple[str, ...]) -> Where:
    if value is None:
        return None
    ok = (
        isinstance(value, list)
        and len(value) == 3
        and isinstance(value[0], str)
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value[1:])
    )
    if not ok:
        raise _Shape(path, "expected null or [file, line, col]")
    return (value[0], value[1], value[2])


def _entity(raw: Any, path: tuple[str, ...]) -> Entity:
    body = _obj(raw, path)
    kind = body.get("kind")
    if not isinstance(kind, str) or not kind:
        raise _Shape(path + ("kind",), "expected the entity kind (a text)")
    ent = Entity(kind, attributes=_obj(body.get("attributes", {}), path + ("attributes",)))
    for region, d in _obj(body.get("declared", {}), path + ("declared",)).items():
        here = path + ("declared", region)
        decl = _obj(d, here)
        if region not in region_codes() or not isinstance(decl.get("category"), str) or not isinstance(decl.get("via"), str):
            raise _Shape(here, f"expected a region ({', '.join(region_codes())}) with category and via")
        ent.declared[region] = Declared(decl["category"], decl["via"], _where_from(decl.get("at"), here + ("at",)))
    for name, f in _obj(body.get("fields"), path + ("fields",)).items():
        here = path + ("fields", name)
        fact = _obj(f, here)
        if "value" not in fact:
            raise _Shape(here, "expected a value")
        ent.fields[name] = Fact(fact["value"], _where_from(fact.get("at"), here + ("at",)))
    return ent


def _locate(text: str, path: tuple[str, ...]) -> tuple[int, int]:
    """Line and column of the deepest key of ``path`` found in the text (the record is one key per line)."""
    offset = 0
    for key in path:
        found = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:").search(text, offset)
        if found is None:
            break
        offset = found.start()
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _corrupt(path: Path, line: int, col: int, message: str) -> EctdError:
    return EctdError(
        f"{path}:{line}:{col}: the facts record is damaged: {message}",
        hint=f"restore {path.name} from version control, or freeze the next sequence with 'ectd freeze' to record it again",
    )


def record_from_json(text: str, path: Path) -> FactsRecord:
    """Parse and check a record; EctdError at ``file:line:col`` on any defect."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _corrupt(path, exc.lineno, exc.colno, exc.msg) from None
    try:
        body = _obj(raw, ())
        if body.get("format") != FORMAT:
            raise _Shape(("format",), f"expected format '{FORMAT}', found {json.dumps(body.get('format'))}")
        record = FactsRecord()
        for key, ent in _obj(body.get("entities"), ("entities",)).items():
            record.entities[key] = _entity(ent, ("entities", key))
    except _Shape as exc:
        line, col = _locate(text, exc.path)
        dotted = ".".join(exc.path) or "<top>"
        raise _corrupt(path, line, col, f"{exc.message} (at {dotted})") from None
    return record


def read_record(path: Path) -> FactsRecord:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise _corrupt(path, 1, 1, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise EctdError(f"cannot read the facts record {path}: {exc.strerror}", hint="check the file's permissions") from None
    return record_from_json(text, path)
