"""Plain data of a YAML data file with node positions, for readers that check it by hand.

The profiles, ICH tables, criteria packs, CTD tables and eCTD v4.0 facts are read with
:func:`ectd_builder.jurisdiction.load.load` against a pydantic model instead (every defect located);
this reader remains for ``changes/rules.py`` (the variation classification rules) until it does so.
It uses the same safe loader: duplicate keys are refused and every error names ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ectd_builder.dossier.yamlload import DataPath, load_yaml
from ectd_builder.errors import EctdError


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
    """Parse ``path`` into plain data and a positions map; raise EctdError listing every YAML defect.

    Uses the dossier's safe YAML loader, so the tool's own data files get the same protection
    (duplicate keys, tags, alias limits, encoding) and the same positions.
    """
    doc = load_yaml(path, str(path))
    if doc.problems:
        from ectd_builder.jurisdiction.load import problems_error  # noqa: PLC0415 - jurisdiction imports rules

        raise problems_error(doc.problems)
    positions = {p: (mark.line, mark.col) for p, mark in doc.positions.values.items()}
    return DataFile(path=path, data=doc.data, positions=positions)
