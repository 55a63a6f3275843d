"""The lifecycle viewer: current, cumulative and per-sequence views of a three-sequence application,
the real EU samples, relative links, determinism and the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ectd_builder.site import build_site, read_page_data

from tests.cli_helpers import run_cli
from tests.diff.app_builder import App

SAMPLES = (
    "eu-denosumab-validation-rtq-0001",
    "eu-emselex-renewal-0000",
    "eu-eylea-validation-response-0001",
    "eu-pas-gr-paraaminosalicylic-initial-maa-0000",
    "eu-pioglitazone-actavis-renewal-rsi-0030",
    "eu-xenbilox-cdca-initial-maa-0000",
)


@pytest.fixture(scope="module")
def site(lifecycle_app: App, tmp_path_factory: pytest.TempPathFactory, standards_dir: Path) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("site")
    result = build_site(lifecycle_app.submissions, out, standards=standards_dir)
    return result.page, read_page_data(result.page)


def _by_title(data: dict) -> dict[str, dict]:
    return {e["title"]: e for e in data["entries"]}


def _history(entry: dict) -> list[tuple[str, str]]:
    return [(h["sequence"], h["operation"]) for h in entry["history"]]


def test_current_view_is_what_is_in_force_after_the_last_sequence(site: tuple[Path, dict]) -> None:
    _, data = site
    entries = {e["key"]: e for e in data["entries"]}
    current = {entries[k]["title"]: entries[k]["history"][-1] for k in data["views"]["current"]}
    assert set(current) == {"Flow diagram", "Executed batch record", "Process validation summary"}
    # the flow diagram in force is the one sequence 0001 replaced it with
    assert current["Flow diagram"]["sequence"] == "0001"
    assert current["Flow diagram"]["file"].startswith("0001/")
    assert current["Executed batch record"]["sequence"] == "0000"


def test_cumulative_view_keeps_every_document_with_its_history(site: tuple[Path, dict]) -> None:
    _, data = site
    assert len(data["views"]["cumulative"]) == 4
    by = _by_title(data)
    assert _history(by["Flow diagram"]) == [("0000", "new"), ("0001", "replace")]
    assert _history(by["Batch analysis certificate"]) == [("0000", "new"), ("0002", "delete")]
    assert by["Batch analysis certificate"]["status"] == "deleted"
    assert _history(by["Process validation summary"]) == [("0001", "new")]
    assert _history(by["Executed batch record"]) == [("0000", "new")]
    assert not any(e["orphan"] for e in data["entries"])
    assert by["Flow diagram"]["code"] == "3.2.S.2.2"


def test_sequence_views_envelopes_and_check(site: tuple[Path, dict]) -> None:
    _, data = site
    seqs = {s["name"]: s for s in data["sequences"]}
    assert list(seqs) == ["0000", "0001", "0002"]
    assert seqs["0000"]["counts"] == {"new": 3}
    assert seqs["0001"]["counts"] == {"new": 1, "replace": 1}
    assert seqs["0002"]["counts"] == {"delete": 1}
    for seq in seqs.values():
        fields = dict(tuple(f) for f in seq["envelopes"][0]["fields"])
        assert fields["sequence"] == seq["name"]
        assert seq["region"] == "eu"
    assert data["check"]["ran"] is True
    assert set(data["check"]["sequences"]) == {"0000", "0001", "0002"}
    errors = [p for probs in data["check"]["sequences"].values() for p in probs if p["severity"] == "error"]
    assert errors == [], errors


def test_links_are_relative_and_open_the_files(site: tuple[Path, dict]) -> None:
    page, data = site
    for entry in data["entries"]:
        for event in entry["history"]:
            if event["operation"] == "delete":
                continue
            assert event["href"] and not event["href"].startswith(("/", "file:", "http"))
            assert (page.parent / event["href"]).resolve().is_file(), event["href"]
            assert event["exists"] is True


def test_page_is_self_contained(site: tuple[Path, dict]) -> None:
    page, _ = site
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert "<script src" not in html


def test_same_input_same_bytes(lifecycle_app: App, tmp_path: Path, standards_dir: Path) -> None:
    a = build_site(lifecycle_app.submissions, tmp_path / "a", check=False).page.read_bytes()
    b = build_site(lifecycle_app.submissions, tmp_path / "b", check=False).page.read_bytes()
    assert a == b


@pytest.mark.parametrize("name", SAMPLES)
def test_real_eu_samples(samples_dir: Path, tmp_path: Path, standards_dir: Path, name: str) -> None:
    folder = samples_dir / name
    result = build_site(folder, tmp_path, standards=standards_dir)
    data = read_page_data(result.page)
    assert data["application"]["region"] == "eu"
    assert len(data["sequences"]) == 1
    seq = data["sequences"][0]
    assert seq["envelopes"], "the EU envelope is read"
    assert sum(seq["counts"].values()) == len(data["entries"]) > 0
    # every href of a leaf resolves to the place the backbone names, relative to the page
    for entry in data["entries"]:
        event = entry["history"][-1]
        if event["href"]:
            target = (result.page.parent / event["href"]).resolve()
            assert target == (folder.parent / event["file"]).resolve()
    # the PDFs are not in the samples: the check says so for this sequence
    assert data["check"]["ran"]
    codes = {p["code"] for p in data["check"]["sequences"][name]}
    assert codes, "the check found the missing files"


def test_replace_leaves_pointing_outside_the_samples_are_marked(samples_dir: Path, tmp_path: Path) -> None:
    data = read_page_data(build_site(samples_dir / "eu-eylea-validation-response-0001", tmp_path, check=False).page)
    ops = {h["operation"] for e in data["entries"] for h in e["history"]}
    orphans = [e for e in data["entries"] if e["orphan"]]
    assert ("replace" in ops or "delete" in ops) == bool(orphans)
    assert data["check"]["ran"] is False


def test_cli_view(lifecycle_app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str], standards_dir: Path) -> None:
    res = run_cli(capsys, "view", lifecycle_app.submissions, "--out", tmp_path / "v", "--standards", standards_dir)
    assert res.code == 0, res.err
    assert "3 sequence(s), 4 document(s), 3 in force (checked)" in res.out
    assert (tmp_path / "v" / "index.html").is_file()


def test_cli_view_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "view", tmp_path / "nope", "--out", tmp_path / "v")
    assert res.code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    res = run_cli(capsys, "view", empty, "--out", tmp_path / "v")
    assert res.code == 2 and "NNNN" in res.err
