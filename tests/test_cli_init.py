"""``ectd init``: copies an example, never overwrites, and the copy validates."""

from __future__ import annotations

from pathlib import Path

import pytest

from ectd_builder.scaffold import available_examples
from tests.cli_helpers import run_cli


def test_examples_are_packaged() -> None:
    assert {"tablet", "mab"} <= set(available_examples())


@pytest.mark.parametrize("example", ["tablet", "mab"])
def test_init_copies_a_valid_dossier(capsys: pytest.CaptureFixture[str], tmp_path: Path, example: str) -> None:
    target = tmp_path / "new"
    result = run_cli(capsys, "init", target, "--example", example)
    assert result.code == 0, result.err
    assert (target / "dossier.yaml").is_file()
    check = run_cli(capsys, "validate", target)
    assert check.code == 0, check.out


def test_init_refuses_a_non_empty_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli(capsys, "init", tmp_path)
    assert result.code == 2
    assert "not empty" in result.err
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_init_unknown_example(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = run_cli(capsys, "init", tmp_path / "x", "--example", "nope")
    assert result.code == 2
    assert "unknown example" in result.err
    assert not (tmp_path / "x").exists()
