"""Fixtures of the assembly tests; the helper modules beside this file are importable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture()
def store(standards_dir: Path) -> Path:
    return standards_dir
