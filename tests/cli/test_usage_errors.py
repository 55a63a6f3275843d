"""Usage errors of ``ectd`` (issue 17): a two-line message naming the fix, exit 2, no traceback.

The first tests run the console entry point in a subprocess, exactly as a user does; the rest go
through the same guard in-process (tests/cli_helpers.py), which is faster and sees the same output.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli

MAIN = "from ectd_builder.cli.main import main; main()"
COMMANDS = "init, validate, requirements, render, build, freeze, verify, changes, import-history, export, check, diff, view, standards"


def ectd(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", MAIN, *args], check=False, capture_output=True, text=True, timeout=120, cwd=cwd)


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_no_arguments(tmp_path: Path) -> None:
    proc = ectd(cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert lines(proc.stderr) == [
        "error: 'ectd' needs a command",
        f"  fix: run 'ectd COMMAND' with one of: {COMMANDS}; 'ectd --help' describes them",
    ]


def test_unknown_option(tmp_path: Path) -> None:
    proc = ectd("--bogus", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert lines(proc.stderr) == ["error: ectd: unknown option '--bogus'", "  fix: 'ectd --help' lists the options"]


def test_missing_argument(tmp_path: Path) -> None:
    proc = ectd("check", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    first, fix = lines(proc.stderr)
    assert first == "error: ectd check: missing argument 'path'"
    assert fix.startswith("  fix: usage: ectd check [OPTIONS] ") and fix.endswith("; 'ectd check --help' describes the options")


def test_unknown_command_suggests_the_near_one(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "chek", ".")
    assert result.code == 2
    assert lines(result.err) == [
        "error: ectd: no such command 'chek'. Did you mean 'check'?",
        f"  fix: use one of: {COMMANDS}; 'ectd --help' describes them",
    ]


def test_group_without_sub_command(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "standards")
    assert result.code == 2
    assert lines(result.err) == [
        "error: 'ectd standards' needs a command",
        "  fix: run 'ectd standards COMMAND' with one of: list, import, fetch; 'ectd standards --help' describes them",
    ]


def test_unknown_option_of_a_command_suggests_the_near_one(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "build", ".", "-j", "fda", "--sequense", "0001")
    assert result.code == 2
    assert lines(result.err) == [
        "error: ectd build: unknown option '--sequense'",
        "  fix: did you mean --sequence? 'ectd build --help' lists the options",
    ]


def test_option_without_its_value_names_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "render", "-j")
    assert result.code == 2
    assert lines(result.err) == [
        "error: ectd render: option '-j' requires an argument",
        "  fix: 'ectd render --help' describes the options",
    ]


def test_missing_required_option(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "build", ".")
    assert result.code == 2
    first, fix = lines(result.err)
    assert first == "error: ectd build: missing option '--jurisdiction' / '-j'"
    assert fix.startswith("  fix: usage: ectd build [OPTIONS]")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("check", "{tmp}/nope"), ["error: folder '{tmp}/nope' does not exist", "  fix: check the path (relative paths start from the current folder)"]),
        (("check", "{tmp}/file.txt"), ["error: folder '{tmp}/file.txt' is a file, not a folder", "  fix: pass the folder that holds it"]),
        (("check", "{tmp}", "--region", "zz"), ["error: unknown region 'zz'", "  fix: use one of: us, eu, jp, cn"]),
        (("init", "{tmp}/new", "--example", "nope"), ["error: unknown example 'nope'", "  fix: choose one of: mab, tablet"]),
        (("validate", "{tmp}/nope"), [
            "error: no dossier found at '{tmp}/nope' (expected dossier.yaml)",
            "  fix: run the command in a dossier folder, pass its path, or create one with 'ectd init {tmp}/nope'",
        ]),
    ],
    ids=["nonexistent-path", "file-for-folder", "bad-choice", "unknown-example", "nonexistent-dossier"],
)
def test_bad_values(capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], expected: list[str]) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    result = run_cli(capsys, *(a.format(tmp=tmp_path) for a in args))
    assert result.code == 2
    assert lines(result.err) == [e.format(tmp=tmp_path) for e in expected]


def test_help_still_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "--help")
    assert result.code == 0
    assert "Usage: ectd [OPTIONS] COMMAND" in result.out
