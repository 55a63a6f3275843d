"""Conflicting declared categories (changes/conflicts.py, rule EC-03 once registered): an EC's
``ec.reporting.pmda`` against the form's ``jp_change_class`` of the same control, located at both lines."""

from __future__ import annotations

from pathlib import Path

from ectd_builder.changes.conflicts import pmda_conflicts
from ectd_builder.dossier import load_dossier

from tests.changes.helpers import REPO, copy_tablet, load


def test_a_conflict_is_located_at_both_lines(tmp_path: Path) -> None:
    root = copy_tablet(tmp_path / "dossier")
    product = root / "product" / "quorvatinib-tablets.yaml"
    text = product.read_text(encoding="utf-8")
    at = text.index("jp_change_class: partial_change", text.index("- id: p-rc-force"))
    product.write_text(text[:at] + text[at:].replace("partial_change", "minor_change", 1), encoding="utf-8")
    loaded = load_dossier(root)
    assert loaded.dossier is not None
    (conflict,) = pmda_conflicts(loaded.dossier)
    assert conflict.what.startswith("parameter 'Specific roll force")
    assert (conflict.declared, conflict.marking) == ("partial_change", "minor_change")
    lines = product.read_text(encoding="utf-8").splitlines()
    (f1, l1, _), (f2, l2, _) = loaded.locate(conflict.ec_path), loaded.locate(conflict.marking_path)
    assert f1 == f2 and str(f1).endswith("quorvatinib-tablets.yaml") and l1 is not None and l2 is not None
    assert "reporting: {fda: CBE-30, ema: IB, pmda: partial_change" in lines[l1 - 1]
    assert lines[l2 - 1].strip() == "jp_change_class: minor_change"


def test_moderate_change_agrees_with_the_partial_change_marking(tmp_path: Path) -> None:
    root = copy_tablet(tmp_path / "dossier")
    product = root / "product" / "quorvatinib-tablets.yaml"
    text = product.read_text(encoding="utf-8")
    at = text.index("pmda: partial_change", text.index("- id: p-rc-force"))
    product.write_text(text[:at] + text[at:].replace("partial_change", "moderate_change", 1), encoding="utf-8")
    assert list(pmda_conflicts(load(root))) == []


def test_the_tablet_agrees_with_itself() -> None:
    assert list(pmda_conflicts(load(REPO / "examples" / "tablet"))) == []


def test_the_mab_agrees_with_itself() -> None:
    """The mAb's ECs declare pmda: moderate_change and the form marks the same controls
    moderate_change: no conflict (a disagreement would be EC-03 at both lines)."""
    loaded = load_dossier(REPO / "examples" / "mab")
    assert loaded.dossier is not None
    assert list(pmda_conflicts(loaded.dossier)) == []
