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
from ectd_builder.errors import EctdError
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


def _copy_app(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, copy_function=shutil.copy)
    for path in dest.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return dest


def _leaf_of(index: Path, title: str) -> etree._Element:
    tree = etree.parse(str(index))
    return next(lf for lf in tree.iter("leaf") if lf.findtext("title") == title)


def test_a_replace_with_identical_bytes_is_still_a_lifecycle_event(lifecycle_app: App, tmp_path: Path) -> None:
    """0001 replaces the flow diagram; give the new file the old bytes: the replace must still show."""
    app = _copy_app(lifecycle_app.submissions, tmp_path / "app")
    old = _leaf_of(app / "0000" / "index.xml", "Flow diagram")
    old_file = app / "0000" / old.get("{http://www.w3c.org/1999/xlink}href")
    index = app / "0001" / "index.xml"
    tree = etree.parse(str(index))
    new = next(lf for lf in tree.iter("leaf") if lf.findtext("title") == "Flow diagram")
    (app / "0001" / new.get("{http://www.w3c.org/1999/xlink}href")).write_bytes(old_file.read_bytes())
    new.set("checksum", old.get("checksum"))
    tree.write(str(index), xml_declaration=True, encoding="UTF-8")
    result = diff_paths(app / "0000", app / "0001")
    replaced = [c for c in result.changes if c.kind == "replaced"]
    assert [(c.document, c.detail) for c in replaced] == [
        ("3.2.S.2.2 Flow diagram", "replaced by lifecycle with identical bytes")
    ]
    assert replaced[0].cause is not None and replaced[0].cause.text == "operation 'replace' in sequence 0001"
    assert not result.equal


def _other_application(src: Path, dest: Path) -> Path:
    seq = _copy_app(src, dest)
    regional = seq / "m1" / "eu" / "eu-regional.xml"
    text = regional.read_text(encoding="utf-8")
    tree = etree.fromstring(text.encode())
    identifier = tree.find(".//identifier").text
    regional.write_text(text.replace(identifier, "00000000-0000-4000-8000-000000000000"), encoding="utf-8")
    return seq


def test_sequences_of_different_applications_are_refused(lifecycle_app: App, tmp_path: Path) -> None:
    app = lifecycle_app.submissions
    other = _other_application(app / "0000", tmp_path / "other" / "0000")
    with pytest.raises(EctdError) as caught:
        diff_paths(app / "0000", other)
    assert "different applications" in str(caught.value) and "00000000-0000-4000-8000-000000000000" in str(caught.value)
    assert "--other-application" in (caught.value.hint or "")
    result = diff_paths(app / "0000", other, other_application=True)
    assert any("different applications" in n for n in result.notes)
    assert diff_paths(app / "0000", app / "0001").notes == ()  # one application: no such note


def test_cli_refuses_other_application_with_exit_2(lifecycle_app: App, tmp_path: Path, capsys) -> None:
    other = _other_application(lifecycle_app.submissions / "0000", tmp_path / "other" / "0000")
    res = run_cli(capsys, "diff", lifecycle_app.submissions / "0000", other)
    assert res.code == 2, res.err
    assert "different applications" in res.err and "fix:" in res.err
    res = run_cli(capsys, "diff", lifecycle_app.submissions / "0000", other, "--other-application")
    assert res.code == 1, res.err  # compared: the envelope identifier differs
    assert "different applications" in res.out and "envelope field 'identifier' differs" in res.out


def test_an_unreadable_backbone_is_refused_not_reported_as_deletions(lifecycle_app: App, tmp_path: Path) -> None:
    broken = _copy_app(lifecycle_app.submissions / "0001", tmp_path / "b" / "0001")
    (broken / "index.xml").write_bytes((broken / "index.xml").read_bytes()[:300])
    with pytest.raises(EctdError) as caught:
        diff_paths(lifecycle_app.submissions / "0000", broken)
    assert "index.xml" in str(caught.value) and "cannot compare" in str(caught.value)


def test_a_missing_file_is_said_not_called_equal(lifecycle_app: App, tmp_path: Path) -> None:
    app = _copy_app(lifecycle_app.submissions, tmp_path / "app")
    leaf = _leaf_of(app / "0000" / "index.xml", "Executed batch record")
    (app / "0000" / leaf.get("{http://www.w3c.org/1999/xlink}href")).unlink()
    result = diff_paths(app / "0000", lifecycle_app.submissions / "0000")
    assert [n for n in result.notes if "missing" in n] == [
        f"A: file of '3.2.R Executed batch record' is missing (0000/{leaf.get('{http://www.w3c.org/1999/xlink}href')}); "
        "compared by its stated checksum only"
    ]


def test_a_missing_file_is_counted_in_the_summary(lifecycle_app: App, tmp_path: Path) -> None:
    app = _copy_app(lifecycle_app.submissions, tmp_path / "app")
    leaf = _leaf_of(app / "0000" / "index.xml", "Executed batch record")
    (app / "0000" / leaf.get("{http://www.w3c.org/1999/xlink}href")).unlink()
    result = diff_paths(app / "0000", lifecycle_app.submissions / "0000")
    assert result.unread == 1 and to_data(result)["unread"] == 1
    jsonschema.validate(to_data(result), SCHEMA)
    assert diff_paths(lifecycle_app.submissions / "0000", lifecycle_app.submissions / "0000").unread == 0
