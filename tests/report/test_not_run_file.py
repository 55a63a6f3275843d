"""A check that did not run names the file it is about: text, JSON and SARIF show it, and the viewer
ties it to its sequence by that file, never by the words of the check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ectd_builder.problems import NotRun, Outcome
from ectd_builder.report import render_json, render_sarif, render_text
from ectd_builder.site.model import load, site_model

from tests.diff.app_builder import App

# the check's wording names another sequence than its file: text parsing would pick the wrong one
ABOUT_0002 = NotRun("schema validation (compared with 0001/index.xml)", "schema not in store", "ectd standards fetch",
                    file="0002/index.xml")
UNSAID = NotRun("schema validation of 0002/index.xml", "schema not in store")


def test_text_json_and_sarif_show_the_file() -> None:
    text = render_text([], [ABOUT_0002, UNSAID])
    assert "0002/index.xml: not run: schema validation (compared with 0001/index.xml): schema not in store" in text
    assert "\nnot run: schema validation of 0002/index.xml: schema not in store" in text
    named = NotRun("schema validation of 0002/index.xml", "schema not in store", file="0002/index.xml")
    assert render_text([], [named]).startswith("not run: schema validation of 0002/index.xml")  # named once
    doc = json.loads(render_json([], [ABOUT_0002, UNSAID]))
    assert doc["not_run"][0]["file"] == "0002/index.xml"
    assert "file" not in doc["not_run"][1]  # unknown: the key is left out, as 'related' is for problems
    notes = json.loads(render_sarif([], [ABOUT_0002, UNSAID]))["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "0002/index.xml"
    assert "locations" not in notes[1]


def test_viewer_ties_a_not_run_check_to_its_file_not_its_wording(lifecycle_app: App, tmp_path: Path) -> None:
    loaded = load(lifecycle_app.submissions)
    assert {"0001", "0002"} <= {s.name for s in loaded.sequences}
    data = site_model(loaded, tmp_path, outcome=Outcome(not_run=(ABOUT_0002, UNSAID)))
    shown = [(n["file"], n["sequence"]) for n in data["check"]["not_run"]]
    # the first names 0001 in its text but is about 0002; the second names 0002 but gives no file,
    # so it is shown for the whole application (the old text parsing gave 0001 and 0002)
    assert shown == [("0002/index.xml", "0002"), (None, None)]


def test_viewer_strips_the_check_prefix_like_for_problems(lifecycle_app: App, tmp_path: Path) -> None:
    loaded = load(lifecycle_app.submissions)
    item = NotRun("read", "unreadable", file="app/0002/m1/eu/eu-regional.xml")
    data = site_model(loaded, tmp_path, outcome=Outcome(not_run=(item,)), check_prefix="app/")
    assert data["check"]["not_run"][0]["sequence"] == "0002"


def test_ledger_signatures_not_run_names_the_ledger(monkeypatch: pytest.MonkeyPatch) -> None:
    from ectd_builder.ledger import chain, signing

    monkeypatch.setattr(signing, "crypto_available", lambda: False)
    signed = chain.Line(1, b"{}", {"signature": "x"})
    _, not_run = chain.signature_problems([signed], "submissions/ledger.jsonl", [])
    assert [(n.check, n.file) for n in not_run] == [("ledger signatures", "submissions/ledger.jsonl")]
