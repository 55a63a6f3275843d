"""Build small, valid eCTD sequences (EU 3.1, US 3.3, CN 1.0) at test time, with real PDFs.

Nothing here is committed as binaries: the PDFs come from fpdf2 with an embedded TrueType font
(matplotlib's DejaVu Sans), the util files are copied from the standards folder given.
"""

from __future__ import annotations

import hashlib
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

import matplotlib
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

ICH_NS = "http://www.ich.org/ectd"
XLINK_W3C = "http://www.w3c.org/1999/xlink"
XLINK_W3 = "http://www.w3.org/1999/xlink"
EU_UUID = "6f1c2a4e-8d3b-4f5a-9e7c-1a2b3c4d5e6f"
FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def make_pdf(pages: int = 2, *, bookmarks: bool = True, title: str = "Document", version: str = "1.4") -> bytes:
    """A small PDF with an embedded (subset) font, optional bookmarks and the given header version."""
    pdf = FPDF()
    pdf.pdf_version = version
    pdf.set_title(title)
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=11)
    for i in range(pages):
        pdf.add_page()
        if bookmarks:
            pdf.start_section(f"{title} part {i + 1}")
        pdf.cell(text=f"{title}, page {i + 1}")
    return bytes(pdf.output())


@dataclass
class Doc:
    """One leaf: where it sits (element path with attributes), its file and lifecycle."""

    id: str
    section: list[tuple[str, dict[str, str]]]
    title: str
    href: str | None  # relative to the backbone's folder
    data: bytes | None = None
    operation: str = "new"
    modified_file: str | None = None
    checksum: str | None = None  # default: MD5 of data
    lang: str | None = None


@dataclass
class Seq:
    region: str
    number: str
    index_docs: list[Doc] = field(default_factory=list)
    regional_docs: list[Doc] = field(default_factory=list)
    related: str | None = None
    unit: str = "initial"


def _leaf_xml(doc: Doc, xlink_prefix: str = "xlink") -> str:
    checksum = doc.checksum
    if checksum is None:
        checksum = hashlib.md5(doc.data or b"").hexdigest() if doc.data is not None else ""
    attrs = [f"ID={quoteattr(doc.id)}", f"operation={quoteattr(doc.operation)}"]
    if doc.href is not None:
        attrs.append(f"{xlink_prefix}:href={quoteattr(doc.href)}")
    if doc.modified_file:
        attrs.append(f"modified-file={quoteattr(doc.modified_file)}")
    attrs += ['checksum-type="md5"', f"checksum={quoteattr(checksum)}"]
    if doc.lang:
        attrs.append(f"xml:lang={quoteattr(doc.lang)}")
    title = doc.title.replace("&", "&amp;").replace("<", "&lt;")
    return f"<leaf {' '.join(attrs)}><title>{title}</title></leaf>"


def _tree_xml(docs: list[Doc], xlink_prefix: str = "xlink") -> str:
    """Nest leaves under their headings; consecutive docs with the same heading share it."""
    out: list[str] = []
    open_: list[tuple[str, dict[str, str]]] = []
    for doc in docs:
        common = 0
        while common < min(len(open_), len(doc.section)) and open_[common] == doc.section[common]:
            common += 1
        for name, _ in reversed(open_[common:]):
            out.append(f"</{name}>")
        for name, attrs in doc.section[common:]:
            attr_text = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
            out.append(f"<{name}{attr_text}>")
        open_ = list(doc.section)
        out.append(_leaf_xml(doc, xlink_prefix))
    for name, _ in reversed(open_):
        out.append(f"</{name}>")
    return "\n".join(out)


def index_xml(seq: Seq) -> bytes:
    body = _tree_xml(seq.index_docs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<?xml-stylesheet type="text/xsl" href="util/style/ectd-2-0.xsl"?>\n'
        '<!DOCTYPE ectd:ectd SYSTEM "util/dtd/ich-ectd-3-2.dtd">\n'
        f'<ectd:ectd xmlns:ectd="{ICH_NS}" xmlns:xlink="{XLINK_W3C}" dtd-version="3.2">\n{body}\n</ectd:ectd>\n'
    ).encode()


def eu_regional_xml(seq: Seq, *, identifier: str = EU_UUID, countries: tuple[str, ...] = ("ema",)) -> bytes:
    envelopes = "".join(
        f"""<envelope country="{c}"><identifier>{identifier}</identifier>
<submission type="maa"><number>EMEA/H/C/000001</number><procedure-tracking><number>EMEA/H/C/000001</number></procedure-tracking></submission>
<submission-unit type="{seq.unit}"/><applicant>Example Pharma</applicant><agency code="EU-EMA"/><procedure type="centralised"/>
<invented-name>Examplor</invented-name><inn>examplinib</inn><sequence>{seq.number}</sequence>
<related-sequence>{seq.related or seq.number}</related-sequence><submission-description>Test sequence</submission-description></envelope>"""
        for c in countries
    )
    body = _tree_xml(seq.regional_docs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<?xml-stylesheet type="text/xsl" href="../../util/style/eu-regional.xsl"?>\n'
        '<!DOCTYPE eu:eu-backbone SYSTEM "../../util/dtd/eu-regional.dtd">\n'
        f'<eu:eu-backbone xmlns:eu="http://europa.eu.int" xmlns:xlink="{XLINK_W3C}" xml:lang="en" dtd-version="3.1">\n'
        f"<eu-envelope>{envelopes}</eu-envelope>\n<m1-eu>\n{body}\n</m1-eu>\n</eu:eu-backbone>\n"
    ).encode()


