"""A minimal dossier that passes every rule of every jurisdiction, and helpers to break it.

Texts carry en, ja and zh so that the language rules pass; the rule tests mutate one thing at a
time and expect exactly the rule they target to fire.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

import yaml
from ectd_builder.rules.attachments import max_bytes
from pypdf import PdfWriter

from tests.rules.hostile_pdf import CASES


def _blank_pdf() -> bytes:
    """A sound one-page PDF 1.4 (the attachment rules open every attached PDF)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.pdf_header = b"%PDF-1.4"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = _blank_pdf()


def T(s: str) -> dict[str, str]:
    """A text in all three languages."""
    return {"en": s, "ja": f"{s}（日本語）", "zh": f"{s}（中文）"}


def _crit(**kw: Any) -> dict[str, Any]:
    return kw


def _test(tid: str, name: str, category: str, method: str, release: dict[str, Any], **extra: Any) -> dict[str, Any]:
    out = {
        "id": tid,
        "test": T(name),
        "category": category,
        "method": method,
        "release": release,
        "jp_change_class": "partial_change",
    }
    out.update(extra)
    return out


def _site(sid: str, name: str, country: str, roles: list[str]) -> dict[str, Any]:
    return {
        "id": sid,
        "name": T(name),
        "address": {
            "street": "Main Street 1",
            "city": "Town",
            "postal_code": "12345",
            "country": country,
            "localized": T(f"Main Street 1, Town, {country}"),
        },
        "roles": roles,
        "identifiers": {
            "fei": "3001234567",
            "duns": "123456789",
            "oms_location": "LOC-100012345",
            "jp_accreditation": "AG12345678",
        },
    }


