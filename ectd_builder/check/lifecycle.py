"""Lifecycle across sequences: modified-file targets, replaced/deleted leaves, numbering, UUID continuity.

The history is replayed in sequence order. Problems are reported only for the sequences being
checked (``runs``); the other sequences only supply history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ectd_builder.check.context import SeqRun, effective_number
from ectd_builder.check.envelope import envelope_uuids
from ectd_builder.check.reader import Leaf, SequenceDoc

LeafKey = tuple[str, str, str]  # (sequence folder, backbone, leaf ID)


@dataclass(frozen=True)
class _State:
    status: str  # "replaced" or "deleted"
    by: str  # sequence that did it


def _ordered(history: Sequence[SequenceDoc]) -> list[SequenceDoc]:
    return sorted(history, key=lambda s: (effective_number(s) or "9999~", s.name))


def check_lifecycle(history: Sequence[SequenceDoc], runs: Mapping[str, SeqRun], *, whole: bool = False) -> None:
    """Replay ``history`` (every sequence known, checked or not) and report into ``runs``.

    ``whole``: ``history`` is the complete application, so a target in a sequence that is not
    there is missing (an error), not merely unverifiable."""
    ordered = _ordered(history)
    by_name = {s.name: s for s in ordered}
    state: dict[LeafKey, _State] = {}
    first = ordered[0].name if ordered else None
    for seq in ordered:
        run = runs.get(seq.name)
        if run is not None:
            _first_sequence(run, is_first=seq.name == first)
            _targets(run, by_name, state, whole)
        _apply(seq, state)


def _first_sequence(run: SeqRun, *, is_first: bool) -> None:
    number = run.number
    first_numbers = ("0000", "0001") if run.region == "us" else ("0000",)
    if not is_first or number not in first_numbers:
        return
    for leaf in run.seq.leaves:
        if leaf.operation != "new":
            run.report(
                "lifecycle-first-not-new",
                f"leaf {leaf.id}: operation '{leaf.operation}' in the first sequence ({number})",
                run.in_seq(leaf.backbone),
                line=leaf.line,
            )


def _apply(seq: SequenceDoc, state: dict[LeafKey, _State]) -> None:
    for leaf in seq.leaves:
        t = leaf.target
        if t is None or t.sequence is None or t.backbone is None or t.leaf_id is None:
            continue
        if leaf.operation == "replace":
            state.setdefault((t.sequence, t.backbone, t.leaf_id), _State("replaced", seq.name))
        elif leaf.operation == "delete":
            state.setdefault((t.sequence, t.backbone, t.leaf_id), _State("deleted", seq.name))


def _targets(run: SeqRun, by_name: Mapping[str, SequenceDoc], state: Mapping[LeafKey, _State], whole: bool) -> None:
    counts: Counter[LeafKey] = Counter()
    for leaf in run.seq.leaves:
        if leaf.target is None or leaf.operation == "new":
            continue
        key = _target(run, leaf, by_name, whole)
        if key is None:
            continue
        counts[key] += 1
        if counts[key] == 2:
            run.report(
                "lifecycle-target-multiple",
                f"leaf {leaf.id}: '{leaf.modified_file}' is already the target of another leaf in this sequence",
                run.in_seq(leaf.backbone),
                line=leaf.line,
            )
        previous = state.get(key)
        if previous is not None:
            what = "lifecycle-target-replaced" if previous.status == "replaced" else "lifecycle-target-deleted"
            run.report(
                what,
                f"leaf {leaf.id}: '{leaf.modified_file}' was already {previous.status} in sequence {previous.by}",
                run.in_seq(leaf.backbone),
                line=leaf.line,
            )


def _target(run: SeqRun, leaf: Leaf, by_name: Mapping[str, SequenceDoc], whole: bool) -> LeafKey | None:
    """Resolve the target; report what is wrong with it; return its key when it was found."""
    t = leaf.target
    assert t is not None
    where = run.in_seq(leaf.backbone)
    label = f"leaf {leaf.id}"
    if t.outside:
        key = "leaf-cross-application" if run.applies("leaf-cross-application") else "leaf-target-missing"
        run.report(key, f"{label}: modified-file '{t.raw}' points outside this application", where, line=leaf.line)
        return None
    if t.sequence is None or t.backbone is None or not t.leaf_id:
        run.report(
            "leaf-target-missing",
            f"{label}: modified-file '{t.raw}' is not <path to backbone>#<leaf ID>",
            where,
            line=leaf.line,
        )
        return None
    if t.sequence == run.name:
        if t.backbone not in _backbones(run.seq):
            run.report(
                "leaf-target-missing",
                f"{label}: modified-file '{t.raw}' resolves to '{t.sequence}/{t.backbone}', which is not a backbone of an earlier sequence",
                where,
                line=leaf.line,
            )
            return None
        if leaf.operation != "append":
            run.report(
                "leaf-target-missing",
                f"{label}: modified-file '{t.raw}' points into this same sequence",
                where,
                line=leaf.line,
            )
            return None
    elif run.number is not None and t.sequence >= run.number:
        run.report(
            "leaf-target-missing",
            f"{label}: modified-file '{t.raw}' points to a later sequence ({t.sequence})",
            where,
            line=leaf.line,
        )
        return None
    target_seq = by_name.get(t.sequence)
    if target_seq is None and whole:
        run.report(
            "leaf-target-missing",
            f"{label}: modified-file '{t.raw}' points into sequence {t.sequence}, which this application does not have",
            where,
            line=leaf.line,
        )
        return None
    if target_seq is None:
        run.report(
            "leaf-target-unverifiable",
            f"{label}: modified-file '{t.raw}' points into sequence {t.sequence}, which is not present",
            where,
            line=leaf.line,
            hint="check the whole application folder so earlier sequences can be read",
        )
        return None
    found = target_seq.leaf(t.backbone, t.leaf_id)
    if found is None:
        run.report(
            "leaf-target-missing", f"{label}: no leaf '{t.leaf_id}' in {t.sequence}/{t.backbone}", where, line=leaf.line
        )
        return None
    if leaf.operation == "append" and found.operation == "append":
        run.report(
            "lifecycle-append-on-append",
            f"{label}: appends to leaf {found.id}, itself an append",
            where,
            line=leaf.line,
        )
    if leaf.operation == "replace" and (found.lang or "") != (leaf.lang or ""):
        run.report(
            "lifecycle-lang-changed",
            f"{label}: xml:lang '{leaf.lang}' differs from the replaced leaf's '{found.lang}'",
            where,
            line=leaf.line,
        )
    return (t.sequence, t.backbone, t.leaf_id)


def _backbones(seq: SequenceDoc) -> tuple[str, ...]:
    return tuple(b.path for b in (seq.index, seq.regional) if b is not None)


def _stated_number(seq: SequenceDoc) -> str | None:
    """The number the sequence claims: its envelope's, else its folder's."""
    for env in seq.envelopes:
        if env.sequence:
            return env.sequence
    return effective_number(seq)


def check_numbering(history: Sequence[SequenceDoc], runs: Mapping[str, SeqRun], *, whole: bool) -> None:
    """Duplicate, missing and first sequence numbers; UUID continuity. ``whole``: the application
    folder was given, so gaps and the first number can be judged."""
    ordered = _ordered(history)
    numbers = Counter(n for n in (_stated_number(s) for s in ordered) if n)
    previous_uuid: str | None = None
    previous_name: str | None = None
    for i, seq in enumerate(ordered):
        run = runs.get(seq.name)
        number = effective_number(seq)
        uuids = envelope_uuids(seq)
        if run is not None:
            stated = _stated_number(seq)
            if stated and numbers[stated] > 1:
                run.report(
                    "seq-number-duplicate",
                    f"sequence number {stated} is used by more than one sequence folder",
                    run.name,
                )
            if previous_uuid and uuids and uuids[0] != previous_uuid:
                run.report(
                    "envelope-uuid-changed",
                    f"envelope identifier {uuids[0]} differs from sequence {previous_name}'s {previous_uuid}",
                    run.in_seq(seq.regional.path) if seq.regional else run.name,
                )
            if whole and i == 0 and number:
                for crit in run.crit.rules("seq-first-number"):
                    first = str(crit.params["first"])
                    if number != first:
                        run.report(
                            "seq-first-number", f"the first sequence is {number}, expected {first}", run.name, only=crit
                        )
            if whole and i > 0 and number:
                prev = effective_number(ordered[i - 1])
                if prev and prev.isdigit() and number.isdigit() and int(number) - int(prev) > 1:
                    run.report("seq-number-gap", f"sequence numbers jump from {prev} to {number}", run.name)
        if uuids:
            previous_uuid, previous_name = uuids[0], seq.name
    _version_order(ordered, runs)
    _keys_drift(ordered, runs)
    _application_fields(ordered, runs)


_KEYED = ("substance", "manufacturer", "product-name", "dosageform", "excipient", "indication")
# Envelope fields that identify the application and must not change between its sequences.
_FIXED_FIELDS = {"cn": ("application-id", "product-number"), "us": ("application-number", "id")}


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def _keys_drift(ordered: Sequence[SequenceDoc], runs: Mapping[str, SeqRun]) -> None:
    """A keyed heading value that differs from an earlier one only in case or spacing (shown twice)."""
    seen: dict[tuple[str, str], dict[str, str]] = {}  # (element, attribute) -> normalised -> first spelling
    for seq in ordered:
        run = runs.get(seq.name)
        for backbone, section, _count, line in seq.headings:
            heading = section[-1]
            for name, value in heading.attributes:
                if name not in _KEYED:
                    continue
                known = seen.setdefault((heading.element, name), {})
                first = known.setdefault(_norm(value), value)
                if first != value and run is not None:
                    run.report(
                        "lifecycle-keys-changed",
                        f"{heading.element} {name}='{value}' differs from '{first}' used before",
                        run.in_seq(backbone),
                        line=line,
                    )


def _application_fields(ordered: Sequence[SequenceDoc], runs: Mapping[str, SeqRun]) -> None:
    first: dict[str, tuple[str, str]] = {}  # field -> (value, sequence)
    for seq in ordered:
        run = runs.get(seq.name)
        for env in seq.envelopes[:1]:
            for name in _FIXED_FIELDS.get(env.region, ()):
                value = env.get(name)
                if value is None:
                    continue
                before = first.setdefault(name, (value, seq.name))
                if before[0] != value and run is not None:
                    where = run.in_seq(seq.regional.path) if seq.regional else run.name
                    run.report(
                        "envelope-application-changed",
                        f"envelope {name} '{value}' differs from '{before[0]}' in sequence {before[1]}",
                        where,
                        line=env.line,
                    )


def _version_tuple(version: str | None) -> tuple[int, ...] | None:
    try:
        return tuple(int(x) for x in (version or "").split("."))
    except ValueError:
        return None


def _version_order(ordered: Sequence[SequenceDoc], runs: Mapping[str, SeqRun]) -> None:
    """A regional DTD version never goes back to an older one in a later sequence."""
    highest: tuple[tuple[int, ...], str, str] | None = None
    for seq in ordered:
        version = seq.regional.dtd_version if seq.regional is not None else None
        current = _version_tuple(version)
        if current is None:
            continue
        run = runs.get(seq.name)
        if highest is not None and current < highest[0] and run is not None:
            run.report(
                "regional-version-order",
                f"regional dtd-version {version} is older than {highest[1]} used in sequence {highest[2]}",
                run.in_seq(seq.regional.path) if seq.regional else run.name,
            )
        if highest is None or current > highest[0]:
            highest = (current, version or "", seq.name)
