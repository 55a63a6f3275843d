"""``ectd diff`` shows progress (files hashed, documents compared) on a terminal only, like ``ectd check``."""

from __future__ import annotations

import io

import pytest
from ectd_builder.cli import check as cli_check
from ectd_builder.diff import diff_paths
from rich.console import Console

from tests.cli_helpers import run_cli
from tests.diff.app_builder import App


def test_progress_callback_sees_files_and_documents_and_changes_nothing(lifecycle_app: App) -> None:
    a, b = lifecycle_app.submissions / "0000", lifecycle_app.submissions / "0002"
    steps: list[tuple[str, int, int, str]] = []
    told = diff_paths(a, b, progress=lambda *step: steps.append(step))
    assert told == diff_paths(a, b)  # progress never changes what is found
    phases = [s[0] for s in steps]
    assert phases.index("A files") < phases.index("B files") < phases.index("documents")
    for phase in ("A files", "B files", "documents"):
        last = [s for s in steps if s[0] == phase][-1]
        assert last[1] == last[2] and last[2] > 0, last  # each phase ends with all done


def test_no_progress_in_a_pipe(capsys: pytest.CaptureFixture[str], lifecycle_app: App) -> None:
    result = run_cli(capsys, "diff", lifecycle_app.submissions / "0000", lifecycle_app.submissions / "0002")
    assert result.code == 1, result.err
    assert "A files" not in result.out + result.err and "documents " not in result.err
    assert "\x1b[" not in result.err


def test_progress_on_a_terminal(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lifecycle_app: App) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(cli_check, "stderr_console", lambda: Console(file=screen, force_terminal=True, width=120))
    result = run_cli(capsys, "diff", lifecycle_app.submissions / "0000", lifecycle_app.submissions / "0002")
    assert result.code == 1, result.err
    shown = screen.getvalue()
    assert "A files" in shown and "documents" in shown
    assert "A files" not in result.out  # the report on stdout carries no progress
