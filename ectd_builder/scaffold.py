"""Copying a packaged example dossier into a new folder (``ectd init``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ectd_builder.dossier.loader import DOSSIER_FILE
from ectd_builder.errors import EctdError
from ectd_builder.resources import data_dir

_SKIP = {"build", "submissions", "__pycache__"}

# The editor modeline of an example file: its schema path is relative to the repository
# (``../../schemas/...``), which does not exist beside a dossier made by ``ectd init``.
_MODELINE = re.compile(r"^(# yaml-language-server: \$schema=)(\S+)$", re.MULTILINE)


def _schema_reference(text: str) -> str:
    """``text`` with its modeline pointing at the installed package's schema (an absolute path)."""

    def installed(match: re.Match[str]) -> str:
        schema = data_dir("schemas") / match.group(2).rsplit("/", 1)[-1]
        return match.group(1) + (schema.resolve().as_uri() if schema.is_file() else match.group(2))

    return _MODELINE.sub(installed, text, count=1)


def _copy(path: Path, dest: Path) -> None:
    if path.suffix in (".yaml", ".yml"):
        text = path.read_text(encoding="utf-8")
        dest.write_text(_schema_reference(text), encoding="utf-8")
        shutil.copystat(path, dest)
    else:
        shutil.copy2(path, dest)


def available_examples() -> list[str]:
    root = data_dir("examples")
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / DOSSIER_FILE).is_file())


def copy_example(name: str, target: Path) -> int:
    """Copy example ``name`` into ``target``; never overwrite anything. Returns files copied."""
    source = data_dir("examples") / name
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise EctdError(
            f"'{target}' already exists and is not empty",
            hint="choose a new folder name; ectd init never overwrites files",
        )
    files = [p for p in sorted(source.rglob("*")) if p.is_file() and not (_SKIP & set(p.relative_to(source).parts))]
    staging = target.with_name(f".{target.name}.init-tmp")
    if staging.exists():
        shutil.rmtree(staging)
    try:
        for path in files:
            dest = staging / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            _copy(path, dest)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return len(files)