def us_regional_xml(seq: Seq) -> bytes:
    body = _tree_xml(seq.regional_docs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE fda-regional:fda-regional SYSTEM "https://www.accessdata.fda.gov/static/eCTD/us-regional-v3-3.dtd">\n'
        f'<fda-regional:fda-regional xmlns:fda-regional="http://www.ich.org/fda" xmlns:xlink="{XLINK_W3C}" dtd-version="3.3">\n'
        "<admin><applicant-info><id>123456789</id><company-name>Example Pharma</company-name>"
        "<submission-description>Test sequence</submission-description><applicant-contacts><applicant-contact>"
        '<applicant-contact-name applicant-contact-type="fdaact1">A. Person</applicant-contact-name>'
        '<telephones><telephone telephone-number-type="fdatnt1">+1-555-0100</telephone></telephones>'
        "<emails><email>ra@example.com</email></emails></applicant-contact></applicant-contacts></applicant-info>"
        '<application-set><application application-containing-files="true"><application-information>'
        '<application-number application-type="fdaat1">123456</application-number></application-information>'
        f'<submission-information><submission-id submission-type="fdast1">{seq.related or seq.number}</submission-id>'
        f'<sequence-number submission-sub-type="fdasst3">{seq.number}</sequence-number></submission-information>'
        f"</application></application-set></admin>\n<m1-regional>\n{body}\n</m1-regional>\n</fda-regional:fda-regional>\n"
    ).encode()


def cn_regional_xml(seq: Seq) -> bytes:
    body = _tree_xml(seq.regional_docs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<?xml-stylesheet type="text/xsl" href="../../util/style/cn-regional-1-1.xsl"?>\n'
        f'<cn_ectd xmlns="cn_ectd" xmlns:xlink="{XLINK_W3}" schema-version="1.0">\n'
        "<cn-envelope><application-id>x202112345</application-id>"
        '<application-type code="cnapt2"/><product-type code="cnprt1"/><product-number>1234567890</product-number>'
        f'<related-sequence>{seq.related or seq.number}</related-sequence><regulatory-activity-type code="cnrat1"/>'
        f'<sequence-number>{seq.number}</sequence-number><sequence-type code="cnsqt1"/>'
        "<sequence-description>Test sequence</sequence-description>"
        "<sequence-contact><name>A. Person</name><phone>+86-10-0000</phone><email>ra@example.com</email></sequence-contact>"
        f"</cn-envelope>\n<cn-content>\n{body}\n</cn-content>\n</cn_ectd>\n"
    ).encode()


_REGIONAL = {"eu": eu_regional_xml, "us": us_regional_xml, "cn": cn_regional_xml}
_UTIL = {
    "eu": [
        ("ich-ectd-3.2/ich-ectd-3-2.dtd", "util/dtd/ich-ectd-3-2.dtd"),
        ("ich-ectd-3.2/ectd-2-0.xsl", "util/style/ectd-2-0.xsl"),
        ("eu-m1-3.1/eu-regional.dtd", "util/dtd/eu-regional.dtd"),
        ("eu-m1-3.1/eu-envelope.mod", "util/dtd/eu-envelope.mod"),
        ("eu-m1-3.1/eu-leaf.mod", "util/dtd/eu-leaf.mod"),
        ("eu-m1-3.1/eu-regional.xsl", "util/style/eu-regional.xsl"),
    ],
    "us": [
        ("ich-ectd-3.2/ich-ectd-3-2.dtd", "util/dtd/ich-ectd-3-2.dtd"),
        ("ich-ectd-3.2/ectd-2-0.xsl", "util/style/ectd-2-0.xsl"),
        ("fda-m1-3.3/us-regional-v3-3.dtd", "util/dtd/us-regional-v3-3.dtd"),
    ],
    "cn": [
        ("ich-ectd-3.2/ich-ectd-3-2.dtd", "util/dtd/ich-ectd-3-2.dtd"),
        ("ich-ectd-3.2/ectd-2-0.xsl", "util/style/ectd-2-0.xsl"),
        ("cn-m1-1.0/cn-regional-1-0.xsd", "util/dtd/cn-regional-1-0.xsd"),
    ],
}


