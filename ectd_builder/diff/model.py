"""The values a diff produces: one :class:`Change` per difference, gathered in a :class:`DiffResult`.

Both diffs (two jurisdictions of one dossier, two sequences or builds) produce the same shape so
the text, JSON and HTML formatters serve both. The JSON form is described by ``schemas/diff.schema.json``
beside this module.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

SCHEMA_ID = "ectd-builder/diff/1"

# Kinds of change, in the order reports list them.
SEQUENCE_KINDS = ("added", "deleted", "replaced", "moved", "retitled", "envelope")
JURISDICTION_KINDS = ("only-left", "only-right", "language", "value", "requirement", "structure", "text")
KINDS = SEQUENCE_KINDS + JURISDICTION_KINDS


@dataclass(frozen=True)
class Cause:
    """Why a difference exists: a profile fact (with its source), the dossier, or the lifecycle."""

    kind: str  # profile | dossier | lifecycle | content
    text: str
    fact: str | None = None  # profile fact key, e.g. "regional_3_2_r"
    source: str | None = None  # where the fact comes from (guideline, notice ...)


@dataclass(frozen=True)
class SideBySide:
    """One row of a side-by-side text comparison: ``tag`` is equal, replace, delete or insert."""

    tag: str
    left: str
    right: str


@dataclass(frozen=True)
class Change:
    """One difference, named by its document and section, with its cause."""

    kind: str
    document: str  # document label: section code and title, or the leaf title
    section: str  # CTD section code or backbone heading path
    detail: str
    left: str | None = None
    right: str | None = None
    cause: Cause | None = None
    location: str | None = None  # heading inside the document
    lines: tuple[SideBySide, ...] = ()  # text comparison, when there is one


@dataclass(frozen=True)
class DiffResult:
    kind: str  # "jurisdiction" | "sequence"
    left: str
    right: str
    changes: tuple[Change, ...]
    notes: tuple[str, ...] = ()
    compared: int = 0  # documents (or leaves) compared
    unread: int = 0  # files of compared documents missing or not read: those compared by stated checksum only
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def equal(self) -> bool:
        return not self.changes

    def counts(self) -> dict[str, int]:
        found = Counter(c.kind for c in self.changes)
        return {k: found[k] for k in KINDS if found[k]}


def sort_key(change: Change) -> tuple[Any, ...]:
    rank = KINDS.index(change.kind) if change.kind in KINDS else len(KINDS)
    return (section_sort_key(change.section), change.document, rank, change.location or "", change.detail)


def section_sort_key(code: str) -> tuple[Any, ...]:
    """``3.2.P.10`` after ``3.2.P.9``; non-numeric parts sort as text."""
    parts: list[tuple[int, int | str]] = []
    for part in code.replace("/", ".").split("."):
        parts.append((0, int(part)) if part.isdigit() else (1, part))
    return tuple(parts)


def to_data(result: DiffResult) -> dict[str, Any]:
    """The JSON-ready form (see ``schemas/diff.schema.json``)."""
    return {
        "schema": SCHEMA_ID,
        "kind": result.kind,
        "left": result.left,
        "right": result.right,
        "equal": result.equal,
        "compared": result.compared,
        "counts": result.counts(),
        "notes": list(result.notes),
        "changes": [_change(c) for c in result.changes],
        **({"unread": result.unread} if result.unread else {}),
        **({"extra": result.extra} if result.extra else {}),
    }


def _change(c: Change) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": c.kind,
        "document": c.document,
        "section": c.section,
        "detail": c.detail,
        "left": c.left,
        "right": c.right,
        "location": c.location,
        "cause": None
        if c.cause is None
        else {"kind": c.cause.kind, "text": c.cause.text, "fact": c.cause.fact, "source": c.cause.source},
    }
    if c.lines:
        data["lines"] = [{"tag": r.tag, "left": r.left, "right": r.right} for r in c.lines]
    return data
