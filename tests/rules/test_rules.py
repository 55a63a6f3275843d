"""Every rule has a passing fixture (the base dossier, possibly prepared) and a failing one."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.jurisdiction.profiles import JURISDICTIONS
from ectd_builder.rules import rule_catalog, run_rules

from .builder import HOSTILE, T, base_dossier, mutated, write_dossier

Change = Callable[[dict[str, Any]], None]


def S(d: dict[str, Any]) -> dict[str, Any]:
    return d["substances"][0]


def P(d: dict[str, Any]) -> dict[str, Any]:
    return d["products"][0]


def spec_test(owner: dict[str, Any], tid: str) -> dict[str, Any]:
    return next(t for t in owner["specification"]["tests"] if t["id"] == tid)


def study(owner: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in owner["stability"]["studies"] if s["id"] == sid)


def method(d: dict[str, Any], mid: str) -> dict[str, Any]:
    return next(m for m in d["methods"] if m["id"] == mid)


def drop_test(owner: dict[str, Any], tid: str) -> None:
    owner["specification"]["tests"] = [t for t in owner["specification"]["tests"] if t["id"] != tid]


# one hostile PDF per attachment rule (tests/rules/test_attachments.py has one per finding code)
ATTACHMENT_CASES = {
    "ATT-PDF-01": "open-launch",
    "ATT-PDF-02": "encrypted",
    "ATT-PDF-03": "broken-xref",
    "ATT-PDF-04": "version-1.3",
    "ATT-PDF-05": "oversize",
}


def hostile_attachment(name: str) -> Change:
    """The first attachment (for FDA) is the hostile PDF ``name`` (builder.HOSTILE)."""
    return lambda d: d["attachments"][0].update(file=f"{HOSTILE}{name}.pdf")


def seq(*changes: Change) -> Change:
    def run(d: dict[str, Any]) -> None:
        for c in changes:
            c(d)

    return run


def setv(get: Callable[[dict[str, Any]], dict[str, Any]], key: str, value: Any) -> Change:
    def run(d: dict[str, Any]) -> None:
        get(d)[key] = value

    return run


def add_test(
    get: Callable[[dict[str, Any]], dict[str, Any]],
    tid: str,
    name: str,
    cat: str,
    release: dict[str, Any],
    **extra: Any,
) -> Change:
    def run(d: dict[str, Any]) -> None:
        get(d)["specification"]["tests"].append(
            {
                "id": tid,
                "test": T(name),
                "category": cat,
                "method": "M-VIS",
                "release": release,
                "jp_change_class": "partial_change",
                **extra,
            }
        )

    return run


def _constant(owner: dict[str, Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda _d: owner


def _accelerated_values(values: list[float]) -> Change:
    """The drug product's accelerated study DP-ACC reports ``values`` in every result."""

    def run(d: dict[str, Any]) -> None:
        for result in study(P(d), "DP-ACC")["results"]:
            result.update(values=values)

    return run


def biologic(d: dict[str, Any]) -> None:
    d["product"]["modality"] = "biologic"
    S(d)["modality"] = "biologic"
    for owner in (S(d), P(d)):
        add_test(
            _constant(owner), f"{owner['id']}-POT", "Potency", "potency", {"min": 80, "max": 125, "unit": "%"}
        )(d)
        add_test(
            _constant(owner),
            f"{owner['id']}-PROT",
            "Protein content",
            "protein_content",
            {"min": 95, "max": 105, "unit": "%"},
        )(d)


def parenteral(d: dict[str, Any]) -> None:
    P(d)["dosage_form"] = T("Solution for injection")
    P(d)["route"] = "parenteral"
    d["product"]["route"] = "parenteral"
    P(d)["elemental_impurities"]["elements_assessed"] += ["Li", "Sb", "Cu"]
    for tid, name, cat in (
        ("DP-T-STER", "Sterility", "sterility"),
        ("DP-T-BET", "Bacterial endotoxins", "endotoxins"),
        ("DP-T-PM", "Particulate matter", "particulate_matter"),
    ):
        add_test(P, tid, name, cat, {"text": T("Complies")})(d)


def oral_liquid(d: dict[str, Any]) -> None:
    P(d)["dosage_form"] = T("Oral solution")
    add_test(P, "DP-T-PH", "pH", "ph", {"min": 4, "max": 6, "unit": "pH"})(d)
    add_test(P, "DP-T-MIC", "Microbial limits", "microbial_limits", {"text": T("TAMC NMT 100 CFU/g")})(d)


