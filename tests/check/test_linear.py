"""The per-folder memos that keep ``ectd check`` at one lstat/realpath per folder answer as the
uncached calls do: links on the way, links out of the application; hashing holds one block, not the file."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

from ectd_builder.check.filekind import refusal
from ectd_builder.check.leaves import _resolved
from ectd_builder.check.scan import CHUNK, scan_files


def _tree(root: Path, outside: Path) -> list[str]:
    (root / "0000/m5/a").mkdir(parents=True)
    (root / "0000/m5/a/one.pdf").write_bytes(b"%PDF-")
    (root / "0000/m5/a/two.pdf").write_bytes(b"%PDF-")
    (outside / "secret.pdf").write_bytes(b"%PDF-")
    os.symlink(outside, root / "0000/m5/out")
    os.symlink(root / "0000/m5/a/one.pdf", root / "0000/m5/a/link.pdf")
    return ["0000/m5/a/one.pdf", "0000/m5/a/two.pdf", "0000/m5/out/secret.pdf", "0000/m5/a/link.pdf", "0000/m5/a/none.pdf"]


def test_refusal_with_a_memo_answers_as_without(tmp_path: Path) -> None:
    root, outside = tmp_path / "app", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    rels = _tree(root, outside)
    folders: dict[Path, str | None] = {}
    memo = [refusal(root, rel, folders) for rel in rels * 2]
    assert memo == [refusal(root, rel) for rel in rels * 2]
    assert memo[2] == "lies below '0000/m5/out', which is a symbolic link"
    assert memo[3] == "is a symbolic link"
    assert root / "0000/m5/a" in folders  # each folder looked at once


def test_resolved_with_a_memo_answers_as_resolve(tmp_path: Path) -> None:
    root, outside = tmp_path / "app", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    rels = _tree(root, outside) + ["0000/m5/a/../out/secret.pdf"]
    folders: dict[Path, Path] = {}
    for rel in rels:
        assert _resolved(root / rel, folders) == (root / rel).resolve(), rel
    assert not _resolved(root / "0000/m5/out/secret.pdf", folders).is_relative_to(root.resolve())


def test_hashing_memory_stays_bounded(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with big.open("wb") as fh:
        fh.truncate(64 * 2**20)  # sparse: 64 MB to read, no disk used
    tracemalloc.start()
    try:
        found = scan_files([(big, "big.bin", False)], workers=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found["big.bin"].size == 64 * 2**20
    assert found["big.bin"].md5 == "7f614da9329cd3aebf59b91aadc30bf0"  # MD5 of 64 MiB of zeros
    assert peak < CHUNK + 2 * 2**20  # one read buffer, not the file
