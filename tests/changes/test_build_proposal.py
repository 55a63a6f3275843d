"""The envelope takes the submission type from the 'ectd changes' proposal (issue 14 item 3).

``submission_type: from-changes`` (CN: ``regulatory_activity``) asks for the proposal of the worked
tech-transfer example (tablet frozen as 0000, then the transfer patch); an explicit word wins; a
change that needs assessment refuses with its file:line."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from tests.changes.helpers import load

from ectd_builder.changes.api import changes_since
from ectd_builder.changes.proposal import proposed_submission
from ectd_builder.ectd.adapter import envelope
from ectd_builder.errors import EctdError
from ectd_builder.rules import run_rules


def _asking(transferred: Path, tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "dossier"
    shutil.copytree(transferred, root)
    path = root / "dossier.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return root


@pytest.mark.parametrize(("j", "field", "word", "category"), [
    ("fda", "submission_type", "cmc-supplement", "CBE-30"),
    ("ema", "submission_type", "var-type1b", "IB"),
    ("nmpa", "regulatory_activity", "cnrat2", "major"),
])
def test_the_worked_example_proposes_each_regions_word(transferred: Path, j: str, field: str, word: str, category: str) -> None:
    proposed = proposed_submission(changes_since(load(transferred), transferred, [j]), j)
    assert proposed is not None and (proposed.field, proposed.word, proposed.category) == (field, word, category)
    assert "taken from 'ectd changes'" in proposed.note and f"applications.{j}.{field}" in proposed.note


@pytest.mark.parametrize(("j", "old", "code"), [
    ("ema", "submission_type: maa", "var-type1b"),
    ("nmpa", "regulatory_activity: cnrat1", "cnrat2"),
])
def test_from_changes_fills_the_envelope_with_a_note(transferred: Path, tmp_path: Path, j: str, old: str, code: str) -> None:
    field = old.split(":")[0]
    root = _asking(transferred, tmp_path, old, f"{field}: from-changes")
    dossier = load(root)
    env = envelope(dossier, j, root)
    assert getattr(env, field) == code
    assert any("taken from 'ectd changes'" in n for n in env.notes)  # type: ignore[union-attr]
    from ectd_builder.dossier.loader import load_dossier

    assert [p for p in run_rules(load_dossier(root), [j]) if p.code == "CODE-01"] == []  # the build decides


def test_an_explicit_word_wins(transferred: Path) -> None:
    env = envelope(load(transferred), "ema", transferred)
    assert env.submission_type == "maa" and env.notes == ()  # type: ignore[union-attr]


def test_needs_assessment_refuses_at_the_change(transferred: Path) -> None:
    report = changes_since(load(transferred), transferred, ["ema"])
    first = report.items[0]
    first.categories["ema"] = replace(first.categories["ema"], category=None)
    with pytest.raises(EctdError, match="needs assessment") as info:
        proposed_submission(report, "ema")
    assert info.value.message.startswith(f"{first.file}:{first.line}:")
    assert "ec.reporting" in (info.value.hint or "")


def test_from_changes_without_a_folder_is_refused(transferred: Path, tmp_path: Path) -> None:
    root = _asking(transferred, tmp_path, "submission_type: maa", "submission_type: from-changes")
    with pytest.raises(EctdError, match="no dossier folder"):
        envelope(load(root), "ema")
