"""What a path in a sequence is, found without following it: a regular file, a symbolic link, a FIFO,
a device.

Leaves and backbones are read only when they are regular files. A link may point out of the
sequence (``/etc/passwd``) and does not survive transfer to the agency; a FIFO blocks its reader
forever; a device such as ``/dev/zero`` never ends.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable
from pathlib import Path

from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction import regional_folders
from ectd_builder.sequence.model import regional_file

LINK = "a symbolic link"

_KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def special_kind(path: Path) -> str | None:
    """``"a symbolic link"``, ``"a FIFO"``, ... for a path that exists and is not a regular file;
    ``None`` for a regular file or a path that does not exist."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return LINK
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def refusal(root: Path, rel: str, folders: dict[Path, str | None] | None = None) -> str | None:
    """Why ``root/rel`` must not be read (it, or a folder on the way below ``root``, is a link, or
    it is not a regular file), as words that follow the path; ``None`` when it may be read.

    ``folders`` (the kinds of the folders on the way, filled in here) lets many paths below the
    same folders share one ``lstat`` per folder: a check of N leaves stays N ``lstat`` calls."""
    parts = [p for p in rel.split("/") if p]
    current = root
    for i, part in enumerate(parts):
        current = current / part
        if i == len(parts) - 1:
            kind = special_kind(current)
            return f"is {kind}" if kind is not None else None
        kind = _folder_kind(current, folders)
        if kind == LINK:
            return f"lies below '{'/'.join(parts[: i + 1])}', which is {LINK}"
    return None


def _folder_kind(path: Path, folders: dict[Path, str | None] | None) -> str | None:
    if folders is None:
        return special_kind(path)
    if path not in folders:
        folders[path] = special_kind(path)
    return folders[path]


def backbone_files() -> tuple[str, ...]:
    """The backbones a reader opens by name: the v3.2.2 index, the v4.0 unit, each region's Module 1 file."""
    return ("index.xml", "submissionunit.xml", *(regional_file(r) for r in regional_folders()))


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(c for c in folder.iterdir() if special_kind(c) == "a folder")
    except OSError:
        return []


def refuse_special_backbones(path: Path, *, depth: int = 2) -> None:
    """Raise :class:`EctdError` when a backbone in ``path``, or in a folder up to ``depth`` levels
    below it (the sequences of an application or a build), is a link, a FIFO or a device."""
    level = [path]
    folders = [path]
    for _ in range(depth):
        level = [c for f in level for c in _subfolders(f)]
        folders += level
    for folder in folders:
        for name in backbone_files():
            why = refusal(folder, name)
            if why is not None:
                said = why if why.startswith("lies") else f"is not a regular file ({why[3:]})"
                raise EctdError(
                    f"{folder / name} {said}: not read",
                    hint="put the backbone file itself in the sequence folder; links, FIFOs and devices are never read",
                )


# A checksum file (index-md5.txt, sha256.txt) holds one hex digest, 32 or 64 characters and a
# newline; what lies beyond this many bytes is not read.
MAX_CHECKSUM_FILE_BYTES = 4096


def read_head(path: Path, limit: int = MAX_CHECKSUM_FILE_BYTES) -> bytes:
    """At most ``limit`` bytes from the start of ``path`` (raises ``OSError`` like ``open``)."""
    with path.open("rb") as fh:
        return fh.read(limit)


def file_hexdigest(path: Path, algorithm: str) -> str:
    """The hex digest (``md5``, ``sha256``) of ``path``, read in blocks: memory stays bounded
    whatever the file's size."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, lambda: hashlib.new(algorithm, usedforsecurity=False)).hexdigest()
