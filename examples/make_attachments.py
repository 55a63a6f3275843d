"""Generate the small example PDFs attached to the tablet example dossier.

Usage: ``python examples/make_attachments.py [DEST]`` (default: ``examples/tablet/attachments``).

Every PDF is one page, PDF 1.4+, with an embedded, subset TrueType font (matplotlib's DejaVu Sans) and a
fixed creation date, so the bytes are the same on every run. The documents are FICTIONAL: they
exist so that the example dossier has real files at 3.2.S.2.2, 3.2.P.3.3, 3.2.R and Module 1.

Other example writers may reuse :func:`document` and :func:`write_pdf` for their own files.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
CREATED = datetime(2026, 1, 1, tzinfo=timezone.utc)
DEFAULT_DEST = Path(__file__).resolve().parent / "tablet" / "attachments"
COMPANY = "Aldervane Pharma GmbH - FICTIONAL EXAMPLE, not a real document"


@dataclass(frozen=True)
class Box:
    """One box of a flow diagram: a title line and detail lines; ``side`` lines go to the right."""

    title: str
    lines: tuple[str, ...] = ()
    side: tuple[str, ...] = ()


@dataclass(frozen=True)
class Doc:
    """A one-page document: a heading block, paragraphs, an optional table and flow diagram."""

    file: str
    title: str
    subtitle: str
    paragraphs: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()
    flow: tuple[Box, ...] = ()
    signature: tuple[str, ...] = field(default=())
    language: str = "en"


def cjk_font() -> Path | None:
    """Noto Sans CJK collection from the ``noto-cjk-sans-otc`` package (a dependency of ectd-builder), if installed."""
    try:
        import noto_cjk_sans_otc  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(str(noto_cjk_sans_otc.FONT_PATH))
    return path if path.is_file() else None


def document(pdf_title: str, language: str = "en") -> FPDF:
    """An A4 FPDF with the embedded font, fixed metadata and creation date (zh: Noto Sans CJK SC)."""
    pdf = FPDF(format="A4")
    pdf.pdf_version = "1.4"
    pdf.set_creation_date(CREATED)
    pdf.set_title(pdf_title)
    pdf.set_author("Aldervane Pharma GmbH (fictional)")
    pdf.set_creator("examples/make_attachments.py")
    pdf.set_producer("fpdf2")
    if language == "zh":
        font = cjk_font()
        if font is None:
            raise RuntimeError("Chinese attachments need the CJK font: pip install noto-cjk-sans-otc (a dependency of ectd-builder)")
        pdf.add_font("DejaVu", "", str(font), collection_font_number=2)  # face 2 = Simplified Chinese
    else:
        pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, doc: Doc) -> None:
    pdf.set_font("DejaVu", "", 7)
    pdf.set_text_color(120, 120, 120)
    pdf.cell(0, 4, COMPANY, new_x="LMARGIN", new_y="NEXT", align="R")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 13)
    pdf.multi_cell(0, 6, doc.title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 5, doc.subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _paragraphs(pdf: FPDF, texts: Sequence[str]) -> None:
    pdf.set_font("DejaVu", "", 9)
    for text in texts:
        pdf.multi_cell(0, 4.6, text, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1.5)


def _table(pdf: FPDF, rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
    pdf.set_font("DejaVu", "", 7.5)
    heading = FontFace(emphasis="", fill_color=(225, 225, 225))
    with pdf.table(col_widths=tuple(widths), line_height=4, first_row_as_headings=True, headings_style=heading) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(2)


def _flow(pdf: FPDF, boxes: Sequence[Box]) -> None:
    left, width, side_x = 20.0, 105.0, 132.0
    pdf.set_draw_color(40, 40, 40)
    y = pdf.get_y() + 1
    for index, box in enumerate(boxes):
        height = 5.0 + 3.6 * len(box.lines)
        pdf.rect(left, y, width, height)
        pdf.set_xy(left + 2, y + 1)
        pdf.set_font("DejaVu", "", 8)
        pdf.cell(width - 4, 3.6, box.title)
        pdf.set_font("DejaVu", "", 7)
        for number, line in enumerate(box.lines):
            pdf.set_xy(left + 2, y + 4.6 + 3.6 * number)
            pdf.cell(width - 4, 3.4, line)
        for number, line in enumerate(box.side):
            pdf.set_xy(side_x, y + 1 + 3.6 * number)
            pdf.cell(58, 3.4, line)
        if box.side:
            pdf.line(left + width, y + height / 2, side_x - 1, y + height / 2)
        y += height
        if index < len(boxes) - 1:
            mid = left + width / 2
            pdf.line(mid, y, mid, y + 4)
            pdf.line(mid - 1.3, y + 2.6, mid, y + 4)
            pdf.line(mid + 1.3, y + 2.6, mid, y + 4)
            y += 4
    pdf.set_y(y + 3)


def _signature(pdf: FPDF, lines: Sequence[str]) -> None:
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 9)
    for line in lines:
        pdf.cell(0, 4.6, line, new_x="LMARGIN", new_y="NEXT")


def write_pdf(doc: Doc, dest: Path) -> Path:
    """Render ``doc`` to ``dest/doc.file`` and return the path."""
    pdf = document(doc.title, doc.language)
    _heading(pdf, doc)
    _paragraphs(pdf, doc.paragraphs)
    if doc.table:
        _table(pdf, doc.table, doc.widths)
    if doc.flow:
        _flow(pdf, doc.flow)
    if doc.signature:
        _signature(pdf, doc.signature)
    path = dest / doc.file
    pdf.output(str(path))
    return path


# ------------------------------------------------------------------------------------------------
# The tablet example's documents
# ------------------------------------------------------------------------------------------------

DS_FLOW = Doc(
    file="ds-flow-diagram.pdf",
    title="3.2.S.2.2 Flow diagram of the quorvatinib manufacturing process",
    subtitle="Taizhou Jinhai Pharmaceutical Co., Ltd. - commercial process v3 - batch scale 120.0 kg QSM-1",
    flow=(
        Box("QSM-1  C11H8ClFN2S  254.71  +  QSM-2  C11H17NO4S  259.32",
            ("2-chloro-5-fluoro-4-[4-(methylsulfanyl)phenyl]pyrimidine (1.00 equiv)",
             "(3S)-oxolan-3-amine 4-methylbenzenesulfonate (1.10 equiv)")),
        Box("Step 1  Buchwald-Hartwig amination (critical)",
            ("Pd(OAc)2 0.50 mol %, Xantphos 0.60 mol %, K3PO4 3.0 equiv, toluene 10 vol",
             "95 °C (PAR 88-102 °C), 8-12 h; O2 <= 0.5 % v/v; N-acetyl-L-cysteine washes",
             "crystallisation toluene / n-heptane, 0-5 °C; yield 82-92 %"),
            ("IPC: QSM-1 <= 0.5 % area", "Isolated intermediate QVT-INT-1", "C15H16FN3OS  305.37", "Pd <= 200 µg/g")),
        Box("Step 2  Oxidation (critical)",
            ("H2O2 30 % 2.40 equiv (PAR 2.20-2.70), Na2WO4·2H2O 1.0 mol %",
             "ethanol / water 8:1 vol, 50 °C (PAR 40-60 °C), dosing 3-4 h",
             "quench Na2SO3; filtration of crude quorvatinib; yield 90-97 %"),
            ("IPC: impurity B <= 0.30 % area", "IPC: peroxide negative")),
        Box("Step 3  Palladium scavenging and polish filtration",
            ("ethanol / water 85:15, 70-75 °C; thiol silica 5 % w/w; charcoal 5 % w/w",
             "2-3 h, hot filtration 1 µm + 0.45 µm into grade C area"),
            ("IPC: Pd <= 10 µg/g",)),
        Box("Step 4  Crystallisation of Form I, isolation and drying (critical)",
            ("ethanol / water 80:20 v/v; seed 0.5 % w/w Form I at 55 °C",
             "cool to 5 °C over 5 h; wash cold ethanol; dry 45 °C <= 50 mbar; yield 85-93 %"),
            ("IPC: LOD <= 0.5 % w/w", "IPC: ethanol <= 3000 ppm")),
        Box("Step 5  Pin milling and packaging (critical)",
            ("pin mill 12 000 rpm (PAR 9000-14 000); blend 15 min",
             "double LDPE bags + silica gel, HDPE drum 25 kg"),
            ("IPC: d90 <= 40 µm",)),
        Box("Quorvatinib  C15H16FN3O3S  337.37  (S)",
            ("5-fluoro-4-[4-(methanesulfonyl)phenyl]-N-[(3S)-oxolan-3-yl]pyrimidin-2-amine",
             "overall yield 71-74 %; 100-130 kg per batch")),
    ),
)

DP_FLOW = Doc(
    file="dp-flow-diagram.pdf",
    title="3.2.P.3.3 Flow diagram of the quorvatinib tablets manufacturing process",
    subtitle="Aldervane Pharma Manufacturing GmbH, Lörrach - 200 kg common blend - 25 mg and 50 mg film-coated tablets",
    flow=(
        Box("1  Dispensing and sieving", ("quorvatinib, MCC PH-102, lactose monohydrate, croscarmellose (50 %),",
                                           "colloidal silica; conical mill 1.0 mm")),
        Box("2  Pre-blending and intragranular lubrication", ("600 L bin, 12 rpm, 20 min (KPP); magnesium stearate (1/3), 3 min",)),
        Box("3  Roller compaction and milling (critical)", ("roll force 9 kN/cm (CPP, PAR 6-12), gap 3.0 mm, screen 1.0 mm",),
            ("IPC: ribbon solid fraction 0.62-0.72", "IPC: fines < 75 µm <= 35 %")),
        Box("4  Final blending and lubrication (critical)", ("croscarmellose (50 %) 10 min; magnesium stearate (2/3) 3 min (CPP)",),
            ("IPC: blend uniformity",)),
        Box("5  Compression (critical)", ("25 mg: 125 mg, 7.0 mm round, 8 kN (CPP)", "50 mg: 250 mg, 12.0 x 6.0 mm oval, 14 kN (CPP)"),
            ("IPC: weight, hardness,", "friability, disintegration")),
        Box("6  Film coating", ("PVA-based white coat in purified water (20 % solids)", "product temperature 40-45 °C; weight gain 4.0 %"),
            ("IPC: weight gain 3.5-4.5 %", "IPC: appearance")),
        Box("7  Packaging", ("PVC/PVdC-Al blister 2 x 14, sealing 190 °C", "HDPE bottle 30 tablets + 1 g silica gel, CR closure"),
            ("IPC: leak test", "IPC: count / induction seal")),
        Box("Release testing (3.2.P.5.1) and batch release"),
    ),
)

EBR = Doc(
    file="executed-batch-record-qvt50-p2401.pdf",
    title="Executed batch record - Quorvatinib film-coated tablets 50 mg - batch QVT50-P2401",
    subtitle="Master batch record MBR-QVT50-003 rev. 2 - pilot scale 30 kg blend (120 000 tablets) - manufactured 15 Oct 2024 - "
    "used in Phase 3 and primary stability. Extract: summary page of the executed record.",
    table=(
        ("Step", "Parameter / IPC", "Target / limit", "Recorded", "Done by / checked"),
        ("Dispensing", "quorvatinib lot QVT-DS-24001", "6.000 kg", "6.001 kg", "AK / TS"),
        ("Pre-blend", "blend time at 12 rpm", "20 min (18-22)", "20 min", "AK / TS"),
        ("Roller compaction", "specific roll force", "9 kN/cm (8-10)", "9.1 kN/cm", "MB / TS"),
        ("Roller compaction", "ribbon solid fraction", "0.62-0.72", "0.66-0.68", "MB / TS"),
        ("Final blend", "lubrication time", "3 min (2.5-3.5)", "3 min", "AK / LH"),
        ("Final blend", "blend uniformity (10 loc.)", "mean 95-105 %, RSD <= 4 %", "99.6 %, RSD 1.4 %", "QC / LH"),
        ("Compression", "main force", "14 kN (12-16)", "13.6-14.4 kN", "JW / LH"),
        ("Compression", "mean core weight (20)", "242.5-257.5 mg", "248.9-251.7 mg", "JW / LH"),
        ("Compression", "hardness (10)", "100-140 N", "112-128 N", "JW / LH"),
        ("Compression", "friability / disintegration", "<= 0.5 % / <= 10 min", "0.1 % / 4 min", "JW / LH"),
        ("Coating", "product temperature", "40-45 °C", "41-44 °C", "RS / TS"),
        ("Coating", "weight gain", "3.5-4.5 %", "4.1 %", "RS / TS"),
        ("Yield", "coated tablets", ">= 95.0 % of theoretical", "97.8 % (117 360)", "RS / QA"),
    ),
    widths=(24, 42, 36, 34, 24),
    paragraphs=("Deviations: none. Planned interventions: one punch change (station 17, visual scratch) recorded under "
                "intervention log IL-2410-07. Batch certified by QA on 28 Oct 2024.",),
    signature=("QA review: Dr. L. Hartmann, Head of Quality Assurance (fictional)",),
)

PV_SCHEME = Doc(
    file="pv-scheme-dp.pdf",
    title="3.2.R Process validation scheme PVS-QVT-DP-01",
    subtitle="Quorvatinib film-coated tablets 25 mg and 50 mg - standard process (EMA/CHMP/CVMP/QWP/BWP/70278/2012-Rev1, Annex I)",
    paragraphs=(
        "Scope: three consecutive production-scale batches per strength (200 kg blend) at Aldervane Pharma Manufacturing GmbH, "
        "Lörrach, with commercial equipment, before the product is placed on the market. Steps 1-4 form a common blend; "
        "25 mg and 50 mg batches may be compressed from one blend.",
        "Acceptance: all IPCs and release specifications met; content uniformity evaluated stage-wise per ASTM E2709 "
        "(90 % confidence, 95 % coverage); dissolution 12 units at beginning, middle and end of compression; process "
        "capability Cpk >= 1.33 for core weight and hardness; no unexplained deviation.",
    ),
    table=(
        ("Step", "Critical parameters / controls", "Enhanced sampling"),
        ("3 Roller compaction", "roll force 8-10 kN/cm; solid fraction 0.62-0.72", "solid fraction every 15 min; granule PSD 3 points"),
        ("4 Final blending", "lubrication time 2.5-3.5 min", "blend uniformity 10 locations x 3 replicates"),
        ("5 Compression", "force 7-9 kN (25 mg), 12-16 kN (50 mg)", "stratified CU 20 locations x 3 tablets; dissolution x 3"),
        ("6 Film coating", "product temperature 40-45 °C; weight gain 3.5-4.5 %", "weight gain and appearance per pan"),
        ("7 Packaging", "sealing temperature 185-195 °C", "leak test each hour; count check"),
    ),
    widths=(36, 72, 72),
    signature=("Approved: Head of Production, Head of Quality Control, Qualified Person (fictional signatures on file)",),
)

US_COVER = Doc(
    file="us-cover-letter.pdf",
    title="Original New Drug Application 219874 - Quorvela (quorvatinib) tablets, 25 mg and 50 mg",
    subtitle="To: Central Document Room, Center for Drug Evaluation and Research, U.S. Food and Drug Administration, "
    "5901-B Ammendale Road, Beltsville, MD 20705-1266 - 20 January 2026",
    paragraphs=(
        "Dear Sir or Madam,",
        "Aldervane Pharma GmbH submits this original New Drug Application under section 505(b)(1) of the Federal Food, "
        "Drug, and Cosmetic Act for Quorvela (quorvatinib) tablets, 25 mg and 50 mg, a new molecular entity. The "
        "application is provided in eCTD format (sequence 0001). Form FDA 356h and the user fee cover sheet are included "
        "in Module 1.",
        "Drug substance manufacture: Taizhou Jinhai Pharmaceutical Co., Ltd., Taizhou, China (FEI 3014728861). Drug product "
        "manufacture, packaging and testing: Aldervane Pharma Manufacturing GmbH, Lörrach, Germany (FEI 3011905247); bottle "
        "packaging for the US: Keystone Pharma Packaging LLC, Allentown, PA (FEI 3005512379). All facilities are ready "
        "for inspection.",
        "Our US agent is Rachel T. Moreno (+1 610 555 0187). Please address correspondence to the undersigned.",
    ),
    signature=("Sincerely,", "Dr. Miriam Kessler, Head of Global Regulatory Affairs, Aldervane Pharma GmbH (fictional)"),
)

EU_COVER = Doc(
    file="eu-cover-letter.pdf",
    title="Initial marketing authorisation application - Quorvela 25 mg and 50 mg film-coated tablets",
    subtitle="To: European Medicines Agency, Domenico Scarlattilaan 6, 1083 HS Amsterdam, the Netherlands - "
    "procedure EMEA/H/C/006512 - 20 January 2026",
    paragraphs=(
        "Dear Sir or Madam,",
        "Aldervane Pharma GmbH submits an application for a marketing authorisation under the centralised procedure "
        "(Article 3(2)(a) of Regulation (EC) No 726/2004, new active substance) for Quorvela (quorvatinib) 25 mg and 50 mg "
        "film-coated tablets. The dossier is provided in eCTD format, sequence 0000.",
        "Batch release in the EU: Aldervane Pharma Manufacturing GmbH, Industriestraße 24, 79539 Lörrach, Germany. "
        "The QP declaration for the active substance manufacturer is provided as an annex to the application form. "
        "The process validation scheme for the drug product is in 3.2.R.",
    ),
    signature=("Yours faithfully,", "Dr. Miriam Kessler, Head of Global Regulatory Affairs, Aldervane Pharma GmbH (fictional)"),
)

EU_QP = Doc(
    file="eu-qp-declaration.pdf",
    title="QP declaration concerning GMP compliance of the active substance manufacturer",
    subtitle="Active substance: quorvatinib - medicinal product: Quorvela 25 mg and 50 mg film-coated tablets",
    paragraphs=(
        "I, the undersigned Qualified Person of Aldervane Pharma Manufacturing GmbH, Industriestraße 24, 79539 Lörrach, "
        "Germany (manufacturing and importation authorisation DE-BW-01-MIA-2019-0042, fictional), declare that the active "
        "substance quorvatinib is manufactured in accordance with the detailed guideline on good manufacturing practice for "
        "active substances (EudraLex Volume 4, Part II) at:",
        "Taizhou Jinhai Pharmaceutical Co., Ltd., No. 88 Haichang Road, Jiaojiang Chemical Park, Taizhou, Zhejiang 318000, "
        "China (OMS LOC-100061452) - all steps from starting materials QSM-1 and QSM-2 to the milled, packed active substance.",
        "This declaration is based on an on-site audit performed on 9-11 April 2025 by Aldervane Quality Assurance "
        "(report AUD-TJ-2025-01); no critical or major observations remained open.",
    ),
    signature=("Date: 12 January 2026", "Dr. Lena Hartmann, Qualified Person (fictional)"),
)

GMP_CERT = Doc(
    file="gmp-certificate-loerrach.pdf",
    title="Certificate of GMP compliance of a manufacturer (copy)",
    subtitle="Issued following an inspection in accordance with Art. 111(5) of Directive 2001/83/EC - FICTIONAL specimen",
    table=(
        ("Item", "Content"),
        ("Certificate number", "DE_BW_01_GMP_2025_0117 (fictional)"),
        ("Manufacturer", "Aldervane Pharma Manufacturing GmbH, Industriestraße 24, 79539 Lörrach, Germany"),
        ("Competent authority", "Regierungspräsidium Tübingen, Baden-Württemberg (fictional issue)"),
        ("Last inspection", "3-6 March 2025"),
        ("Scope", "Non-sterile products: tablets; primary and secondary packaging; quality control testing "
                  "(chemical/physical, microbiological non-sterile); batch certification"),
        ("Validity", "The certificate reflects the status at the time of inspection; valid until 31 March 2028"),
    ),
    widths=(45, 135),
)

DS_FLOW_ZH = Doc(
    file="ds-flow-diagram-zh.pdf",
    language="zh",
    title="3.2.S.2.2 喹伐替尼生产工艺流程图",
    subtitle="台州金海药业有限公司 - 商业化工艺第3版 - 批量：QSM-1 120.0 kg",
    flow=(
        Box("QSM-1  C11H8ClFN2S  254.71  +  QSM-2  C11H17NO4S  259.32",
            ("2-氯-5-氟-4-[4-(甲硫基)苯基]嘧啶（1.00当量）", "(3S)-四氢呋喃-3-胺对甲苯磺酸盐（1.10当量）")),
        Box("步骤1  Buchwald-Hartwig胺化（关键步骤）",
            ("醋酸钯 0.50 mol%，Xantphos 0.60 mol%，磷酸钾 3.0当量，甲苯 10倍体积",
             "95 °C（PAR 88～102 °C），8～12小时；残氧≤ 0.5% v/v；N-乙酰-L-半胱氨酸洗涤",
             "甲苯/正庚烷结晶，0～5 °C；收率82%～92%"),
            ("中控：QSM-1 ≤ 0.5%面积", "分离中间体QVT-INT-1", "C15H16FN3OS  305.37", "钯≤ 200 µg/g")),
        Box("步骤2  氧化（关键步骤）",
            ("30%过氧化氢 2.40当量（PAR 2.20～2.70），二水合钨酸钠 1.0 mol%",
             "乙醇/水 8:1，50 °C（PAR 40～60 °C），滴加3～4小时",
             "亚硫酸钠淬灭；过滤得粗品；收率90%～97%"),
            ("中控：杂质B ≤ 0.30%面积", "中控：过氧化物阴性")),
        Box("步骤3  除钯及精滤",
            ("乙醇/水 85:15，70～75 °C；巯基硅胶 5% w/w；活性炭 5% w/w",
             "2～3小时，趁热经1 µm及0.45 µm过滤至C级洁净区"),
            ("中控：钯≤ 10 µg/g",)),
        Box("步骤4  晶型I结晶、分离及干燥（关键步骤）",
            ("乙醇/水 80:20 v/v；55 °C加入0.5% w/w晶型I晶种",
             "5小时降温至5 °C；冷乙醇洗涤；45 °C、≤ 50 mbar干燥；收率85%～93%"),
            ("中控：干燥失重≤ 0.5% w/w", "中控：乙醇≤ 3000 ppm")),
        Box("步骤5  针磨粉碎及包装（关键步骤）",
            ("针磨12 000 rpm（PAR 9000～14 000）；混合15分钟", "双层LDPE袋+硅胶，HDPE桶25 kg"),
            ("中控：d90 ≤ 40 µm",)),
        Box("喹伐替尼  C15H16FN3O3S  337.37  (S)",
            ("5-氟-4-[4-(甲磺酰基)苯基]-N-[(3S)-四氢呋喃-3-基]嘧啶-2-胺", "总收率71%～74%；每批100～130 kg")),
    ),
)

DP_FLOW_ZH = Doc(
    file="dp-flow-diagram-zh.pdf",
    language="zh",
    title="3.2.P.3.3 喹伐替尼片生产工艺流程图",
    subtitle="奥德维恩制药生产有限公司（德国勒拉赫）- 总混物料200 kg - 25 mg和50 mg薄膜衣片",
    flow=(
        Box("1  称量与过筛", ("喹伐替尼、微晶纤维素PH-102、乳糖一水合物、交联羧甲基纤维素钠（50%）、", "胶态二氧化硅；锥形整粒机1.0 mm")),
        Box("2  预混及内加润滑", ("600 L料斗，12 rpm，20分钟（KPP）；硬脂酸镁（1/3），3分钟",)),
        Box("3  辊压与整粒（关键步骤）", ("辊压力9 kN/cm（CPP，PAR 6～12），辊间隙3.0 mm，筛网1.0 mm",),
            ("中控：条带固体分数0.62～0.72", "中控：< 75 µm细粉≤ 35%")),
        Box("4  总混与润滑（关键步骤）", ("交联羧甲基纤维素钠（50%）10分钟；硬脂酸镁（2/3）3分钟（CPP）",), ("中控：混合均匀度",)),
        Box("5  压片（关键步骤）", ("25 mg：125 mg，7.0 mm圆形，8 kN（CPP）", "50 mg：250 mg，12.0 × 6.0 mm椭圆形，14 kN（CPP）"),
            ("中控：片重、硬度、", "脆碎度、崩解时限")),
        Box("6  薄膜包衣", ("聚乙烯醇类白色包衣材料，纯化水分散（固含量20%）", "片床温度40～45 °C；增重4.0%"),
            ("中控：增重3.5%～4.5%", "中控：外观")),
        Box("7  包装", ("PVC/PVDC-铝泡罩2 × 14片，热封190 °C", "HDPE瓶30片 + 1 g硅胶，儿童安全盖"),
            ("中控：泄漏检查", "中控：数量/封口")),
        Box("放行检验（3.2.P.5.1）及批放行"),
    ),
)

CN_LACTOSE_LOA = Doc(
    file="cn-lactose-authorisation.pdf",
    language="zh",
    title="药用辅料关联审评使用授权书 / Letter of authorisation (bundled review)",
    subtitle="登记号 F20190000417（乳糖一水合物）- 2026年1月8日 / Registration number F20190000417 (lactose monohydrate) - 8 January 2026",
    paragraphs=(
        "致：国家药品监督管理局药品审评中心",
        "Fictional Dairy Excipients B.V.（荷兰）作为药用辅料“乳糖一水合物”（登记号F20190000417，登记状态：A）的登记人，"
        "特此授权奥德维恩制药有限公司（德国弗莱堡）在喹伐替尼片（25 mg、50 mg）上市许可申请中引用上述登记资料进行关联审评。",
        "To: Center for Drug Evaluation, NMPA. Fictional Dairy Excipients B.V. (the Netherlands), holder of the excipient "
        "registration F20190000417 (lactose monohydrate, status A), authorises Aldervane Pharma GmbH (Freiburg, Germany) to "
        "reference this registration in the marketing authorisation application for quorvatinib tablets 25 mg and 50 mg.",
    ),
    signature=("授权人 / Authorised by: J. van der Berg, Regulatory Affairs Director (fictional)",),
)

CN_COVER = Doc(
    file="cn-cover-letter.pdf",
    language="zh",
    title="说明函 / Cover letter",
    subtitle="喹伐替尼片（25 mg、50 mg）上市许可申请 - 受理号待定 - 序列0000 / Marketing application, sequence 0000",
    paragraphs=(
        "致：国家药品监督管理局药品审评中心",
        "奥德维恩制药有限公司（德国弗莱堡）现以eCTD格式（序列0000）递交喹伐替尼片（25 mg、50 mg）的上市许可申请"
        "（化学药品1类，申请编号x202600123）。原料药由台州金海制药有限公司（浙江台州）生产，制剂由德国勒拉赫工厂生产。",
        "本次递交包括模块1至模块3的全部资料及关联审评的乳糖一水合物登记授权书（登记号F20190000417）。"
        "注册检验用样品为3批商业规模批次（每个规格），剩余有效期满足两个检验周期。",
        "To: Center for Drug Evaluation, NMPA. Aldervane Pharma GmbH submits the marketing application for quorvatinib "
        "tablets 25 mg and 50 mg (chemical drug class 1, application x202600123) in eCTD format, sequence 0000.",
    ),
    signature=("注册负责人 / Head of Regulatory Affairs: Dr. M. Keller (fictional)",),
)

DOCUMENTS: tuple[Doc, ...] = (
    DS_FLOW, DP_FLOW, EBR, PV_SCHEME, US_COVER, EU_COVER, EU_QP, GMP_CERT, DS_FLOW_ZH, DP_FLOW_ZH, CN_LACTOSE_LOA, CN_COVER,
)


def main(argv: Sequence[str], writer: Callable[[Doc, Path], Path] = write_pdf) -> int:
    dest = Path(argv[0]) if argv else DEFAULT_DEST
    dest.mkdir(parents=True, exist_ok=True)
    for doc in DOCUMENTS:
        path = writer(doc, dest)
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
