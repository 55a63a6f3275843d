"""Run the ``ectd`` CLI in-process, the way the console script does, and capture its output."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from ectd_builder.cli.common import run_guarded
from ectd_builder.cli.main import app


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> CliResult:
    """Invoke ``ectd ARGS`` through the same guard as the console script (exit codes included)."""
    capsys.readouterr()
    code = run_guarded(app, [str(a) for a in args])
    captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)
