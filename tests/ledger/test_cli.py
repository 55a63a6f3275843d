"""``ectd verify`` end to end: exit 0 on an intact history, 1 with located problems, 2 on a bad key."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ectd_builder.cli import verify as verify_command
from ectd_builder.cli.main import app
from ectd_builder.ledger import append_event, ledger_path

from tests.cli_helpers import run_cli

from .conftest import Freeze, writable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ectd"))  # the assembly tests' small dossier

import minidossier  # noqa: E402


@pytest.fixture(autouse=True)
def _registered() -> None:
    """``verify`` in the app even before cli/main.py lists it in COMMAND_MODULES."""
    if not any(command.name == "verify" for command in app.registered_commands):
        verify_command.register(app)


def test_an_intact_history_exits_0_and_says_unsigned(capsys: pytest.CaptureFixture[str], root: Path, freeze: Freeze) -> None:
    freeze("ema", "0000")
    result = run_cli(capsys, "verify", str(root))
    assert result.code == 0, result.out + result.err
    shown = ledger_path(root).as_posix()
    assert result.out.splitlines() == [
        f"{shown}: info [LEDGER-11] lines are unsigned: the chain shows changes, but not who made the builds and freezes",
        "    hint: sign builds and freezes with --key KEY.pem; check the signer with 'ectd verify --public-key KEY.pub.pem'",
        "0 errors, 0 warnings",
    ]


def test_an_edited_line_exits_1_located_as_json(capsys: pytest.CaptureFixture[str], root: Path, freeze: Freeze) -> None:
    freeze("ema", "0000")
    freeze("ema", "0001")
    path = ledger_path(root)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join([lines[0], lines[1], lines[2].replace(b'"n":3', b'"n":3 '), lines[3]]))
    result = run_cli(capsys, "verify", str(root), "--format", "json")
    assert result.code == 1
    errors = [p for p in result.json()["problems"] if p["severity"] == "error"]
    assert [(p["code"], p["file"], p["line"]) for p in errors] == [("LEDGER-01", path.as_posix(), 3)]
    assert "canonical form" in errors[0]["message"]


def test_signed_with_a_public_key(
    capsys: pytest.CaptureFixture[str], root: Path, freeze: Freeze, keys: tuple[Path, Path], other_keys: tuple[Path, Path]
) -> None:
    freeze("ema", "0000", key=keys[0])
    assert run_cli(capsys, "verify", str(root), "--public-key", str(keys[1])).code == 0
    result = run_cli(capsys, "verify", str(root), "--public-key", str(other_keys[1]), "--format", "sarif")
    assert result.code == 1
    assert {r["ruleId"] for r in result.json()["runs"][0]["results"]} == {"LEDGER-10"}


def test_a_key_file_that_is_not_a_key_exits_2(capsys: pytest.CaptureFixture[str], root: Path, freeze: Freeze) -> None:
    freeze("ema", "0000")
    result = run_cli(capsys, "verify", str(root), "--public-key", str(root / "dossier.yaml"))
    assert result.code == 2
    assert result.err.startswith(f"error: {root / 'dossier.yaml'} is not a PEM public key")
    assert "Traceback" not in result.err


@pytest.mark.parametrize("jurisdiction", ["ema", "pmda"])  # an eCTD v3.2.2 sequence and a v4.0 unit
def test_a_real_build_and_freeze_then_one_byte_of_a_pdf(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, standards_dir: Path, jurisdiction: str
) -> None:
    from ectd_builder.dossier import load_dossier
    from ectd_builder.ectd import api

    loaded = load_dossier(minidossier.write(tmp_path / "mini"))
    assert loaded.dossier is not None
    built = api.build_dossier(loaded.dossier, loaded.root, jurisdiction, store=standards_dir, render=False)
    append_event(loaded.root, "build", jurisdiction, built.sequence, built.path)
    frozen = api.freeze_sequence(loaded.root, jurisdiction, built.sequence)
    append_event(loaded.root, "freeze", jurisdiction, frozen.sequence, frozen.path)
    assert run_cli(capsys, "verify", str(loaded.root)).code == 0
    pdf = sorted(frozen.path.rglob("*.pdf"))[0]
    writable(pdf)
    data = bytearray(pdf.read_bytes())
    data[-10] ^= 0xFF
    pdf.write_bytes(bytes(data))
    result = run_cli(capsys, "verify", str(loaded.root))
    assert result.code == 1
    rel = pdf.relative_to(frozen.path).as_posix()
    (error,) = [line for line in result.out.splitlines() if ": error " in line]
    assert error.startswith(f"{pdf.as_posix()}: error [LEDGER-05] {rel} changed after it was frozen")
    assert result.out.splitlines()[-1] == "1 error, 0 warnings"


def test_signatures_that_cannot_be_checked_exit_2(
    capsys: pytest.CaptureFixture[str], root: Path, freeze: Freeze, keys: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ectd_builder.ledger import signing

    freeze("ema", "0000", key=keys[0])
    monkeypatch.setattr(signing, "crypto_available", lambda: False)  # as without the cryptography package
    result = run_cli(capsys, "verify", str(root))
    assert result.code == 2
    assert "not run: ledger signatures: the 'cryptography' package is not installed" in result.out
    assert result.err.splitlines() == [
        "error: ledger signatures not checked: the 'cryptography' package is not installed",
        "  fix: pip install cryptography",
    ]
