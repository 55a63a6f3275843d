"""Read eCTD v4.0 submission units and applications (the reader contract of issue 13).

* :func:`read_unit` reads ``<unit_dir>/submissionunit.xml`` into a :class:`V4Unit`.
* :func:`read_v4_application` reads every numbered unit folder of an application, orders the units
  by sequence number and resolves references across them: ``replacementOf`` and
  ``documentReference`` must name a context of use / document of this or an earlier unit.
* :func:`in_force` replays the lifecycle in v4.0 terms: a context of use resent with the same id
  updates it; one with ``replaces`` takes the replaced one out of force; ``suspended`` removes it.

Problems are values (``code`` is a check key, see :mod:`~ectd_builder.sequence.v4_read`); nothing
raises on content. :mod:`~ectd_builder.sequence.v4_neutral` maps units onto the format-neutral model.
"""

from __future__ import annotations

from pathlib import Path

from ectd_builder.problems import Problem, Severity
from ectd_builder.sequence.v4_model import (
    CHECKSUM_FILE,
    NAMESPACE,
    ROOT,
    STATUSES,
    UNIT_FILE,
    V4ContextOfUse,
    V4Document,
    V4Keyword,
    V4Unit,
)
from ectd_builder.sequence.v4_read import normal_uuid, read_unit_file

__all__ = [
    "CHECKSUM_FILE",
    "NAMESPACE",
    "ROOT",
    "STATUSES",
    "UNIT_FILE",
    "V4ContextOfUse",
    "V4Document",
    "V4Keyword",
    "V4Unit",
    "documents_by_id",
    "in_force",
    "is_v4_application",
    "is_v4_unit",
    "normal_uuid",
    "read_unit",
    "read_v4_application",
    "resolve",
    "unit_folders",
]


def is_v4_unit(folder: Path) -> bool:
    """A folder holding ``submissionunit.xml`` is a v4.0 submission unit."""
    return (Path(folder) / UNIT_FILE).is_file()


def unit_folders(app_dir: Path) -> list[Path]:
    """The numbered sub-folders (``0001``, ``1``) of ``app_dir`` that hold ``submissionunit.xml``."""
    app_dir = Path(app_dir)
    if not app_dir.is_dir():
        return []
    return [c for c in sorted(app_dir.iterdir()) if c.is_dir() and c.name.isdigit() and is_v4_unit(c)]


def is_v4_application(app_dir: Path) -> bool:
    return bool(unit_folders(app_dir))


def read_unit(unit_dir: Path) -> tuple[V4Unit | None, list[Problem]]:
    """Read one unit folder; ``(None, problems)`` when ``submissionunit.xml`` cannot be read."""
    return read_unit_file(Path(unit_dir))


def read_v4_application(app_dir: Path) -> tuple[list[V4Unit], list[Problem]]:
    """Every unit of the application, by sequence number (then folder name), with cross-unit faults."""
    units: list[V4Unit] = []
    problems: list[Problem] = []
    for folder in unit_folders(app_dir):
        unit, found = read_unit(folder)
        problems += found
        if unit is not None:
            units.append(unit)
    units.sort(key=lambda u: (u.sequence_number, u.path.name))
    return units, problems + resolve(units)


def documents_by_id(units: list[V4Unit]) -> dict[str, tuple[V4Unit, V4Document]]:
    """Each document UUID -> the first unit (in order) that defines it, and the document."""
    out: dict[str, tuple[V4Unit, V4Document]] = {}
    for unit in units:
        for doc in unit.documents:
            out.setdefault(doc.id, (unit, doc))
    return out


def resolve(units: list[V4Unit]) -> list[Problem]:
    """References that point at nothing defined so far: ``replacementOf`` and ``documentReference``.

    ``units`` are in lifecycle order; a reference may point into its own unit or an earlier one."""
    problems: list[Problem] = []
    contexts: set[str] = set()
    documents: set[str] = set()
    for unit in units:
        shown = f"{unit.path.name}/{UNIT_FILE}"
        documents |= {d.id for d in unit.documents}
        contexts |= {c.id for c in unit.contexts}
        for cou in unit.contexts:
            if cou.replaces and cou.replaces not in contexts:
                problems.append(Problem(
                    "v4-replaces-missing", Severity.ERROR,
                    f"contextOfUse {cou.id} ({cou.code}) replaces {cou.replaces}, which is no context of use "
                    "of this or an earlier submission unit", file=shown, line=cou.replaces_line or cou.line,
                    hint="point replacementOf/relatedContextOfUse/id at a context of use already submitted"))
            for doc_id, line in zip(cou.document_ids, cou.document_lines or (cou.line,) * len(cou.document_ids), strict=False):
                if doc_id and doc_id not in documents:
                    problems.append(Problem(
                        "v4-docref-missing", Severity.ERROR,
                        f"contextOfUse {cou.id} ({cou.code}) refers to document {doc_id}, which no "
                        "submission unit so far defines", file=shown, line=line,
                        hint="add the document to this unit, or refer to a document of an earlier unit"))
    return problems


def in_force(units: list[V4Unit]) -> dict[str, V4ContextOfUse]:
    """The contexts of use in force after the units (in lifecycle order), by id."""
    state: dict[str, V4ContextOfUse] = {}
    for unit in units:
        for cou in unit.contexts:
            if cou.replaces:
                state.pop(cou.replaces, None)
            if cou.status == "suspended":
                state.pop(cou.id, None)
            else:
                state[cou.id] = cou
    return dict(sorted(state.items(), key=lambda kv: (kv[1].code, kv[1].priority, kv[0])))
