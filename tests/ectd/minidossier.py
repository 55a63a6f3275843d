"""A small dossier written by the tests: product profile, applications for all four regions,
and attachments only (Module 1 letters and Module 3 PDFs), so the assembly can be tested end to
end without the renderer."""

from __future__ import annotations

from pathlib import Path

from plain import pdf

DOSSIER = """\
format: ectd-builder/1
product:
  name: Examplix 50 mg tablets
  modality: small_molecule
  application_kind: new_active
  route: oral
  max_daily_dose: {value: 100, unit: mg}
  target_zones: [I, II]
applicant:
  name: Acme Pharma
  address: {street: 1 Main Street, city: Springfield, country: US}
  contacts:
    - {name: Jane Doe, phone: "+1-555-0100", email: jane.doe@example.com}
jurisdictions: [fda, ema, pmda, nmpa]
document_date: 2026-01-01
applications:
  fda:
    application_type: nda
    application_number: "123456"
    applicant_duns: "123456789"
    submission_type: original-application
    submission_sub_type: application
    contacts:
      - {name: Jane Doe, phone: "+1-555-0100", email: jane.doe@example.com}
  ema:
    uuid: 3f2504e0-4f89-11d3-9a0c-0305e82c3301
    procedure: centralised
    submission_type: maa
    submission_unit: initial
    procedure_tracking: [EMEA/H/C/009999]
    invented_name: Examplix
    inn: [examplinib]
    description: Initial marketing authorisation application
  pmda:
    application_category: new active ingredient
    description: {en: New drug application, ja: 新有効成分含有医薬品}
  nmpa:
    application_id: x202612345
    application_type: cnapt2
    product_type: cnprt1
    product_number: "1234567890"
    regulatory_activity: cnrat1
    sequence_type: cnsqt1
    description: 首次申请
    contact: {name: 张三, phone: "+86-10-5555-0100", email: zhang.san@example.com}
attachments:
{attachments}
"""

# (id, section, title, jurisdictions): Module 1 codes are regional, so each region gets its own entry.
ATTACHMENTS = (
    ("cover-us", "1.2", "Cover letter", "[fda]"),
    ("cover-eu", "1.0", "Cover letter", "[ema, nmpa]"),
    ("cover-jp", "1.13", "Cover letter", "[pmda]"),
    ("form-us", "1.1", "Form FDA 356h", "[fda]"),
    ("form", "1.2", "Application form", "[ema, nmpa, pmda]"),
    ("ebr", "3.2.R", "Executed batch records", "[]"),
    ("lit", "3.3", "Key literature", "[]"),
)


def write(root: Path, *, version: str = "1", drop: tuple[str, ...] = ()) -> Path:
    """Write the dossier into ``root``; ``version`` changes the batch-record bytes; ``drop`` removes attachments."""
    (root / "attachments").mkdir(parents=True, exist_ok=True)
    lines = []
    for key, section, title, where in ATTACHMENTS:
        if key in drop:
            continue
        data = pdf(f"{key} v{version}" if key == "ebr" else key)
        (root / "attachments" / f"{key}.pdf").write_bytes(data)
        lines.append(
            f"  - {{id: {key}, file: attachments/{key}.pdf, section: \"{section}\", title: {title}, jurisdictions: {where}}}"
        )
    (root / "dossier.yaml").write_text(DOSSIER.replace("{attachments}", "\n".join(lines)), encoding="utf-8")
    return root
