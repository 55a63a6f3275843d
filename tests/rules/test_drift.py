"""Rules DRIFT-01 to DRIFT-07: narrative that quotes a number the structured data contradict.

Each kind has a failing fixture (the warning sits on the quoted number, and names the structured
value's file:line:col) and a passing one (the same sentence quoting the right value).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.rules import run_rules
from ectd_builder.rules.drift import QOS_FIELDS
from ectd_builder.rules.quantities_in_text import quantities_in

from .builder import T, mutated, write_dossier

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "common" / "m2"


def P(d: dict[str, Any]) -> dict[str, Any]:
    return d["products"][0]


def _at(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` at or after ``start``."""
    offset = text.index(needle, start)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _run(tmp_path: Path, change: Callable[[dict[str, Any]], None], code: str, jurisdiction: str = "fda") -> tuple[list[Any], str]:
    path = write_dossier(mutated(change), tmp_path / "d")
    result = load_dossier(path.parent)
    assert result.dossier is not None, [p.message for p in result.problems]
    fired = [p for p in run_rules(result, [jurisdiction]) if p.code == code]
    return fired, path.read_text(encoding="utf-8")


def _spec_min(text: str, test_id: str, written: str) -> tuple[int, int]:
    return _at(text, written, text.index(f"id: {test_id}"))


# kind, rule, where the narrative goes, wrong text, right text, quoted number, (structured anchor, written)
KINDS = [
    (
        "spec limit",
        "DRIFT-01",
        lambda d, s: P(d)["development"].update(components=T(s)),
        "Assay 90.0-110.0 % of label claim is kept.",
        "Assay 95.0-105.0 % of label claim is kept.",
        "90.0-110.0 %",
        ("id: DP-T-ASSAY", "min: 95.0"),
    ),
    (
        "CPP range",
        "DRIFT-02",
        lambda d, s: P(d)["process"]["steps"][0].update(description=T(s)),
        "Temperature 40-50 °C throughout.",
        "Temperature 20-30 °C throughout.",
        "40-50 °C",
        ("id: DP-PP-1", "low: 20"),
    ),
    (
        "batch size",
        "DRIFT-03",
        lambda d, s: P(d)["process"].update(batch_scale=T(s)),
        "The batch size is 200,000 tablets.",
        "The batch size is 100,000 tablets.",
        "200,000 tablets",
        ("id: DP-B1", "value: 100000"),
    ),
    (
        "shelf life",
        "DRIFT-04",
        lambda d, s: P(d)["stability"].update(commitment=T(s)),
        "The shelf life of 36 months is confirmed on three batches.",
        "The shelf life of 24 months is confirmed on three batches.",
        "36 months",
        ("shelf_life:", "value: 24"),
    ),
    (
        "strength",
        "DRIFT-05",
        lambda d, s: P(d)["development"].update(components=T(s)),
        "The 40 mg tablets contain microcrystalline cellulose.",
        "The 50 mg tablets contain microcrystalline cellulose.",
        "40 mg",
        ("strengths:", "value: 50"),
    ),
    (
        "QOS vs 3.2",
        "DRIFT-06",
        lambda d, s: P(d)["specification"].update(justification=T(s)),
        "Assay 90.0-110.0 % of label claim at release.",
        "Assay 95.0-105.0 % of label claim at release.",
        "90.0-110.0 %",
        ("id: DP-T-ASSAY", "min: 95.0"),
    ),
    (
        "cover letter",
        "DRIFT-07",
        lambda d, s: next(a for a in d["attachments"] if a["id"] == "ATT-COVER").update(title=T(s)),
        "Cover letter - NDA 212399 for Examplinib 50 mg tablets",
        "Cover letter - NDA 212345 for Examplinib 50 mg tablets",
        "212399",
        ("application_number:", "'212345'"),
    ),
]


@pytest.mark.parametrize("kind", KINDS, ids=[k[0] for k in KINDS])
def test_drift_fails_at_the_quoted_number_and_names_the_value(kind: Any, tmp_path: Path) -> None:
    _, code, put, wrong, _right, quoted, (anchor, written) = kind
    fired, text = _run(tmp_path, lambda d: put(d, wrong), code)
    assert fired, f"{code} did not fire"
    first = fired[0]
    assert (first.line, first.col) == _at(text, f"{quoted}", text.index(wrong)), first
    assert first.severity.value == "warning" and first.file and first.file.endswith("dossier.yaml")
    (related,) = first.related
    assert (related.line, related.col) == _at(text, written, text.index(anchor))
    assert f"dossier.yaml:{related.line}:{related.col}" in first.message


@pytest.mark.parametrize("kind", KINDS, ids=[k[0] for k in KINDS])
def test_drift_passes_when_the_text_agrees(kind: Any, tmp_path: Path) -> None:
    _, code, put, _wrong, right, _quoted, _anchor = kind
    fired, _ = _run(tmp_path, lambda d: put(d, right), code)
    assert fired == []