def write_sequence(app: Path, seq: Seq, standards_dir: Path, **regional_kw: object) -> Path:
    """Write ``seq`` into ``app/<number>`` with util files, index-md5.txt and every leaf's file."""
    folder = app / seq.number
    regional_path = f"m1/{seq.region}/{seq.region}-regional.xml"
    regional = _REGIONAL[seq.region](seq, **regional_kw)  # type: ignore[operator]
    m1_leaf = Doc(
        f"m1-{seq.region}-{seq.number}",
        [("m1-administrative-information-and-prescribing-information", {})],
        "Regional information",
        regional_path,
        regional,
    )
    seq.index_docs = [d for d in seq.index_docs if not d.id.startswith("m1-")]
    seq.index_docs.insert(0, m1_leaf)
    for doc in seq.index_docs:
        _write_doc(folder, "", doc)
    for doc in seq.regional_docs:
        _write_doc(folder, f"m1/{seq.region}", doc)
    index = index_xml(seq)
    (folder / "index.xml").write_bytes(index)
    (folder / "index-md5.txt").write_text(hashlib.md5(index).hexdigest())
    for src, dst in _UTIL[seq.region]:
        (folder / dst).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(standards_dir / src, folder / dst)
    return folder


def _write_doc(folder: Path, base: str, doc: Doc) -> None:
    if doc.href is None or doc.data is None or doc.href.startswith(".."):
        return
    target = folder / base / doc.href
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(doc.data)


_S = [
    ("m3-quality", {}),
    ("m3-2-body-of-data", {}),
    ("m3-2-s-drug-substance", {"substance": "examplinib", "manufacturer": "example-api"}),
    ("m3-2-s-4-control-of-drug-substance", {}),
]


def m3_docs(pdfs: dict[str, bytes]) -> list[Doc]:
    """Two Module 3 documents (S.4.1 specification, 7 pages with bookmarks; S.4.2 procedures)."""
    base = "m3/32-body-data/32s-drug-sub/examplinib-example-api/32s4-contr-drug-sub"
    return [
        Doc(
            "s41",
            [*_S, ("m3-2-s-4-1-specification", {})],
            "Specification",
            f"{base}/32s41-spec/specification.pdf",
            pdfs["spec"],
        ),
        Doc(
            "s42",
            [*_S, ("m3-2-s-4-2-analytical-procedures", {})],
            "Analytical procedures",
            f"{base}/32s42-analyt-proc/analytical-procedures.pdf",
            pdfs["proc"],
        ),
    ]


def good_pdfs() -> dict[str, bytes]:
    return {
        "spec": make_pdf(7, title="Specification"),
        "proc": make_pdf(2, title="Procedures"),
        "cover": make_pdf(1, title="Cover"),
    }


def good_seq(region: str, number: str | None = None, pdfs: dict[str, bytes] | None = None) -> Seq:
    """The model of a tiny sequence that checks clean for ``region`` (eu, us or cn)."""
    number = number or ("0001" if region == "us" else "0000")
    pdfs = pdfs if pdfs is not None else good_pdfs()
    seq = Seq(region, number, index_docs=m3_docs(pdfs))
    if region == "eu":
        seq.regional_docs = [
            Doc(
                "cover",
                [("m1-0-cover", {}), ("specific", {"country": "ema"})],
                "Cover letter",
                "10-cover/ema/cover.pdf",
                pdfs["cover"],
            )
        ]
    elif region == "us":
        seq.regional_docs = [
            Doc("cover", [("m1-2-cover-letters", {})], "Cover letter", "12-cover-letters/cover.pdf", pdfs["cover"])
        ]
    else:
        seq.regional_docs = [Doc("cover", [("cn-1-0", {})], "Cover letter", "10-cover/cover.pdf", pdfs["cover"])]
    return seq


def good_sequence(app: Path, region: str, standards_dir: Path, number: str | None = None) -> Path:
    return write_sequence(app, good_seq(region, number), standards_dir)


def codes(outcome: object) -> set[str]:
    """The criterion ids of an outcome's problems."""
    return {p.code for p in outcome.problems}  # type: ignore[attr-defined]


def pdf_with(edit: Callable[[PdfWriter], None], pages: int = 2) -> bytes:
    """A good PDF rewritten by pypdf after ``edit`` (header kept at 1.4)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(pages))))
    edit(writer)
    writer.pdf_header = "%PDF-1.4"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def unembedded_font_pdf() -> bytes:
    pdf = FPDF()
    pdf.pdf_version = "1.4"
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.cell(text="core font, not embedded")
    return bytes(pdf.output())


def big_page_pdf() -> bytes:
    pdf = FPDF(format=(600, 900))  # mm: far larger than Letter/A4
    pdf.pdf_version = "1.4"
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=11)
    pdf.add_page()
    pdf.cell(text="poster")
    return bytes(pdf.output())


def link_pdf(url: str) -> bytes:
    def edit(writer: PdfWriter) -> None:
        writer.add_annotation(page_number=0, annotation=Link(rect=(50, 50, 200, 80), url=url))

    return pdf_with(edit)


def remote_link_pdf(target: str) -> bytes:
    def edit(writer: PdfWriter) -> None:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/GoToR"),
                NameObject("/F"): TextStringObject(target),
                NameObject("/D"): ArrayObject([NumberObject(0), NameObject("/Fit")]),
            }
        )
        annot = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject(
                    [NumberObject(50), NumberObject(50), NumberObject(200), NumberObject(80)]
                ),
                NameObject("/A"): action,
            }
        )
        writer.add_annotation(page_number=0, annotation=annot)

    return pdf_with(edit)