def _study(
    sid: str,
    kind: str,
    temp: float,
    rh: float | None,
    batches: list[str],
    points: list[float],
    planned: list[float] | None = None,
    results: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    cond: dict[str, Any] = {"kind": kind, "temperature": {"value": temp, "unit": "°C"}}
    if rh is not None:
        cond["humidity"] = {"value": rh, "unit": "% RH"}
    return {
        "id": sid,
        "condition": cond,
        "container": T("HDPE bottle"),
        "batches": batches,
        "timepoints": points,
        "planned_timepoints": planned or [],
        "results": results or [],
    }


def _stability(prefix: str, batches: list[str], *, field: str, assay_test: str) -> dict[str, Any]:
    assay = [{"batch": b, "test": assay_test, "values": [100.0, 99.8, 99.5]} for b in batches]
    # long-term assay results, so that the Q1E regression can support the proposed period
    lt_assay = [{"batch": b, "test": assay_test, "values": [100.0, 99.9, 99.9, 99.8, 99.8]} for b in batches]
    return {
        "summary": T("Stable under ICH conditions."),
        "storage_statement": T("Store below 25 °C."),
        field: {"value": 24, "unit": "months"},
        "storage_category": "room_temperature",
        "stress_studies": T("60 °C for 10 days, 25 °C / 90% RH for 10 days, light 4500 lx for 10 days (ICH Q1B)."),
        "commitment": T("First three production batches will be placed on stability."),
        "post_approval_protocol": T("One batch per year."),
        "studies": [
            _study(f"{prefix}-LT1", "long_term", 25, 60, batches, [0, 3, 6, 9, 12], [18, 24, 36], lt_assay),
            _study(f"{prefix}-LT2", "long_term", 30, 65, batches, [0, 3, 6, 9, 12], [18, 24, 36], lt_assay),
            _study(f"{prefix}-ACC", "accelerated", 40, 75, batches, [0, 3, 6], results=assay),
            _study(f"{prefix}-PHOTO", "photostability", 25, None, batches[:1], [0]),
            _study(f"{prefix}-HT", "stress", 60, None, batches[:1], [0]),
            _study(f"{prefix}-HH", "stress", 25, 90, batches[:1], [0]),
        ],
    }


def _batch(
    bid: str, site: str, scale: str, uses: list[str], results: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    out = {
        "id": bid,
        "number": bid,
        "site": site,
        "manufactured": "2026-06-01",
        "size": {"value": 100, "unit": "kg"},
        "scale": scale,
        "uses": uses,
        "results": results or [],
    }
    out.update(extra)
    return out


def _method(
    mid: str,
    title: str,
    ptype: str,
    *,
    chars: list[str] | None = None,
    rng: tuple | None = None,
    compendial: str | None = None,
    status: str = "validated",
) -> dict[str, Any]:
    validation: dict[str, Any] = {
        "status": status,
        "characteristics": [{"characteristic": c, "result": T("complies")} for c in chars or []],
    }
    if rng:
        validation["reportable_range"] = {"low": rng[0], "high": rng[1], "unit": rng[2]}
    out = {
        "id": mid,
        "title": T(title),
        "procedure_type": ptype,
        "technique": T("HPLC"),
        "principle": T("principle"),
        "validation": validation,
    }
    if compendial:
        out["compendial"] = T(compendial)
    return out


QUANT = ["specificity", "response", "lower_range_limit", "accuracy", "repeatability", "intermediate_precision"]
ASSAY = ["specificity", "response", "accuracy", "repeatability", "intermediate_precision"]


def _process(prefix: str) -> dict[str, Any]:
    return {
        "description": T("Process description."),
        "steps": [
            {
                "id": f"{prefix}-STEP-1",
                "number": "1",
                "name": T("Reaction"),
                "unit_operation": "reaction",
                "description": T("Step description."),
                "critical": True,
                "jp_change_class": "partial_change",
                "parameters": [
                    {
                        "id": f"{prefix}-PP-1",
                        "name": T("Temperature"),
                        "classification": "CPP",
                        "nor": {"low": 20, "high": 30, "unit": "°C"},
                        "par": {"low": 15, "high": 35, "unit": "°C"},
                        "affects": [f"{prefix}-CQA-1"],
                        "jp_change_class": "partial_change",
                        "ec": {
                            "is_ec": True,
                            "approach": "parameter_based",
                            "reporting": {"fda": "PAS", "ema": "II", "pmda": "partial_change", "nmpa": "major"},
                        },
                    }
                ],
                "controls": [
                    {
                        "id": f"{prefix}-IPC-1",
                        "test": T("Conversion"),
                        "criterion": {"min": 98, "unit": "%"},
                        "jp_change_class": "minor_change",
                    }
                ],
            }
        ],
    }


def _pv(standard: bool = True) -> dict[str, Any]:
    return {
        "approach": "traditional",
        "standard_process": standard,
        "status": "completed",
        "summary": T("PV done."),
        "studies": [{"title": T("PPQ"), "scale": "production", "batches": [], "outcome": T("Passed.")}],
    }


def base_dossier() -> dict[str, Any]:
    ds_batches = ["DS-B1", "DS-B2", "DS-B3"]
    dp_batches = ["DP-B1", "DP-B2", "DP-B3"]
    substance = {
        "id": "API",
        "modality": "small_molecule",
        "nomenclature": {"inn": "examplinib", "names": T("examplinib")},
        "manufacturer_name": "Alpha Chem GmbH",
        "structure": {"molecular_weight": {"value": 400.5, "unit": "g/mol"}},
        "properties": [{"name": T("Solubility"), "value": T("Slightly soluble")}],
        "manufacturers": [{"site": "SITE-DS", "responsibilities": T("Manufacture and testing")}],
        "process": _process("DS"),
        "materials": [
            {
                "id": "SM-1",
                "name": T("4-chloroaniline"),
                "role": "starting_material",
                "quality": T("spec"),
                "justification": {"commercially_available": True, "rationale": T("Commercial chemical.")},
            },
            {"id": "SOLV-1", "name": T("Methanol"), "role": "solvent", "quality": T("Ph. Eur."), "q3c_class": 2},
            {"id": "SOLV-2", "name": T("Ethanol"), "role": "solvent", "quality": T("Ph. Eur.")},
        ],
        "process_validation": _pv(),
        "development": {
            "narrative": T("Development."),
            "cqas": [{"id": "DS-CQA-1", "attribute": T("Purity"), "rationale": T("Safety"), "tests": ["DS-T-IMP-A"]}],
        },
        "characterisation": {"narrative": T("Structure confirmed.")},
        "impurities": [
            {"id": "IMP-A", "name": T("Impurity A"), "type": "organic", "origin": T("By-product")},
        ],
        "specification": {
            "id": "DS-SPEC",
            "justification": T("Justified per ICH Q6A."),
            "tests": [
                _test("DS-T-DESC", "Description", "description", "M-VIS", _crit(text=T("White powder"))),
                _test("DS-T-ID", "Identification (IR)", "identification", "M-IR", _crit(text=T("Conforms"))),
                _test("DS-T-ASSAY", "Assay", "assay", "M-ASSAY", _crit(min=98.0, max=102.0, unit="%")),
                _test("DS-T-IMP-A", "Impurity A", "impurities", "M-IMP", _crit(max=0.15, unit="%"), impurity="IMP-A"),
                _test("DS-T-UNSP", "Any unspecified impurity", "impurities", "M-IMP", _crit(max=0.10, unit="%")),
                _test(
                    "DS-T-MEOH", "Residual solvents: methanol", "residual_solvents", "M-GC", _crit(max=3000, unit="ppm")
                ),
            ],
        },
        "batches": [
            _batch(
                b,
                "SITE-DS",
                "pilot",
                ["stability", "clinical"],
                results=[{"test": "DS-T-IMP-A", "value": 0.08}, {"test": "DS-T-UNSP", "text": T("< 0.05")}],
            )
            for b in ds_batches
        ],
        "container_closure": {
            "description": T("Double LDPE bag"),
            "components": [{"name": T("Bag"), "material": T("LDPE")}],
        },
        "stability": _stability("DS", ds_batches, field="retest_period", assay_test="DS-T-ASSAY"),
    }
    product = {
        "id": "TAB",
        "name": T("Examplinib 50 mg film-coated tablets"),
        "dosage_form": T("Film-coated tablet"),
        "route": "oral",
        "description": T("Yellow round tablet"),
        "substances": ["API"],
        "strengths": [{"id": "S50", "label": T("50 mg"), "amount": {"value": 50, "unit": "mg"}}],
        "composition": [
            {
                "component": "API",
                "function": T("Active"),
                "standard": "In-house",
                "amounts": {"S50": {"value": 50, "unit": "mg"}},
            },
            {
                "component": "MCC",
                "function": T("Filler"),
                "standard": "Ph. Eur.",
                "amounts": {"S50": {"value": 100, "unit": "mg"}},
            },
        ],
        "development": {
            "qtpp": [{"attribute": T("Dosage form"), "target": T("Tablet")}],
            "cqas": [
                {"id": "DP-CQA-1", "attribute": T("Dissolution"), "rationale": T("Efficacy"), "tests": ["DP-T-DISS"]}
            ],
            "components": T("c"),
            "formulation": T("f"),
            "process": T("p"),
            "container_closure": T("cc"),
            "microbiological": T("m"),
        },
        "manufacturers": [{"site": "SITE-DP", "responsibilities": T("Manufacture, packaging, release")}],
        "batch_formulas": [
            {
                "strength": "S50",
                "batch_size": {"value": 100000, "unit": "tablets"},
                "lines": [{"component": "API", "quantity": {"value": 5, "unit": "kg"}}],
            }
        ],
        "process": _process("DP"),
        "process_validation": _pv(),
        "specification": {
            "id": "DP-SPEC",
            "justification": T("Justified per ICH Q6A."),
            "tests": [
                _test("DP-T-DESC", "Description", "description", "M-VIS", _crit(text=T("Yellow tablet"))),
                _test("DP-T-ID", "Identification (HPLC)", "identification", "M-IR", _crit(text=T("Conforms"))),
                _test("DP-T-ASSAY", "Assay", "assay", "M-ASSAY", _crit(min=95.0, max=105.0, unit="%")),
                _test(
                    "DP-T-DEG",
                    "Degradant D1",
                    "degradation_products",
                    "M-IMP",
                    _crit(max=0.2, unit="%"),
                    impurity="DEG-1",
                ),
                _test("DP-T-DISS", "Dissolution", "dissolution", "M-DISS", _crit(min=80, unit="%")),
                _test(
                    "DP-T-UDU",
                    "Uniformity of dosage units",
                    "uniformity_of_dosage_units",
                    "M-UDU",
                    _crit(text=T("Complies with Ph. Eur. 2.9.40")),
                ),
                _test(
                    "DP-T-EI", "Elemental impurities (Pd)", "elemental_impurities", "M-ICP", _crit(max=10, unit="ppm")
                ),
            ],
        },
        "impurities": [
            {"id": "DEG-1", "name": T("Degradant D1"), "type": "degradation_product", "origin": T("Hydrolysis")}
        ],
        "elemental_impurities": {
            "option": "1",
            "elements_assessed": ["Cd", "Pb", "As", "Hg", "Co", "V", "Ni", "Pd"],
            "conclusion": T("Below 30% of PDE except Pd."),
            "controls_above_30_percent": ["Pd"],
        },
        "batches": [
            _batch(
                b,
                "SITE-DP",
                "production",
                ["stability", "registration_testing"],
                strength="S50",
                size={"value": 100000, "unit": "tablets"},
                manufactured="2026-09-01",
            )
            for b in dp_batches
        ],
        "container_closure": {
            "description": T("HDPE bottle"),
            "components": [{"name": T("Bottle"), "material": T("HDPE")}],
        },
        "stability": _stability("DP", dp_batches, field="shelf_life", assay_test="DP-T-ASSAY"),
    }
    return {
        "format": "ectd-builder/1",
        "document_date": "2026-11-30",
        "jurisdictions": ["fda", "ema", "pmda", "nmpa"],
        "product": {
            "name": T("Examplinib"),
            "modality": "small_molecule",
            "application_kind": "new_active",
            "route": "oral",
            "max_daily_dose": {"value": 100, "unit": "mg"},
            "target_zones": ["II", "IVa"],
        },
        "applicant": {
            "name": T("Example Pharma"),
            "address": {"street": "Road 1", "city": "Leiden", "country": "NL", "localized": T("Road 1, Leiden")},
        },
        "applications": {
            "fda": {
                "application_type": "nda",
                "application_number": "212345",
                "applicant_duns": "123456789",
                "submission_type": "original-application",
                "submission_sub_type": "application",
                "contacts": [{"name": "A B", "phone": "+1 555 0100", "email": "a@example.com"}],
            },
            "ema": {
                "uuid": "3f6c2a9e-8d41-4b7a-9c35-1e2f7a6b0d48",
                "procedure": "centralised",
                "submission_type": "maa",
                "submission_unit": "initial",
                "invented_name": "Examplo",
                "description": "Initial MAA",
            },
            "pmda": {"application_category": "new active ingredient", "description": T("New drug application")},
            "nmpa": {
                "application_id": "x202612345",
                "application_type": "cnapt2",
                "product_type": "cnprt1",
                "product_number": "1234567890",
                "regulatory_activity": "cnrat1",
                "sequence_type": "cnsqt1",
                "description": "NDA",
                "contact": {"name": "C D", "phone": "+86 10 5555", "email": "c@example.com"},
            },
        },
        "sites": [
            _site("SITE-DS", "Alpha Chem GmbH", "DE", ["drug_substance_manufacture", "testing"]),
            _site(
                "SITE-DP", "Beta Pharma B.V.", "NL", ["drug_product_manufacture", "primary_packaging", "batch_release"]
            ),
        ],
        "substances": [substance],
        "products": [product],
        "excipients": [
            {
                "id": "MCC",
                "name": T("Microcrystalline cellulose"),
                "function": T("Filler"),
                "compendia": ["ph_eur", "usp_nf", "jp", "chp"],
                "origin": "plant",
            }
        ],
        "methods": [
            _method("M-VIS", "Visual inspection", "other"),
            _method("M-IR", "IR identification", "identification", compendial="Ph. Eur. 2.2.24", status="compendial"),
            _method("M-ASSAY", "HPLC assay", "assay", chars=ASSAY, rng=(80, 120, "%")),
            _method("M-IMP", "HPLC related substances", "impurity_quantitative", chars=QUANT, rng=(0.05, 0.3, "%")),
            _method("M-GC", "GC residual solvents", "impurity_quantitative", chars=QUANT, rng=(50, 4000, "ppm")),
            _method("M-DISS", "Dissolution", "other"),
            _method("M-UDU", "Uniformity of dosage units", "other", compendial="Ph. Eur. 2.9.40", status="compendial"),
            _method("M-ICP", "ICP-MS elemental impurities", "impurity_quantitative", chars=QUANT, rng=(0.5, 20, "ppm")),
        ],
        "attachments": [
            {
                "id": "ATT-EBR",
                "file": "att/ebr.pdf",
                "section": "3.2.R",
                "title": T("Executed batch records"),
                "jurisdictions": ["fda"],
                "kind": "executed_batch_record",
            },
            {
                "id": "ATT-COVER",
                "file": "att/cover.pdf",
                "section": "cover-letter",
                "title": T("Cover letter"),
            },
            *(
                {
                    "id": f"ATT-CN-{n}",
                    "file": f"att/cn-{n.lower()}.pdf",
                    "section": "3.2.R",
                    "title": T(title),
                    "jurisdictions": ["nmpa"],
                    "language": "zh",
                    "kind": kind,
                }
                for n, kind, title in (
                    ("PV", "pv_report", "Process validation report"),
                    ("EBR", "executed_batch_record", "Executed batch records"),
                    ("MVR", "method_validation_package", "Method validation reports"),
                    ("CHROM", "stability_chromatograms", "Stability chromatograms"),
                )
            ),
        ],
    }


def write_dossier(data: dict[str, Any], folder: Path) -> Path:
    """Write ``data`` as dossier.yaml (plus the attachment files it names) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for att in data.get("attachments", []):
        target = folder / att["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_attachment(target, att["file"])
    path = folder / "dossier.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


HOSTILE = "att/hostile/"  # an attachment file here is hostile_pdf.CASES[<stem>], or 'oversize.pdf'


def _write_attachment(target: Path, file: str) -> None:
    """The sound PDF, or for a file under ``att/hostile/`` the hostile PDF its name says."""
    if not file.startswith(HOSTILE):
        target.write_bytes(PDF)
    elif target.stem == "oversize":  # sparse: one byte over the limit ATT-PDF-05 reads, never stored
        target.write_bytes(PDF)
        with target.open("r+b") as fh:
            fh.truncate(max_bytes() + 1)
    else:
        target.write_bytes(CASES[target.stem][0])


def mutated(change: Any) -> dict[str, Any]:
    """A copy of the base dossier with ``change(data)`` applied."""
    data = copy.deepcopy(base_dossier())
    change(data)
    return data
