"""Fixtures shared by every test package: where the repository, shared standards and samples are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.diff.app_builder import App, make_application

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ECTD_SHARED", REPO_ROOT.parent / "shared"))
REGEN_GOLDEN = os.environ.get("ECTD_REGEN_GOLDEN") == "1"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}; CI and developer checkouts keep it beside the project")
    return SHARED


@pytest.fixture(scope="session")
def standards_dir(shared_dir: Path) -> Path:
    return shared_dir / "standards"


@pytest.fixture(scope="session")
def samples_dir(shared_dir: Path) -> Path:
    return shared_dir / "samples"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO_ROOT / "examples"


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Never read or write the real user data directory from tests."""
    home = tmp_path_factory.getbasetemp() / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("ECTD_STANDARDS", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture(scope="session")
def lifecycle_app(tmp_path_factory: pytest.TempPathFactory, standards_dir: Path) -> App:
    """A three-sequence EU application (new, replace, delete) built once with the project's builder."""
    return make_application(tmp_path_factory.mktemp("lifecycle"), standards_dir)


@pytest.fixture(autouse=True)
def _private_render_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets an empty render cache of its own (the CLI's cache is on by default): no test
    can be served an entry another test wrote, and ~/.cache is never touched."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
