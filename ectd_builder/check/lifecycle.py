"""Lifecycle across sequences: modified-file targets, replaced/deleted leaves, numbering, UUID continuity.

The lifecycle itself is replayed once by :func:`ectd_builder.sequence.lifecycle.replay`; this
module maps its faults to check keys. Problems are reported only for the sequences being checked
(``runs``); the other sequences only supply history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ectd_builder.check.context import SeqRun, effective_number
from ectd_builder.check.envelope import envelope_uuids
from ectd_builder.sequence.lifecycle import Fault, replay
from ectd_builder.sequence.model import SequenceDoc

# Replay fault -> check key (``target-outside`` and ``target-absent`` depend on the run).
_FAULT_KEY = {
    "target-malformed": "leaf-target-missing",
    "target-later": "leaf-target-missing",
    "target-same": "leaf-target-missing",
    "target-missing": "leaf-target-missing",
    "target-is-delete": "lifecycle-target-deleted",
    "target-deleted": "lifecycle-target-deleted",
    "branch": "lifecycle-target-replaced",
    "target-multiple": "lifecycle-target-multiple",
    "append-on-append": "lifecycle-append-on-append",
    "lang-changed": "lifecycle-lang-changed",
    "section-changed": "lifecycle-section-changed",
}


def _ordered(history: Sequence[SequenceDoc]) -> list[SequenceDoc]:
    return sorted(history, key=lambda s: (effective_number(s) or "9999~", s.name))


def check_lifecycle(history: Sequence[SequenceDoc], runs: Mapping[str, SeqRun], *, whole: bool = False) -> None:
    """Replay ``history`` (every sequence known, checked or not) and report into ``runs``.

    ``whole``: ``history`` is the complete application, so a target in a sequence that is not
    there is missing (an error), not merely unverifiable."""
    ordered = _ordered(history)
    first = ordered[0].name if ordered else None
    for seq in ordered:
        run = runs.get(seq.name)
        if run is not None:
            _first_sequence(run, is_first=seq.name == first)
    for fault in replay(ordered).faults:
        run = runs.get(fault.sequence)
        if run is not None:
            _report(run, fault, whole)


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


def _report(run: SeqRun, fault: Fault, whole: bool) -> None:
    leaf = fault.leaf
    where = run.in_seq(leaf.backbone)
    message = f"leaf {leaf.id}: {fault.message}"
    if fault.code == "target-outside":
        key = "leaf-cross-application" if run.applies("leaf-cross-application") else "leaf-target-missing"
        run.report(key, message, where, line=leaf.line)
    elif fault.code == "target-absent" and whole:
        message = (f"leaf {leaf.id}: modified-file '{leaf.modified_file}' points into sequence {fault.related}, "
                   "which this application does not have")
        run.report("leaf-target-missing", message, where, line=leaf.line)
    elif fault.code == "target-absent":
        run.report("leaf-target-unverifiable", message, where, line=leaf.line,
                   hint="check the whole application folder so earlier sequences can be read")
    else:
        run.report(_FAULT_KEY[fault.code], message, where, line=leaf.line)


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
