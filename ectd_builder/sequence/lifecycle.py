"""The one lifecycle replay: which leaves are in force, each document's history, and the faults.

Meaning of the operations (ICH eCTD v3.2.2 specification, operation attribute; see
``reference/ectd-spec.md`` 1.6):

* ``new`` -- a document with no predecessor; it is in force.
* ``append`` -- adds to the leaf named by ``modified-file``: both are in force (the appended leaf
  keeps its own history). Since v3.2.2 the target may be in the same sequence (S21).
* ``replace`` -- supersedes the leaf it names: that leaf leaves force, the new one takes its place
  and continues its history.
* ``delete`` -- removes the leaf it names from force; the delete leaf itself is no document.

Sequences are replayed in lifecycle order (:func:`~ectd_builder.sequence.model.lifecycle_order`).
Every problem is a :class:`Fault` value, for every sequence; callers pick the sequences they
report on and map the fault codes to their criteria:

``target-outside``   modified-file leaves the application folder
``target-malformed`` not ``<path to backbone>#<leaf ID>``
``target-later``     points at a later sequence
``target-same``      points into its own sequence, and is not an append
``target-absent``    points at a sequence that is not among those replayed
``target-missing``   points at nothing: no such backbone or leaf in the sequence named
``target-is-delete`` points at a delete leaf
``target-deleted``   its target was deleted earlier
``branch``           its target was already replaced: two leaves in force would replace one
``target-multiple``  a second leaf of the same sequence acting on the same target
``append-on-append`` appends to a leaf that is itself an append
``lang-changed``     replace with another ``xml:lang`` than the replaced leaf
``section-changed``  replace placed under another CTD section than the replaced leaf

A fault never stops the replay: a leaf whose target cannot be found starts a document of its own
(``Entry.orphan``); one that acts on an already replaced leaf starts one too (``Entry.branch_of``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ectd_builder.sequence.model import (
    Leaf,
    SequenceDoc,
    effective_number,
    lifecycle_order,
)

LeafKey = tuple[str, str, str]  # (sequence folder, backbone, leaf ID)
FAULT_CODES = (
    "target-outside",
    "target-malformed",
    "target-later",
    "target-same",
    "target-absent",
    "target-missing",
    "target-is-delete",
    "target-deleted",
    "branch",
    "target-multiple",
    "append-on-append",
    "lang-changed",
    "section-changed",
)


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
    branch_of: str | None = None  # key of the entry whose already replaced leaf this one acted on

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


@dataclass(frozen=True)
class Fault:
    """A lifecycle problem at one leaf: ``code`` from :data:`FAULT_CODES`, ``related`` the other sequence."""

    code: str
    sequence: str
    leaf: Leaf
    message: str
    related: str | None = None


@dataclass(frozen=True)
class Replay:
    """The replayed application: documents with their history (first-appearance order) and faults."""

    entries: tuple[Entry, ...]
    faults: tuple[Fault, ...]

    def in_force(self) -> list[Entry]:
        """The documents in force after the last sequence."""
        return [e for e in self.entries if not e.deleted]

    def faults_of(self, sequence: str) -> list[Fault]:
        return [f for f in self.faults if f.sequence == sequence]


def leaf_key(sequence: str, leaf: Leaf) -> LeafKey:
    return (sequence, leaf.backbone, leaf.id)


def key_text(key: LeafKey) -> str:
    return f"{key[0]}/{key[1]}#{key[2]}"


def is_regional_backbone(seq: SequenceDoc, leaf: Leaf) -> bool:
    """The ``index.xml`` leaf that points at the sequence's own regional Module 1 backbone."""
    return seq.regional is not None and leaf.backbone == "index.xml" and leaf.file == f"{seq.name}/{seq.regional.path}"


def documents_of(seq: SequenceDoc) -> list[Leaf]:
    """The sequence's document leaves (the regional backbone is part of the sequence, not a document)."""
    return [leaf for leaf in seq.leaves if not is_regional_backbone(seq, leaf)]


class _State:
    """Mutable bookkeeping of one replay (never leaves this module)."""

    def __init__(self, sequences: list[SequenceDoc]) -> None:
        self.names = {s.name: s for s in sequences}
        self.leaves: dict[LeafKey, Leaf] = {}
        self.backbones = {s.name: set(s.backbones) for s in sequences}
        self.owner: dict[LeafKey, int] = {}  # leaf -> entry index
        self.gone: dict[LeafKey, tuple[str, str, str]] = {}  # leaf -> ("replaced" | "deleted", by sequence, by leaf ID)
        self.events: list[list[Event]] = []
        self.starts: list[LeafKey] = []
        self.flags: list[tuple[bool, str | None, str | None]] = []  # orphan, appends_to, branch_of
        self.faults: list[Fault] = []

    def fault(self, sequence: str, leaf: Leaf, code: str, message: str, related: str | None = None) -> None:
        self.faults.append(Fault(code, sequence, leaf, message, related))

    def start(self, key: LeafKey, event: Event, orphan: bool = False, appends: str | None = None,
              branch: str | None = None) -> None:
        self.owner[key] = len(self.events)
        self.starts.append(key)
        self.events.append([event])
        self.flags.append((orphan, appends, branch))


