"""The pre-commit hook and the CI examples in docs/ci/ call commands and options that exist."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

from tests.cli_helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]


def _commands(node: object) -> list[str]:
    """Every shell line in a workflow that runs ``ectd``."""
    if isinstance(node, dict):
        return [c for v in node.values() for c in _commands(v)]
    if isinstance(node, list):
        return [c for v in node for c in _commands(v)]
    if isinstance(node, str):
        return [line.strip() for line in node.splitlines() if line.strip().startswith("ectd ")]
    return []


def _examples() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "docs" / "ci").glob("*.yml")):
        found += [(path.name, cmd) for cmd in _commands(yaml.safe_load(path.read_text(encoding="utf-8")))]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    found += [(".pre-commit-hooks.yaml", f"{h['entry']} {' '.join(h.get('args', []))}".strip()) for h in hooks]
    return found


def test_there_are_examples() -> None:
    names = {name for name, _ in _examples()}
    assert {"github-actions.yml", "gitlab-ci.yml", ".pre-commit-hooks.yaml"} <= names


@pytest.mark.parametrize(("name", "command"), _examples())
def test_every_ectd_command_and_option_exists(name: str, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    words = shlex.split(command.split(">", 1)[0])
    assert words[0] == "ectd" and len(words) > 1, command
    path = words[1:3] if words[1] == "standards" else words[1:2]  # `standards` has subcommands
    res = run_cli(capsys, *path, "--help")
    assert res.code == 0, (name, command, res.err)
    for option in (w for w in words[2:] if w.startswith("--")):
        assert option in res.out, f"{name}: 'ectd {' '.join(path)}' has no option {option}"
