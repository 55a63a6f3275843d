"""The baseline of each jurisdiction (``find_baseline``) and how changes are merged and ordered."""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.changes.api import changes_since, facts_path, find_baseline
from ectd_builder.dossier.model import Dossier
from ectd_builder.errors import EctdError

from tests.changes.helpers import apply_transfer, copy_tablet, freeze_facts, load


def test_the_last_record_is_the_baseline(tmp_path: Path) -> None:
    root = tmp_path
    for seq in ("0000", "0001"):
        facts_path(root, "ema", seq).parent.mkdir(parents=True, exist_ok=True)
        facts_path(root, "ema", seq).write_text("{}", encoding="utf-8")
    (root / "submissions" / "ema" / "0000").mkdir()
    base = find_baseline(root, "ema")
    assert (base.sequence, base.path) == ("0001", root / "submissions" / "ema" / "0001.facts.json")
    assert find_baseline(root, "ema", "0000").sequence == "0000"


def test_a_last_sequence_frozen_without_facts_names_the_fix(tmp_path: Path) -> None:
    facts_path(tmp_path, "fda", "0000").parent.mkdir(parents=True)
    facts_path(tmp_path, "fda", "0000").write_text("{}", encoding="utf-8")
    (tmp_path / "submissions" / "fda" / "0001").mkdir()  # frozen before freeze recorded facts
    with pytest.raises(EctdError, match="the last frozen fda sequence 0001 has no facts record") as caught:
        find_baseline(tmp_path, "fda")
    assert "--since NNNN" in (caught.value.hint or "")
    assert find_baseline(tmp_path, "fda", "0000").sequence == "0000"


def test_no_history(tmp_path: Path) -> None:
    with pytest.raises(EctdError, match="pmda has no frozen sequence to compare with"):
        find_baseline(tmp_path, "pmda")
    with pytest.raises(EctdError, match="--since '12' is not a four-digit sequence number"):
        find_baseline(tmp_path, "pmda", "12")


def test_a_change_against_several_baselines_is_listed_once(tmp_path: Path, tablet: Dossier) -> None:
    root = copy_tablet(tmp_path / "dossier")
    freeze_facts(root, ("fda", "ema"))
    apply_transfer(root)
    freeze_facts(root, ("nmpa",))  # nmpa was frozen after the transfer: nothing changed for it
    report = changes_since(load(root), root, ["fda", "ema", "nmpa"])
    assert len(report.items) == 5 and all(i.jurisdictions == ["fda", "ema"] for i in report.items)
    assert all(set(i.categories) == {"fda", "ema"} for i in report.items)
    assert report.filings["nmpa"].filing == "nothing to file" and report.filings["nmpa"].category is None
    places = [(i.file, i.line, i.col) for i in report.items]
    assert places == sorted(places)  # in the order of the files