def replay(sequences: Iterable[SequenceDoc]) -> Replay:
    """Replay ``sequences`` (any subset of an application) in lifecycle order."""
    ordered = lifecycle_order(list(sequences))
    state = _State(ordered)
    for seq in ordered:
        for leaf in seq.leaves:  # first register the sequence's leaves: an append may name a later one
            state.leaves.setdefault(leaf_key(seq.name, leaf), leaf)
        number = effective_number(seq)
        acted: dict[LeafKey, tuple[str, str, str]] = {}  # target -> what this sequence does to it, by which leaf
        for leaf in seq.leaves:  # the regional backbone's own leaf is checked, but is no document
            _apply(state, seq, number, leaf, acted, document=not is_regional_backbone(seq, leaf))
        for target, done in acted.items():  # in force until the sequence is complete
            if done[0]:
                state.gone.setdefault(target, done)
    entries = tuple(
        Entry(key_text(state.starts[i]), tuple(evs), *state.flags[i]) for i, evs in enumerate(state.events)
    )
    return Replay(entries, tuple(state.faults))


def _apply(
    state: _State,
    seq: SequenceDoc,
    number: str | None,
    leaf: Leaf,
    acted: dict[LeafKey, tuple[str, str, str]],
    *,
    document: bool,
) -> None:
    event = Event(seq.name, number, leaf)
    key = leaf_key(seq.name, leaf)
    op = event.operation
    acts = op in ("append", "replace", "delete")  # anything else is not a lifecycle operation here
    target = _resolve(state, seq, number, leaf) if acts and leaf.target is not None else None
    if target is None:
        if document:
            state.start(key, event, orphan=acts)
        return
    found = state.leaves[target]

    def fault(code: str, message: str, related: str | None = None) -> None:
        state.fault(seq.name, leaf, code, message, related)

    if target in acted:
        fault("target-multiple", f"'{leaf.modified_file}' is already the target of another leaf in this sequence")
    done = {"replace": "replaced", "delete": "deleted"}.get(op, "")
    if done or target not in acted:
        acted[target] = (done, seq.name, leaf.id)
    if (found.operation or "new") == "delete":
        fault("target-is-delete", f"'{leaf.modified_file}' is a delete leaf, not a document")
    gone = state.gone.get(target)
    if gone is not None and gone[0] == "replaced":
        fault("branch", f"lifecycle branch: '{leaf.modified_file}' was already replaced by leaf {gone[2]} in sequence "
                        f"{gone[1]}; both leaves would be in force for one document", gone[1])
    elif gone is not None:
        fault("target-deleted", f"'{leaf.modified_file}' was already deleted in sequence {gone[1]}", gone[1])
    if op == "append" and found.operation == "append":
        fault("append-on-append", f"appends to leaf {found.id}, itself an append")
    if op == "replace":
        if (found.lang or "") != (leaf.lang or ""):
            fault("lang-changed", f"xml:lang '{leaf.lang}' differs from the replaced leaf's '{found.lang}'")
        if found.placement.element != leaf.placement.element:
            fault("section-changed", f"replaces a leaf under {found.placement.element or '(root)'}, "
                                     f"but sits under {leaf.placement.element or '(root)'}")
    entry = state.owner.get(target)
    if not document:
        return
    if op == "append":
        state.start(key, event, appends=key_text(state.starts[entry]) if entry is not None else None)
    elif gone is not None and gone[0] == "replaced":
        state.start(key, event, branch=key_text(state.starts[entry]) if entry is not None else None)
    elif entry is not None:
        state.events[entry].append(event)
        state.owner[key] = entry
    else:
        state.start(key, event, orphan=True)


def _resolve(state: _State, seq: SequenceDoc, number: str | None, leaf: Leaf) -> LeafKey | None:
    """The target's key, or ``None`` after recording why it cannot be followed."""
    t = leaf.target
    assert t is not None
    here = seq.name

    def fault(code: str, message: str) -> None:
        state.fault(here, leaf, code, message, t.sequence)

    if t.outside:
        fault("target-outside", f"modified-file '{t.raw}' points outside this application")
        return None
    if t.sequence is None or t.backbone is None or not t.leaf_id:
        fault("target-malformed", f"modified-file '{t.raw}' is not <path to backbone>#<leaf ID>")
        return None
    if t.sequence == here:
        if t.backbone not in state.backbones.get(here, set()):
            fault("target-missing", f"modified-file '{t.raw}' resolves to '{t.sequence}/{t.backbone}', "
                                    "which is not a backbone of an earlier sequence")
            return None
        if leaf.operation != "append":
            fault("target-same", f"modified-file '{t.raw}' points into this same sequence")
            return None
    elif number is not None and t.sequence >= number:
        fault("target-later", f"modified-file '{t.raw}' points to a later sequence ({t.sequence})")
        return None
    if t.sequence not in state.names:
        fault("target-absent", f"modified-file '{t.raw}' points into sequence {t.sequence}, which is not present")
        return None
    key = (t.sequence, t.backbone, t.leaf_id)
    if key not in state.leaves:
        fault("target-missing", f"no leaf '{t.leaf_id}' in {t.sequence}/{t.backbone}")
        return None
    return key
