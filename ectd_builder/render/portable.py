"""Send a loaded dossier to a worker process with its source map.

The loader's :class:`~ectd_builder.dossier.provenance.SourceMap` keys each value by the ``id()``
of the model object that holds it, so a pickled dossier alone would lose how its numbers were
written (``98.0`` printed as ``98``) and where they came from. :func:`pack` pairs every source
with its owner object in the same pickle as the dossier, so pickling keeps them the same
objects, and :func:`unpack` attaches a map keyed by the ids of the unpickled objects.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ectd_builder.dossier.provenance import Source, SourceMap, attach, sources_of

Packed = tuple[Any, dict[str, str], list[tuple[Any, str, int | str | None, Source]]]


def _holders(root: Any) -> dict[int, Any]:
    """id -> object for every model object and mapping reachable from ``root`` (a source's owner)."""
    found: dict[int, Any] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, BaseModel | dict):
            if id(node) in found:
                continue
            found[id(node)] = node
            stack.extend(node.values() if isinstance(node, dict) else (getattr(node, n) for n in type(node).model_fields))
        elif isinstance(node, list | tuple):
            stack.extend(node)
    return found


def pack(dossier: Any) -> Packed:
    """``dossier`` with its sources paired to their owner objects (pickle it as one value)."""
    smap = sources_of(dossier)
    if smap is None:
        return dossier, {}, []
    holders = _holders(dossier)
    entries = [(holders[key], name, item, source) for (key, name, item), source in smap.entries.items() if key in holders]
    return dossier, dict(smap.shown), entries


def unpack(packed: Packed) -> Any:
    """The dossier of :func:`pack`, with its source map attached again (in this process)."""
    dossier, shown, entries = packed
    if entries or shown:
        attach(dossier, SourceMap({(id(owner), name, item): source for owner, name, item, source in entries}, shown))
    return dossier
