"""Sequence, application and build diff on a three-sequence application made by the project's builder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from ectd_builder.resources import data_dir
from ectd_builder.diff import diff_paths, render_html, to_data
from tests.cli_helpers import run_cli
from tests.diff.app_builder import App

SCHEMA = json.loads((data_dir("schemas") / "diff.schema.json").read_text(encoding="utf-8"))


def _kinds(result) -> list[tuple[str, str]]:
    return sorted((c.kind, c.document) for c in result.changes)


def test_replace_and_new(lifecycle_app: App) -> None:
    app = lifecycle_app.submissions
    result = diff_paths(app / "0000", app / "0001")
    assert _kinds(result) == [("added", "3.2.S.2.5 Process validation summary"), ("replaced", "3.2.S.2.2 Flow diagram")]
    replaced = next(c for c in result.changes if c.kind == "replaced")
    assert replaced.cause is not None and "replace" in replaced.cause.text and "0001" in replaced.cause.text
    assert replaced.left.startswith("0000/") and replaced.right.startswith("0001/")
    assert "not rendered by ectd-builder" in replaced.detail  # attachments: no text comparison


def test_delete_after_the_whole_application(lifecycle_app: App) -> None:
    app = lifecycle_app.submissions
    result = diff_paths(app / "0000", app)
    kinds = _kinds(result)
    assert ("deleted", "3.2.S.4.4 Batch analysis certificate") in kinds
    assert len(kinds) == 3
    deleted = next(c for c in result.changes if c.kind == "deleted")
    assert deleted.cause is not None and "delete" in deleted.cause.text and "0002" in deleted.cause.text


def test_equal(lifecycle_app: App) -> None:
    app = lifecycle_app.submissions
    result = diff_paths(app, app / "0002")
    assert result.equal and result.compared == 3


def test_a_new_build_against_the_frozen_history(lifecycle_app: App, tmp_path: Path) -> None:
    """build/<j>/0003 sits apart from submissions/<j>: its modified-file targets borrow A's sequences."""
    app = lifecycle_app.submissions
    build = tmp_path / "build" / "ema"
    build.mkdir(parents=True)
    shutil.copytree(app / "0002", build / "0002", copy_function=shutil.copy)
    result = diff_paths(app / "0001", build / "0002")
    assert _kinds(result) == [("deleted", "3.2.S.4.4 Batch analysis certificate")]


def _moved_copy(src: Path, dest: Path) -> None:
    shutil.copytree(src, dest, copy_function=shutil.copy)
    index = dest / "index.xml"
    index.chmod(0o644)
    tree = etree.parse(str(index))
    leaves = {lf.findtext("title"): lf for lf in tree.iter("leaf")}
    moving, anchor = leaves["Executed batch record"], leaves["Flow diagram"]
    moving.getparent().remove(moving)
    anchor.getparent().append(moving)
    tree.write(str(index), xml_declaration=True, encoding="UTF-8")


def test_moved_same_bytes_elsewhere(lifecycle_app: App, tmp_path: Path) -> None:
    src = lifecycle_app.submissions / "0000"
    _moved_copy(src, tmp_path / "b" / "0000")
    result = diff_paths(src, tmp_path / "b" / "0000")
    assert [(c.kind, c.section) for c in result.changes] == [("moved", "3.2.S.2.2")]
    assert "32r-reg-info" not in (result.changes[0].right or "") and "m3-2-r" in (result.changes[0].left or "")


def test_text_of_rendered_documents(lifecycle_app: App, tmp_path: Path) -> None:
    """Two PDFs the project rendered: the diff shows the text difference side by side."""
    from ectd_builder.dossier import load_dossier
    from ectd_builder.render.api import render_document
    from ectd_builder.render.plan import plan_documents

    dossier = load_dossier(lifecycle_app.dossier).dossier
    docs = {d.section: d for d in plan_documents(dossier, "ema")}
    src = lifecycle_app.submissions / "0000"
    rel = next(p.relative_to(src) for p in src.rglob("flow.pdf"))
    sides = []
    for name, section in (("a", "3.2.S.1.1"), ("b", "3.2.S.1.3")):
        folder = tmp_path / name / "0000"
        shutil.copytree(src, folder, copy_function=shutil.copy)
        (folder / rel).chmod(0o644)
        (folder / rel).write_bytes(render_document(dossier, docs[section]))
        sides.append(folder)
    result = diff_paths(*sides)
    assert [c.kind for c in result.changes] == ["replaced"]
    change = result.changes[0]
    assert "line(s) of text differ" in change.detail
    left = " ".join(r.left for r in change.lines)
    right = " ".join(r.right for r in change.lines)
    assert "3.2.S.1.1" in left and "3.2.S.1.3" in right
    page = render_html(result)
    assert 'class="sbs"' in page and "3.2.S.1.3" in page


def test_json_follows_the_schema(lifecycle_app: App) -> None:
    app = lifecycle_app.submissions
    for a, b in ((app / "0000", app), (app, app)):
        data = to_data(diff_paths(a, b))
        jsonschema.validate(data, SCHEMA)
    bad = to_data(diff_paths(app / "0000", app))
    bad["changes"][0]["kind"] = "changed-somehow"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_build_folders(lifecycle_app: App, tmp_path: Path) -> None:
    left, right = tmp_path / "l", tmp_path / "r"
    shutil.copytree(lifecycle_app.submissions.parent, left, copy_function=shutil.copy)
    shutil.copytree(lifecycle_app.submissions.parent, right, copy_function=shutil.copy)
    assert diff_paths(left, right).equal
    shutil.rmtree(right / "ema" / "0002")
    result = diff_paths(left, right)
    assert _kinds(result) == [("added", "ema: 3.2.S.4.4 Batch analysis certificate")]


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_cli_exit_codes_and_formats(lifecycle_app: App, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    app = lifecycle_app.submissions
    same = run_cli(capsys, "diff", app, app / "0002", "--format", fmt)
    assert same.code == 0, same.err
    differ = run_cli(capsys, "diff", app / "0000", app, "--format", fmt)
    assert differ.code == 1, differ.err
    if fmt == "json":
        jsonschema.validate(differ.json(), SCHEMA)
        assert differ.json()["counts"] == {"added": 1, "deleted": 1, "replaced": 1}
    elif fmt == "html":
        assert differ.out.startswith("<!DOCTYPE html>") and "Batch analysis certificate" in differ.out
    else:
        assert "deleted" in differ.out and "3 difference(s)" in differ.out


def test_cli_usage_errors(tmp_path: Path, lifecycle_app: App, capsys: pytest.CaptureFixture[str]) -> None:
    app = lifecycle_app.submissions
    assert run_cli(capsys, "diff", app).code == 2
    assert run_cli(capsys, "diff", app, tmp_path / "missing").code == 2
    assert run_cli(capsys, "diff", app, app, "--format", "pdf").code == 2
    assert run_cli(capsys, "diff", app / "0000", app.parent).code == 2  # a build folder against a sequence
    res = run_cli(capsys, "diff", lifecycle_app.dossier, "-j", "fda")
    assert res.code == 2 and "exactly two" in res.err
    out = tmp_path / "report.html"
    assert run_cli(capsys, "diff", app / "0000", app, "--format", "html", "--out", out).code == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
