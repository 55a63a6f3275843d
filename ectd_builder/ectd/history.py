"""The frozen history of one application (``submissions/<j>/NNNN``) as the build plans against it.

Read with the one sequence reader and replayed with the one lifecycle replay
(:mod:`ectd_builder.sequence`): ``History.current`` holds the leaves in force after the last
frozen sequence (an appended leaf and the leaf it appends to both stay in force; a replaced or
deleted one does not), keyed by leaf ID, which is how the planner matches documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ectd_builder.ectd.model import Heading
from ectd_builder.errors import EctdError
from ectd_builder.sequence.lifecycle import replay
from ectd_builder.sequence.model import SEQUENCE_RE, Leaf, SequenceDoc
from ectd_builder.sequence.reader import read_sequence

__all__ = ["SEQUENCE_RE", "History", "HistoryLeaf", "read_history"]


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

    @property
    def last(self) -> str | None:
        return self.sequences[-1] if self.sequences else None


def _history_leaf(sequence: str, leaf: Leaf) -> HistoryLeaf:
    own = f"{sequence}/"
    href = None if leaf.file is None else leaf.file[len(own):] if leaf.file.startswith(own) else f"../{leaf.file}"
    placement = tuple(
        Heading(h.element, tuple((k, v) for k, v in h.attributes if k != "xml:lang")) for h in leaf.section
    )
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
    sequences = [_read(app_dir / name) for name in history.sequences]
    for seq in sequences:
        history.leaves += [_history_leaf(seq.name, leaf) for leaf in seq.leaves]
    for entry in replay(sequences).in_force():
        history.current[entry.last.leaf.id] = _history_leaf(entry.last.sequence, entry.last.leaf)
    return history
