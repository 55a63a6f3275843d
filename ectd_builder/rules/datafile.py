"""Read the tool's own data files (jurisdiction profiles, ICH tables) with node positions.

These files ship with the tool, but a user may point at edited copies, so they are read with the
safe loader, duplicate keys are refused and every error names ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ectd_builder.errors import EctdError

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class DataFile:
    """Plain data of one YAML file plus the 1-based ``(line, col)`` of every node."""

    path: Path
    data: Any
    positions: Mapping[DataPath, tuple[int, int]]

    def where(self, path: DataPath) -> str:
        """``file:line:col`` of ``path`` or of its nearest known ancestor."""
        probe = tuple(path)
        while probe and probe not in self.positions:
            probe = probe[:-1]
        line, col = self.positions.get(probe, (1, 1))
        return f"{self.path}:{line}:{col}"

    def error(self, path: DataPath, message: str) -> EctdError:
        dotted = ".".join(str(p) for p in path) or "<top>"
        return EctdError(
            f"{self.where(path)}: {message} (at {dotted})",
            hint="fix the data file, or reinstall ectd-builder if you did not edit it",
        )


def read_data_file(path: Path) -> DataFile:
    """Parse ``path`` into plain data and a positions map; raise EctdError on any defect."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EctdError(f"cannot read data file {path}: {exc.strerror}") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise EctdError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    positions: dict[DataPath, tuple[int, int]] = {}
    data = _build(node, (), positions, path) if node is not None else None
    return DataFile(path=path, data=data, positions=positions)


def _build(node: yaml.Node, here: DataPath, positions: dict[DataPath, tuple[int, int]], path: Path) -> Any:
    positions[here] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(_scalar(key_node))
            if key in out:
                line = key_node.start_mark.line + 1
                raise EctdError(f"{path}:{line}:{key_node.start_mark.column + 1}: duplicate key '{key}'")
            out[key] = _build(value_node, (*here, key), positions, path)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, (*here, i), positions, path) for i, child in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()
