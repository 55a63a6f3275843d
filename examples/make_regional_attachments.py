"""Generate the NMPA 3.2.R attachments of both example dossiers (Simplified Chinese, one page each).

Usage: ``python examples/make_regional_attachments.py [tablet|mab ...]`` (default: both), writing into
``examples/<name>/attachments``. China asks for process validation, executed batch records, method
validation reports and stability chromatograms in 3.2.R (see ``jurisdictions/nmpa.yaml``); these are
FICTIONAL documents that make the examples complete for NMPA. Output is deterministic: fixed dates,
the embedded (subset) Noto Sans CJK SC font from the ``noto-cjk-sans-otc`` package (a dependency of ectd-builder).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
CREATED = datetime(2026, 1, 1, tzinfo=UTC)
Peak = tuple[float, float, float, str]  # retention time (min), height (mAU), width (min), label


@dataclass(frozen=True)
class Trace:
    """One chromatogram: caption, run time and its peaks."""

    caption: str
    minutes: float
    peaks: tuple[Peak, ...]
    full_scale: float | None = None  # signal shown up to this height (taller peaks are cut off)


@dataclass(frozen=True)
class Page:
    file: str
    title: str
    subtitle: str
    paragraphs: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()
    traces: tuple[Trace, ...] = ()
    signature: str = ""
    footer: str = ""
    author: str = ""


def _font() -> Path:
    try:
        import noto_cjk_sans_otc  # type: ignore[import-not-found]
    except ImportError as exc:
        raise SystemExit("install the CJK font (pip install noto-cjk-sans-otc, a dependency of ectd-builder) to build these PDFs") from exc
    return Path(str(noto_cjk_sans_otc.FONT_PATH))


def _chromatogram(pdf: FPDF, trace: Trace, top: float) -> float:
    """Draw ``trace`` in a 170 x 52 mm box at ``top``; return the y below it."""
    left, width, height = 25.0, 160.0, 44.0
    pdf.set_font("body", size=8)
    pdf.set_xy(left, top)
    pdf.cell(width, 4, trace.caption)
    y0 = top + 5
    pdf.set_draw_color(0, 0, 0)
    pdf.line(left, y0 + height, left + width, y0 + height)
    pdf.line(left, y0, left, y0 + height)
    pdf.set_font("body", size=6.5)
    step = 5.0 if trace.minutes > 20 else 2.0
    tick = 0.0
    while tick <= trace.minutes + 1e-9:
        x = left + width * tick / trace.minutes
        pdf.line(x, y0 + height, x, y0 + height + 1)
        pdf.set_xy(x - 4, y0 + height + 1)
        pdf.cell(8, 3, f"{tick:g}", align="C")
        tick += step
    pdf.set_xy(left + width - 20, y0 + height + 4)
    pdf.cell(20, 3, "时间 (min)", align="R")
    tallest = trace.full_scale or max(p[1] for p in trace.peaks)
    points = []
    for i in range(481):
        t = trace.minutes * i / 480
        signal = min(tallest, sum(h * math.exp(-0.5 * ((t - rt) / w) ** 2) for rt, h, w, _ in trace.peaks))
        points.append((left + width * t / trace.minutes, y0 + height - (height - 6) * signal / tallest))
    pdf.set_draw_color(20, 60, 140)
    pdf.polyline(points)
    for rt, h, _, label in trace.peaks:
        if label:
            x = left + width * rt / trace.minutes
            y = y0 + height - (height - 6) * min(h, tallest) / tallest
            pdf.set_xy(x - 15, max(y0, y - 4))
            pdf.cell(30, 3, label, align="C")
    pdf.set_draw_color(0, 0, 0)
    return y0 + height + 9


def write(page: Page, dest: Path) -> Path:
    pdf = FPDF(format="A4")
    pdf.pdf_version = "1.4"
    pdf.set_creation_date(CREATED)
    pdf.set_title(page.title)
    pdf.set_author(page.author)
    pdf.set_creator("examples/make_regional_attachments.py")
    pdf.set_producer("fpdf2")
    pdf.set_lang("zh-CN")
    pdf.add_font("body", "", str(_font()), collection_font_number=2)  # face 2 = Simplified Chinese
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("body", size=7)
    pdf.set_text_color(120, 120, 120)
    pdf.cell(0, 4, page.footer, new_x="LMARGIN", new_y="NEXT", align="R")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("body", size=13)
    pdf.multi_cell(0, 6.5, page.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("body", size=8.5)
    pdf.multi_cell(0, 4.6, page.subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("body", size=9)
    for text in page.paragraphs:
        pdf.multi_cell(0, 4.8, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    if page.table:
        pdf.set_font("body", size=7.5)
        style = FontFace(emphasis="", fill_color=(225, 225, 225))
        with pdf.table(col_widths=page.widths, line_height=4.2, first_row_as_headings=True, headings_style=style) as table:
            for row in page.table:
                cells = table.row()
                for value in row:
                    cells.cell(value)
        pdf.ln(2)
    y = pdf.get_y()
    for trace in page.traces:
        y = _chromatogram(pdf, trace, y)
    if page.signature:
        pdf.set_xy(20, max(y, pdf.get_y()) + 2)
        pdf.set_font("body", size=8.5)
        pdf.multi_cell(0, 4.6, page.signature, new_x="LMARGIN", new_y="NEXT")
    path = dest / page.file
    pdf.output(str(path))
    return path


# ------------------------------------------------------------------------------------------------
# Tablet example (Aldervane Pharma, quorvatinib film-coated tablets)
# ------------------------------------------------------------------------------------------------

TABLET_FOOTER = "奥德维恩制药有限公司 - 虚构示例文件 / Aldervane Pharma GmbH - FICTIONAL EXAMPLE"
TABLET_AUTHOR = "Aldervane Pharma GmbH (fictional)"

TABLET = (
    Page(
        file="cn-pv-scheme-dp.pdf",
        title="3.2.R 工艺验证方案 PVS-QVT-DP-01（喹伐替尼片 25 mg、50 mg）",
        subtitle="奥德维恩制药生产有限公司（德国勒拉赫）- 总混物料200 kg - 标准工艺 - 方案版本2（2025年9月）",
        paragraphs=(
            ("范围：每个规格连续3批商业规模批次（200 kg总混物料），在商业化生产场地使用商业化设备生产。"
            "注册检验批QVT25-2501～2503及QVT50-2501～2503（2025年10～11月）按本方案的加强取样生产，其批生产记录见3.2.R。"),
            ("接受标准：所有中控及放行标准均符合；含量均匀度按ASTM E2709分阶段评价（90%置信度/95%覆盖率）；"
            "压片初、中、末期溶出度（12片）符合规定；片重和硬度过程能力指数Cpk ≥ 1.33；无未解释的偏差。"),
        ),
        table=(
            ("工艺步骤", "关键工艺参数/中控", "加强取样"),
            ("3 辊压与整粒", "辊压力8～10 kN/cm；条带固体分数0.62～0.72", "每15分钟测固体分数；3个时间点颗粒粒度"),
            ("4 总混与润滑", "润滑时间2.5～3.5分钟", "混合均匀度10个位置 × 3份"),
            ("5 压片", "压力7～9 kN（25 mg），12～16 kN（50 mg）", "分层含量均匀度20个位置 × 3片；溶出度 × 3"),
            ("6 薄膜包衣", "片床温度40～45 °C；增重3.5%～4.5%", "每锅增重及外观"),
            ("7 包装", "热封温度185～195 °C", "每小时泄漏检查；数量核对"),
        ),
        widths=(34, 74, 62),
        signature="批准：生产负责人、质量控制负责人、质量受权人（虚构签名存档）",
    ),
    Page(
        file="cn-executed-batch-records-dp.pdf",
        title="3.2.R 批生产记录（注册检验批QVT25-2501、QVT50-2501，摘要页）",
        subtitle="主批生产记录MBR-QVT-200-004 第1版 - 商业规模总混物料200 kg - 生产日期2025年10月6日及13日 - "
        "其余注册检验批（QVT25-2502/2503、QVT50-2502/2503）的完整记录可供核查",
        table=(
            ("步骤", "参数/中控", "目标/限度", "QVT25-2501", "QVT50-2501"),
            ("称量", "喹伐替尼批号", "20.000 kg / 40.000 kg", "QVT-DS-24002", "QVT-DS-24003"),
            ("预混", "混合时间（12 rpm）", "20分钟（18～22）", "20分钟", "20分钟"),
            ("辊压", "比辊压力", "9 kN/cm（8～10）", "9.0 kN/cm", "9.2 kN/cm"),
            ("辊压", "条带固体分数", "0.62～0.72", "0.65～0.69", "0.66～0.68"),
            ("总混", "润滑时间", "3分钟（2.5～3.5）", "3分钟", "3分钟"),
            ("总混", "混合均匀度（10个位置）", "均值95%～105%，RSD ≤ 4%", "100.2%，RSD 1.2%", "99.4%，RSD 1.5%"),
            ("压片", "主压力", "8 kN / 14 kN", "7.6～8.3 kN", "13.5～14.6 kN"),
            ("压片", "平均片芯重（20片）", "121.3～128.8 mg / 242.5～257.5 mg", "123.9～126.1 mg", "248.2～251.9 mg"),
            ("包衣", "增重", "3.5%～4.5%", "4.0%", "4.2%"),
            ("收率", "包衣片", "≥ 95.0%（理论量）", "98.1%", "97.6%"),
        ),
        widths=(18, 40, 46, 33, 33),
        paragraphs=("偏差：无。质量保证部于2025年10月24日（QVT25-2501）及10月31日（QVT50-2501）审核放行。",),
        signature="质量保证审核：L. Hartmann 博士，质量保证负责人（虚构）",
    ),
    Page(
        file="cn-method-validation-reports.pdf",
        title="3.2.R 分析方法验证报告汇总（喹伐替尼及喹伐替尼片）",
        subtitle="各方法验证报告全文按报告编号存档，可供审评及注册检验复核；验证按ICH Q2(R2)进行",
        table=(
            ("方法", "验证项目", "验证范围", "报告编号"),
            ("喹伐替尼含量测定（HPLC）", "专属性、线性、准确度、精密度", "80%～120%", "MVR-QVT-DS-001"),
            ("喹伐替尼有关物质（梯度HPLC）", "专属性、定量限、线性、准确度、精密度", "0.03%～0.6%", "MVR-QVT-DS-002"),
            ("对映异构体（手性HPLC）", "专属性、定量限、线性、准确度、精密度", "0.04%～0.3%", "MVR-QVT-DS-003"),
            ("对甲苯磺酸乙酯（GC-MS）", "专属性、定量限、线性、准确度、精密度", "1.0～22.5 ppm", "MVR-QVT-DS-004"),
            ("残留溶剂（顶空GC）", "专属性、定量限、线性、准确度、精密度", "40～6000 ppm", "MVR-QVT-DS-005"),
            ("钯（ICP-MS）", "专属性、定量限、线性、准确度、精密度", "0.5～30 µg/g", "MVR-QVT-DS-006"),
            ("片剂含量及含量均匀度（HPLC）", "专属性、线性、准确度、精密度", "70%～130%标示量", "MVR-QVT-DP-001"),
            ("片剂降解产物（梯度HPLC）", "专属性、定量限、线性、准确度、精密度", "0.05%～1.2%", "MVR-QVT-DP-002"),
            ("溶出度（桨法，HPLC测定）", "专属性、线性、准确度、精密度", "20%～120%标示量", "MVR-QVT-DP-003"),
        ),
        widths=(52, 62, 30, 26),
        signature="审核：分析开发负责人、质量控制负责人（虚构）",
    ),
    Page(
        file="cn-stability-chromatograms-dp.pdf",
        title="3.2.R 稳定性研究典型图谱（喹伐替尼片50 mg，降解产物，梯度HPLC）",
        subtitle="批号QVT50-P2401，PVC/PVDC-铝泡罩；长期条件30 °C/65% RH；0个月及12个月；检测波长254 nm",
        traces=(
            Trace(
                "图1  0个月（纵坐标放大至10 mAU，主峰截顶）",
                30.0,
                ((12.4, 1000.0, 0.12, "喹伐替尼"), (8.1, 2.0, 0.10, "杂质D"), (15.6, 1.2, 0.10, "杂质F")),
                10.0,
            ),
            Trace(
                "图2  12个月，30 °C/65% RH（纵坐标放大至10 mAU，主峰截顶）",
                30.0,
                ((12.4, 990.0, 0.12, "喹伐替尼"), (8.1, 6.5, 0.10, "杂质D"), (15.6, 3.1, 0.10, "杂质F"), (19.2, 1.0, 0.10, "")),
                10.0,
            ),
        ),
        paragraphs=("12个月时杂质D为0.07%，杂质F为0.04%，最大单个未知降解产物为0.03%（限度各≤ 0.2%，总量≤ 0.5%）。",),
        signature="其他批次、条件及时间点的完整图谱按稳定性报告STR-QVT-DP-2412存档。",
    ),
)

# ------------------------------------------------------------------------------------------------
# mAb example (Kestrel Biotherapeutics, solvekizumab solution for injection)
# ------------------------------------------------------------------------------------------------

MAB_FOOTER = "Kestrel Biotherapeutics B.V. - 索维奇珠单抗 - 虚构示例数据 / fictional example data"
MAB_AUTHOR = "Kestrel Biotherapeutics B.V."

MAB = (
    Page(
        file="zh-pv-report-dp.pdf",
        title="3.2.R 制剂工艺验证报告 PVR-SKP-2025-01（索维奇珠单抗注射液）",
        subtitle="德国比伯拉赫生产场地 - 商业规模30 L（约24 800瓶）- 工艺性能确认批SKP-25-021、-022、-023",
        paragraphs=(
            ("三批连续工艺性能确认批由原液工艺验证批SKD-25-011～013生产，所有关键工艺参数均在正常操作范围内，"
            "所有中控及放行检验均符合接受标准；灌装初、中、末期蛋白质含量及聚山梨酯80含量均匀。"),
            "除菌过滤（细菌截留、相容性、可提取物）及无菌工艺（三次初始培养基模拟灌装）均已验证。结论：工艺处于受控状态。",
        ),
        table=(
            ("项目", "接受标准", "SKP-25-021", "SKP-25-022", "SKP-25-023"),
            ("配制后蛋白质含量", "150 ± 15 mg/mL", "151 mg/mL", "149 mg/mL", "150 mg/mL"),
            ("除菌过滤前生物负荷", "≤ 10 CFU/100 mL", "< 1", "< 1", "< 1"),
            ("过滤后完整性试验", "起泡点 ≥ 3.4 bar", "3.8 bar", "3.7 bar", "3.8 bar"),
            ("灌装量（初/中/末）", "1.10～1.20 mL", "1.15/1.15/1.16", "1.14/1.15/1.15", "1.15/1.16/1.15"),
            ("SE-UHPLC单体", "≥ 97.0%", "99.2%", "99.1%", "99.3%"),
            ("生物学活性", "80%～125%", "101%", "98%", "103%"),
        ),
        widths=(44, 38, 29, 29, 30),
        signature="批准：生产负责人、质量负责人、质量受权人（虚构）",
    ),
    Page(
        file="zh-executed-batch-record-skp-25-021.pdf",
        title="3.2.R 批生产记录 SKP-25-021（摘要页）",
        subtitle="主批生产记录MBR-SKP-30L-002 第3版 - 30 L - 生产日期2025年9月8日 - 工艺验证、稳定性及注册检验用",
        table=(
            ("步骤", "参数/中控", "目标/限度", "记录值", "操作/复核"),
            ("原液解冻", "原液批号", "SKD-25-011", "SKD-25-011", "KV / MD"),
            ("配制", "蛋白质含量（A280）", "150 ± 15 mg/mL", "151 mg/mL", "KV / MD"),
            ("配制", "pH", "5.8～6.2", "6.0", "KV / MD"),
            ("除菌过滤", "过滤前生物负荷", "≤ 10 CFU/100 mL", "< 1 CFU/100 mL", "QC / MD"),
            ("除菌过滤", "过滤后起泡点", "≥ 3.4 bar", "3.8 bar", "JB / MD"),
            ("灌装", "装量（每小时10瓶）", "1.10～1.20 mL", "1.14～1.17 mL", "JB / AS"),
            ("轧盖", "容器密封完整性（真空衰减）", "全部通过", "全部通过", "JB / AS"),
            ("灯检", "剔除率", "≤ 2.0%", "0.6%", "RW / AS"),
            ("收率", "合格瓶数", "≥ 90%", "24 812瓶（95.4%）", "RW / QA"),
        ),
        widths=(22, 44, 36, 38, 30),
        paragraphs=("偏差：无。质量保证部于2025年9月26日审核。",),
        signature="质量保证审核：E. Visser，质量保证负责人（虚构）",
    ),
    Page(
        file="zh-method-validation-reports.pdf",
        title="3.2.R 分析方法验证报告汇总（索维奇珠单抗原液及注射液）",
        subtitle="各方法验证报告全文按报告编号存档，可供审评及注册检验复核；验证按ICH Q2(R2)进行",
        table=(
            ("方法", "验证项目", "验证范围", "报告编号"),
            ("蛋白质含量（A280，可变光程）", "专属性、线性、准确度、精密度", "100～200 mg/mL", "MVR-SK-001"),
            ("生物学活性（报告基因法）", "专属性、线性、准确度、精密度", "50%～200%", "MVR-SK-002"),
            ("分子大小变异体（SE-UHPLC）", "专属性、定量限、线性、准确度、精密度", "0.05%～100%", "MVR-SK-003"),
            ("电荷异构体（icIEF）", "专属性、定量限、线性、准确度、精密度", "0.5%～100%", "MVR-SK-004"),
            ("纯度（CE-SDS 非还原/还原）", "专属性、定量限、线性、准确度、精密度", "0.2%～100%", "MVR-SK-005"),
            ("N-糖谱（HILIC-荧光）", "专属性、定量限、精密度", "0.2%～100%", "MVR-SK-006"),
            ("宿主细胞蛋白（ELISA）", "专属性、定量限、准确度、精密度", "1.0～200 ng/mg", "MVR-SK-007"),
            ("宿主细胞DNA（qPCR）", "专属性、定量限、准确度、精密度", "0.5～100 pg/mg", "MVR-SK-008"),
            ("残留Protein A（ELISA）", "专属性、定量限、准确度、精密度", "0.5～40 ng/mg", "MVR-SK-009"),
            ("聚山梨酯80（HPLC-ELSD）", "专属性、线性、准确度、精密度", "0.05～0.40 mg/mL", "MVR-SK-010"),
        ),
        widths=(52, 62, 30, 26),
        signature="审核：分析科学负责人、质量控制负责人（虚构）",
    ),
    Page(
        file="zh-stability-chromatograms-dp.pdf",
        title="3.2.R 稳定性研究典型图谱（索维奇珠单抗注射液，SE-UHPLC）",
        subtitle="批号SKP-25-021；长期条件5 °C ± 3 °C；0个月及12个月；检测波长280 nm",
        traces=(
            Trace(
                "图1  0个月（纵坐标放大至8 mAU，单体峰截顶）",
                10.0,
                ((4.2, 2.0, 0.08, "高分子量物质"), (4.9, 400.0, 0.10, "单体"), (6.1, 0.8, 0.10, "低分子量物质")),
                8.0,
            ),
            Trace(
                "图2  12个月，5 °C（纵坐标放大至8 mAU，单体峰截顶）",
                10.0,
                ((4.2, 2.6, 0.08, "高分子量物质"), (4.9, 398.0, 0.10, "单体"), (6.1, 1.0, 0.10, "低分子量物质")),
                8.0,
            ),
        ),
        paragraphs=("12个月时单体为99.0%，高分子量物质为0.7%（限度：单体 ≥ 97.0%，高分子量物质 ≤ 2.0%）。",),
        signature="其他批次、条件及时间点的完整图谱按稳定性报告STR-SKP-2025-02存档。",
    ),
)

EXAMPLES: dict[str, tuple[tuple[Page, ...], str, str]] = {
    "tablet": (TABLET, TABLET_FOOTER, TABLET_AUTHOR),
    "mab": (MAB, MAB_FOOTER, MAB_AUTHOR),
}


def main(argv: Sequence[str]) -> int:
    for name in argv or list(EXAMPLES):
        pages, footer, author = EXAMPLES[name]
        dest = HERE / name / "attachments"
        dest.mkdir(parents=True, exist_ok=True)
        for page in pages:
            path = write(Page(**{**page.__dict__, "footer": footer, "author": author}), dest)
            print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
