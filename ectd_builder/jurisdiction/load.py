"""One generic reader for the tool's typed YAML data files: ``load(path, Model)``.

The file is read with the dossier's safe loader (:func:`ectd_builder.dossier.yamlload.load_yaml`,
positions kept) and validated with pydantic. Every YAML defect and every validation error becomes
a :class:`~ectd_builder.problems.Problem` at ``file:line:col`` — all of them, not only the first —
through the same mapping the dossier loader uses (:mod:`ectd_builder.dossier.schema_errors`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ectd_builder.dossier.schema_errors import validation_problems
from ectd_builder.dossier.yamlload import DataPath, Positions, load_yaml
from ectd_builder.errors import EctdError
from ectd_builder.problems import Problem

M = TypeVar("M", bound=BaseModel)

DATA_FILE_HINT = "fix the data file, or reinstall ectd-builder if you did not edit it"


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """What :func:`read` found: the model (None when defective), the plain data, every problem and
    the position of every node (for readers that locate the model's parts, e.g. a rule's line)."""

    value: M | None
    data: Any
    problems: list[Problem]
    positions: Positions | None = None

    def where(self, path: DataPath) -> str:
        """``file:line:col`` of the value at ``path`` (or of its nearest written ancestor)."""
        mark = self.positions.value(tuple(path)) if self.positions is not None else None
        return f"{mark.file}:{mark.line}:{mark.col}" if mark is not None else "?"


def read(path: Path, model: type[M], display: str | None = None, context: dict[str, Any] | None = None) -> Loaded[M]:
    """Read ``path`` as ``model`` (``context`` goes to the model's validators), keeping the plain data."""
    doc = load_yaml(path, display if display is not None else str(path))
    if doc.problems:
        return Loaded(None, doc.data, list(doc.problems), doc.positions)
    try:
        return Loaded(model.model_validate(doc.data, context=context), doc.data, [], doc.positions)
    except ValidationError as exc:
        return Loaded(None, doc.data, validation_problems(model, exc, doc.positions), doc.positions)


def load(path: Path, model: type[M], display: str | None = None) -> tuple[M | None, list[Problem]]:
    """Read ``path`` as ``model``: the instance (None when defective) and every problem met, located."""
    found = read(path, model, display)
    return found.value, found.problems


def problems_error(problems: list[Problem], hint: str = DATA_FILE_HINT) -> EctdError:
    """An :class:`EctdError` whose message lists every problem as ``file:line:col: message hint``."""
    lines = [f"{p.location}: {p.message}" + (f" {p.hint}" if p.hint else "") for p in problems]
    head = lines[0] if len(lines) == 1 else f"{len(lines)} problems:\n" + "\n".join(f"  {line}" for line in lines)
    return EctdError(head, hint=hint)


def load_or_raise(path: Path, model: type[M], display: str | None = None) -> M:
    """Like :func:`load` for commands that cannot go on without the file: raise listing all problems."""
    value, problems = load(path, model, display)
    if value is None or problems:
        raise problems_error(problems)
    return value
