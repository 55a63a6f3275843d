"""Signed ledger lines (Ed25519): a signed chain verifies; a tampered line or a foreign key does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ectd_builder.errors import EctdError
from ectd_builder.ledger import ledger_path, verify_ledger
from ectd_builder.problems import Severity

from .conftest import Freeze


def _found(root: Path, *public: Path) -> tuple[list[tuple[str, int | None]], list[str]]:
    outcome = verify_ledger(root, public_keys=public)
    errors = [(p.code, p.line) for p in outcome.problems if p.severity is Severity.ERROR]
    return errors, [p.message for p in outcome.problems if p.severity is Severity.INFO]


def test_a_signed_chain_verifies_against_its_public_key(root: Path, freeze: Freeze, keys: tuple[Path, Path]) -> None:
    private, public = keys
    freeze("fda", "0000", key=private)
    line = json.loads(ledger_path(root).read_bytes().splitlines()[0])
    assert line["signature"]["alg"] == "ed25519"
    assert _found(root, public) == ([], [])
    errors, notes = _found(root)  # without --public-key: checked against the key in each line, and said so
    assert errors == []
    assert notes == ["signatures verify against the keys written in the lines; --public-key checks who signed"]


def test_a_tampered_signed_line_fails(root: Path, freeze: Freeze, keys: tuple[Path, Path]) -> None:
    private, public = keys
    freeze("fda", "0000", key=private)
    path = ledger_path(root)
    first, last = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(first + last.replace(b'"action":"freeze"', b'"action":"build"'))  # the last line: no chain after it
    errors, _ = _found(root, public)
    assert ("LEDGER-09", 2) in errors
    assert _found(root)[0] == errors  # the embedded key cannot vouch for the edit either
    problem = next(p for p in verify_ledger(root).problems if p.code == "LEDGER-09")
    assert "the line changed after it was signed" in problem.message


def test_an_edited_signed_line_is_reported_once(root: Path, freeze: Freeze, keys: tuple[Path, Path]) -> None:
    private, public = keys
    freeze("fda", "0000", key=private)
    path = ledger_path(root)
    first, last = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(first.replace(b"09:30:00Z", b"10:30:00Z") + last)
    assert _found(root, public)[0] == [("LEDGER-09", 1)]


def test_another_signer_and_unsigned_lines_fail_a_public_key_check(
    root: Path, freeze: Freeze, keys: tuple[Path, Path], other_keys: tuple[Path, Path]
) -> None:
    freeze("fda", "0000", key=other_keys[0])
    freeze("fda", "0001")
    errors, _ = _found(root, keys[1])
    assert errors == [("LEDGER-10", 1), ("LEDGER-10", 2), ("LEDGER-10", 3), ("LEDGER-10", 4)]
    errors, notes = _found(root, keys[1], other_keys[1])  # both keys allowed: only the unsigned lines fail
    assert errors == [("LEDGER-10", 3), ("LEDGER-10", 4)]
    assert notes == ["2 of 4 lines are unsigned"]


def test_an_unsigned_chain_is_said_to_be_unsigned(root: Path, freeze: Freeze) -> None:
    freeze("fda", "0000")
    errors, notes = _found(root)
    assert errors == []
    assert notes == ["lines are unsigned: the chain shows changes, but not who made the builds and freezes"]


def test_a_public_key_file_that_is_not_one(root: Path, freeze: Freeze, keys: tuple[Path, Path]) -> None:
    freeze("fda", "0000")
    with pytest.raises(EctdError, match="is not a PEM public key"):
        verify_ledger(root, public_keys=[keys[0]])  # the private key given where the public one belongs
