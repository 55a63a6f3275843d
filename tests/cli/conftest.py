"""Fixtures of the CLI error-path tests: the assembly tests' small dossier, without the renderer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# the small dossier written by the assembly tests (tests/ectd/minidossier.py) and its PDF helper
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ectd"))

import minidossier


@pytest.fixture()
def dossier(tmp_path: Path) -> Path:
    return minidossier.write(tmp_path / "dossier")


@pytest.fixture()
def never_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any rendering or file planning fails the test: environment errors must come before it."""
    from ectd_builder.ectd import api
    from ectd_builder.render import api as render_api

    def rendered(*args: object, **kwargs: object) -> None:
        raise AssertionError("rendering started before the environment was checked")

    monkeypatch.setattr(api, "planned_files", rendered)
    monkeypatch.setattr(render_api, "render_all", rendered)
