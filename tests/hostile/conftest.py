"""Fixtures of the hostile-file tests: the assembly tests' small dossier, built once for EMA and
PMDA (v3.2.2, no Module 1 files) without the renderer; each test copies what it tampers with."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ectd"))

import minidossier
from ectd_builder.cli.common import run_guarded
from ectd_builder.cli.main import app


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, standards_dir: Path) -> Path:
    """``<root>/build/ema/0000`` and ``<root>/build/pmda/0000`` (eCTD v3.2.2 with no m1 leaf)."""
    from ectd_builder.ectd import api

    root = minidossier.write(tmp_path_factory.mktemp("hostile") / "dossier", drop=("cover-jp", "form"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(api, "renderer_available", lambda: False)
        common = ["--standards", str(standards_dir), "--force", "--jobs", "1"]  # the fixture breaks rules; assembly is tested
        assert run_guarded(app, ["build", str(root), "-j", "ema", *common]) == 0
        assert run_guarded(app, ["build", str(root), "-j", "pmda", "--ectd-version", "3.2.2", *common]) == 0
    return root / "build"


@pytest.fixture()
def ema(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the EMA sequence 0000, in ``<tmp>/ema/0000``."""
    return Path(shutil.copytree(built / "ema" / "0000", tmp_path / "ema" / "0000", symlinks=True))
