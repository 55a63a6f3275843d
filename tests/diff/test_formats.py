"""The diff summary and JSON say how many files of compared documents could not be read."""

from __future__ import annotations

import json

from ectd_builder.diff import DiffResult, render_json, summary, text_lines
from ectd_builder.diff.model import Change


def _result(unread: int, *changes: Change) -> DiffResult:
    notes = ("A: file of '3.2.R Batch' is missing (0000/m3/batch.pdf); compared by its stated checksum only",)
    return DiffResult("sequence", "a", "b", changes, notes[:unread], compared=4, unread=unread)


def test_all_files_read_keeps_the_plain_summary() -> None:
    result = _result(0)
    assert summary(result) == "no differences (4 compared)"
    assert "unread" not in json.loads(render_json(result))


def test_a_missing_file_is_counted_in_text_and_json() -> None:
    result = _result(1)
    said = "no differences (4 compared; 1 file(s) missing or not read: compared by stated checksum only)"
    assert summary(result) == said
    assert list(text_lines(result))[-1] == ("summary", said)
    assert json.loads(render_json(result))["unread"] == 1


def test_the_count_stands_beside_the_differences() -> None:
    change = Change("replaced", "3.2.P.1 Description", "3.2.P.1", "other bytes", "x.pdf", "x.pdf")
    assert summary(_result(2, change)).endswith("(4 compared; 2 file(s) missing or not read: compared by stated checksum only)")
    assert summary(_result(0, change)) == "1 difference(s): 1 replaced (4 compared)"