def test_cover_letter_strength_is_checked_too(tmp_path: Path) -> None:
    fired, text = _run(tmp_path, lambda d: d["applications"]["fda"].update(description="NDA 212345, 40 mg tablets"), "DRIFT-07")
    assert [(p.line, p.col) for p in fired] == [_at(text, "40 mg")]
    assert "strength" in fired[0].message


def test_qos_text_is_checked_in_the_summary_language(tmp_path: Path) -> None:
    """PMDA reads the QOS in Japanese and Module 3 in English: each language under its own rule."""

    def put(d: dict[str, Any]) -> None:
        P(d)["specification"]["justification"] = {
            "en": "Assay 95.0-105.0 %.",
            "ja": "Assay 90.0-110.0 %（日本語）",
            "zh": "Assay 95.0-105.0 %",
        }

    fired, text = _run(tmp_path, put, "DRIFT-06", "pmda")
    assert [(p.line, p.col) for p in fired] == [_at(text, "90.0-110.0 %")]
    assert _run(tmp_path / "2", put, "DRIFT-01", "pmda")[0] == []


def test_cqa_target_is_about_the_tests_of_the_cqa(tmp_path: Path) -> None:
    def target(value: str) -> Callable[[dict[str, Any]], None]:
        return lambda d: P(d)["development"]["cqas"][0].update(target=T(value))

    fired, text = _run(tmp_path, target("NLT 75 % (Q) in 30 min"), "DRIFT-06")
    assert [(p.line, p.col) for p in fired] == [_at(text, "NLT 75 %")]
    assert _run(tmp_path / "ok", target("NLT 80 % (Q) in 30 min"), "DRIFT-06")[0] == []


