"""The one reader: linear in leaves, and the neutral views of a leaf."""

from __future__ import annotations

from pathlib import Path

import pytest

from ectd_builder.sequence import reader
from ectd_builder.sequence.reader import read_sequence


def _index(folder: Path, leaves: int) -> None:
    rows = "\n".join(
        f'<leaf ID="d{i}" operation="new" xlink:href="m3/d{i}.pdf" checksum-type="md5" checksum="0"><title>D {i}</title></leaf>'
        for i in range(leaves)
    )
    folder.mkdir(parents=True)
    (folder / "index.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ectd:ectd xmlns:ectd="http://www.ich.org/ectd" xmlns:xlink="http://www.w3c.org/1999/xlink" dtd-version="3.2">\n'
        f"<m3-quality><m3-2-body-of-data><m3-2-a-appendices><m3-2-a-3-excipients>\n{rows}\n"
        "</m3-2-a-3-excipients></m3-2-a-appendices></m3-2-body-of-data></m3-quality>\n</ectd:ectd>\n",
        encoding="utf-8",
    )


def test_reading_is_linear_in_leaves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """4,000 leaves under one heading: the old lowest-heading test made 16 million name lookups."""
    calls = 0
    real = reader.local_name

    def counting(tag: object) -> str:
        nonlocal calls
        calls += 1
        return real(tag)

    monkeypatch.setattr(reader, "local_name", counting)
    _index(tmp_path / "0000", 4000)
    seq = read_sequence(tmp_path / "0000")
    assert len(seq.leaves) == 4000
    assert all(leaf.in_lowest_heading for leaf in seq.leaves)
    assert calls < 20 * 4000, calls


def test_leaf_views(tmp_path: Path) -> None:
    _index(tmp_path / "0000", 1)
    [leaf] = read_sequence(tmp_path / "0000").leaves
    assert leaf.line == 4  # declaration, root, headings, then the leaf
    assert leaf.document.file == "0000/m3/d0.pdf"
    assert leaf.placement.element == "m3-2-a-3-excipients"
    assert leaf.placement.code == "3.2.A.3"
    assert not leaf.placement.regional
    assert leaf.event.operation == "new" and leaf.event.target is None
