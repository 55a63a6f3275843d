"""``ectd check`` end to end: formats, exit codes, region override, missing standards, JP."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from tests.check.check_builders import good_seq, write_sequence
from tests.cli_helpers import run_cli


@pytest.fixture
def good_eu(tmp_path: Path, standards_dir: Path, pdfs) -> Path:  # type: ignore[no-untyped-def]
    return write_sequence(tmp_path / "app", good_seq("eu", pdfs=pdfs), standards_dir)


def test_clean_sequence_exits_0(capsys, good_eu: Path, standards_dir: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(capsys, "check", good_eu, "--standards", standards_dir)
    assert result.code == 0, result.out + result.err
    assert "0 errors" in result.out


def test_problems_exit_1_and_json_shape(capsys, good_eu: Path, standards_dir: Path, repo_root: Path) -> None:  # type: ignore[no-untyped-def]
    (good_eu / "index-md5.txt").write_text("0" * 32)
    result = run_cli(capsys, "check", good_eu, "--standards", standards_dir, "--format", "json")
    assert result.code == 1
    data = result.json()
    schema = json.loads((repo_root / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    problem = next(p for p in data["problems"] if p["code"] == "EU-8.3")
    assert problem["file"] == "0000/index-md5.txt"
    assert problem["reference"].startswith("EU VC v6.1 8.3")


def test_sarif_lists_rules(capsys, good_eu: Path, standards_dir: Path) -> None:  # type: ignore[no-untyped-def]
    (good_eu / "m3" / "stray.txt").write_text("x")
    result = run_cli(capsys, "check", good_eu, "--standards", standards_dir, "--format", "sarif")
    assert result.code == 1
    log = json.loads(result.out)
    run = log["runs"][0]
    rule_ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {"EU-15.8", "EU-15.2"} <= rule_ids
    assert {r["ruleId"] for r in run["results"]} >= {"EU-15.8", "EU-15.2"}


def test_missing_standards_is_not_run_with_fix(capsys, good_eu: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(capsys, "check", good_eu, "--standards", tmp_path / "empty-store", "--format", "json")
    data = result.json()
    not_run = [n for n in data["not_run"] if n["check"].startswith("schema validation")]
    assert len(not_run) == 2
    assert all("ectd standards import" in n["fix"] for n in not_run)
    # nothing found, but the backbones could not be judged: exit 2 (README), naming the check
    assert result.code == 2
    assert "error: schema validation of 0000/index.xml did not run (and 1 more)" in result.err


def _store_without(standards_dir: Path, tmp_path: Path, missing: str) -> Path:
    store = tmp_path / "store"
    shutil.copytree(standards_dir, store)
    (store / missing).unlink()
    return store


def test_store_missing_a_companion_file_exits_2(capsys, good_eu: Path, standards_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = _store_without(standards_dir, tmp_path, "eu-m1-3.1/eu-leaf.mod")
    result = run_cli(capsys, "check", good_eu, "--standards", store)
    assert result.code == 2, result.out + result.err
    assert "not run: schema validation of 0000/m1/eu/eu-regional.xml: eu-m1-3.1 is incomplete" in result.out
    assert result.err.startswith("error: schema validation of 0000/m1/eu/eu-regional.xml did not run:")
    # the twin: the full store judges both backbones and the run is clean
    assert run_cli(capsys, "check", good_eu, "--standards", standards_dir).code == 0


def test_unknown_eu_dtd_version_exits_2(capsys, good_eu: Path, standards_dir: Path) -> None:  # type: ignore[no-untyped-def]
    regional = good_eu / "m1" / "eu" / "eu-regional.xml"
    regional.write_text(regional.read_text().replace('dtd-version="3.1"', 'dtd-version="9.9"'))
    result = run_cli(capsys, "check", good_eu, "--standards", standards_dir, "--format", "json")
    assert result.code == 2
    reasons = {n["check"]: n["reason"] for n in result.json()["not_run"]}
    assert reasons["schema validation of 0000/m1/eu/eu-regional.xml"] == "no EU Module 1 DTD known for dtd-version '9.9'"
    assert "did not run: no EU Module 1 DTD known for dtd-version '9.9'" in result.err


def test_region_and_criteria_override(capsys, good_eu: Path, standards_dir: Path) -> None:  # type: ignore[no-untyped-def]
    (good_eu / "readme.txt").write_text("x")
    eu = run_cli(capsys, "check", good_eu, "--standards", standards_dir, "--format", "json").json()
    assert "EU-15.9" in {p["code"] for p in eu["problems"]}
    ich = run_cli(
        capsys, "check", good_eu, "--standards", standards_dir, "--format", "json", "--criteria", "ich"
    ).json()
    codes = {p["code"] for p in ich["problems"]}
    assert "EU-15.9" not in codes and all(c.startswith("ICH-") for c in codes)
    cn = run_cli(capsys, "check", good_eu, "--standards", standards_dir, "--format", "json", "--region", "cn").json()
    assert "ICH-XML-6" in {p["code"] for p in cn["problems"]}  # m1/cn/cn-regional.xml expected


def test_bad_options_exit_2(capsys, good_eu: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli(capsys, "check", good_eu, "--region", "xx").code == 2
    assert run_cli(capsys, "check", tmp_path / "nothing").code == 2
    assert run_cli(capsys, "check", good_eu, "--criteria", "nope").code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli(capsys, "check", empty).code == 2


def test_japan_regional_is_not_run(capsys, tmp_path: Path, standards_dir: Path, pdfs) -> None:  # type: ignore[no-untyped-def]
    folder = write_sequence(tmp_path / "app", good_seq("eu", pdfs=pdfs), standards_dir)
    jp = folder / "m1" / "jp"
    (folder / "m1" / "eu").rename(jp)
    text = (
        (jp / "eu-regional.xml")
        .read_text()
        .replace("eu:eu-backbone", "jp:jp-regional")
        .replace('xmlns:eu="http://europa.eu.int"', 'xmlns:jp="urn:example:jp"')
    )
    (jp / "jp-regional.xml").write_text(text)
    (jp / "eu-regional.xml").unlink()
    index = folder / "index.xml"
    index.write_text(index.read_text().replace("m1/eu/eu-regional.xml", "m1/jp/jp-regional.xml"))
    data = run_cli(capsys, "check", folder, "--standards", standards_dir, "--format", "json").json()
    reasons = [n["reason"] for n in data["not_run"]]
    assert any("Japanese regional Module 1 schema" in r for r in reasons)
    assert run_cli(capsys, "check", folder, "--standards", standards_dir).code == 2  # the JP schema check cannot run
