"""Stability figures: vector in PDF, 300 dpi in DOCX, the engine's confidence band, captions, no clipping."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from ectd_builder.render import stability
from ectd_builder.render.api import build_model, write
from ectd_builder.render.plan import plan_documents
from ectd_builder.render.stability import FigureData, FigureText, render_figure
from ectd_builder.stability.regression import Levels, Series, confidence_band, fit_attribute

LEVELS = Levels(confidence=0.95, two_sided_confidence=0.95, pooling_alpha=0.25, min_points=3)
SERIES = (
    Series("b1", (0.0, 3.0, 6.0, 9.0, 12.0), (0.10, 0.14, 0.19, 0.22, 0.27)),
    Series("b2", (0.0, 3.0, 6.0, 9.0, 12.0), (0.11, 0.15, 0.18, 0.24, 0.28)),
)


def _text(title: str = "Impurity D", unit: str = "%") -> FigureText:
    return FigureText(title, unit, "Time (months)", "Mean regression line", "95 % one-sided upper confidence bound",
                      "Acceptance criterion", "pooled batches", "Proposed shelf life (24 months)",
                      "Bound meets criterion at 30 months", cjk=False)


def _data(fit=None) -> FigureData:
    return FigureData(SERIES, {}, None, 0.5, fit, 24.0, 12.0)


def test_band_meets_the_limit_at_the_engines_crossing() -> None:
    fit = fit_attribute("imp", list(SERIES), None, 0.5, LEVELS)
    assert fit.crossing is not None and 12.0 < fit.crossing < 120.0
    line = next(ln for ln in fit.lines if ln.crossing == fit.crossing)
    band = confidence_band(fit, line.batch, [fit.crossing, fit.crossing + 0.05])
    assert band is not None and band.lower is None and band.upper is not None
    assert band.upper[0] <= 0.5 < band.upper[1]  # inside at the crossing, outside one grid step later
    assert band.mean[0] == pytest.approx(line.intercept + line.slope * fit.crossing)
    assert confidence_band(fit, "no-such-batch", [1.0]) is None


def test_two_sided_band_has_both_bounds() -> None:
    fit = fit_attribute("assay", list(SERIES), 0.0, 0.5, LEVELS)
    band = confidence_band(fit, SERIES[0].batch, [6.0])
    assert band is not None and band.lower is not None and band.upper is not None
    assert band.lower[0] < band.mean[0] < band.upper[0]


def test_figure_is_deterministic_vector_text_and_unclipped() -> None:
    fit = fit_attribute("imp", list(SERIES), None, 0.5, LEVELS)
    one = stability._draw_and_export(_data(fit), _text(), ["DejaVu Sans"])  # drawn twice, not memoised
    two = stability._draw_and_export(_data(fit), _text(), ["DejaVu Sans"])
    assert (one.png, one.svg) == (two.png, two.svg)
    assert b"<metadata>" not in one.svg and b"<text" not in one.svg  # text drawn as paths
    assert one.outside == ()
    assert one.width_px >= 300 * 5


def test_a_figure_is_drawn_once_and_any_changed_input_draws_again(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []

    def fake(data: FigureData, text: FigureText, fonts: list[str]) -> stability.Drawn:
        drawn.append(text.title)
        return stability.Drawn(text.title.encode(), b"", 1, 1, ())

    monkeypatch.setattr(stability, "_draw_and_export", fake)
    monkeypatch.setattr(stability, "_DRAWN", stability.OrderedDict())
    first = render_figure(_data(), _text(), ["DejaVu Sans"])
    assert render_figure(_data(), _text(), ["DejaVu Sans"]) is first and len(drawn) == 1
    changed = (
        (FigureData(SERIES[:1], {}, None, 0.5, None, 24.0, 12.0), _text(), ["DejaVu Sans"]),  # data
        (FigureData(SERIES, {"b1": "P-1"}, None, 0.5, None, 24.0, 12.0), _text(), ["DejaVu Sans"]),  # batch label
        (FigureData(SERIES, {}, None, 0.6, None, 24.0, 12.0), _text(), ["DejaVu Sans"]),  # limit
        (_data(), _text(unit="mg"), ["DejaVu Sans"]),  # text
        (_data(), _text(), ["Noto Sans CJK JP"]),  # fonts
        (_data(fit_attribute("imp", list(SERIES), None, 0.5, LEVELS)), _text(), ["DejaVu Sans"]),  # a fit
        (_data(fit_attribute("imp", list(SERIES), None, 0.5, Levels(0.99, 0.99, 0.25, 3))), _text(), ["DejaVu Sans"]),  # level
    )
    for data, text, fonts in changed:
        render_figure(data, text, fonts)
    assert len(drawn) == 1 + len(changed)


def test_clipped_text_is_detected() -> None:
    drawn = render_figure(_data(), _text(unit="x" * 400), ["DejaVu Sans"])
    assert drawn.outside  # a label far longer than the axis leaves the canvas


@pytest.fixture(scope="module")
def mini_model(mini):
    doc = next(d for d in plan_documents(mini, "fda") if d.section == "3.2.P.8.3")
    model, problems = build_model(mini, doc)
    return doc, model, problems


def test_document_captions_are_numbered_and_distinct(mini_model) -> None:
    from ectd_builder.render.model import Figure, plain_text

    _, model, problems = mini_model
    figures = [b for b in model.blocks if isinstance(b, Figure)]
    assert figures, "the mini dossier has stability figures"
    captions = [plain_text(f.caption) for f in figures]
    assert len(set(captions)) == len(captions)
    assert [c.split(":")[0] for c in captions] == [f"Figure {n}" for n in range(1, len(captions) + 1)]
    assert all(f.anchor for f in figures) and len({f.anchor for f in figures}) == len(figures)
    assert not [p for p in problems if p.code == "REN010"]


def test_pdf_draws_figures_as_vectors(mini_model) -> None:
    doc, model, _ = mini_model
    data = write(model, "pdf", page=doc.page)
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data
    assert data == write(model, "pdf", page=doc.page)


def _png_dpi(png: bytes) -> float:
    at = png.index(b"pHYs")
    x_per_m = struct.unpack(">I", png[at + 4 : at + 8])[0]
    return x_per_m * 0.0254


def test_docx_pictures_are_300_dpi(mini_model) -> None:
    doc, model, _ = mini_model
    with zipfile.ZipFile(io.BytesIO(write(model, "docx", page=doc.page))) as z:
        pictures = [z.read(n) for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")]
    assert pictures and all(_png_dpi(p) >= 299.5 for p in pictures)


def test_html_embeds_svg(mini_model) -> None:
    doc, model, _ = mini_model
    assert b"data:image/svg+xml;base64," in write(model, "html", page=doc.page)
