"""Real bugs exit 3 with a crash log under the user cache folder; interrupts exit 130."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from ectd_builder.cli.common import run_guarded

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.callback()
def _root() -> None:
    """A stand-in for ectd whose commands misbehave on purpose."""


@app.command()
def boom() -> None:
    raise ZeroDivisionError("division by zero")


@app.command()
def stop() -> None:
    raise KeyboardInterrupt


@app.command()
def abort() -> None:
    raise typer.Abort()


def test_bug_exits_3_with_a_crash_log(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert run_guarded(app, ["boom"]) == 3
    err = capsys.readouterr().err
    [log] = (tmp_path / "cache" / "ectd-builder" / "crashes").glob("crash-*.log")
    assert err.splitlines() == [
        "internal error: ZeroDivisionError: division by zero",
        f"  this is a bug in ectd-builder; please report it with the crash log {log}",
    ]
    text = log.read_text(encoding="utf-8")
    assert "command: ectd boom\n" in text
    assert "Traceback (most recent call last):" in text and 'raise ZeroDivisionError("division by zero")' in text


def test_bug_without_a_writable_cache_still_exits_3(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert run_guarded(app, ["boom"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[1] == "  this is a bug in ectd-builder; please report it with the command you ran (no crash log could be written)"


@pytest.mark.parametrize("command", ["stop", "abort"])
def test_interrupt_exits_130(capsys: pytest.CaptureFixture[str], command: str) -> None:
    assert run_guarded(app, [command]) == 130
    assert "Traceback" not in capsys.readouterr().err
