"""The ledger is written by the commands themselves: `ectd freeze` and `ectd import-history` append a
line each, and `ectd verify` then finds the history intact (nothing unrecorded, LEDGER-08)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.ectd import api
from ectd_builder.ledger import ledger_path

from tests.cli_helpers import run_cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ectd"))  # the assembly tests' small dossier
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "adopt"))  # reconstructed foreign applications

import minidossier  # noqa: E402
from foreign import PAS_GR, reconstruct, write_dossier  # noqa: E402


def _lines(root: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in ledger_path(root).read_text(encoding="utf-8").splitlines()]


def test_ectd_freeze_appends_a_line_and_verify_is_clean(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, standards_dir: Path
) -> None:
    loaded = load_dossier(minidossier.write(tmp_path / "mini"))
    assert loaded.dossier is not None
    built = api.build_dossier(loaded.dossier, loaded.root, "ema", store=standards_dir, render=False)
    result = run_cli(capsys, "freeze", loaded.root, "-j", "ema", "--sequence", built.sequence)
    assert result.code == 0, result.err
    assert f"ledger: line 1 of {ledger_path(loaded.root)} (unsigned)" in result.out
    (line,) = _lines(loaded.root)
    assert (line["action"], line["jurisdiction"], line["sequence"]) == ("freeze", "ema", built.sequence)
    verified = run_cli(capsys, "verify", loaded.root)
    assert verified.code == 0, verified.out
    assert "LEDGER-08" not in verified.out


def test_a_refused_key_freezes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path, standards_dir: Path) -> None:
    loaded = load_dossier(minidossier.write(tmp_path / "mini"))
    assert loaded.dossier is not None
    built = api.build_dossier(loaded.dossier, loaded.root, "ema", store=standards_dir, render=False)
    bad = tmp_path / "not-a-key.pem"
    bad.write_text("not a key\n", encoding="utf-8")
    result = run_cli(capsys, "freeze", loaded.root, "-j", "ema", "--sequence", built.sequence, "--key", bad)
    assert result.code == 2, result.out + result.err
    assert built.path.is_dir() and not (loaded.root / "submissions" / "ema" / built.sequence).exists()


def test_import_history_records_each_imported_sequence(
    capsys: pytest.CaptureFixture[str], samples_dir: Path, tmp_path: Path
) -> None:
    source = reconstruct(samples_dir, PAS_GR, tmp_path / "elsewhere")
    root = write_dossier(tmp_path / "dossier")
    result = run_cli(capsys, "import-history", source, "-j", "ema", "--dossier", root)
    assert result.code == 0, result.err
    assert [(x["action"], x["sequence"]) for x in _lines(root)] == [("freeze", "0000")]
    verified = run_cli(capsys, "verify", root)
    assert verified.code == 0, verified.out
