"""Hashing in parallel keeps results in path order; ``ectd check`` shows progress on a terminal only."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from ectd_builder.check import scan
from ectd_builder.check.engine import CheckOptions, check_path
from ectd_builder.cli import check as cli_check
from rich.console import Console

from tests.check.check_builders import good_seq, write_sequence
from tests.cli_helpers import run_cli


@pytest.fixture
def good_eu(tmp_path: Path, standards_dir: Path, pdfs) -> Path:  # type: ignore[no-untyped-def]
    return write_sequence(tmp_path / "app", good_seq("eu", pdfs=pdfs), standards_dir)


def test_scan_files_hashes_in_blocks_and_keeps_path_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "CHUNK", 1000)  # many blocks per file: a block boundary inside each
    sizes = {"b.bin": 5, "a.bin": 4321, "c.bin": 0, "d.bin": 1000}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(bytes(i % 251 for i in range(size)))
    seen: list[tuple[int, int, str]] = []
    items = [(tmp_path / n, n, False) for n in sizes]
    found = scan.scan_files(items, workers=3, progress=lambda d, t, rel: seen.append((d, t, rel)))
    assert list(found) == sorted(sizes)
    for name, size in sizes.items():
        assert found[name].size == size
        assert found[name].md5 == hashlib.md5((tmp_path / name).read_bytes()).hexdigest()
    assert [d for d, _, _ in seen] == [1, 2, 3, 4]
    assert {t for _, t, _ in seen} == {4}
    assert sorted(rel for _, _, rel in seen) == sorted(sizes)


def test_progress_callback_sees_sequences_and_files(good_eu: Path, standards_dir: Path) -> None:
    steps: list[tuple[str, int, int, str]] = []
    told = check_path(good_eu, CheckOptions(standards=standards_dir, progress=lambda *a: steps.append(a)))
    quiet = check_path(good_eu, CheckOptions(standards=standards_dir))
    assert told == quiet  # progress never changes what is found
    files = [s for s in steps if s[0] == "0000 files"]
    assert files and files[-1][1] == files[-1][2]  # the last file step says all are done
    assert steps[0] == ("sequences", 0, 1, "0000")
    assert steps[-1] == ("sequences", 1, 1, "lifecycle")


def test_workers_do_not_change_the_outcome(good_eu: Path, standards_dir: Path) -> None:
    (good_eu / "index-md5.txt").write_text("0" * 32)
    one = check_path(good_eu, CheckOptions(standards=standards_dir, workers=1))
    four = check_path(good_eu, CheckOptions(standards=standards_dir, workers=4))
    assert one == four
    assert one.problems


def test_no_progress_in_a_pipe(capsys, good_eu: Path, standards_dir: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(capsys, "check", good_eu, "--standards", standards_dir)
    assert result.code == 0, result.out + result.err
    assert "files" not in result.out + result.err
    assert "sequences" not in result.out + result.err
    assert "\x1b[" not in result.err


def test_progress_on_a_terminal(capsys, monkeypatch, good_eu: Path, standards_dir: Path) -> None:  # type: ignore[no-untyped-def]
    screen = io.StringIO()
    monkeypatch.setattr(cli_check, "stderr_console", lambda: Console(file=screen, force_terminal=True, width=120))
    result = run_cli(capsys, "check", good_eu, "--standards", standards_dir)
    assert result.code == 0, result.out + result.err
    assert "0000 files" in screen.getvalue()
    assert "0000 files" not in result.out  # the report on stdout carries no progress