def test_results_and_changes_are_not_limits(tmp_path: Path) -> None:
    def put(d: dict[str, Any]) -> None:
        P(d)["stability"]["summary"] = T(
            "Assay decreased by ≤ 1.1 %; a shelf life of 24 months (2 × 12 months of data) is proposed; "
            "the batch size increases from 100,000 tablets to 400,000 tablets."
        )

    for code in ("DRIFT-01", "DRIFT-03", "DRIFT-04", "DRIFT-06"):
        assert _run(tmp_path / code, put, code)[0] == [], code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Assay 95.0–105.0 %", [("range", 95.0, 105.0, "%")]),
        ("95.0-105.0%", [("range", 95.0, 105.0, "%")]),
        ("表示量の95.0～105.0 %", [("range", 95.0, 105.0, "%")]),
        ("标示量的95.0%～105.0%", [("range", 95.0, 105.0, "%")]),
        ("NMT 0.20 %", [("max", None, 0.2, "%")]),
        ("≤ 0.20 %", [("max", None, 0.2, "%")]),
        ("不得过0.20%", [("max", None, 0.2, "%")]),
        ("0.20 %以下", [("max", None, 0.2, "%")]),
        ("NLT 80 % in 30 min", [("min", 80.0, None, "%"), ("value", 30.0, 30.0, "min")]),
        ("24 months", [("value", 24.0, 24.0, "months")]),
        ("24か月", [("value", 24.0, 24.0, "months")]),
        ("24个月", [("value", 24.0, 24.0, "months")]),
        ("200 kg", [("value", 200.0, 200.0, "kg")]),
        ("50 mg", [("value", 50.0, 50.0, "mg")]),
        ("1,200 L", [("value", 1200.0, 1200.0, "L")]),
        ("25 °C/60 % RH", [("value", 25.0, 25.0, "°C")]),
        ("from 200 kg to 400 kg", [("value", 200.0, 200.0, "kg"), ("value", 400.0, 400.0, "kg")]),
        ("ICH Q1A(R2) 2.2.7, f2 ≥ 50", []),
    ],
)
def test_quantities_in_text(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert [(q.bound, q.low, q.high, q.unit) for q in quantities_in(text)] == expected


def test_qos_fields_match_the_summary_templates() -> None:
    """Every narrative the 2.3.S and 2.3.P templates print is in QOS_FIELDS (and nothing else)."""
    for template, owner, var in (("2.3.S.xhtml.j2", "substances", "s"), ("2.3.P.xhtml.j2", "products", "p")):
        source = (TEMPLATES / template).read_text(encoding="utf-8")
        printed = set(re.findall(rf"\bt\({var}\.([a-z_.]+)", source))
        listed = {".".join(f) for f in QOS_FIELDS[owner] if "*" not in f}
        assert printed == listed, (template, printed ^ listed)


def test_changed_assay_limit_warns_at_the_narrative(tmp_path: Path) -> None:
    """The tablet example with assay 94.0–106.0 %: its justification still quotes 95.0-105.0 %."""
    folder = tmp_path / "tablet"
    shutil.copytree(EXAMPLES / "tablet", folder)
    product = folder / "product" / "quorvatinib-tablets.yaml"
    source = product.read_text(encoding="utf-8")
    old = 'release: {min: 95.0, max: 105.0, unit: "% of label claim"}'
    assert source.count(old) == 1
    product.write_text(source.replace(old, 'release: {min: 94.0, max: 106.0, unit: "% of label claim"}'), encoding="utf-8")
    result = load_dossier(folder)
    fired = [p for p in run_rules(result, ["fda"]) if p.code.startswith("DRIFT")]
    text = product.read_text(encoding="utf-8")
    target = _at(text, '95.0-105.0 % of label claim", ja')  # the assay CQA's target (it names the test)
    narrative = _at(text, "95.0-105.0 % of label claim at release")  # the specification's justification
    spec = _at(text, "{min: 94.0")
    assert sorted((p.code, p.line, p.col) for p in fired) == [("DRIFT-06", *target), ("DRIFT-06", *narrative)]
    for p in fired:
        assert f"quorvatinib-tablets.yaml:{spec[0]}:{spec[1]}" in p.message
        assert (p.related[0].line, p.related[0].col) == spec


@pytest.mark.parametrize("name", ["tablet", "mab"])
def test_examples_have_no_drift(name: str) -> None:
    result = load_dossier(EXAMPLES / name)
    fired = [p for p in run_rules(result, ["fda", "ema", "pmda", "nmpa"]) if p.code.startswith("DRIFT")]
    assert [f"{p.jurisdiction} {p.location} {p.message}" for p in fired] == []


def test_related_location_reaches_json_and_sarif(tmp_path: Path) -> None:
    import json

    import jsonschema
    from ectd_builder.report import render_json, render_sarif
    from ectd_builder.resources import data_dir

    fired, text = _run(tmp_path, lambda d: P(d)["specification"].update(justification=T("Assay 90.0-110.0 %.")), "DRIFT-06")
    where = _at(text, "min: 95.0", text.index("id: DP-T-ASSAY"))
    doc = json.loads(render_json(fired))
    jsonschema.validate(doc, json.loads((data_dir("schemas") / "report.schema.json").read_text(encoding="utf-8")))
    (related,) = doc["problems"][0]["related"]
    assert (related["line"], related["col"]) == where
    result = json.loads(render_sarif(fired))["runs"][0]["results"][0]
    region = result["relatedLocations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == where


def test_cover_letter_pdf_text_is_checked(tmp_path: Path) -> None:
    from fpdf import FPDF

    path = write_dossier(mutated(lambda d: None), tmp_path / "d")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "Original NDA 212399 for Examplinib 40 mg film-coated tablets. Site FEI 3001234568.")
    pdf.output(str(path.parent / "att" / "cover.pdf"))
    result = load_dossier(path.parent)
    fired = [p for p in run_rules(result, ["fda"]) if p.code == "DRIFT-07"]
    text = path.read_text(encoding="utf-8")
    entry = _at(text, "att/cover.pdf")
    assert {(p.line, p.col) for p in fired} == {entry}
    assert sorted(p.message.split(" names ")[1].split(",")[0] for p in fired) == [
        "'40 mg' as a strength",
        "FEI 3001234568",
        "application '212399'",
    ]
    assert all("att/cover.pdf (page 1)" in p.message and p.related for p in fired)


def test_a_parenthesis_between_name_and_number_is_aside(tmp_path: Path) -> None:
    """"36か月（…データ12か月…）の有効期間": the data in parentheses neither bind nor block."""

    def summary(months: int) -> Callable[[dict[str, Any]], None]:
        ja = f"両包装について{months}か月（長期保存試験データ12か月の2倍）の有効期間を提案する。"
        return lambda d: P(d)["stability"].update(summary={"en": "Stable.", "ja": ja, "zh": "稳定。"})

    fired, text = _run(tmp_path, summary(36), "DRIFT-06", "pmda")
    assert [(p.line, p.col) for p in fired] == [_at(text, "36か月")]
    assert _run(tmp_path / "ok", summary(24), "DRIFT-06", "pmda")[0] == []


def test_a_material_s_own_limits_are_not_the_substance_s(tmp_path: Path) -> None:
    def quality(d: dict[str, Any]) -> None:
        d["substances"][0]["materials"][0]["quality"] = T("Assay 90.0-110.0 %, NMT 0.5 % impurity A.")

    for code in ("DRIFT-01", "DRIFT-06"):
        assert _run(tmp_path / code, quality, code)[0] == [], code
    def narrative(d: dict[str, Any]) -> None:
        d["substances"][0]["development"].update(narrative=T("Assay 90.0-110.0 %."))

    fired, _ = _run(tmp_path / "narrative", narrative, "DRIFT-06")
    assert len(fired) == 1  # the same words in the substance's own narrative do warn
