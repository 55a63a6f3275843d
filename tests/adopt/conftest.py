"""Fixtures of the import-history tests (helpers in foreign.py; the assembly tests' helpers are importable)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ectd"))  # minidossier, plain
sys.path.insert(0, str(Path(__file__).resolve().parent))  # foreign

from foreign import PAS_GR, reconstruct, write_dossier  # noqa: E402


@pytest.fixture()
def pas_gr(samples_dir: Path, tmp_path: Path) -> Path:
    return reconstruct(samples_dir, PAS_GR, tmp_path / "elsewhere")


@pytest.fixture()
def dossier(tmp_path: Path) -> Path:
    return write_dossier(tmp_path / "dossier")
