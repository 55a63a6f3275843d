"""Which revision of the dossier a ledger line was made from.

In a git work tree: ``{"git": COMMIT, "dirty": false}``; with uncommitted changes (outside
``build/`` and ``submissions/``) ``dirty`` is true and ``sha256`` is added. Outside git:
``{"sha256": ...}`` only. ``sha256`` is the SHA-256 of a ``sha256sum``-style manifest (one
``HASH  PATH`` line per file, sorted by path) of the dossier folder without ``build/``,
``submissions/`` and hidden files and folders.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from ectd_builder.ledger.entry import file_sha256

SKIPPED_DIRS = ("build", "submissions")  # the default build output and the frozen history


def dossier_revision(root: Path) -> dict[str, Any]:
    """The git commit (and whether the dossier differs from it), else the dossier files' SHA-256."""
    commit = _git(root, "rev-parse", "--verify", "-q", "HEAD")
    if commit is None:
        return {"sha256": dossier_sha256(root)}
    excluded = [f":(exclude){name}" for name in SKIPPED_DIRS]
    status = _git(root, "status", "--porcelain", "--untracked-files=normal", "--", ".", *excluded)
    if status is None or status:  # a status git could not give counts as dirty
        return {"git": commit, "dirty": True, "sha256": dossier_sha256(root)}
    return {"git": commit, "dirty": False}


def dossier_sha256(root: Path) -> str:
    manifest = "".join(f"{file_sha256(root / rel)}  {rel}\n" for rel in _dossier_files(root))
    return hashlib.sha256(manifest.encode("utf-8")).hexdigest()


def _dossier_files(root: Path) -> list[str]:
    """The dossier's files (relative POSIX paths, sorted), without the skipped and hidden folders."""
    found: list[str] = []
    for base, dirs, files in os.walk(root):
        here = Path(base).relative_to(root)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (here == Path(".") and d in SKIPPED_DIRS)]
        found.extend((here / name).as_posix() for name in files if not name.startswith("."))
    return sorted(found)


def _git(root: Path, *args: str) -> str | None:
    """git's output in ``root`` (stripped), or None when git is absent or ``root`` is not in a work tree."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [git, *args], cwd=root, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None
