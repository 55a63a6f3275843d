"""The viewer links a document's review copy (render output HTML) and lists the values it prints
with the YAML place each was written at (the provenance map beside the HTML)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.render.model import Document, Paragraph, Run
from ectd_builder.render.provenance import provenance_json
from ectd_builder.site import build_site, read_page_data
from ectd_builder.site.review import read_review

from tests.cli_helpers import run_cli
from tests.diff.app_builder import App


def _review_copy(folder: Path, code: str, title: str) -> None:
    """What ``ectd render --format html`` writes for one document: the HTML and its map."""
    doc = Document(title, "en", (Paragraph((Run("NMT "), Run("0.20", source="product.yaml:41:17"), Run("%"))),))
    (folder / code).mkdir(parents=True)
    (folder / code / "doc.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    (folder / code / "doc.provenance.json").write_bytes(provenance_json(doc))


@pytest.fixture(scope="module")
def entry(lifecycle_app: App, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    out = tmp_path_factory.mktemp("site")
    plain = read_page_data(build_site(lifecycle_app.submissions, out, check=False).page)
    target = next(e for e in plain["entries"] if e["code"])
    review = tmp_path_factory.mktemp("render")
    _review_copy(review, target["code"], f"{target['code']} {target['title']}")  # leaf titles drop the code
    (review / "stray.provenance.json").write_text("not json", encoding="utf-8")
    data = read_page_data(build_site(lifecycle_app.submissions, out, check=False, review=review).page)
    return target, {e["key"]: e for e in data["entries"]}


def test_the_leaf_gets_its_review_copy_and_value_sources(entry) -> None:
    target, entries = entry
    got = entries[target["key"]]["review"]
    assert got["values"] == [["0.20", "product.yaml:41:17"]]
    assert got["html"].endswith(f"{target['code']}/doc.html") and not got["html"].startswith("/")
    assert all(e["review"] is None for k, e in entries.items() if k != target["key"])


def test_without_review_folder_no_entry_has_a_review(lifecycle_app: App, tmp_path: Path) -> None:
    data = read_page_data(build_site(lifecycle_app.submissions, tmp_path, check=False).page)
    assert {e["review"] for e in data["entries"]} == {None}


def test_files_that_are_not_maps_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "3.2.P.5.1").mkdir()
    (tmp_path / "3.2.P.5.1" / "a.provenance.json").write_text('{"format": "other", "values": []}', encoding="utf-8")
    (tmp_path / "3.2.P.5.1" / "b.provenance.json").write_bytes(b"\xff")
    assert read_review(tmp_path, tmp_path) == {}


def test_the_page_shows_sources_on_hover(entry, lifecycle_app: App, tmp_path: Path) -> None:
    page = build_site(lifecycle_app.submissions, tmp_path, check=False).page.read_text(encoding="utf-8")
    assert "[data-source]:hover" in page and '"data-source": v[1], title: v[1]' in page


def test_cli_view_review_folder_must_exist(lifecycle_app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("view", lifecycle_app.submissions, "--out", tmp_path / "v", "--no-check", "--review", tmp_path / "none")
    result = run_cli(capsys, *args)
    assert result.code == 2 and "review folder" in result.err
