"""`ectd diff` and `ectd view` on an eCTD v4.0 lifecycle built and frozen by the tool.

Three PMDA units: the initial one, one that replaces the executed batch records
(``replacementOf``), and one that suspends the literature's context of use. Diff must read them as
the same application (no refusal for read errors), name each lifecycle event at its section, and
the viewer must list all three units with what is in force after each.
"""

from __future__ import annotations

import json
from pathlib import Path

import minidossier
import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.ectd.api import build_dossier, freeze_sequence

from tests.cli_helpers import run_cli


def _build_and_freeze(root: Path, store: Path, sequence: str) -> None:
    loaded = load_dossier(root)
    assert loaded.dossier is not None, loaded.problems
    built = build_dossier(loaded.dossier, root, "pmda", render=False, store=store)
    assert built.sequence == sequence
    freeze_sequence(root, "pmda", sequence)


@pytest.fixture()
def history(tmp_path: Path, store: Path) -> Path:
    root = minidossier.write(tmp_path / "d")
    _build_and_freeze(root, store, "0001")
    minidossier.write(root, version="2")
    _build_and_freeze(root, store, "0002")
    minidossier.write(root, version="2", drop=("lit",))
    _build_and_freeze(root, store, "0003")
    return root / "submissions" / "pmda"


def test_diff_names_the_replace_of_a_v4_unit(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "diff", history / "0001", history / "0002", "--format", "json")
    assert result.code == 1, result.err
    report = result.json()
    assert report["notes"] == [] and report["counts"] == {"replaced": 1}
    (change,) = report["changes"]
    assert change["section"] == "3.2.R" and change["cause"]["kind"] == "lifecycle"
    assert change["left"].startswith("0001/") and change["right"].startswith("0002/")


def test_diff_shows_a_suspended_context_of_use_as_deleted(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "diff", history / "0002", history / "0003")
    assert result.code == 1, result.err
    assert "3.3 Key literature" in result.out and "deleted: in force in A, not in B" in result.out
    assert "cause: context of use suspended in unit 0003" in result.out
    assert "1 difference(s): 1 deleted" in result.out


def test_diff_of_a_unit_with_itself_is_equal(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "diff", history / "0003", history / "0003")
    assert result.code == 0, result.out + result.err


def test_view_lists_every_unit_and_what_is_in_force(history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "view"
    result = run_cli(capsys, "view", history, "--out", out)
    assert result.code == 0, result.err
    assert "3 sequence(s), 4 document(s), 3 in force" in result.out
    page = (out / "index.html").read_text(encoding="utf-8")
    start = page.index(">", page.index('id="ectd-data"')) + 1
    data = json.loads(page[start : page.index("</script>", start)])
    assert [s["name"] for s in data["sequences"]] == ["0001", "0002", "0003"]
    assert [s["counts"] for s in data["sequences"]] == [{"new": 4}, {"replace": 1}, {"delete": 1}]
    as_of = data["views"]["as_of"]
    assert [len(as_of[n]) for n in ("0001", "0002", "0003")] == [4, 4, 3]
    versions = {key: version for key, version in as_of["0002"]}
    assert sorted(versions.values()) == [1, 1, 1, 2]  # the replaced batch records are in their 2nd version
    # without the v4.0 package two checks per unit did not run: each is tied to its unit, so the
    # viewer's badge says "check(s) not run" instead of "check passed"
    not_run = data["check"]["not_run"]
    assert sorted((n["sequence"], n["check"].split(" of ")[0]) for n in not_run) == [
        (unit, check) for unit in ("0001", "0002", "0003") for check in ("controlled-vocabulary check", "schema validation")
    ]
