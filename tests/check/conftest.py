"""Fixtures for the checker tests: good sequences built at test time and a runner returning codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ectd_builder.check.engine import CheckOptions, check_path
from ectd_builder.problems import Outcome
from tests.check.check_builders import good_pdfs


@pytest.fixture(scope="session")
def pdfs() -> dict[str, bytes]:
    return good_pdfs()


@pytest.fixture
def run_check(standards_dir: Path) -> Callable[..., Outcome]:
    def run(path: Path, **kw: object) -> Outcome:
        kw.setdefault("standards", standards_dir)
        return check_path(path, CheckOptions(**kw))  # type: ignore[arg-type]

    return run
