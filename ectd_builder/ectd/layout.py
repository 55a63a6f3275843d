"""Where every file of the sequence being built lives, known before anything is rendered.

Documents link to each other by relative paths (:mod:`ectd_builder.render.links`). In a build the
paths are those of the application folder: a new or changed file lives in the sequence being
built (``0001/m3/...``); a file that is unchanged stays in force in the earlier sequence that
holds it (``0000/m3/...``), so a link to it climbs into that sequence (``../../../0000/m3/...``).

A rendered document's bytes depend on its own links, so whether it is unchanged is decided by
rendering it as it stood: at its place in the history, with every file the history holds at its
place there (:meth:`SequenceLayout.as_submitted`). If those bytes are the frozen file's (same
MD5), the document is reused from the history; otherwise it is rendered again at its place in the
new sequence (:meth:`SequenceLayout.final`). A reused document keeps the links it was submitted
with: a link into an earlier sequence stays valid, and a document is not resubmitted only to
move a link to a newer version of its target.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ectd_builder.ectd.history import History
from ectd_builder.ectd.model import PlannedFile
from ectd_builder.ectd.placement import place_sequence

if TYPE_CHECKING:
    from ectd_builder.render.links import Layout

_CHUNK = 1 << 20


@dataclass(frozen=True)
class SequenceLayout:
    """Paths (relative to the application folder) of the files of one build, by content key.

    ``new``: where each file goes in the sequence being built; ``old``: where the history holds
    the file of the same leaf (path, MD5), for files the history already has."""

    sequence: str
    new: Mapping[str, str]
    old: Mapping[str, tuple[str, str]]

    def as_submitted(self) -> dict[str, str]:
        """Every file the history holds at its place there, the others in the new sequence."""
        return {**self.new, **{key: path for key, (path, _) in self.old.items()}}

    def final(self, reused: Iterable[str]) -> dict[str, str]:
        """The ``reused`` files at their place in the history, every other file in the new sequence."""
        return {**self.new, **{key: self.old[key][0] for key in reused if key in self.old}}

    def unchanged(self, key: str, md5: str) -> bool:
        """True when the history holds this file's leaf with these very bytes."""
        return key in self.old and self.old[key][1] == md5


def sequence_layout(
    files: list[PlannedFile],
    region: str,
    countries: tuple[str, ...],
    sequence: str,
    max_path: int,
    history: History,
) -> SequenceLayout:
    """Place ``files`` (no bytes needed) and find the history's file for each (by leaf ID)."""
    placed = place_sequence(files, region, countries, sequence, max_path)
    new = {p.planned.key: f"{sequence}/{p.rel}" for p in placed}
    old: dict[str, tuple[str, str]] = {}
    for p in placed:
        leaf = history.current.get(p.id)
        if leaf is not None and leaf.href:
            old[p.planned.key] = (posixpath.normpath(f"{leaf.sequence}/{leaf.href}"), leaf.checksum)
    return SequenceLayout(sequence, new, old)


def built(paths: Mapping[str, str]) -> Layout:
    """The render layout of a build (attachments are linked, not only named)."""
    from ectd_builder.render.links import Layout

    return Layout(dict(paths), built=True)


def file_md5(path: Path) -> str | None:
    """MD5 of a source file, None when it cannot be read (the build reports that file itself)."""
    digest = hashlib.md5(usedforsecurity=False)
    try:
        with path.open("rb") as fh:
            while block := fh.read(_CHUNK):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def reused_attachments(files: list[PlannedFile], layout: SequenceLayout) -> list[str]:
    """Keys of the attachments whose source file is the one the history holds."""
    keys = []
    for f in files:
        if f.source is not None and f.key in layout.old and layout.unchanged(f.key, file_md5(f.source) or ""):
            keys.append(f.key)
    return keys
