"""Plain build inputs for the assembly tests (no dossier model needed)."""

from __future__ import annotations

from pathlib import Path

from ectd_builder.ectd.model import (
    BuildRequest,
    CnEnvelope,
    Envelope,
    EuEnvelope,
    FdaEnvelope,
    JpEnvelope,
    PlannedFile,
)

JURISDICTIONS = ("fda", "ema", "pmda", "nmpa")
SUBSTANCE = {"substance": "examplinib", "manufacturer": "Acme Chemicals Ltd"}
PRODUCT = {"product_name": "Examplinib tablets 50 mg", "dosage_form": "film-coated tablet", "manufacturer": "Acme Pharma"}


def pdf(text: str) -> bytes:
    """A minimal valid one-page PDF 1.4 whose bytes depend on ``text`` (an ASCII comment)."""
    note = text.encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n% " + note + b"\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def documents(version: str = "1", *, drop: tuple[str, ...] = ()) -> list[PlannedFile]:
    """Module 2.3 / 3 documents; ``version`` changes the specification documents' bytes."""
    docs = [
        PlannedFile("qos-s", "2.3.S", "Quality overall summary - drug substance", data=pdf("qos s"), **SUBSTANCE),
        PlannedFile("qos-p", "2.3.P", "Quality overall summary - drug product", data=pdf("qos p"), **PRODUCT),
        PlannedFile("s-nomenclature", "3.2.S.1.1", "Nomenclature", data=pdf("nomenclature"), **SUBSTANCE),
        PlannedFile("s-spec", "3.2.S.4.1", "Specification", data=pdf("s spec v" + version), **SUBSTANCE),
        PlannedFile("s-method-hplc", "3.2.S.4.2", "HPLC assay and impurities", file_stem="hplc-assay", data=pdf("hplc"), **SUBSTANCE),
        PlannedFile("s-method-kf", "3.2.S.4.2", "Water content (KF)", file_stem="water-kf", data=pdf("kf"), **SUBSTANCE),
        PlannedFile("p-composition", "3.2.P.1", "Description and composition", data=pdf("p1"), **PRODUCT),
        PlannedFile("p-spec", "3.2.P.5.1", "Specifications", data=pdf("p spec v" + version), **PRODUCT),
        PlannedFile("p-excip-mcc", "3.2.P.4.1", "Microcrystalline cellulose specification", data=pdf("mcc"), excipient="Microcrystalline cellulose", **PRODUCT),
        PlannedFile("p-stability", "3.2.P.8.1", "Stability summary", data=pdf("stab"), **PRODUCT),
        PlannedFile("r-batch-records", "3.2.R", "Executed batch records", data=pdf("ebr")),
        PlannedFile("lit", "3.3", "Literature references", data=pdf("lit")),
    ]
    return [d for d in docs if d.key not in drop]


def module1(root: Path) -> list[PlannedFile]:
    """Module 1 attachments as files on disk (placed by purpose)."""
    root.mkdir(parents=True, exist_ok=True)
    out = []
    for key, purpose, title in (
        ("cover", "cover-letter", "Cover letter"),
        ("form", "application-form", "Application form"),
        ("loa-api", "letter-of-access", "Letter of access - examplinib ASMF"),
    ):
        path = root / f"{key}.pdf"
        path.write_bytes(pdf(key))
        out.append(PlannedFile(f"m1-{key}", purpose, title, source=path))
    return out


def envelope(j: str, **changes: str) -> Envelope:
    if j == "fda":
        return FdaEnvelope(
            duns="123456789",
            company_name="Acme Pharma Inc.",
            description="Original NDA for examplinib tablets",
            contacts=(("Jane Doe", "fdaact1", (("+1-555-0100", "fdatnt1"),), ("jane.doe@example.com",)),),
            application_number="123456",
            application_type="fdaat1",
            submission_type="fdast1",
            submission_sub_type="fdasst3",
        )
    if j == "ema":
        fields: dict = dict(
            uuid="3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            procedure="centralised",
            countries=("ema",),
            agency_code="EU-EMA",
            submission_type="maa",
            submission_unit="initial",
            applicant="Acme Pharma B.V.",
            invented_name="Examplix",
            inn=("examplinib",),
            description="Initial marketing authorisation application",
            procedure_tracking=("EMEA/H/C/009999",),
        )
        fields.update(changes)
        return EuEnvelope(**fields)
    if j == "nmpa":
        fields = dict(
            application_id="x202612345",
            application_type="cnapt2",
            product_type="cnprt1",
            product_number="1234567890",
            regulatory_activity="cnrat1",
            sequence_type="cnsqt1",
            description="首次申请",
            contact_name="张三",
            contact_phone="+86-10-5555-0100",
            contact_email="zhang.san@example.com",
        )
        fields.update(changes)
        return CnEnvelope(**fields)
    return JpEnvelope("新有効成分含有医薬品")


def request(j: str, base: Path, standards: Path, files: list[PlannedFile], sequence: str | None = None, **env: str) -> BuildRequest:
    return BuildRequest(
        jurisdiction=j,
        files=tuple(files),
        envelope=envelope(j, **env),
        out_root=base / "build",
        history_root=base / "submissions",
        store=standards,
        sequence=sequence,
        epoch=1767225600,
    )
