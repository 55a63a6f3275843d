"""The sides of a sequence comparison: what a path given to ``ectd diff`` holds, and whose application it is.

A sequence folder is seen with its earlier siblings; an application folder with its ``NNNN``
sequences; a build folder as one side per ``<jurisdiction>/NNNN`` application. A backbone that is a
link, a FIFO or a device is refused before anything is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ectd_builder.check.filekind import refuse_special_backbones
from ectd_builder.errors import EctdError
from ectd_builder.sequence.model import SEQUENCE_RE, SequenceDoc, effective_number
from ectd_builder.sequence.reader import is_sequence_folder, read_sequence


@dataclass(frozen=True)
class Side:
    """One side of the comparison: the sequences to replay and the one the view stops at."""

    label: str
    sequences: tuple[SequenceDoc, ...]  # the side's own sequences, in order
    upto: str | None = None  # view after this sequence folder (None: after the last)


# ---- opening the paths ------------------------------------------------------------------------


def _sequence_children(folder: Path) -> list[Path]:
    return sorted(c for c in folder.iterdir() if c.is_dir() and SEQUENCE_RE.match(c.name) and is_sequence_folder(c))


def open_path(path: Path) -> dict[str, Side]:
    """``{"": side}`` for a sequence or application; ``{jurisdiction: side}`` for a build folder."""
    path = Path(path)
    if not path.is_dir():
        raise EctdError(f"'{path}' is not a folder", hint="give a sequence, application or build folder")
    refuse_special_backbones(path)
    if is_sequence_folder(path):
        seq = read_sequence(path)
        number = effective_number(seq)
        siblings = [read_sequence(c) for c in _sequence_children(path.parent)] if seq.number else []
        earlier = [s for s in siblings if number and (effective_number(s) or "") < number and s.name != seq.name]
        return {"": Side(str(path), (*earlier, seq), seq.name)}
    children = _sequence_children(path)
    if children:
        return {"": Side(str(path), tuple(read_sequence(c) for c in children))}
    apps = {c.name: _sequence_children(c) for c in sorted(path.iterdir()) if c.is_dir()}
    apps = {name: kids for name, kids in apps.items() if kids}
    if apps:
        return {name: Side(str(path / name), tuple(read_sequence(c) for c in kids)) for name, kids in apps.items()}
    raise EctdError(
        f"'{path}' holds no index.xml, no NNNN sequence folders and no <jurisdiction>/NNNN folders",
        hint="give a sequence folder, an application folder or a build folder",
    )


def _application(side: Side) -> str | None:
    """What names the side's application: the EU envelope UUID, else the application number or id."""
    seqs = [s for s in side.sequences if side.upto is None or s.name <= side.upto]
    for seq in reversed(seqs):
        for env in seq.envelopes:
            if env.identifier and env.region == "eu":
                return f"EU envelope identifier {env.identifier}"
            if env.application:
                return f"{env.region.upper()} application {env.application}"
    return None


def same_application(a: Side, b: Side, allow_other: bool, notes: list[str]) -> None:
    app_a, app_b = _application(a), _application(b)
    if app_a is None or app_b is None or app_a == app_b:
        return
    said = f"A and B belong to different applications: A is {app_a}, B is {app_b}"
    if not allow_other:
        raise EctdError(said, hint="compare sequences of one application, or pass --other-application to compare anyway")
    notes.append(f"{said}; documents were matched by section, title and bytes, not by lifecycle")
