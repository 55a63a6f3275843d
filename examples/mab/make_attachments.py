"""Generate the small one-page PDF attachments of the mAb example dossier.

Usage: python examples/mab/make_attachments.py [TARGET_DIR]
(default: the ``attachments`` folder next to this script). Output is deterministic: fixed
creation date, embedded fonts (DejaVu Sans from matplotlib; Noto Sans CJK for the Japanese and
Chinese letters, from the optional ``noto-cjk-sans-otc`` package).
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import matplotlib
from fpdf import FPDF

CREATED = datetime(2026, 1, 1, tzinfo=timezone.utc)
LATIN_FONT = Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf"
LATIN_BOLD = Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans-Bold.ttf"
CJK_INDEX = {"ja": 0, "zh": 2}  # NotoSansCJK-Regular.ttc: 0 = JP, 2 = SC
FOOTER = "Kestrel Biotherapeutics B.V. - solvekizumab - fictional example data"


def _cjk_font() -> Path | None:
    try:
        import noto_cjk_sans_otc
    except ImportError:
        return None
    path = Path(noto_cjk_sans_otc.__file__).parent / "NotoSansCJK-Regular.ttc"
    return path if path.exists() else None


def _new_pdf(title: str, lang: str = "en") -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATED)
    pdf.set_title(title)
    pdf.set_author("Kestrel Biotherapeutics B.V.")
    pdf.set_lang({"en": "en-GB", "ja": "ja-JP", "zh": "zh-CN"}[lang])
    if lang in CJK_INDEX:
        cjk = _cjk_font()
        if cjk is None:
            raise SystemExit("install the cjk extra (noto-cjk-sans-otc) to build the ja/zh attachments")
        pdf.add_font("body", "", str(cjk), collection_font_number=CJK_INDEX[lang])
        pdf.add_font("body", "B", str(cjk), collection_font_number=CJK_INDEX[lang])
    else:
        pdf.add_font("body", "", str(LATIN_FONT))
        pdf.add_font("body", "B", str(LATIN_BOLD))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("body", size=15)
    pdf.multi_cell(0, 8, title)
    pdf.ln(2)
    pdf.set_draw_color(40, 70, 120)
    pdf.line(20, pdf.get_y(), 190, pdf.get_y())
    pdf.ln(4)
    pdf.set_font("body", size=9.5)
    return pdf


def _para(pdf: FPDF, text: str, size: float = 9.5) -> None:
    pdf.set_font("body", size=size)
    pdf.multi_cell(0, 5, text)
    pdf.ln(2)


def _table(pdf: FPDF, rows: list[list[str]], widths: list[float]) -> None:
    pdf.set_font("body", size=8.5)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=5) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(3)


def _flow(pdf: FPDF, boxes: list[str]) -> None:
    pdf.set_font("body", size=8.5)
    x, w, h, gap = 45.0, 120.0, 9.0, 4.0
    y = pdf.get_y()
    for i, label in enumerate(boxes):
        pdf.rect(x, y, w, h)
        pdf.set_xy(x, y + 2)
        pdf.cell(w, 5, label, align="C")
        if i < len(boxes) - 1:
            pdf.line(x + w / 2, y + h, x + w / 2, y + h + gap)
        y += h + gap
    pdf.set_y(y + 2)


def _footer(pdf: FPDF) -> None:
    pdf.set_y(-18)
    pdf.set_font("body", size=7.5)
    pdf.cell(0, 5, FOOTER, align="C")


def ds_structure(pdf: FPDF) -> None:
    _para(pdf, "Humanised IgG1-kappa, 2 x heavy chain (449 aa) + 2 x light chain (214 aa); 16 disulfide bonds; "
               "N-glycosylation at HC Asn299 (EU Asn297). Molecular mass 148 214 Da (G0F/G0F).")
    _table(pdf, [["Region", "Residues", "Remarks"],
                 ["HC VH (CDR-H1/H2/H3)", "1-120", "pyroGlu1; CDR-H3 Asp102 (isomerisation site)"],
                 ["HC CH1 / hinge", "121-222 / 223-232", "Cys219-LC Cys214; Cys225, Cys228 inter-HC"],
                 ["HC CH2", "233-342", "Asn299 (EU Asn297) glycan G0F/G1F/G2F; Met255 (EU Met252)"],
                 ["HC CH3", "343-449", "Asn387/Asn392 (PENNY); C-terminal Lys449 largely clipped"],
                 ["LC VL / CL", "1-107 / 108-214", "CDR-L1 Asn30 (deamidation site)"]], [45, 40, 85])


def ds_flow(pdf: FPDF) -> None:
    _flow(pdf, ["1 WCB thaw and shake-flask expansion (<= 60 days)", "2 Seed bioreactors N-2 (50 L) and N-1 (500 L)",
                "3 Production bioreactor 2000 L, fed-batch, 14 days [CPP: temperature, pH, duration]",
                "4 Harvest: centrifugation, depth and 0.2 um filtration", "5 Protein A affinity chromatography",
                "6 Low-pH viral inactivation pH 3.50, 60-90 min [CPP]", "7 Cation exchange chromatography (bind-elute)",
                "8 Anion exchange chromatography (flow-through) [CPP]", "9 Virus filtration (20 nm PES) [CPP]",
                "10 UF/DF into histidine/sucrose, 165 mg/mL", "11 0.2 um filtration, fill 2 L PETG, freeze, -40 C"])


def cell_bank(pdf: FPDF) -> None:
    _para(pdf, "Testing per ICH Q5A(R2) and Q5D, performed by Meridian BioSafety Testing Inc., Rockville MD.")
    _table(pdf, [["Test", "MCB-SK-001", "WCB-SK-003", "EOPC (120 PDL)"],
                 ["Sterility (Ph. Eur. 2.6.1)", "Complies", "Complies", "Complies"],
                 ["Mycoplasma (Ph. Eur. 2.6.7)", "Not detected", "Not detected", "Not detected"],
                 ["In vitro adventitious viruses (MRC-5, Vero, CHO-K1)", "Negative", "Negative", "Negative"],
                 ["In vivo assay (mice, eggs)", "Negative", "n/a", "Negative"],
                 ["TEM retrovirus-like particles", "Type A/C particles", "n/a", "Type A/C particles"],
                 ["Infectious retrovirus (XC, S+L-, co-cultivation)", "Negative", "n/a", "Negative"],
                 ["Identity (isoenzymes; CHO genotype)", "Hamster; conforms", "Conforms", "Conforms"],
                 ["Construct copy number / sequence", "8 copies; conforms", "n/a", "7-8 copies; conforms"]], [70, 35, 30, 35])


def viral_clearance(pdf: FPDF) -> None:
    _para(pdf, "Report VC-SK-2024-01. Scale-down models qualified against 2000 L runs; worst-case conditions; "
               "log10 reduction factors (LRF), >= means no residual infectivity detected.")
    _table(pdf, [["Step", "X-MuLV", "MVM", "PRV", "Reo-3"],
                 ["Low-pH inactivation (pH 3.70, 30 min, 15 C)", ">= 5.4", "n.c.", ">= 4.7", "n.c."],
                 ["Anion exchange (200 g/L, aged resin)", "4.9", "4.1", "3.6", "4.2"],
                 ["Virus filtration (1.5 bar, 1000 L/m2)", ">= 5.8", ">= 5.2", ">= 5.2", ">= 4.9"],
                 ["Cumulative LRF", ">= 16.1", ">= 9.3", ">= 13.5", ">= 9.1"]], [70, 25, 25, 25, 25])
    _para(pdf, "Protein A (X-MuLV 2.8, MVM 1.4) not claimed. n.c. = not claimed. Retrovirus safety margin: "
               "< 1 particle per 4 x 10^6 doses.")


def dp_flow(pdf: FPDF) -> None:
    _flow(pdf, ["1 Thaw drug substance at 22 C (16-24 h)", "2 Pool, dilute to 150 mg/mL, add polysorbate 80",
                "   IPC: protein, polysorbate 80, bioburden <= 10 CFU/100 mL",
                "3 Sterile filtration, 2 x 0.2 um in series [CPP; filter integrity]",
                "4 Aseptic filling 1.20 mL and stoppering in grade A isolator [CPP]",
                "5 Capping (residual seal force 60-80 N)", "6 100 % visual inspection + AQL",
                "7 Labelling and packaging at 2-8 C"])


def batch_record(pdf: FPDF) -> None:
    _para(pdf, "Batch SKP-25-021 - drug product, 150 mg/mL, 30.0 L - manufactured 2025-09-08 at Kestrel Pharma "
               "Fill & Finish GmbH, Biberach. Source drug substance: SKD-25-011.")
    _table(pdf, [["Step", "Parameter / IPC", "Limit", "Recorded", "Sign"],
                 ["Thaw", "Temperature", "20-24 C", "22.1 C", "AB/CD"],
                 ["Compounding", "Protein concentration", "145-155 mg/mL", "150.9 mg/mL", "AB/CD"],
                 ["Compounding", "Bioburden before filtration", "<= 10 CFU/100 mL", "0 CFU/100 mL", "EF/GH"],
                 ["Filtration", "Differential pressure", "1.0-2.0 bar", "1.4 bar", "AB/CD"],
                 ["Filtration", "Post-use bubble point", ">= 3.4 bar", "3.9 / 3.8 bar", "AB/CD"],
                 ["Filling", "Fill weight (in-line)", "1.258-1.310 g", "1.271-1.296 g", "IJ/KL"],
                 ["Filling", "Aseptic processing time", "<= 24 h", "11.5 h", "IJ/KL"],
                 ["Inspection", "Rejects", "report", "0.5 %", "MN/OP"]], [28, 45, 35, 35, 27])


def loa(pdf: FPDF) -> None:
    _para(pdf, "To: Food and Drug Administration, Center for Drug Evaluation and Research\n"
               "Re: Letter of Authorization - Drug Master File Type IV No. 032417 (Polysorbate 80, super-refined)")
    _para(pdf, "Veritas Oleochemicals Ltd hereby authorizes the Food and Drug Administration to refer to DMF 032417 "
               "in support of BLA 761487 submitted by Kestrel Biotherapeutics B.V. for solvekizumab 150 mg/mL "
               "injection. The DMF is current; the last annual report was submitted on 2026-03-14.")
    _para(pdf, "Sections referenced: manufacturing process, specifications, stability, TSE statement.\n"
               "Holder contact: regulatory@veritas-oleo.example\n\nSigned: Dr. Helen Marsh, Head of Regulatory Affairs, 2026-10-02")


def cover_us(pdf: FPDF) -> None:
    _para(pdf, "Food and Drug Administration, Center for Drug Evaluation and Research, Central Document Room\n"
               "Re: Original Biologics License Application 761487 - solvekizumab 150 mg/mL injection, single-dose vial")
    _para(pdf, "Kestrel Biotherapeutics B.V. submits this original BLA under section 351(a) of the PHS Act in eCTD "
               "format. The application contains Modules 1 to 5. Drug substance is manufactured by Kestrel Biologics "
               "Ireland Limited (FEI 3012458796); drug product by Kestrel Pharma Fill & Finish GmbH (FEI 3009876543).")
    _para(pdf, "U.S. agent: Jennifer Alvarez, +1 617 555 0198.\n\nSigned: Dr. Marieke van der Berg, Head of Regulatory Affairs, 2026-11-30")


def cover_eu(pdf: FPDF) -> None:
    _para(pdf, "European Medicines Agency, Amsterdam\nRe: Initial marketing authorisation application EMEA/H/C/006418 - "
               "Solvyra (solvekizumab) 150 mg solution for injection")
    _para(pdf, "Kestrel Biotherapeutics B.V. submits the initial MAA under the centralised procedure (Article 3(1), "
               "Annex point 1: biotechnological process). Batch release: Kestrel Pharma Fill & Finish GmbH, Biberach "
               "an der Riss, Germany. The process validation is complete (3.2.S.2.5, 3.2.P.3.5).")
    _para(pdf, "Signed: Dr. Marieke van der Berg, Head of Regulatory Affairs, 2026-11-30")


def jp_form(pdf: FPDF) -> None:
    _para(pdf, "【製造方法】（抜粋）　ソルベキズマブ（遺伝子組換え）原薬\n"
               "第3工程《生産培養》：2000 L生産用バイオリアクターで流加培養する。温度移行後の培養温度《32.0～34.0 °C》"
               "（目標値 \"33.0 °C\"）、培養pH《6.80～7.20》、培養期間《12～15日間》。フィードA添加量『2.4～3.6 %/日』。")
    _para(pdf, "第6工程《低pHウイルス不活化》：pH《3.30～3.70》、保持時間《30～180分間》、温度《15～26 °C》。\n"
               "第9工程《ウイルス除去ろ過》：ろ過圧力《1.5～2.4 bar》、使用後完全性試験に適合すること。")
    _para(pdf, "《 》：一部変更承認申請対象事項　『 』：軽微変更届出対象事項　\" \"：目標値/設定値")


def cn_cover(pdf: FPDF) -> None:
    _para(pdf, "国家药品监督管理局药品审评中心：\n\n"
               "红隼生物治疗有限公司现提交索维奇珠单抗注射液（150 mg/mL，1 mL/瓶）进口药品上市许可申请"
               "（受理号 x202600456，治疗用生物制品1类）。申报资料按ICH M4 CTD格式以eCTD提交。")
    _para(pdf, "原液生产企业：红隼生物制品（爱尔兰）有限公司；制剂生产企业：红隼制药灌装有限公司（德国）。"
               "注册检验用样品批号：SKP-25-021、SKP-25-022、SKP-25-023。")
    _para(pdf, "联系人：王晓雯　电话：+86 21 5555 0186\n\n红隼生物治疗有限公司\n2026年11月30日")


def ds_structure_zh(pdf: FPDF) -> None:
    _para(pdf, "人源化IgG1-κ抗体：2条重链（449个氨基酸）＋2条轻链（214个氨基酸）；16个二硫键；"
               "重链Asn299（EU编号Asn297）N-糖基化。分子量148214 Da（G0F/G0F）。")
    _table(pdf, [["区域", "残基", "说明"],
                 ["重链VH（CDR-H1/H2/H3）", "1-120", "焦谷氨酸1；CDR-H3 Asp102（异构化位点）"],
                 ["重链CH1/铰链区", "121-222 / 223-232", "Cys219-轻链Cys214；Cys225、Cys228重链间"],
                 ["重链CH2", "233-342", "Asn299（EU Asn297）糖链G0F/G1F/G2F；Met255（EU Met252）"],
                 ["重链CH3", "343-449", "Asn387/Asn392（PENNY）；C端Lys449大部分切除"],
                 ["轻链VL/CL", "1-107 / 108-214", "CDR-L1 Asn30（脱酰胺位点）"]], [45, 40, 85])


def ds_flow_zh(pdf: FPDF) -> None:
    _flow(pdf, ["1 工作细胞库复苏及摇瓶扩增（≤ 60天）", "2 种子生物反应器N-2（50 L）和N-1（500 L）",
                "3 2000 L生产生物反应器流加培养14天［CPP：温度、pH、培养时间］",
                "4 收获：离心、深层过滤及0.2 µm过滤", "5 Protein A亲和层析",
                "6 低pH病毒灭活 pH 3.50，60～90分钟［CPP］", "7 阳离子交换层析（结合-洗脱）",
                "8 阴离子交换层析（流穿）［CPP］", "9 病毒过滤（20 nm PES）［CPP］",
                "10 超滤/渗滤至组氨酸/蔗糖缓冲液，165 mg/mL", "11 0.2 µm过滤、分装2 L PETG瓶、冻结、-40 °C贮存"])


def cell_bank_zh(pdf: FPDF) -> None:
    _para(pdf, "按ICH Q5A(R2)和Q5D检定，由子午线生物安全检测公司（美国马里兰州罗克维尔）完成。")
    _table(pdf, [["检定项目", "MCB-SK-001", "WCB-SK-003", "生产终末细胞（120 PDL）"],
                 ["无菌（Ph. Eur. 2.6.1）", "符合规定", "符合规定", "符合规定"],
                 ["支原体（Ph. Eur. 2.6.7）", "未检出", "未检出", "未检出"],
                 ["体外外源病毒（MRC-5、Vero、CHO-K1）", "阴性", "阴性", "阴性"],
                 ["体内试验（小鼠、鸡胚）", "阴性", "不适用", "阴性"],
                 ["逆转录病毒样颗粒（透射电镜）", "A/C型颗粒", "不适用", "A/C型颗粒"],
                 ["感染性逆转录病毒（XC、S+L-、共培养）", "阴性", "不适用", "阴性"],
                 ["鉴别（同工酶；CHO基因型）", "仓鼠源；符合", "符合", "符合"],
                 ["构建体拷贝数/序列", "8个拷贝；符合", "不适用", "7～8个拷贝；符合"]], [70, 35, 30, 35])


def viral_clearance_zh(pdf: FPDF) -> None:
    _para(pdf, "报告VC-SK-2024-01。缩小模型已与2000 L批次比对确认；采用最差条件；对数降低值（LRF），"
               "“≥”表示未检出残留感染性。")
    _table(pdf, [["步骤", "X-MuLV", "MVM", "PRV", "Reo-3"],
                 ["低pH灭活（pH 3.70，30分钟，15 °C）", "≥ 5.4", "未计入", "≥ 4.7", "未计入"],
                 ["阴离子交换层析（200 g/L，老化树脂）", "4.9", "4.1", "3.6", "4.2"],
                 ["病毒过滤（1.5 bar，1000 L/m²）", "≥ 5.8", "≥ 5.2", "≥ 5.2", "≥ 4.9"],
                 ["累计LRF", "≥ 16.1", "≥ 9.3", "≥ 13.5", "≥ 9.1"]], [70, 25, 25, 25, 25])
    _para(pdf, "Protein A（X-MuLV 2.8，MVM 1.4）未计入。逆转录病毒安全系数：每4 × 10^6剂少于1个颗粒。")


def dp_flow_zh(pdf: FPDF) -> None:
    _flow(pdf, ["1 原液于22 °C解冻（16～24小时）", "2 合并，稀释至150 mg/mL，加入聚山梨酯80",
                "   中间控制：蛋白质、聚山梨酯80、生物负荷 ≤ 10 CFU/100 mL",
                "3 除菌过滤，2个0.2 µm滤器串联［CPP；滤器完整性］",
                "4 A级隔离器内无菌灌装1.20 mL并加塞［CPP］",
                "5 轧盖（残余密封力60～80 N）", "6 100%灯检＋AQL抽检", "7 2～8 °C下贴签和包装"])


DOCUMENTS = [
    ("ds-structure-schematic.pdf", "Figure 3.2.S.1.2-1 Schematic structure of solvekizumab", "en", ds_structure),
    ("ds-process-flow.pdf", "3.2.S.2.2 Drug substance manufacturing process flow diagram", "en", ds_flow),
    ("cell-bank-characterisation.pdf", "3.2.S.2.3 Cell bank characterisation summary", "en", cell_bank),
    ("viral-clearance-summary.pdf", "3.2.A.2 Viral clearance study report VC-SK-2024-01 (summary)", "en", viral_clearance),
    ("dp-process-flow.pdf", "3.2.P.3.3 Drug product manufacturing process flow diagram", "en", dp_flow),
    ("executed-batch-record-skp-25-021.pdf", "Executed batch record SKP-25-021 (excerpt)", "en", batch_record),
    ("loa-dmf-032417.pdf", "Letter of Authorization - DMF 032417", "en", loa),
    ("cover-letter-us.pdf", "Cover letter - BLA 761487", "en", cover_us),
    ("cover-letter-eu.pdf", "Cover letter - MAA EMEA/H/C/006418", "en", cover_eu),
    ("jp-application-form-excerpt.pdf", "承認申請書（写）製造方法欄抜粋", "ja", jp_form),
    ("cn-cover-letter.pdf", "说明函", "zh", cn_cover),
    ("zh-ds-structure-schematic.pdf", "图3.2.S.1.2-1 索维奇珠单抗结构示意图", "zh", ds_structure_zh),
    ("zh-ds-process-flow.pdf", "3.2.S.2.2 原液生产工艺流程图", "zh", ds_flow_zh),
    ("zh-cell-bank-characterisation.pdf", "3.2.S.2.3 细胞库检定总结", "zh", cell_bank_zh),
    ("zh-viral-clearance-summary.pdf", "3.2.A.2 病毒清除验证报告VC-SK-2024-01（摘要）", "zh", viral_clearance_zh),
    ("zh-dp-process-flow.pdf", "3.2.P.3.3 制剂生产工艺流程图", "zh", dp_flow_zh),
]


def build(target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, title, lang, body in DOCUMENTS:
        pdf = _new_pdf(title, lang)
        body(pdf)
        _footer(pdf)
        path = target / name
        path.write_bytes(bytes(pdf.output()))
        written.append(path)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "attachments"
    for p in build(out):
        print(f"{p} ({p.stat().st_size} bytes)")
