"""Fixtures of the ``ectd changes`` tests: the tablet loaded once, a frozen baseline, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.dossier.model import Dossier

from tests.changes.helpers import TABLET, apply_transfer, copy_tablet, freeze_facts, load, register_changes


@pytest.fixture(scope="session")
def tablet() -> Dossier:
    return load(TABLET)


@pytest.fixture(scope="session")
def transferred(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tablet frozen as 0000 for all four regions, then changed by the transfer patch."""
    root = copy_tablet(tmp_path_factory.mktemp("transfer") / "dossier")
    freeze_facts(root)
    apply_transfer(root)
    return root


@pytest.fixture()
def cli() -> None:
    register_changes()
