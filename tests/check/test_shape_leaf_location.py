"""Leaf problems (here EU-11.2, the leaf checksum) stand at the leaf's backbone file and line (SeqRun.report_at)."""

from __future__ import annotations

from pathlib import Path

from tests.check.check_builders import good_seq, write_sequence
from tests.check.test_core_structure import SPEC, line_of


def _problems_at(outcome: object, code: str) -> list[tuple[str | None, int | None, str]]:
    return [(p.file, p.line, p.message) for p in outcome.problems if p.code == code]  # type: ignore[attr-defined]


def test_changed_file_is_reported_at_its_leaf(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    folder = write_sequence(tmp_path / "app", good_seq("eu", pdfs=pdfs), standards_dir)
    (folder / SPEC).write_bytes((folder / SPEC).read_bytes() + b"\n% changed after the build\n")
    [(file, line, message)] = _problems_at(run_check(folder), "EU-11.2")
    assert (file, line) == ("0000/index.xml", line_of(folder / "index.xml", "s41"))
    assert message.startswith("leaf s41: checksum ") and "differs from the MD5" in message


def test_unchanged_files_have_no_checksum_problem(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    folder = write_sequence(tmp_path / "app", good_seq("eu", pdfs=pdfs), standards_dir)
    assert _problems_at(run_check(folder), "EU-11.2") == []
