"""Issue 17 item 6: ``ectd check`` knows the tool's own output (every region, the build folder)
and checks a new build against the frozen history with ``--history DIR``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from ectd_builder.cli.common import run_guarded
from ectd_builder.cli.main import app

from tests.cli_helpers import run_cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ectd"))
import minidossier  # noqa: E402


@pytest.fixture()
def store(standards_dir: Path) -> tuple[str, str]:
    return ("--standards", str(standards_dir))


def test_a_pmda_v3_build_without_module_1_is_known_as_jp(
    capsys: pytest.CaptureFixture[str], built: Path, store: tuple[str, str]
) -> None:
    result = run_cli(capsys, "check", str(built / "pmda" / "0000"), *store)
    assert "region unknown" not in result.out
    assert "no jp-regional.xml" in result.out


def test_the_build_folder_is_checked_per_jurisdiction(
    capsys: pytest.CaptureFixture[str], built: Path, store: tuple[str, str]
) -> None:
    result = run_cli(capsys, "check", str(built), *store)
    assert "holds no index.xml" not in result.err
    assert "regional backbone of pmda/0000" in result.out and "region unknown" not in result.out
    assert result.code == 0, result.out + result.err


@pytest.fixture(scope="module")
def next_build(tmp_path_factory: pytest.TempPathFactory, standards_dir: Path) -> Path:
    """A dossier whose EMA 0000 is frozen in submissions/ and whose next build is build/ema/0001."""
    from ectd_builder.ectd import api

    root = minidossier.write(tmp_path_factory.mktemp("history") / "dossier")
    store = ["--standards", str(standards_dir), "--force", "--jobs", "1"]  # the fixture breaks rules; assembly is tested
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(api, "renderer_available", lambda: False)
        assert run_guarded(app, ["build", str(root), "-j", "ema", *store]) == 0
        assert run_guarded(app, ["freeze", str(root), "-j", "ema", "--sequence", "0000"]) == 0
        shutil.rmtree(root / "build")
        minidossier.write(root, version="2", drop=("lit",))
        assert run_guarded(app, ["build", str(root), "-j", "ema", *store]) == 0
    return root


@pytest.mark.parametrize(
    ("checked", "history"), [("build/ema/0001", "submissions/ema"), ("build/ema", "submissions/ema"), ("build", "submissions")]
)
def test_history_resolves_the_lifecycle_of_a_new_build(
    capsys: pytest.CaptureFixture[str], next_build: Path, checked: str, history: str, store: tuple[str, str]
) -> None:
    alone = run_cli(capsys, "check", str(next_build / checked), *store)
    assert "0000, which" in alone.out  # the replace targets point into a sequence that is not there
    result = run_cli(capsys, "check", str(next_build / checked), "--history", str(next_build / history), *store)
    assert result.code == 0, result.out + result.err
    assert "0000, which" not in result.out and "ema/0000/" not in result.out  # history is read, never checked


def test_history_that_holds_no_sequences_is_exit_2(capsys: pytest.CaptureFixture[str], next_build: Path) -> None:
    result = run_cli(capsys, "check", str(next_build / "build" / "ema"), "--history", str(next_build / "build" / "ema" / "0001"))
    assert result.code == 2
    assert "holds no NNNN sequence folders" in result.err
    missing = run_cli(capsys, "check", str(next_build / "build" / "ema"), "--history", str(next_build / "nowhere"))
    assert missing.code == 2 and "does not exist" in missing.err
