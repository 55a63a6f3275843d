"""Helpers of the confidential-parts tests: walk a dossier's plain data."""

from __future__ import annotations

from typing import Any


def at(data: Any, path: tuple[str | int, ...]) -> Any:
    """The node of ``data`` at ``path`` (keys and list indexes)."""
    for key in path:
        data = data[key]
    return data


def scalars(node: Any) -> list[str]:
    """The texts and numbers of a part, ids excluded (a withheld entity keeps its id so references resolve)."""
    if isinstance(node, dict):
        return [s for k, v in node.items() if k not in ("id", "confidential") for s in scalars(v)]
    if isinstance(node, list):
        return [s for v in node for s in scalars(v)]
    return [str(node)] if isinstance(node, (str, int, float)) and not isinstance(node, bool) else []
