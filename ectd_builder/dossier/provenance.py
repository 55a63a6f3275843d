"""Where each value of the typed dossier was written, and how numbers were written.

Templates and rules see model values (floats); documents must print a number as it was written
(``95.0``, ``0.20``) and say where it came from (``product.yaml:536:25``). :class:`SourceMap` links a
model object's field (or one item of a list or mapping field) to the YAML position and scalar text
recorded by the loader. The loader builds the map once and attaches it to the dossier it returns
(:func:`sources_of`), so every consumer of that dossier (render, build) finds the same map without
extra arguments. The floats themselves are not touched: rules keep computing with them.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ectd_builder.dossier.types import LANGUAGES
from ectd_builder.dossier.yamlload import DataPath, Positions

FieldKey = tuple[int, str, int | str | None]


@dataclass(frozen=True, slots=True)
class Source:
    """A number's origin: file relative to the dossier folder, 1-based line and column, and the
    scalar text as written (``None`` when it was not plain decimal notation, e.g. ``1e-3``)."""

    file: str
    line: int
    col: int
    text: str | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass
class SourceMap:
    """(model object, field, item) -> :class:`Source`, for the scalar values written in the YAML
    (numbers, codes, dates), and (text value, language) -> :class:`Source` for localised texts."""

    entries: dict[FieldKey, Source] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)  # relative file -> file name used in problems

    def location(self, source: Source) -> tuple[str, int, int]:
        """``(file, line, col)`` of ``source`` with the file named as in problems (as given on the command line)."""
        return (self.shown.get(source.file, source.file), source.line, source.col)

    def get(self, owner: Any, name: str, item: int | str | None = None) -> Source | None:
        """The source of ``owner.name`` (or of ``owner.name[item]``), if it was written in the YAML."""
        return self.entries.get((id(owner), name, item))

    def text(self, value: Any, language: str) -> Source | None:
        """The source of one language of a localised text field (the ``{en: ..., ja: ...}`` value)."""
        return self.entries.get((id(value), language, None))

    @classmethod
    def build(cls, dossier: BaseModel, positions: Positions, files: dict[str, str]) -> SourceMap:
        """Walk ``dossier`` along the data paths its fields were validated from.

        ``files`` maps the file names in ``positions`` to paths relative to the dossier folder.
        Only values written in the YAML get an entry (defaults have no line to point at).
        """
        smap = cls(shown={relative: display for display, relative in files.items()})

        def source(key: FieldKey, path: DataPath) -> None:
            mark = positions.values.get(path)
            if mark is not None:
                where = files.get(mark.file, mark.file)
                smap.entries[key] = Source(where, mark.line, mark.col, positions.texts.get(path))

        def record(owner: BaseModel, name: str, item: int | str | None, path: DataPath) -> None:
            source((id(owner), name, item), path)

        def walk(node: BaseModel, path: DataPath) -> None:
            for name in type(node).model_fields:
                value = getattr(node, name)
                here = path + (name,)
                if _is_scalar(value):
                    record(node, name, None, here)
                elif isinstance(value, BaseModel):
                    walk(value, here)
                elif isinstance(value, (list, tuple)):
                    for i, item in enumerate(value):
                        visit(node, name, i, item, here + (i,))
                elif _is_text(value):
                    texts(value, here)
                elif isinstance(value, dict):
                    for key, item in value.items():
                        visit(node, name, key, item, here + (key,))

        def visit(owner: BaseModel, name: str, item: int | str, value: Any, path: DataPath) -> None:
            if _is_scalar(value):
                record(owner, name, item, path)
            elif isinstance(value, BaseModel):
                walk(value, path)
            elif _is_text(value):
                texts(value, path)

        def texts(value: dict[str, str], path: DataPath) -> None:
            # a plain string in the YAML is the English text: its path has no language key
            for language in value:
                written = path + (language,) if path + (language,) in positions.values else path
                source((id(value), language, None), written)

        walk(dossier, ())
        return smap


def _is_scalar(value: Any) -> bool:
    """A value printed as one piece: a number, a word or code, a date (not a yes/no flag)."""
    return isinstance(value, (int, float, str, dt.date)) and not isinstance(value, bool)


def _is_text(value: Any) -> bool:
    """A localised text: languages to strings (see ``LocalText``)."""
    return isinstance(value, dict) and bool(value) and all(
        k in LANGUAGES and isinstance(v, str) for k, v in value.items()
    )


_ATTACHED: dict[int, SourceMap] = {}


def attach(dossier: BaseModel, smap: SourceMap) -> None:
    """Keep ``smap`` with ``dossier`` for as long as the dossier lives (in this process)."""
    key = id(dossier)
    _ATTACHED[key] = smap
    weakref.finalize(dossier, _ATTACHED.pop, key, None)


def sources_of(dossier: Any) -> SourceMap | None:
    """The source map the loader attached to ``dossier`` (``None`` for a dossier built in code)."""
    return _ATTACHED.get(id(dossier))
