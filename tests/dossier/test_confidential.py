"""Confidential parts (issue 15 item 1): marks on entities, texts and quantities, the id list, the withheld view."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from ectd_builder.dossier.confidential import WITHHELD_KEY, WithheldView, withheld_view
from ectd_builder.dossier.loader import LoadResult, load_dossier

from tests.withheld_parts import at, scalars

BASE = Path(__file__).with_name("base")
TODAY = dt.date(2026, 12, 3)


def _view(result: LoadResult, on: dt.date = TODAY) -> WithheldView:
    assert result.ok and result.index is not None, [p.message for p in result.problems]
    return withheld_view(result.data, result.index, result.positions, on)


def _without(data: Any, paths: list[tuple[str | int, ...]]) -> Any:
    """A copy of ``data`` with the parts at ``paths`` emptied (computed apart from the code under test)."""
    out = copy.deepcopy(data)
    for path in paths:
        at(out, path[:-1])[path[-1]] = None
    return out


@pytest.fixture()
def base(tmp_path: Path) -> Path:
    target = tmp_path / "dossier"
    shutil.copytree(BASE, target)
    return target


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("example", ["tablet", "mab"])
def test_each_example_marks_at_least_five_parts(examples_dir: Path, example: str) -> None:
    result = load_dossier(examples_dir / example)
    view = _view(result)
    assert len(view.items) >= 5
    kinds = {type(at(result.data, item.path).get("id")) for item in view.items}
    assert kinds == {str, type(None)}, "the example withholds whole entities and single fields"
    for item in view.items:
        assert item.file and item.line, item
        line = Path(item.file).read_text(encoding="utf-8").splitlines()[item.line - 1]
        assert line.strip(), item
        placeholder = at(view.data, item.path)
        assert placeholder[WITHHELD_KEY] == item.reason
        assert set(placeholder) <= {"id", WITHHELD_KEY}
    outside = _without(result.data, [i.path for i in view.items])
    allowed = set(scalars(outside)) | {i.reason for i in view.items}
    assert set(scalars(view.data)) <= allowed, "the view shows only what lies outside the withheld parts"
    secret = {v for i in view.items for v in scalars(at(result.data, i.path))} - set(scalars(outside))
    assert len(secret) >= 5
    shown = json.dumps(view.data, ensure_ascii=False, default=str)
    assert not [v for v in secret if len(v) >= 12 and v in shown]


def test_entity_text_and_quantity_marks(base: Path) -> None:
    _edit(base, "sites.yaml", "name: Test API Works", "confidential: {reason: supplier}\n    name: Test API Works")
    _edit(
        base,
        "substance.yaml",
        "description: SM-A is coupled with SM-B.",
        "description: {en: SM-A is coupled with SM-B., confidential: true}",
    )
    _edit(
        base,
        "substance.yaml",
        'set_point: {value: 60, unit: "°C"}',
        'set_point: {value: 60, unit: "°C", confidential: {reason: DoE}}',
    )
    result = load_dossier(base)
    view = _view(result)
    by_id = {i.id: i for i in view.items}
    assert set(by_id) == {"SITE-API", "STEP-1.description", "PP-TEMP.set_point"}
    assert by_id["SITE-API"].reason == "supplier"
    assert by_id["STEP-1.description"].reason == "confidential"
    assert Path(by_id["PP-TEMP.set_point"].file or "").name == "substance.yaml"
    assert at(view.data, by_id["SITE-API"].path) == {"id": "SITE-API", WITHHELD_KEY: "supplier"}
    assert at(view.data, by_id["PP-TEMP.set_point"].path) == {WITHHELD_KEY: "DoE"}
    assert result.dossier is not None
    assert result.dossier.substances[0].process.steps[0].description == {"en": "SM-A is coupled with SM-B."}


def test_listed_ids_and_until(base: Path) -> None:
    _edit(
        base,
        "dossier.yaml",
        "include:\n",
        "confidential:\n  - {id: MAT-A, reason: route IP}\n  - {id: STEP-1, until: 2026-06-01}\ninclude:\n",
    )
    view = _view(load_dossier(base))
    assert [(i.id, i.reason) for i in view.items] == [("MAT-A", "route IP")], "STEP-1's confidentiality has ended"
    earlier = _view(load_dossier(base), dt.date(2026, 1, 1))
    assert {i.id for i in earlier.items} == {"MAT-A", "STEP-1"}
    assert "PP-TEMP" in earlier.hidden_ids, "ids inside a withheld step are named, so references to them can be resolved"


def test_false_mark_withholds_nothing(base: Path) -> None:
    _edit(base, "sites.yaml", "name: Test API Works", "confidential: false\n    name: Test API Works")
    view = _view(load_dossier(base))
    assert view.items == []
