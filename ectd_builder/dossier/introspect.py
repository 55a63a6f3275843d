"""Reading the model's type annotations: which model, field and markers sit at a data path."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Union

from pydantic import BaseModel


@dataclass(frozen=True)
class Slot:
    """What the model expects at one place: the bare type and the markers attached to it."""

    tp: Any
    metadata: tuple[Any, ...] = ()

    @property
    def model(self) -> type[BaseModel] | None:
        return self.tp if isinstance(self.tp, type) and issubclass(self.tp, BaseModel) else None

    @property
    def origin(self) -> Any:
        return typing.get_origin(self.tp)

    @property
    def args(self) -> tuple[Any, ...]:
        return typing.get_args(self.tp)


def slot(tp: Any, metadata: tuple[Any, ...] = ()) -> Slot:
    """Strip ``Annotated`` (keeping its markers) and ``X | None``."""
    meta = list(metadata)
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp, *extra = typing.get_args(tp)
            meta.extend(extra)
            continue
        if origin in (Union, types.UnionType):
            options = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(options) == 1:
                tp = options[0]
                continue
        return Slot(tp, tuple(meta))


def field_slot(model: type[BaseModel], name: str) -> Slot | None:
    info = model.model_fields.get(name)
    if info is None:
        return None
    return slot(info.annotation, tuple(info.metadata))


def child_slot(parent: Slot, key: str | int) -> Slot | None:
    """The slot one step below ``parent`` (a field of a model, an item of a list or dict)."""
    if parent.model is not None:
        return field_slot(parent.model, key) if isinstance(key, str) else None
    if parent.origin is list and parent.args:
        return slot(parent.args[0])
    if parent.origin is dict and len(parent.args) == 2:
        return slot(parent.args[1])
    return None


def walk_slot(root: type[BaseModel], path: tuple[str | int, ...]) -> Slot | None:
    current: Slot | None = Slot(root)
    for key in path:
        if current is None:
            return None
        current = child_slot(current, key)
    return current


def nearest_model(root: type[BaseModel], path: tuple[str | int, ...]) -> type[BaseModel]:
    """The innermost model class along ``path`` (the thing a message should name)."""
    found: type[BaseModel] = root
    current: Slot | None = Slot(root)
    for key in path:
        if current is None:
            break
        current = child_slot(current, key)
        if current is not None and current.model is not None:
            found = current.model
    return found


def noun(model: type[BaseModel]) -> str:
    return str(getattr(model, "noun", model.__name__))


def field_names(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)
