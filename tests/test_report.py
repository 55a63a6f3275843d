"""Problem formatters: text, JSON (against its published schema) and SARIF 2.1.0."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from ectd_builder.problems import NotRun, Problem, RuleInfo, Severity, exit_code
from ectd_builder.report import render_json, render_sarif, render_text
from ectd_builder.resources import data_dir

from tests.cli_helpers import run_cli

BASE = Path(__file__).parent / "dossier" / "base"

PROBLEMS = [
    Problem("ref-unknown", Severity.ERROR, "'X' does not name any method.", "d/a.yaml", 4, 7, "a.b", "Did you mean 'Y'?"),
    Problem("Q3A-01", Severity.WARNING, "Limit above QT.", "d/b.yaml", 2, 1, jurisdiction="ema", reference="ICH Q3A(R2)"),
]


def test_text_lines_are_editor_clickable() -> None:
    text = render_text(PROBLEMS, [NotRun("DTD validation", "standards missing", "ectd standards fetch")])
    assert "d/a.yaml:4:7: error [ref-unknown] 'X' does not name any method." in text
    assert "    hint: Did you mean 'Y'?" in text
    assert "not run: DTD validation: standards missing" in text
    assert text.rstrip().endswith("1 error, 1 warning, 1 check not run")


def test_json_follows_the_published_schema() -> None:
    schema = json.loads((data_dir("schemas") / "report.schema.json").read_text(encoding="utf-8"))
    doc = json.loads(render_json(PROBLEMS, [NotRun("x", "y")]))
    jsonschema.validate(doc, schema)
    assert doc["summary"] == {"errors": 1, "warnings": 1, "infos": 0, "not_run": 1}


def test_sarif_lists_rules_and_locations() -> None:
    rules = [
        RuleInfo("Q3A-01", "Impurity above qualification threshold", reference="ICH Q3A(R2)", default_severity=Severity.WARNING)
    ]
    log = json.loads(render_sarif(PROBLEMS, (), rules))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule_ids == ["Q3A-01", "ref-unknown"]
    [first] = [r for r in run["results"] if r["ruleId"] == "ref-unknown"]
    assert rule_ids[first["ruleIndex"]] == "ref-unknown"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 4, "startColumn": 7}
    assert [r["level"] for r in run["results"] if r["ruleId"] == "Q3A-01"] == ["warning"]


def test_exit_codes() -> None:
    assert exit_code([]) == 0
    assert exit_code([PROBLEMS[1]]) == 0
    assert exit_code([PROBLEMS[1]], strict=True) == 1
    assert exit_code(PROBLEMS) == 1


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_validate_formats_end_to_end(capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> None:
    dossier = tmp_path / "d"
    shutil.copytree(BASE, dossier)
    path = dossier / "methods.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("technique: HPLC", "techniqe: HPLC"), encoding="utf-8")
    result = run_cli(capsys, "validate", dossier, "--format", fmt)
    assert result.code == 1
    if fmt == "text":
        assert f"{dossier}/methods.yaml:5:5: error [schema-unknown-key]" in result.out
        assert "\x1b[" not in result.out  # no colour codes when not on a terminal
    elif fmt == "json":
        unknown = [p for p in result.json()["problems"] if p["code"] == "schema-unknown-key"]
        assert [(p["line"], p["col"]) for p in unknown] == [(5, 5)]
    else:
        rules = {r["ruleId"] for r in result.json()["runs"][0]["results"]}
        assert rules == {"schema-unknown-key", "schema-missing"}


def test_fetch_report_names_failures_and_files_without_address() -> None:
    from ectd_builder.ectd.standards import FetchResult
    from ectd_builder.report.blocks import plain_text
    from ectd_builder.report.standards import fetch_lines

    result = FetchResult(fetched=["a/x.dtd"], no_address=["b/y.mod", "b/z.mod"], failed=[("c/w.xsd", "timed out")])
    lines = list(fetch_lines(result, Path("/store")))
    assert plain_text(lines).splitlines() == [
        "  failed c/w.xsd: timed out",
        "  2 file(s) have no official direct address (published only inside ZIP packages): "
        "use --base-url MIRROR or `ectd standards import DIR`",
        "1 fetched, 0 already present, 2 without address, 1 failed -> /store",
    ]
    assert [b[0].style for b in lines] == ["error", "warning", "heading"]


def test_requirements_blocks_mark_unverified_facts() -> None:
    from ectd_builder.report.blocks import Span, Table, line_text
    from ectd_builder.report.requirements import requirements_blocks

    fact = {"key": "k", "value": {"m1": "ja"}, "source": "S", "verified": False, "note": "n"}
    entry = {"jurisdiction": "pmda", "region": "jp", "agency": "PMDA", "notices": ["x"], "facts": [fact],
             "rules": [], "ich_tables": [], "unverified": [{"key": "k"}]}
    blocks = list(requirements_blocks(entry))
    facts = next(b for b in blocks if isinstance(b, Table) and b.title == "Facts")
    assert facts.rows == (("k", "m1: ja", "S\nnote: n", Span("NO (unverified)", "warning")),)
    texts = [line_text(b) for b in blocks if not isinstance(b, Table)]
    assert texts == ["PMDA (jp): PMDA", "note: x", "1 unverified fact(s): k", ""]
