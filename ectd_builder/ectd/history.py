"""The frozen history of one application (``submissions/<j>/NNNN``) as the build plans against it.

Read with the one sequence reader and replayed with the one lifecycle replay
(:mod:`ectd_builder.sequence`): ``History.current`` holds the leaves in force after the last
frozen sequence (an appended leaf and the leaf it appends to both stay in force; a replaced or
deleted one does not), keyed by leaf ID, which is how the planner matches documents.

A history another tool made is adopted with ``adopted.yaml`` (:mod:`ectd_builder.adopt.mapping`):
their leaves that our documents continue are keyed by OUR leaf ID (so the next build replaces
them), and their leaves nobody claims go to ``History.kept`` (in force, never planned or deleted).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ectd_builder.ectd.model import Heading
from ectd_builder.errors import EctdError
from ectd_builder.sequence.lifecycle import replay
from ectd_builder.sequence.model import SEQUENCE_RE, Leaf, SequenceDoc
from ectd_builder.sequence.reader import read_sequence
from ectd_builder.sequence.v4 import (
    UNIT_FILE,
    V4ContextOfUse,
    V4Document,
    V4Unit,
    in_force,
    is_v4_unit,
    read_v4_application,
)

ADOPTED_FILE = "adopted.yaml"  # the mapping of an adopted history (ectd_builder.adopt.mapping)

__all__ = [
    "ADOPTED_FILE",
    "SEQUENCE_RE",
    "History",
    "HistoryLeaf",
    "V4History",
    "history_version",
    "read_history",
    "read_v4_history",
]


@dataclass(frozen=True)
class HistoryLeaf:
    """A leaf as submitted: where it lives (sequence + backbone file) and what it points at."""

    sequence: str
    backbone_file: str  # relative to the sequence folder: index.xml or m1/<r>/<r>-regional.xml
    id: str
    operation: str
    title: str
    checksum: str
    href: str | None  # relative to the sequence folder
    modified_file: str | None
    placement: tuple[Heading, ...]

    @property
    def backbone(self) -> str:
        return "index" if self.backbone_file == "index.xml" else "regional"


@dataclass
class History:
    sequences: list[str] = field(default_factory=list)
    current: dict[str, HistoryLeaf] = field(default_factory=dict)  # leaf ID -> latest live leaf
    leaves: list[HistoryLeaf] = field(default_factory=list)
    kept: list[HistoryLeaf] = field(default_factory=list)  # adopted history: their leaves no document claims

    @property
    def last(self) -> str | None:
        return self.sequences[-1] if self.sequences else None


def _history_leaf(sequence: str, leaf: Leaf) -> HistoryLeaf:
    own = f"{sequence}/"
    href = None if leaf.file is None else leaf.file[len(own) :] if leaf.file.startswith(own) else f"../{leaf.file}"
    placement = tuple(Heading(h.element, tuple((k, v) for k, v in h.attributes if k != "xml:lang")) for h in leaf.section)
    return HistoryLeaf(
        sequence=sequence,
        backbone_file=leaf.backbone,
        id=leaf.id,
        operation=leaf.operation,
        title=(leaf.title or "").strip(),
        checksum=(leaf.checksum or "").lower(),
        href=href,
        modified_file=leaf.modified_file,
        placement=placement,
    )


def _read(seq_dir: Path) -> SequenceDoc:
    if not (seq_dir / "index.xml").is_file():
        raise EctdError(f"{seq_dir} has no index.xml", hint="the history holds only complete frozen sequences")
    seq = read_sequence(seq_dir)
    for error in seq.errors:
        if error.kind != "missing" or error.file == "index.xml":
            line = f" (line {error.line})" if error.line else ""
            raise EctdError(
                f"cannot read {seq_dir / error.file}{line}: {error.message}",
                hint="the history folder must hold complete, well-formed sequences",
            )
    return seq


def read_history(app_dir: Path, region: str) -> History:
    """Read and replay every frozen sequence; ``current`` ends up with the leaves in force by ID.

    ``region`` is the jurisdiction's region folder; the regional backbone is found from
    ``index.xml`` itself, so it is not needed to read the history (kept for the callers)."""
    history = History()
    if not app_dir.is_dir():
        return history
    history.sequences = sorted(p.name for p in app_dir.iterdir() if p.is_dir() and SEQUENCE_RE.match(p.name))
    if history_version(app_dir) == "4.0":
        return history  # numbering only: a v4.0 history is planned against by read_v4_history
    sequences = [_read(app_dir / name) for name in history.sequences]
    for seq in sequences:
        history.leaves += [_history_leaf(seq.name, leaf) for leaf in seq.leaves]
    live = [_history_leaf(entry.last.sequence, entry.last.leaf) for entry in replay(sequences).in_force()]
    key_of = _adopted_keys(app_dir, history) if (app_dir / ADOPTED_FILE).is_file() else None
    for leaf in live:
        key = leaf.id if key_of is None else key_of(leaf.sequence, leaf.backbone_file, leaf.id)
        if key is None:
            history.kept.append(leaf)
        else:
            history.current[key] = leaf
    return history


def _adopted_keys(app_dir: Path, history: History) -> Callable[[str, str, str], str | None]:
    """How ``adopted.yaml`` keys each leaf in force; a defective file is refused, every problem located."""
    from ectd_builder.adopt.mapping import leaf_ref, read_adoption
    from ectd_builder.jurisdiction.load import problems_error

    leaves = {leaf_ref(leaf.sequence, leaf.backbone_file, leaf.id) for leaf in history.leaves}
    found = read_adoption(app_dir, leaves, history.sequences)
    if found.value is None:
        raise problems_error(found.problems, hint=f"fix {app_dir / ADOPTED_FILE} (written by 'ectd import-history')")
    return found.value.key_of


def history_version(app_dir: Path) -> str | None:
    """The eCTD version of the frozen units in ``app_dir``: ``4.0`` (``submissionunit.xml``),
    ``3.2.2`` (``index.xml``), or None when nothing is frozen yet."""
    if not app_dir.is_dir():
        return None
    frozen = [p for p in sorted(app_dir.iterdir()) if p.is_dir() and SEQUENCE_RE.match(p.name)]
    if any(is_v4_unit(p) for p in frozen):
        return "4.0"
    return "3.2.2" if frozen else None


@dataclass
class V4History:
    """The frozen v4.0 units of one application, read with the one v4.0 reader and replayed."""

    units: list[V4Unit] = field(default_factory=list)
    in_force: dict[str, V4ContextOfUse] = field(default_factory=dict)  # context-of-use id -> in force
    contexts: set[str] = field(default_factory=set)  # every context-of-use id ever sent
    documents: dict[str, tuple[V4Unit, V4Document]] = field(default_factory=dict)  # document id -> first definition
    keywords: dict[tuple[str, str], str] = field(default_factory=dict)  # (code, codeSystem) -> display name

    @property
    def last(self) -> V4Unit | None:
        return self.units[-1] if self.units else None


def read_v4_history(app_dir: Path) -> V4History:
    """Read and replay the frozen v4.0 units; a unit that does not read cleanly is refused."""
    units, problems = read_v4_application(app_dir)
    if problems:
        first = problems[0]
        raise EctdError(
            f"cannot read the frozen v4.0 history {app_dir / (first.file or UNIT_FILE)}"
            f"{f' (line {first.line})' if first.line else ''}: {first.message}",
            hint="the history folder must hold complete, well-formed submission units",
        )
    history = V4History(units=units, in_force=in_force(units))
    for unit in units:
        history.contexts |= {c.id for c in unit.contexts}
        for doc in unit.documents:
            history.documents.setdefault(doc.id, (unit, doc))
        history.keywords.update({(k.code, k.code_system): k.display_name for k in unit.keywords})
    return history
