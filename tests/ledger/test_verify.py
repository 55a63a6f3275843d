"""``verify_ledger``: one located problem per difference between the ledger and the history."""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.ledger import ledger_path, verify_ledger
from ectd_builder.problems import Problem, Severity

from .conftest import Freeze, writable

SPEC = "m3/32-body-data/spec.pdf"


def _errors(root: Path, **kwargs: object) -> list[tuple[str, str, int | None]]:
    outcome = verify_ledger(root, **kwargs)  # type: ignore[arg-type]
    return [(p.code, p.file or "", p.line) for p in outcome.problems if p.severity is Severity.ERROR]


def _notes(root: Path) -> list[Problem]:
    return [p for p in verify_ledger(root).problems if p.severity is Severity.INFO]


def _history(freeze: Freeze) -> list[Path]:
    """Four lines: build and freeze of ema 0000, then of ema 0001."""
    return [freeze("ema", "0000"), freeze("ema", "0001")]


def _rewrite(root: Path, change: object) -> str:
    path = ledger_path(root)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(change(lines)))  # type: ignore[operator]
    return path.as_posix()


def test_an_intact_history_verifies_and_says_it_is_unsigned(root: Path, freeze: Freeze) -> None:
    _history(freeze)
    assert _errors(root) == []
    (note,) = _notes(root)
    assert note.message.startswith("lines are unsigned")
    assert note.file == ledger_path(root).as_posix()


def test_one_byte_of_a_frozen_pdf_changed(root: Path, freeze: Freeze) -> None:
    first, _ = _history(freeze)
    pdf = first / SPEC
    writable(pdf)
    data = bytearray(pdf.read_bytes())
    data[20] ^= 0x01
    pdf.write_bytes(bytes(data))
    outcome = verify_ledger(root)
    (problem,) = [p for p in outcome.problems if p.severity is Severity.ERROR]
    assert (problem.code, problem.file, problem.line) == ("LEDGER-05", pdf.as_posix(), None)
    assert problem.message.startswith(f"{SPEC} changed after it was frozen")
    assert problem.related[0].line == 2  # the freeze line of ema 0000


def test_a_frozen_file_added_and_one_removed(root: Path, freeze: Freeze) -> None:
    _, second = _history(freeze)
    writable(second)
    (second / "extra.txt").write_text("slipped in", encoding="utf-8")
    writable(second / "index.xml")
    (second / "index.xml").unlink()
    assert _errors(root) == [
        ("LEDGER-06", (second / "extra.txt").as_posix(), None),
        ("LEDGER-07", (second / "index.xml").as_posix(), None),
    ]


def test_a_ledger_line_edited(root: Path, freeze: Freeze) -> None:
    _history(freeze)
    shown = _rewrite(root, lambda lines: [lines[0].replace(b"09:30:00Z", b"08:30:00Z"), *lines[1:]])
    assert _errors(root) == [("LEDGER-04", shown, 1)]


def test_a_ledger_line_deleted(root: Path, freeze: Freeze) -> None:
    _history(freeze)
    shown = _rewrite(root, lambda lines: [lines[0], lines[1], lines[3]])  # the build of 0001 is gone
    assert _errors(root) == [("LEDGER-03", shown, 3)]


def test_a_freeze_line_deleted_also_leaves_its_sequence_unrecorded(root: Path, freeze: Freeze) -> None:
    first, _ = _history(freeze)
    shown = _rewrite(root, lambda lines: [lines[0], *lines[2:]])
    assert _errors(root) == [("LEDGER-03", shown, 2), ("LEDGER-08", first.as_posix(), None)]


def test_ledger_lines_reordered(root: Path, freeze: Freeze) -> None:
    _history(freeze)
    shown = _rewrite(root, lambda lines: [lines[0], lines[2], lines[1], lines[3]])
    assert _errors(root) == [("LEDGER-02", shown, 2), ("LEDGER-02", shown, 3)]


def test_a_malformed_line_and_an_incomplete_one(root: Path, freeze: Freeze) -> None:
    _history(freeze)
    shown = _rewrite(root, lambda lines: [lines[0], lines[1], b'{"n": 3, oops\n', lines[3].rstrip(b"\n")])
    problems = [p for p in verify_ledger(root).problems if p.severity is Severity.ERROR]
    unrecorded = (root / "submissions" / "ema" / "0001").as_posix()  # its freeze line is now unreadable
    assert [(p.code, p.file, p.line) for p in problems] == [
        ("LEDGER-01", shown, 3),
        ("LEDGER-01", shown, 4),
        ("LEDGER-08", unrecorded, None),
    ]
    assert problems[0].message.startswith("malformed ledger line: not JSON")
    assert "incomplete line" in problems[1].message


def test_a_frozen_sequence_missing_and_one_never_recorded(root: Path, freeze: Freeze) -> None:
    first, _ = _history(freeze)
    stray = root / "submissions" / "fda" / "0000"
    stray.mkdir(parents=True)
    writable(first.parent)
    first.rename(root / "submissions" / "ema" / "old")
    assert _errors(root) == [
        ("LEDGER-08", ledger_path(root).as_posix(), 2),
        ("LEDGER-08", stray.as_posix(), None),
    ]


def test_no_ledger_yet(root: Path) -> None:
    assert _errors(root) == []
    (note,) = _notes(root)
    assert note.message.startswith("there is no ledger yet")


def test_an_unreadable_frozen_file_is_a_located_problem(root: Path, freeze: Freeze, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = _history(freeze)
    pdf = first / SPEC
    real_open = Path.open

    def refusing(self: Path, *args: object, **kwargs: object) -> object:
        if self == pdf:
            raise PermissionError(13, "Permission denied", str(pdf))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refusing)
    outcome = verify_ledger(root)
    (problem,) = [p for p in outcome.problems if p.severity is Severity.ERROR]
    assert (problem.code, problem.file) == ("LEDGER-05", pdf.as_posix())
    assert problem.message == "frozen sequence ema 0000 cannot be read: Permission denied"


def test_a_sequence_changed_between_build_and_freeze(root: Path, freeze: Freeze) -> None:
    from ectd_builder.ledger import append_event

    built = root / "build" / "ema" / "0000"
    built.mkdir(parents=True)
    (built / "index.xml").write_text("<ectd/>\n", encoding="utf-8")
    append_event(root, "build", "ema", "0000", built)
    (built / "index.xml").write_text("<ectd edited='after the build'/>\n", encoding="utf-8")
    append_event(root, "freeze", "ema", "0000", built)  # stands in for the frozen folder
    (root / "submissions" / "ema").mkdir()
    built.rename(root / "submissions" / "ema" / "0000")
    shown = ledger_path(root).as_posix()
    assert _errors(root) == [("LEDGER-12", shown, 2)]
    problem = next(p for p in verify_ledger(root).problems if p.code == "LEDGER-12")
    assert problem.message == "the sequence changed between its build (line 1) and this freeze: index.xml"


def test_a_line_inserted(root: Path, freeze: Freeze) -> None:
    _history(freeze)
    shown = _rewrite(root, lambda lines: [lines[0], lines[1], lines[1], lines[2], lines[3]])  # entry 2 copied
    assert _errors(root) == [("LEDGER-02", shown, 3)]
    problem = verify_ledger(root).problems[0]
    assert problem.message == "a second line for entry 2: a line was inserted or copied"
