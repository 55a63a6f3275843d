"""The data behind the lifecycle viewer: an application's documents with their history, each
sequence's envelope and leaves, and the ``ectd check`` result per sequence.

Plain JSON-ready values; the page embeds them (``<script type="application/json" id="ectd-data">``)
and draws the views from them, so tests assert on exactly what the reviewer sees.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ectd_builder.check.filekind import refusal, refuse_special_backbones
from ectd_builder.diff.labels import leaf_section_code
from ectd_builder.errors import EctdError
from ectd_builder.problems import Outcome, Problem
from ectd_builder.sequence.lifecycle import Entry, Event, replay
from ectd_builder.sequence.model import (
    Leaf,
    SequenceDoc,
    effective_number,
    lifecycle_order,
)
from ectd_builder.sequence.reader import (
    is_sequence_folder,
    read_application,
    read_sequence,
)
from ectd_builder.site import headings
from ectd_builder.site.review import review_key

FORMAT = "ectd-builder/view/1"


@dataclass(frozen=True)
class Loaded:
    """What was read: the sequences, and the folder their leaf paths are relative to."""

    name: str
    sequences: tuple[SequenceDoc, ...]
    base: Path  # leaf.file is relative to this folder
    single: bool  # a lone sequence folder was given


def load(app_dir: Path) -> Loaded:
    """An application folder (``NNNN`` sequences) or a single sequence folder (``index.xml``)."""
    app_dir = Path(app_dir)
    if not app_dir.is_dir():
        raise EctdError(f"'{app_dir}' is not a folder", hint="give an application folder (NNNN sequences) or a sequence folder")
    refuse_special_backbones(app_dir)
    if is_sequence_folder(app_dir):
        return Loaded(app_dir.name, (read_sequence(app_dir),), app_dir.parent, True)
    app = read_application(app_dir)
    if not app.sequences:
        raise EctdError(f"'{app_dir}' holds no index.xml and no NNNN sequence folders",
                        hint="give an application folder (e.g. submissions/ema) or a sequence folder")
    return Loaded(app_dir.name, tuple(lifecycle_order(app.sequences)), app_dir, False)


def _link(base: Path, rel: str | None, out_dir: Path) -> tuple[str | None, bool]:
    """Relative URL from the site folder to a leaf's file, and whether the file exists."""
    if not rel or refusal(base, rel) is not None:  # a link (it may point out of the sequence), FIFO or device
        return None, False
    target = base.resolve() / rel  # the leaf path itself is never resolved: that would follow a link
    relative = os.path.relpath(target, out_dir.resolve())
    url = quote(relative.replace(os.sep, "/"), safe="/._-~")
    return url, target.is_file()


def _event(event: Event, base: Path, out_dir: Path, region: str | None) -> dict[str, Any]:
    leaf = event.leaf
    href, exists = _link(base, leaf.file, out_dir)
    return {
        "sequence": event.sequence,
        "number": event.number,
        "operation": event.operation,
        "title": (leaf.title or "").strip(),
        "file": leaf.file,
        "href": href,
        "exists": exists,
        "checksum": leaf.checksum,
        "modified_file": leaf.modified_file,
        "leaf_id": leaf.id,
        "lang": leaf.lang,
        "section": _section(leaf, region),
    }


def _order(entries: list[Entry], region: str | None) -> dict[str, int]:
    """CTD order of every heading shown (1.2 before 1.10; 3.2.S before 3.2.P, 3.2.A, 3.2.R)."""
    found = [h for entry in entries for event in entry.events for h in event.leaf.section]
    extra = sorted({label for entry in entries for event in entry.events for label in _section(event.leaf, region)})
    return headings.order(found, region, extra)


def _section(leaf: Leaf, region: str | None) -> list[str]:
    labels = [headings.label(h, region) for h in leaf.section]
    labels += [f"node extension: {t}" for t in leaf.node_extensions if t]
    return labels or ["(no heading)"]


def _entry(entry: Entry, base: Path, out_dir: Path, review: dict[str, dict[str, Any]], region: str | None) -> dict[str, Any]:
    shown = entry.shown
    code = leaf_section_code(shown)
    title = (shown.title or "").strip() or (shown.href or shown.id)
    return {
        "key": entry.key,
        "section": _section(shown, region),
        "code": code,
        "title": title,
        "status": entry.status,
        "orphan": entry.orphan,
        "appends_to": entry.appends_to,
        "branch_of": entry.branch_of,
        "history": [_event(e, base, out_dir, region) for e in entry.events],
        "review": review.get(review_key(code or "", title)),
    }


