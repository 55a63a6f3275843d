"""End to end: ``ectd build`` files what 'ectd changes' proposes for the worked tech-transfer example."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ectd_builder.dossier.loader import load_dossier
from ectd_builder.ectd.api import build_dossier
from tests.changes.helpers import load


@pytest.mark.parametrize(("j", "old", "rel", "needle"), [
    ("fda", "submission_type: original-application", "m1/us/us-regional.xml", 'submission-type="fdast3"'),
    ("ema", "submission_type: maa", "m1/eu/eu-regional.xml", 'type="var-type1b"'),
])
def test_build_files_the_proposal(transferred: Path, tmp_path: Path, standards_dir: Path, j: str, old: str, rel: str, needle: str) -> None:
    root = tmp_path / "dossier"
    shutil.copytree(transferred, root)
    path = root / "dossier.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, "submission_type: from-changes"), encoding="utf-8")
    loaded = load_dossier(root)
    assert loaded.dossier is not None and not [p for p in loaded.problems if p.code == "CODE-01"]
    result = build_dossier(loaded.dossier, root, j, store=standards_dir, render=False)
    assert needle in (result.path / rel).read_text(encoding="utf-8")
    assert any("taken from 'ectd changes'" in n for n in result.notes), result.notes
    explicit = build_dossier(load(transferred), transferred, j, store=standards_dir, render=False, out_root=tmp_path / "x")
    assert needle not in (explicit.path / rel).read_text(encoding="utf-8")  # an explicit dossier word wins