def mutagenic(ai_ug: float, limit_ppm: float) -> Change:
    def run(d: dict[str, Any]) -> None:
        S(d)["impurities"].append(
            {
                "id": "MUT-1",
                "name": T("Alkyl mesylate"),
                "type": "mutagenic",
                "origin": T("reagent"),
                "m7_class": 2,
                "acceptable_intake": {"value": ai_ug, "unit": "µg/day"},
            }
        )
        add_test(S, "DS-T-MUT", "Alkyl mesylate", "impurities", {"max": limit_ppm, "unit": "ppm"}, impurity="MUT-1")(d)

    return run


def with_dmf(letter: bool) -> Change:
    def run(d: dict[str, Any]) -> None:
        S(d)["master_files"] = [{"system": "dmf", "number": "012345", "holder": "Alpha Chem GmbH"}]
        if letter:
            S(d)["master_files"][0]["letter"] = "ATT-LOA"
            d["attachments"].append(
                {
                    "id": "ATT-LOA",
                    "file": "att/loa.pdf",
                    "section": "1.4.1",
                    "title": T("Letter of authorization"),
                    "jurisdictions": ["fda"],
                }
            )

    return run


def no_change(d: dict[str, Any]) -> None:
    return None


@dataclass(frozen=True)
class Case:
    rule: str
    jurisdiction: str
    breaks: Change
    prepare: Change = no_change


def _ids(site: str, *drop: str) -> Change:
    def run(d: dict[str, Any]) -> None:
        site_ = next(s for s in d["sites"] if s["id"] == site)
        for k in drop:
            site_["identifiers"].pop(k)

    return run


