"""Line breaking: numbers, units, ranges, batch numbers and identifiers stay whole; CJK kinsoku."""

from __future__ import annotations

import re

import pytest
from ectd_builder.render.fonts import font_set
from ectd_builder.render.linebreak import NBSP, ZWSP, fit_pieces, prepare, strip_marks
from ectd_builder.render.model import Document
from ectd_builder.render.pdf import PdfWriter
from ectd_builder.render.pdf_layout import BODY, fit_columns


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Cpk ≥ 1.33", "en", f"Cpk ≥{NBSP}1.33"),
        ("95.0～105.0 %", "zh", f"95.0～105.0{NBSP}%"),
        ("ChP 1105", "zh", f"ChP{NBSP}1105"),
        ("Ph. Eur. 2.4.24、USP", "en", f"Ph.{NBSP}Eur.{NBSP}2.4.24、{ZWSP}USP"),
        ("QVT-DS-23001", "en", "QVT-DS-23001"),
        ("0.25 %", "ja", f"0.25{NBSP}%"),
        ("ICH Q1E", "ja", f"ICH{NBSP}Q1E"),
        ("25 °C/60 % RH", "ja", f"25{NBSP}°C/60{NBSP}%{NBSP}RH"),
        ("NMT 0.10 %", "en", f"NMT{NBSP}0.10{NBSP}%"),
        ("2 – 8 °C", "en", f"2{NBSP}–{NBSP}8{NBSP}°C"),
        ("Ph. Eur. 2.9.3", "en", f"Ph.{NBSP}Eur.{NBSP}2.9.3"),
        ("Buchwald-Hartwig coupling", "en", f"Buchwald-{ZWSP}Hartwig coupling"),
        ("残留300～500 ppm的NMP", "zh", f"残{ZWSP}留{ZWSP}300～500{NBSP}ppm{ZWSP}的{ZWSP}NMP"),
        # kinsoku: no break before 、。）％ and after （
        ("溶剂（第二类）。", "zh", f"溶{ZWSP}剂{ZWSP}（第{ZWSP}二{ZWSP}类）。"),
        ("含量98.0％、水分", "zh", f"含{ZWSP}量{ZWSP}98.0％、{ZWSP}水{ZWSP}分"),
        ("第2版，12批", "zh", f"第2版，{ZWSP}12批"),
        ("ロット", "ja", f"ロッ{ZWSP}ト"),  # small ッ never starts a line
    ],
)
def test_prepare_marks_breaks(text, language, expected):
    assert prepare(text, language) == expected
    assert strip_marks(prepare(text, language)).replace(NBSP, " ") == text


def _lines(text: str, language: str, width: float, style: str = "") -> list[str]:
    writer = PdfWriter(Document("T", language, ()), font_set(language))
    writer.pdf.add_page()
    writer.pdf.set_font(BODY, style, 9)
    lines = writer.pdf.multi_cell(width, 4, writer.text(text), dry_run=True, output="LINES", wrapmode=writer.wrap)
    for font in writer.pdf.fonts.values():  # the PDF is never written, which would close them
        font.close()
    return [strip_marks(line).replace(NBSP, " ").strip() for line in lines]


@pytest.mark.parametrize(
    ("text", "language", "width", "whole"),
    [
        ("Process capability Cpk ≥ 1.33 for every batch", "en", 42, "≥ 1.33"),
        ("含量应为标示量的95.0～105.0 %，按ChP 1105检查", "zh", 38, "95.0～105.0 %"),
        ("含量应为标示量的95.0～105.0 %，按ChP 1105检查", "zh", 52, "ChP 1105"),
        ("批号QVT-DS-23001和QVT-DS-23002", "zh", 30, "QVT-DS-23001"),
        ("保存条件25 °C/60 % RH，12个月", "ja", 30, "25 °C/60 % RH"),
        ("不純物は0.25 %以下（ICH Q1E）であった。", "ja", 33, "ICH Q1E"),
    ],
)
def test_laid_out_lines_keep_tokens_whole(text, language, width, whole):
    lines = _lines(text, language, width)
    assert len(lines) > 1, lines  # the width does force a break
    assert any(whole in line for line in lines), lines
    for line in lines[1:]:
        assert line[:1] not in "、。，）」％%", lines  # no line starts with closing punctuation


def test_columns_get_at_least_their_widest_token():
    assert fit_columns((1, 1, 1), (10, 50, 10), 90) == (20.0, 50.0, 20.0)
    assert fit_columns((1, 3), (5, 5), 80) == (20.0, 60.0)
    assert fit_columns((1, 1), (60, 60), 80) == (40.0, 40.0)  # impossible: both shrink alike
    # too many columns: the narrow ones (numbers) keep their width, the wide text columns give way
    assert fit_columns((1,) * 4, (10, 10, 60, 60), 100) == (10, 10, 40.0, 40.0)


def test_a_piece_too_wide_for_its_cell_breaks_between_numbers_never_inside_one() -> None:
    width = len  # one unit per character
    # the issue 11 leftovers: a range, a range with its unit, a long file name
    assert fit_pieces(prepare("80%～125%", "zh"), 5, width) == f"80%～{ZWSP}125%"
    assert fit_pieces(prepare("10–30 min"), 5, width) == f"10–{ZWSP}30 min"
    assert fit_pieces(prepare("10–30 min"), 6, width).split(ZWSP) == ["10–", f"30{NBSP}min"]
    name = "qvt-ds_batch-analysis_2024.pdf"
    assert fit_pieces(name, 12, width).split(ZWSP) == ["qvt-", "ds_", "batch-", "analysis_", "2024.", "pdf"]
    # what fits stays whole; numbers, decimals and batch numbers are never cut
    assert fit_pieces(prepare("10–30 min"), 9, width) == prepare("10–30 min")
    assert fit_pieces(prepare("NMT 0.10 %"), 3, width) == "NMT 0.10 %"
    assert fit_pieces("1.33", 1, width) == "1.33"
    assert fit_pieces("QVT-DS-23001", 4, width).split(ZWSP) == ["QVT-", "DS-", "23001"]
    for text in ("80%～125%", "10–30 min", "95.0～105.0", "2–8 °C", "0.25 %"):
        fitted = fit_pieces(prepare(text, "zh"), 1, width)
        assert strip_marks(fitted).replace(" ", "").replace(NBSP, "") == text.replace(" ", "")
        assert not re.search(rf"[\d.][ {ZWSP}]+[\d.]", fitted), fitted  # no break inside a number
