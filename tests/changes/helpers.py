"""Helpers of the ``ectd changes`` tests: the tablet copied, frozen as a baseline, changed by the transfer patch."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ectd_builder.changes.api import facts_path
from ectd_builder.changes.facts import write_facts
from ectd_builder.cli.main import app
from ectd_builder.dossier import load_dossier
from ectd_builder.dossier.model import Dossier

REPO = Path(__file__).resolve().parents[2]
TABLET = REPO / "examples" / "tablet"
TRANSFER = REPO / "examples" / "tablet-transfer"
REGIONS = ("fda", "ema", "pmda", "nmpa")


def register_changes() -> None:
    """``changes`` joins cli/main.py's COMMAND_MODULES with this work; until then the tests add it."""
    from ectd_builder.cli import changes

    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    if "changes" not in names:
        changes.register(app)


def load(root: Path) -> Dossier:
    loaded = load_dossier(root)
    assert loaded.ok and loaded.dossier is not None, [p.message for p in loaded.problems][:3]
    return loaded.dossier


def copy_tablet(dest: Path) -> Path:
    shutil.copytree(TABLET, dest)
    return dest


def apply_transfer(root: Path) -> None:
    """Apply the transfer patch (git apply: no system ``patch`` needed; ``root`` is not in a repository)."""
    subprocess.run(["git", "apply", "-p1", str(TRANSFER / "transfer.patch")], cwd=root, check=True)


def freeze_facts(root: Path, jurisdictions: tuple[str, ...] = REGIONS, sequence: str = "0000") -> None:
    """The baseline as ``ectd freeze`` leaves it: a facts record per jurisdiction (no sequence built)."""
    dossier = load(root)
    for j in jurisdictions:
        write_facts(dossier, facts_path(root, j, sequence))