def _problem(p: Problem) -> dict[str, Any]:
    return {"code": p.code, "severity": p.severity.value, "message": p.message, "file": p.file, "line": p.line}


def _sequence_of(file: str | None, names: Sequence[str], prefix: str) -> str | None:
    """The sequence folder a reported path lies in (a problem's or a not-run check's file), else None."""
    path = file or ""
    if prefix and path.startswith(prefix):
        path = path[len(prefix):]
    head = path.split("/", 1)[0]
    return head if head in names else None


def _check_data(outcome: Outcome | None, names: Sequence[str], prefix: str, reason: str | None) -> dict[str, Any]:
    if outcome is None:
        return {"ran": False, "reason": reason or "not run", "sequences": {}, "application": [], "not_run": []}
    per: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    rest: list[dict[str, Any]] = []
    for p in sorted(outcome.problems, key=lambda p: (p.file or "", p.line or 0, p.code, p.message)):
        seq = _sequence_of(p.file, names, prefix)
        (per[seq] if seq else rest).append(_problem(p))
    return {
        "ran": True,
        "reason": None,
        "sequences": per,
        "application": rest,
        "not_run": [
            # tied to a sequence by the file it concerns; without one (a maker that does not say) it
            # is shown for the whole application, never guessed from the check's wording
            {"check": n.check, "reason": n.reason, "fix": n.fix, "file": n.file,
             "sequence": _sequence_of(n.file, names, prefix)}
            for n in outcome.not_run
        ],
    }


def _sequence(seq: SequenceDoc, entries: list[Entry]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    events = []
    for entry in entries:
        for event in entry.events:
            if event.sequence == seq.name:
                counts[event.operation] = counts.get(event.operation, 0) + 1
                events.append({"key": entry.key, "operation": event.operation})
    return {
        "name": seq.name,
        "number": effective_number(seq),
        "region": seq.region,
        "backbones": [
            {"path": b.path, "root": b.root, "version": b.dtd_version or b.schema_version, "doctype": b.doctype_system}
            for b in (seq.index, seq.regional)
            if b is not None
        ],
        "envelopes": [
            {"fields": [list(f) for f in env.fields], "attributes": [list(a) for a in env.attributes]}
            for env in seq.envelopes
        ],
        "counts": dict(sorted(counts.items())),
        "events": events,
        "read_errors": [{"file": e.file, "kind": e.kind, "message": e.message, "line": e.line} for e in seq.errors],
    }


def _as_of(sequences: Sequence[SequenceDoc], known: set[str]) -> dict[str, list[list[Any]]]:
    """What was in force after each sequence: ``[entry key, number of its events by then]``.

    The lifecycle replay of the sequences up to and including that one (lifecycle order); the
    entry's version in force is ``history[n - 1]``.
    """
    ordered = lifecycle_order(list(sequences))
    out: dict[str, list[list[Any]]] = {}
    for i, seq in enumerate(ordered):
        upto = replay(ordered[: i + 1])
        out[seq.name] = [[e.key, len(e.events)] for e in upto.entries if not e.deleted and e.key in known]
    return out


def site_model(
    loaded: Loaded,
    out_dir: Path,
    *,
    outcome: Outcome | None = None,
    check_prefix: str = "",
    check_reason: str | None = None,
    review: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The viewer's data: entries (documents with history), sequences and the three views.

    ``review`` (from :func:`~ectd_builder.site.review.read_review`) adds to each entry its review
    HTML and the values it prints with their YAML sources, when a render output was given.
    """
    entries = list(replay(loaded.sequences).entries)
    names = [s.name for s in loaded.sequences]
    region = next((s.region for s in loaded.sequences if s.region), None)
    return {
        "format": FORMAT,
        "application": {"name": loaded.name, "region": region, "single_sequence": loaded.single},
        "entries": [_entry(e, loaded.base, out_dir, review or {}, region) for e in entries],
        "sequences": [_sequence(s, entries) for s in loaded.sequences],
        "views": {
            "current": [e.key for e in entries if not e.deleted],
            "cumulative": [e.key for e in entries],
            "as_of": _as_of(loaded.sequences, {e.key for e in entries}),
        },
        "order": _order(entries, region),
        "check": _check_data(outcome, names, check_prefix, check_reason),
    }

