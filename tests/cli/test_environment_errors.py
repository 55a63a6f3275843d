"""Environment errors (issue 17): found before anything is rendered, exit 2, no traceback.

``never_render`` turns any rendering into a test failure (an AssertionError, i.e. exit 3), so each
test also proves the check ran first. Tests run as root, for whom chmod does not make a folder
unwritable: a regular file in the way stands in for a read-only output, and the permission check
itself is driven through ``os.access``, which is what it consults.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ectd_builder.ectd import api, atomic
from ectd_builder.ectd.build import preflight
from tests.cli_helpers import CliResult, run_cli


def build(capsys: pytest.CaptureFixture[str], dossier: Path, store: Path, *args: str) -> CliResult:
    return run_cli(capsys, "build", str(dossier), "--standards", str(store), *args)


def assert_env_error(result: CliResult, expected: list[str]) -> None:
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert [line.rstrip() for line in result.err.splitlines()] == expected


def test_out_is_a_regular_file(capsys: pytest.CaptureFixture[str], dossier: Path, standards_dir: Path, never_render: None) -> None:
    out = dossier / "taken"
    out.write_text("not a folder", encoding="utf-8")
    result = build(capsys, dossier, standards_dir, "-j", "fda", "--out", str(out))
    assert_env_error(result, [
        f"error: fda output {out}/fda cannot be created: {out} is a file, not a folder",
        f"  fix: choose another location, or move the file {out} away",
    ])


def test_render_out_below_a_regular_file(capsys: pytest.CaptureFixture[str], dossier: Path, never_render: None) -> None:
    blocker = dossier / "taken"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli(capsys, "render", str(dossier), "-j", "ema", "--format", "html", "--out", str(blocker / "render"))
    assert_env_error(result, [
        f"error: render output {blocker}/render cannot be created: {blocker} is a file, not a folder",
        f"  fix: choose another location, or move the file {blocker} away",
    ])


def test_read_only_out(
    capsys: pytest.CaptureFixture[str], dossier: Path, standards_dir: Path, never_render: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = dossier / "read-only"
    out.mkdir()
    real_access = atomic.os.access
    monkeypatch.setattr(atomic.os, "access", lambda p, mode: not (Path(p) == out and mode & atomic.os.W_OK) and real_access(p, mode))
    result = build(capsys, dossier, standards_dir, "-j", "ema", "--out", str(out))
    assert_env_error(result, [
        f"error: ema output {out}/ema is not writable ({out} is read-only for this user)",
        "  fix: choose a writable location, or fix the folder's permissions",
    ])


def test_held_lock(capsys: pytest.CaptureFixture[str], dossier: Path, standards_dir: Path, never_render: None) -> None:
    out = dossier / "build"
    with atomic.output_lock(out / "nmpa", "test"):
        holder = (out / "nmpa" / ".lock").read_text(encoding="utf-8")
        result = build(capsys, dossier, standards_dir, "-j", "nmpa")
    assert_env_error(result, [
        f"error: nmpa output {out}/nmpa is already being written by {holder}",
        f"  fix: wait for that build to finish (lock: {out}/nmpa/.lock)",
    ])
    assert not (out / "nmpa" / "0000").exists()


def test_frozen_target_sequence(
    capsys: pytest.CaptureFixture[str], dossier: Path, standards_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ectd_builder.dossier import load_dossier

    loaded = load_dossier(dossier)  # history: sequence 0000 built from the attachments and frozen
    api.build_dossier(loaded.dossier, loaded.root, "ema", store=standards_dir, render=False)
    api.freeze_sequence(loaded.root, "ema", "0000")
    monkeypatch.setattr(api, "planned_files", lambda *a, **k: pytest.fail("rendering started before the sequence check"))
    result = build(capsys, dossier, standards_dir, "-j", "ema", "--sequence", "0000")
    frozen = dossier / "submissions" / "ema" / "0000"
    assert_env_error(result, [
        f"error: sequence 0000 is frozen in {frozen}; a submitted sequence is never rebuilt",
        "  fix: build the next sequence (omit --sequence, or use --sequence 0001)",
    ])


def test_all_jurisdictions_checked_before_the_first_renders(
    capsys: pytest.CaptureFixture[str], dossier: Path, standards_dir: Path, never_render: None
) -> None:
    out = dossier / "build"
    with atomic.output_lock(out / "pmda", "test"):  # the third of four: fda and ema must not render
        result = build(capsys, dossier, standards_dir, "-j", "all")
    assert result.code == 2, result.err
    assert result.err.startswith(f"error: pmda output {out}/pmda is already being written by ectd build, process ")


@pytest.mark.parametrize("command", ["build", "render"])
def test_out_inside_submissions(capsys: pytest.CaptureFixture[str], dossier: Path, standards_dir: Path, never_render: None, command: str) -> None:
    history = dossier / "submissions"
    if command == "build":
        result = build(capsys, dossier, standards_dir, "-j", "fda", "--out", str(history))
        what, folder = "fda output", history / "fda"
    else:
        result = run_cli(capsys, "render", str(dossier), "-j", "fda", "--format", "html", "--out", str(history / "render"))
        what, folder = "render output", history / "render"
    assert_env_error(result, [
        f"error: {what} {folder} is inside the frozen history {history}; submitted sequences are never written",
        "  fix: use an output folder outside submissions/ (the default is DOSSIER/build); 'ectd freeze' moves a build there",
    ])
    assert not history.exists()


def test_writable_out_passes_the_checks(dossier: Path) -> None:
    """The passing side of the pre-flight: a fresh folder below a writable one, no lock, no history."""
    history, sequence = preflight("ema", dossier / "fresh" / "out", dossier / "submissions", None)
    assert sequence == "0000" and history.last is None
    atomic.ensure_writable(dossier / "fresh" / "render", "render output")
    atomic.ensure_outside(dossier / "build", dossier / "submissions", "render output")
    atomic.ensure_not_above(dossier / "build" / "render" / "fda", dossier, "render output")
    assert not (dossier / "fresh").exists()


@pytest.mark.parametrize(
    ("args", "what", "target"),
    [
        (("init", "{b}/new"), "new dossier folder", "{b}/new"),
        (("view", "{t}", "--no-check", "--out", "{b}/view"), "viewer output", "{b}/view"),
        (("diff", "{t}", "{t}", "--out", "{b}/diff.txt"), "diff report", "{b}/diff.txt"),
        (("standards", "import", "{t}", "--standards", "{b}/store"), "standards store", "{b}/store"),
    ],
    ids=["init", "view", "diff", "standards-import"],
)
def test_other_outputs_below_a_regular_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], what: str, target: str
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli(capsys, *(a.format(b=blocker, t=tmp_path) for a in args))
    assert_env_error(result, [
        f"error: {what} {target.format(b=blocker)} cannot be created: {blocker} is a file, not a folder",
        f"  fix: choose another location, or move the file {blocker} away",
    ])


def test_diff_report_onto_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = run_cli(capsys, "diff", str(tmp_path), str(tmp_path), "--out", str(tmp_path))
    assert_env_error(result, [f"error: diff report {tmp_path} is a folder", "  fix: give the name of a file to write"])


@pytest.mark.parametrize("where", ["dossier", "parent"])
def test_render_out_never_replaces_the_dossier(capsys: pytest.CaptureFixture[str], dossier: Path, never_render: None, where: str) -> None:
    out = dossier if where == "dossier" else dossier.parent
    result = run_cli(capsys, "render", str(dossier), "-j", "fda", "--format", "html", "--out", str(out))
    assert_env_error(result, [
        f"error: render output {out} holds the dossier {dossier}; the output folder is replaced whole",
        "  fix: use a folder of its own for the output (the default is DOSSIER/build/render/<j>)",
    ])
    assert (dossier / "dossier.yaml").is_file()


def test_render_out_never_replaces_a_foreign_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path, dossier: Path, never_render: None) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("keep me", encoding="utf-8")
    result = run_cli(capsys, "render", str(dossier), "-j", "fda", "--format", "html", "--out", str(out))
    assert_env_error(result, [
        f"error: render output {out} already holds other files (no m2 or m3 of an earlier output); the output folder is replaced whole",
        "  fix: use a new or empty folder, or the default DOSSIER/build/render/<j>",
    ])
    assert (out / "thesis.txt").read_text(encoding="utf-8") == "keep me"


def test_earlier_render_output_may_be_replaced(tmp_path: Path) -> None:
    (tmp_path / "out" / "m3").mkdir(parents=True)
    (tmp_path / "out" / "stale.txt").write_text("x", encoding="utf-8")
    atomic.ensure_replaceable(tmp_path / "out", ("m2", "m3"), "render output")
    atomic.ensure_replaceable(tmp_path / "new", ("m2", "m3"), "render output")