CASES = [
    # ---- ICH impurities
    Case("Q3A-01", "fda", lambda d: spec_test(S(d), "DS-T-IMP-A")["release"].update(max=0.3)),
    Case("Q3A-02", "ema", lambda d: spec_test(S(d), "DS-T-UNSP")["release"].update(max=0.2)),
    Case("Q3A-03", "pmda", lambda d: S(d)["batches"][0]["results"][1].update(text=T("< 0.1"))),
    Case("BATCH-01", "ema", lambda d: S(d)["batches"][0]["results"][0].update(value=0.21)),
    Case("Q3B-01", "nmpa", lambda d: spec_test(P(d), "DP-T-DEG")["release"].update(max=0.5)),
    Case(
        "Q3B-02",
        "fda",
        add_test(
            P, "DP-T-UNSP", "Any unspecified degradation product", "degradation_products", {"max": 0.5, "unit": "%"}
        ),
    ),
    Case("Q3B-03", "ema", lambda d: P(d)["batches"][0]["results"].append({"test": "DP-T-DEG", "text": T("< 0.2")})),
    Case("Q3C-01", "fda", lambda d: drop_test(S(d), "DS-T-MEOH")),
    Case("Q3C-02", "ema", lambda d: spec_test(S(d), "DS-T-MEOH")["release"].update(max=5000)),
    Case(
        "Q3C-03",
        "pmda",
        lambda d: S(d)["materials"].append(
            {"id": "SOLV-3", "name": T("Benzene"), "role": "solvent", "quality": T("reagent grade")}
        ),
    ),
    Case("Q3C-04", "nmpa", lambda d: S(d)["materials"][1].update(q3c_class=3)),
    Case("Q3D-01", "fda", lambda d: P(d).pop("elemental_impurities")),
    Case("Q3D-02", "ema", lambda d: P(d)["elemental_impurities"]["elements_assessed"].remove("Hg")),
    Case("Q3D-03", "pmda", lambda d: P(d)["elemental_impurities"]["controls_above_30_percent"].append("Ni")),
    Case(
        "Q3D-04",
        "ema",
        lambda d: S(d)["materials"].append(
            {"id": "CAT-1", "name": T("Platinum on carbon"), "role": "catalyst", "quality": T("5% Pt")}
        ),
    ),
    Case(
        "M7-01",
        "nmpa",
        lambda d: S(d)["impurities"].append(
            {"id": "MUT-0", "name": T("Nitroso compound"), "type": "mutagenic", "origin": T("x"), "specified": False}
        ),
    ),
    Case("M7-02", "fda", mutagenic(1.5, 100), prepare=mutagenic(1.5, 15)),
    # ---- stability
    Case(
        "STAB-01",
        "ema",
        seq(
            lambda d: study(S(d), "DS-LT1").update(batches=["DS-B1", "DS-B2"]),
            lambda d: study(S(d), "DS-LT2").update(batches=["DS-B1", "DS-B2"]),
        ),
    ),
    Case(
        "STAB-02",
        "pmda",
        seq(
            lambda d: study(P(d), "DP-LT1").update(timepoints=[0, 3, 6], results=[]),
            lambda d: study(P(d), "DP-LT2").update(timepoints=[0, 3, 6], results=[]),
        ),
    ),
    Case(
        "STAB-03",
        "fda",
        _accelerated_values([100.0, 97.0, 94.0]),
        prepare=lambda d: P(d)["stability"]["studies"].remove(study(P(d), "DP-LT2")),
    ),
    Case("STAB-04", "nmpa", lambda d: P(d)["stability"].update(shelf_life={"value": 36, "unit": "months"})),
    Case("STAB-05", "ema", lambda d: d["product"]["target_zones"].append("IVb")),
    Case(
        "STAB-06",
        "fda",
        seq(
            lambda d: study(P(d), "DP-LT1").update(batches=["DP-B1", "DP-B2"]),
            lambda d: study(P(d), "DP-LT2").update(batches=["DP-B1", "DP-B2"]),
        ),
        prepare=biologic,
    ),
    Case(
        "STAB-11",
        "ema",
        _accelerated_values([100.0, 97.0, 94.0]),
        prepare=lambda d: P(d)["stability"].update(summary=T("No significant change occurred at any condition.")),
    ),
    Case("STAB-07", "pmda", lambda d: study(P(d), "DP-LT1").update(timepoints=[0, 6, 12], results=[])),
    Case("STAB-08", "nmpa", lambda d: study(P(d), "DP-ACC").update(timepoints=[3, 6], results=[])),
    Case(
        "STAB-09",
        "fda",
        seq(
            lambda d: P(d)["stability"]["studies"].remove(study(P(d), "DP-PHOTO")),
            lambda d: P(d)["stability"].update(stress_studies=T("none")),
        ),
    ),
    Case(
        "STAB-10",
        "nmpa",
        seq(
            lambda d: study(P(d), "DP-LT1")["condition"]["humidity"].update(value=75),
            lambda d: study(P(d), "DP-LT1")["condition"]["temperature"].update(value=30),
            lambda d: study(P(d), "DP-LT2")["condition"]["humidity"].update(value=75),
        ),
    ),
    Case(
        "STAB-CN-01",
        "nmpa",
        seq(
            lambda d: S(d)["stability"]["studies"].remove(study(S(d), "DS-HH")),
            lambda d: S(d)["stability"].update(stress_studies=T("none")),
        ),
    ),
    # ---- specifications and methods
    Case("SPEC-01", "fda", lambda d: drop_test(S(d), "DS-T-DESC")),
    Case("SPEC-02", "ema", lambda d: drop_test(P(d), "DP-T-DESC")),
    Case("SPEC-03", "pmda", lambda d: drop_test(P(d), "DP-T-UDU")),
    Case("SPEC-04", "nmpa", lambda d: drop_test(P(d), "DP-T-PM"), prepare=parenteral),
    Case("SPEC-05", "fda", lambda d: drop_test(S(d), "API-POT"), prepare=biologic),
    Case(
        "SPEC-06",
        "ema",
        lambda d: S(d)["impurities"].append(
            {"id": "IMP-B", "name": T("Impurity B"), "type": "organic", "origin": T("By-product")}
        ),
    ),
    Case("SPEC-07", "pmda", lambda d: drop_test(P(d), "DP-T-PH"), prepare=oral_liquid),
    Case("VAL-01", "nmpa", lambda d: method(d, "M-ASSAY")["validation"]["characteristics"].pop(3)),
    Case("VAL-02", "fda", lambda d: method(d, "M-IMP")["validation"]["reportable_range"].update(high=0.2)),
    Case("VAL-03", "ema", lambda d: method(d, "M-DISS")["validation"].update(status="verified")),
    # ---- process, sites, development
    Case("SM-01", "pmda", lambda d: S(d)["materials"][0].pop("justification")),
    Case("SM-02", "nmpa", lambda d: S(d)["materials"][0]["justification"].update(commercially_available=False)),
    Case("SITE-01", "fda", lambda d: d["sites"][1]["roles"].remove("batch_release")),
    Case("CQA-01", "ema", lambda d: S(d)["development"]["cqas"][0].update(tests=[])),
    Case("CPP-01", "pmda", lambda d: S(d)["process"]["steps"][0]["parameters"][0].update(affects=[])),
    Case("COMP-01", "nmpa", lambda d: P(d)["composition"][1].update(amounts={})),
    Case(
        "COMP-02",
        "fda",
        lambda d: P(d)["strengths"].append(
            {"id": "S100", "label": T("100 mg"), "amount": {"value": 100, "unit": "mg"}}
        ),
    ),
    Case("EC-01", "fda", lambda d: S(d)["process"]["steps"][0]["parameters"][0]["ec"]["reporting"].pop("fda")),
    Case("EC-03", "pmda", lambda d: S(d)["process"]["steps"][0]["parameters"][0].update(jp_change_class="minor_change")),
    Case(
        "EC-02",
        "ema",
        lambda d: d.setdefault("lifecycle", {}).update(
            pacmps=[
                {
                    "id": "PACMP-1",
                    "title": T("Site change"),
                    "change": T("Add a site"),
                    "conditions": ["DS-PP-1"],
                    "proposed_reporting": {"fda": "CBE-30"},
                }
            ]
        ),
    ),
    # ---- master files
    Case("DMF-01", "fda", with_dmf(False), prepare=with_dmf(True)),
    Case("DMF-02", "ema", with_dmf(True)),
    # ---- regional
    Case("SITE-US-01", "fda", _ids("SITE-DS", "fei", "duns")),
    Case("SITE-EU-01", "ema", _ids("SITE-DS", "oms_location")),
    Case("SITE-EU-02", "ema", lambda d: d["sites"][1]["address"].update(country="US")),
    Case("SITE-JP-01", "pmda", _ids("SITE-DS", "jp_accreditation")),
    Case("SITE-CN-01", "nmpa", lambda d: d["sites"][0]["address"].update(localized={"en": "Main Street 1"})),
    Case(
        "EU-PV-01",
        "ema",
        lambda d: P(d)["process_validation"].update(
            standard_process=False, studies=[{"title": T("PV"), "scale": "pilot", "outcome": T("ok")}]
        ),
    ),
    Case("EU-TSE-01", "ema", lambda d: d["excipients"][0].update(origin="animal")),
    *(Case(rule_id, "fda", hostile_attachment(name)) for rule_id, name in ATTACHMENT_CASES.items()),
    Case("R-01", "nmpa", lambda d: d.update(attachments=[a for a in d["attachments"] if a["id"] != "ATT-CN-CHROM"])),
    Case("M1-01", "nmpa", lambda d: d.update(attachments=[a for a in d["attachments"] if a["id"] != "ATT-COVER"])),
    Case("JP-AF-01", "pmda", lambda d: spec_test(S(d), "DS-T-ASSAY").pop("jp_change_class")),
    Case(
        "JP-AF-02",
        "pmda",
        seq(
            lambda d: S(d)["process"]["steps"][0].update(jp_change_class="minor_change"),
            lambda d: S(d)["process"]["steps"][0]["parameters"][0].update(jp_change_class="minor_change"),
        ),
    ),
    Case("LANG-01", "pmda", lambda d: P(d).update(name={"en": "Examplinib tablets", "zh": "片"})),
    Case("CN-LANG-01", "nmpa", lambda d: method(d, "M-VIS").update(title={"en": "Visual inspection"})),
    Case("CN-LANG-02", "nmpa", lambda d: d["attachments"][0].update(jurisdictions=[])),
    Case("TR-01", "nmpa", lambda d: method(d, "M-VIS").update(principle={"en": "Visual check", "ja": "目視"})),
    Case("CODE-01", "ema", lambda d: d["applications"]["ema"].update(submission_type="var-type3")),
    Case("M1-PLACE-01", "fda", lambda d: next(a for a in d["attachments"] if a["id"] == "ATT-COVER").update(section="1.99.7")),
    Case("CN-RT-01", "nmpa", lambda d: P(d)["batches"][0].update(uses=["stability"])),
    Case("CN-RT-02", "nmpa", lambda d: P(d)["batches"][0].update(manufactured="2025-01-01")),
    Case("REF-PH-01", "pmda", lambda d: d["excipients"][0].update(compendia=["ph_eur", "usp_nf"])),
    # ---- narrative drift (exact positions in test_drift.py)
    Case("DRIFT-01", "fda", lambda d: P(d)["development"].update(components=T("Assay 90.0-110.0 % is kept."))),
    Case("DRIFT-02", "fda", lambda d: P(d)["process"]["steps"][0].update(description=T("Temperature 40-50 °C."))),
    Case("DRIFT-03", "fda", lambda d: P(d)["process"].update(batch_scale=T("The batch size is 200,000 tablets."))),
    Case("DRIFT-04", "fda", lambda d: P(d)["stability"].update(commitment=T("A shelf life of 36 months."))),
    Case("DRIFT-05", "fda", lambda d: P(d)["strengths"][0].update(label=T("40 mg"))),
    Case("DRIFT-06", "fda", lambda d: P(d)["specification"].update(justification=T("Assay 90.0-110.0 %."))),
    Case("DRIFT-07", "fda", lambda d: d["applications"]["fda"].update(description="NDA 212399")),
]


