"""load(path, Model): every problem of a defective data file, each at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.load import load, load_or_raise
from pydantic import BaseModel, ConfigDict


class _Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: int
    source: str
    verified: bool


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    facts: dict[str, _Fact]


GOOD = "id: x\nfacts:\n  a:\n    value: 1\n    source: S1\n    verified: true\n"
# two bad facts: a wrong-typed value (line 4) and a missing 'verified' in fact b (line 7)
BAD = "id: x\nfacts:\n  a:\n    value: many\n    source: S1\n    verified: true\n  b:\n    value: 2\n    source: S2\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_valid_file_gives_typed_model(tmp_path: Path) -> None:
    value, problems = load(_write(tmp_path, GOOD), _File)
    assert problems == []
    assert value is not None and value.facts["a"].value == 1 and value.facts["a"].verified is True


def test_load_reports_every_problem_with_position(tmp_path: Path) -> None:
    path = _write(tmp_path, BAD)
    value, problems = load(path, _File)
    assert value is None
    assert len(problems) == 2
    where = sorted((p.line, p.col, p.path) for p in problems)
    assert where[0][:2] == (4, 12) and where[0][2] == "facts.a.value"
    missing = next(p for p in problems if p.line == 7)
    assert missing.path == "facts.b" and "verified" in (missing.message + (missing.hint or ""))
    assert all(p.file == str(path) for p in problems)


def test_load_reports_yaml_defects_located(tmp_path: Path) -> None:
    value, problems = load(_write(tmp_path, "id: x\nid: y\nfacts: {}\n"), _File)
    assert value is None
    assert problems and problems[0].line == 2


def test_load_or_raise_lists_all_problems(tmp_path: Path) -> None:
    path = _write(tmp_path, BAD)
    with pytest.raises(EctdError) as info:
        load_or_raise(path, _File)
    message = info.value.message
    assert message.startswith("2 problems:")
    assert f"{path}:4:12" in message and f"{path}:7:" in message
