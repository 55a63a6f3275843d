"""A typed dossier built from the withheld view, for rendering the package's documents.

The typed model cannot load the withheld view as it is: a ``{withheld: reason}`` placeholder stands
where the model wants a quantity (``value`` and ``unit``), a range, a text in languages, or a whole
entity (a material needs its name, role and quality). So each placeholder gets a stand-in that the
model accepts and that carries no withheld value: a text becomes ``[withheld: reason]``; an entity
keeps its id and gets that text in each field the model requires; a field the text cannot fill (a
quantity, a range, a fixed choice) is left out or given an allowed value for validation only, and on
the validated model it is then set to :class:`Withheld`, which prints as the same text. When a
placeholder cannot be given a stand-in, the problems say where, and nothing is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from ectd_builder.dossier.confidential import WITHHELD_KEY, placeholder_paths
from ectd_builder.dossier.model import Dossier
from ectd_builder.dossier.yamlload import DataPath
from ectd_builder.problems import Problem, Severity

Locate = Callable[[DataPath], tuple[str | None, int | None]]


@dataclass(frozen=True)
class Withheld:
    """A withheld value on the typed model: a quantity, range or choice that prints as its reason."""

    reason: str

    def __str__(self) -> str:
        return shown(self.reason)

    @property
    def value(self) -> str:
        return str(self)

    @property
    def low(self) -> str:
        return str(self)

    @property
    def high(self) -> str:
        return ""

    @property
    def unit(self) -> str:
        return ""


def shown(reason: str) -> str:
    """The text a reader sees in place of a withheld part."""
    return f"[withheld: {reason}]"


@dataclass
class _Fill:
    data: Any
    reasons: dict[DataPath, str]  # placeholder path -> its reason
    overlay: dict[DataPath, str]  # paths set to Withheld on the validated model
    texts: set[DataPath]  # paths given the text stand-in
    entities: list[DataPath]  # withheld entities: their id kept, every other field a stand-in


def _parent(data: Any, path: DataPath) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def _owner(path: DataPath, reasons: dict[DataPath, str]) -> DataPath | None:
    return next((p for p in reasons if path[: len(p)] == p), None)


def _start(data: Any) -> _Fill:
    reasons: dict[DataPath, str] = {}
    for path in placeholder_paths(data):
        node = _parent(data, path)[path[-1]]
        reason = str(node[WITHHELD_KEY])
        reasons[path] = reason
        _parent(data, path)[path[-1]] = {"id": node["id"]} if "id" in node else shown(reason)
    texts = {p for p in reasons if not isinstance(_parent(data, p)[p[-1]], dict)}
    return _Fill(data, reasons, {}, texts, [p for p in reasons if p not in texts])


def _mend(fill: _Fill, error: Any) -> bool:
    """Give the placeholder that ``error`` lies in a stand-in for the failing field; False: cannot."""
    loc = tuple(error["loc"])
    owner = _owner(loc, fill.reasons)
    if owner is None:
        return False
    reason = fill.reasons[owner]
    at = loc[: len(owner) + 1] if len(loc) > len(owner) else owner
    parent = _parent(fill.data, at)
    if at in fill.overlay:
        return False  # left out already, and the model still wants it
    if error["type"] == "missing" and at not in fill.texts:
        parent[at[-1]] = shown(reason)
        fill.texts.add(at)
        return True
    allowed = re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", "")))
    if error["type"] == "literal_error" and allowed:
        parent[at[-1]] = allowed[0]  # for validation only: the model shows Withheld
    elif isinstance(at[-1], str) and at[-1] in parent:
        del parent[at[-1]]  # a quantity or range the text cannot stand in for: Withheld on the model
    else:
        return False  # a list item no text can stand in for
    fill.overlay[at] = reason
    return True


def _at(model: Any, path: DataPath) -> Any:
    for key in path:
        model = model[key] if isinstance(key, int) else getattr(model, key)
    return model


def _set(model: Any, path: DataPath, value: Any) -> None:
    object.__setattr__(_at(model, path[:-1]), str(path[-1]), value)


def _default_standin(value: Any, annotation: Any, reason: str) -> Any:
    """What a withheld entity shows for a field it left at its default (None: keep the default)."""
    args = get_args(annotation)
    if value is None and str in args:
        return Withheld(reason)  # an optional text or code: the entity's own was withheld
    if isinstance(value, str):
        return Withheld(reason)  # a default choice (``origin: synthetic``) is not the entity's own
    if value == [] and args and all(a is str or get_args(a)[:1] == (str,) for a in args):
        return [Withheld(reason)]  # a list of references (``steps``): one withheld item, not an empty cell
    return None


def _defaults(model: BaseModel, path: DataPath, fill: _Fill) -> None:
    """Each field a withheld entity's stand-in left at its default shows the withheld text."""
    for name, field in type(model).model_fields.items():
        if name in ("id", "confidential") or path + (name,) in fill.texts or path + (name,) in fill.overlay:
            continue
        standin = _default_standin(getattr(model, name), field.annotation, fill.reasons[path])
        if standin is not None:
            object.__setattr__(model, name, standin)


def _problem(error: Any, fill: _Fill, locate: Locate) -> Problem:
    loc = tuple(error["loc"])
    where = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in loc).lstrip(".")
    owner = _owner(loc, fill.reasons)
    file, line = locate(owner) if owner is not None else (None, None)
    return Problem(
        "export-render-standin",
        Severity.ERROR,
        f"The documents cannot be rendered from the withheld view: {where}: {error['msg']}.",
        file,
        line,
        path=where,
        hint="Withhold the whole entity that holds this part, or leave the part unmarked.",
    )


def render_model(view_data: Any, locate: Locate) -> tuple[Dossier | None, list[Problem]]:
    """The typed dossier of ``view_data`` (a withheld view, changed in place) with stand-ins, or
    the problems met; ``locate(path)`` gives the source file and line of a withheld part."""
    fill = _start(view_data)
    while True:
        try:
            dossier = Dossier.model_validate(fill.data)
        except ValidationError as exc:
            failed = [e for e in exc.errors() if not _mend(fill, e)]
            if failed:
                return None, [_problem(e, fill, locate) for e in failed]
            continue  # each round gives at least one field a stand-in, and a field gets at most two
        for path, reason in fill.overlay.items():
            _set(dossier, path, Withheld(reason))
        for path in fill.entities:
            _defaults(_at(dossier, path), path, fill)
        return dossier, []
