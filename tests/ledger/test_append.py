"""Appending to the ledger: canonical, chained, deterministic lines; atomic, one writer at a time."""

from __future__ import annotations

import hashlib
import json
import subprocess
import threading
from pathlib import Path

import pytest
from ectd_builder import __version__
from ectd_builder.errors import EctdError
from ectd_builder.ledger import GENESIS, append_event, check_appendable, ledger_path, verify_ledger
from ectd_builder.ledger.revision import dossier_revision, dossier_sha256

from .conftest import AT, PDF, Freeze


def _lines(root: Path) -> list[bytes]:
    return ledger_path(root).read_bytes().splitlines()


def test_each_build_and_freeze_appends_a_chained_line(root: Path, freeze: Freeze) -> None:
    frozen = freeze("ema", "0000")
    first, second = _lines(root)
    build, done = json.loads(first), json.loads(second)
    assert (build["n"], build["action"], build["prev"]) == (1, "build", GENESIS)
    assert (done["n"], done["action"], done["prev"]) == (2, "freeze", hashlib.sha256(first).hexdigest())
    assert done["files"] == {
        "index.xml": hashlib.sha256((frozen / "index.xml").read_bytes()).hexdigest(),
        "m3/32-body-data/spec.pdf": hashlib.sha256(PDF + b"0000").hexdigest(),
    }
    assert list(done["files"]) == sorted(done["files"])
    assert (done["jurisdiction"], done["sequence"], done["at"]) == ("ema", "0000", "2026-12-01T09:30:00Z")
    assert done["tool"] == f"ectd-builder {__version__}"
    assert done["dossier"] == {"sha256": dossier_sha256(root)}  # tmp_path is not in a git work tree
    assert second == json.dumps(done, sort_keys=True, separators=(",", ":")).encode()


def test_lines_are_deterministic_given_their_inputs(tmp_path: Path) -> None:
    written = []
    for name in ("a", "b"):
        root = tmp_path / name
        (root / "seq").mkdir(parents=True)
        (root / "dossier.yaml").write_text("x: 1\n", encoding="utf-8")
        (root / "seq" / "index.xml").write_bytes(b"<ectd/>")
        append_event(root, "build", "fda", "0000", root / "seq", now=AT)
        written.append(_lines(root))
    assert written[0] == written[1]


def test_dossier_hash_leaves_out_build_history_and_hidden_files(root: Path) -> None:
    before = dossier_sha256(root)
    for rel in ("build/fda/0000/index.xml", "submissions/ledger.jsonl", ".git/HEAD", "m3/.~lock.spec#"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("noise", encoding="utf-8")
    assert dossier_sha256(root) == before
    (root / "dossier.yaml").write_text("product: {name: Changed}\n", encoding="utf-8")
    assert dossier_sha256(root) != before


def _git(root: Path, *args: str) -> str:
    base = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    return subprocess.run([*base, *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def test_dossier_revision_is_the_git_commit_and_says_dirty(root: Path) -> None:
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "dossier")
    commit = _git(root, "rev-parse", "HEAD")
    (root / "submissions" / "ema").mkdir(parents=True)
    (root / "submissions" / "ema" / "note.txt").write_text("frozen history is not the dossier", encoding="utf-8")
    assert dossier_revision(root) == {"git": commit, "dirty": False}
    (root / "dossier.yaml").write_text("product: {name: Edited}\n", encoding="utf-8")
    assert dossier_revision(root) == {"git": commit, "dirty": True, "sha256": dossier_sha256(root)}


def test_an_incomplete_last_line_is_never_appended_to(root: Path, freeze: Freeze) -> None:
    freeze("ema", "0000")
    path = ledger_path(root)
    path.write_bytes(path.read_bytes()[:-1])  # the newline of the last line is gone
    before = path.read_bytes()
    with pytest.raises(EctdError, match="ends in an incomplete line"):
        check_appendable(root)  # what freeze asks before it moves the sequence
    with pytest.raises(EctdError, match="ends in an incomplete line"):
        append_event(root, "build", "ema", "0001", root / "submissions" / "ema" / "0000", now=AT)
    assert path.read_bytes() == before


def test_a_bad_key_writes_nothing(root: Path, freeze: Freeze, tmp_path: Path) -> None:
    freeze("ema", "0000")
    before = ledger_path(root).read_bytes()
    bad = tmp_path / "bad.pem"
    bad.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n", encoding="ascii")
    with pytest.raises(EctdError, match="bad.pem is not an unencrypted PEM private key"):
        check_appendable(root, key=bad)
    with pytest.raises(EctdError, match="bad.pem is not an unencrypted PEM private key"):
        append_event(root, "build", "ema", "0001", root / "submissions" / "ema" / "0000", key=bad)
    assert ledger_path(root).read_bytes() == before


def test_check_appendable_passes_a_sound_ledger_and_none(root: Path, freeze: Freeze, keys: tuple[Path, Path]) -> None:
    check_appendable(root, key=keys[0])  # no ledger yet
    freeze("ema", "0000")
    check_appendable(root, key=keys[0])


def test_concurrent_writers_append_whole_chained_lines(root: Path) -> None:
    (root / "seq").mkdir()
    (root / "seq" / "index.xml").write_bytes(b"<ectd/>")

    def write(i: int) -> None:
        append_event(root, "build", "fda", f"{i:04d}", root / "seq", now=AT)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lines = _lines(root)
    assert [json.loads(line)["n"] for line in lines] == list(range(1, 9))
    assert sorted(json.loads(line)["sequence"] for line in lines) == [f"{i:04d}" for i in range(8)]
    assert [p for p in verify_ledger(root).problems if p.severity.value == "error"] == []


def test_a_write_cut_short_leaves_no_half_line(root: Path, freeze: Freeze, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from ectd_builder.ledger import store

    freeze("ema", "0000")
    before = ledger_path(root).read_bytes()
    real_write = os.write

    def half(fd: int, data: bytes) -> int:  # a full disk: only part of the line reaches the file
        return real_write(fd, data[: len(data) // 2])

    monkeypatch.setattr(store.os, "write", half)
    with pytest.raises(EctdError, match="cannot append to .*only \\d+ of \\d+ bytes were written"):
        append_event(root, "build", "ema", "0001", root / "submissions" / "ema" / "0000", now=AT)
    assert ledger_path(root).read_bytes() == before
