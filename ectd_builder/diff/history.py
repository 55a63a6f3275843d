"""Replay an application's lifecycle: which leaf is in force after the last sequence, and how
every document got there (new -> replaced in 0003 -> deleted in 0005).

Shared by the sequence diff (compare what is in force after A with what is in force after B) and
the lifecycle viewer. Works on any tool's sequences: a ``modified-file`` that points at a sequence
which is not present starts its own entry, marked ``orphan``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ectd_builder.check.context import effective_number
from ectd_builder.check.reader import Leaf, SequenceDoc

LeafKey = tuple[str, str, str]  # (sequence folder, backbone, leaf ID)


@dataclass(frozen=True)
class Event:
    """One leaf of one sequence acting on a document."""

    sequence: str  # sequence folder name
    number: str | None  # sequence number (folder name or envelope)
    leaf: Leaf

    @property
    def operation(self) -> str:
        return self.leaf.operation or "new"


@dataclass(frozen=True)
class Entry:
    """One document's life: its events in sequence order."""

    key: str  # "<sequence>/<backbone>#<leaf ID>" of the leaf that started it
    events: tuple[Event, ...]
    orphan: bool = False  # the first event targets a leaf that is not in the application
    appends_to: str | None = None  # key of the entry an ``append`` leaf adds to

    @property
    def last(self) -> Event:
        return self.events[-1]

    @property
    def deleted(self) -> bool:
        return self.last.operation == "delete"

    @property
    def status(self) -> str:
        return "deleted" if self.deleted else "current"

    @property
    def shown(self) -> Leaf:
        """The leaf that describes the document: the last one that was not a deletion."""
        for event in reversed(self.events):
            if event.operation != "delete":
                return event.leaf
        return self.events[-1].leaf

    @property
    def current(self) -> Leaf | None:
        return None if self.deleted else self.last.leaf


def leaf_key(sequence: str, leaf: Leaf) -> LeafKey:
    return (sequence, leaf.backbone, leaf.id)


def key_text(key: LeafKey) -> str:
    return f"{key[0]}/{key[1]}#{key[2]}"


def ordered(sequences: Iterable[SequenceDoc]) -> list[SequenceDoc]:
    """Sequences in lifecycle order: by sequence number, then folder name."""
    return sorted(sequences, key=lambda s: (effective_number(s) or "9999~", s.name))


def replay(sequences: Iterable[SequenceDoc]) -> list[Entry]:
    """Every document of the application with its history, in first-appearance order."""
    events: list[list[Event]] = []
    flags: list[tuple[bool, str | None]] = []
    owner: dict[LeafKey, int] = {}
    starts: list[LeafKey] = []
    for seq in ordered(sequences):
        number = effective_number(seq)
        for leaf in documents_of(seq):
            event = Event(seq.name, number, leaf)
            op = leaf.operation or "new"
            target = _target_key(leaf)
            found = owner.get(target) if target is not None else None
            if op in ("replace", "delete") and found is not None:
                events[found].append(event)
                owner[leaf_key(seq.name, leaf)] = found
                continue
            appends = key_text(starts[found]) if op == "append" and found is not None else None
            orphan = op != "new" and found is None
            owner[leaf_key(seq.name, leaf)] = len(events)
            starts.append(leaf_key(seq.name, leaf))
            events.append([event])
            flags.append((orphan, appends))
    return [
        Entry(key_text(starts[i]), tuple(evs), orphan=flags[i][0], appends_to=flags[i][1])
        for i, evs in enumerate(events)
    ]


def is_regional_backbone(seq: SequenceDoc, leaf: Leaf) -> bool:
    """The ``index.xml`` leaf that points at the sequence's own regional Module 1 backbone."""
    return seq.regional is not None and leaf.backbone == "index.xml" and leaf.file == f"{seq.name}/{seq.regional.path}"


def documents_of(seq: SequenceDoc) -> list[Leaf]:
    """The sequence's document leaves (the regional backbone is part of the sequence, not a document)."""
    return [leaf for leaf in seq.leaves if not is_regional_backbone(seq, leaf)]


def _target_key(leaf: Leaf) -> LeafKey | None:
    t = leaf.target
    if t is None or t.outside or not t.sequence or not t.backbone or not t.leaf_id:
        return None
    return (t.sequence, t.backbone, t.leaf_id)


def in_force(entries: Iterable[Entry]) -> list[Entry]:
    """The documents in force: entries whose last event is not a deletion."""
    return [e for e in entries if not e.deleted]
