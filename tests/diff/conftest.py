"""A three-sequence EU application built once per session with the project's builder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.diff.app_builder import App, make_application


@pytest.fixture(scope="session")
def lifecycle_app(tmp_path_factory: pytest.TempPathFactory, standards_dir: Path) -> App:
    return make_application(tmp_path_factory.mktemp("lifecycle"), standards_dir)