@pytest.fixture(scope="module")
def load(tmp_path_factory: pytest.TempPathFactory) -> Callable[[dict[str, Any]], Any]:
    counter = iter(range(10_000))
    seen: dict[str, Any] = {}

    def run(data: dict[str, Any]) -> Any:
        key = json.dumps(data, sort_keys=True, default=str)
        if key not in seen:  # identical fixtures (e.g. the unchanged base) are loaded once
            folder = tmp_path_factory.mktemp(f"d{next(counter)}")
            seen[key] = load_dossier(write_dossier(data, folder).parent)
        return seen[key]

    return run


def _fired(result: Any, jurisdiction: str, rule_id: str) -> list[Any]:
    assert result.dossier is not None, [p.message for p in result.problems]
    return [p for p in run_rules(result, [jurisdiction]) if p.code == rule_id]


def test_catalogue_has_at_least_40_rules_and_each_is_tested() -> None:
    ids = {r.code for r in rule_catalog()}
    assert len(ids) >= 40
    assert ids == {c.rule for c in CASES}


def test_base_dossier_passes_every_rule_everywhere(load: Callable[[dict[str, Any]], Any]) -> None:
    result = load(base_dossier())
    assert [p for p in result.problems if p.severity.value == "error"] == []
    problems = run_rules(result, JURISDICTIONS)
    assert [(p.jurisdiction, p.code, p.message) for p in problems] == []


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_rule_passes(case: Case, load: Callable[[dict[str, Any]], Any]) -> None:
    assert _fired(load(mutated(case.prepare)), case.jurisdiction, case.rule) == []


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_rule_fails(case: Case, load: Callable[[dict[str, Any]], Any]) -> None:
    fired = _fired(load(mutated(seq(case.prepare, case.breaks))), case.jurisdiction, case.rule)
    assert fired, f"{case.rule} did not fire"
    for p in fired:
        assert p.jurisdiction == case.jurisdiction
        assert p.file and p.file.endswith("dossier.yaml") and p.line and p.col, p
        assert p.reference and p.hint and p.message


def test_regional_rules_stay_in_their_region(load: Callable[[dict[str, Any]], Any]) -> None:
    broken = mutated(_ids("SITE-DS", "fei", "duns"))
    result = load(broken)
    by_j = {j: [p.code for p in run_rules(result, [j])] for j in JURISDICTIONS}
    assert "SITE-US-01" in by_j["fda"]
    assert all("SITE-US-01" not in by_j[j] for j in ("ema", "pmda", "nmpa"))


def test_problem_points_at_the_node(load: Callable[[dict[str, Any]], Any], tmp_path: Path) -> None:
    data = mutated(lambda d: spec_test(S(d), "DS-T-IMP-A")["release"].update(max=0.3))
    result = load(data)
    (problem,) = _fired(result, "fda", "Q3A-01")
    assert problem.path == "substances[0].specification.tests[3].release.max"
    lines = Path(result.root, "dossier.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1][problem.col - 1 :].startswith("0.3")
