"""Stability figures of 3.2.S.7.3 / 3.2.P.8.3: one attribute of one study over time.

The evaluation itself (regression, confidence bound, crossing) is the stability engine's
(:mod:`ectd_builder.stability`); this module only draws its data, its fitted lines and the bound
the crossing was searched with (:func:`~ectd_builder.stability.regression.confidence_band`).
Text is drawn as paths (``svg.fonttype: path``) so the SVG needs no font; the PNG (for DOCX) is
300 dpi at the printed size.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import textwrap
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from ectd_builder.stability.regression import AttributeFit, Series, confidence_band

FIG_WIDTH_IN = 6.0  # the printed width (85 % of an A4 text column is ~5.6 in)
FIG_HEIGHT_IN = 3.9
PNG_DPI = 300
_MARKERS = "osD^vP*X"
_LIMIT_COLOUR = "#b00020"
_PROPOSED_COLOUR = "#1b5e20"
_BAND_ALPHA = 0.13
_POINTS = 121  # samples of the fitted line and bound across the axis


@dataclass(frozen=True)
class FigureData:
    """What one figure shows: results per batch, the criterion, the engine's fit and the claim."""

    series: tuple[Series, ...]
    batch_labels: dict[str, str]
    lower: float | None
    upper: float | None
    fit: AttributeFit | None
    proposed_months: float | None
    data_months: float


@dataclass(frozen=True)
class FigureText:
    """Every word of a figure, already in the document language."""

    title: str
    unit: str
    axis_months: str
    mean: str
    bound: str
    limit: str
    pooled: str
    proposed: str | None  # legend entry of the proposed period; None = nothing proposed
    crossing: str | None  # legend entry of the crossing; None = no crossing
    cjk: bool


@dataclass(frozen=True)
class Drawn:
    """A drawn figure. The PNG (only DOCX uses it) is made on first use: ``png_source`` is the
    bytes or the function that draws them."""

    png_source: bytes | Callable[[], bytes] = field(repr=False)
    svg: bytes
    width_px: int
    height_px: int
    outside: tuple[str, ...]  # texts whose bounding box leaves the canvas (should be none)
    key: str = ""  # the memo key: what the figure was drawn from (render_figure)

    @cached_property
    def png(self) -> bytes:
        return self.png_source if isinstance(self.png_source, bytes) else self.png_source()


def _wrap(text: str, cjk: bool) -> str:
    width = 34 if cjk else 64
    if cjk:
        return "\n".join(text[i : i + width] for i in range(0, len(text), width))
    return "\n".join(textwrap.wrap(text, width)) or text


def x_extent(data: FigureData) -> float:
    """The right end of the time axis: data, proposed period and (when not far off) the crossing."""
    base = max(data.data_months, data.proposed_months or 0.0, 1.0)
    crossing = data.fit.crossing if data.fit is not None else None
    if crossing is not None and crossing <= 3 * base:
        base = max(base, crossing)
    return base * 1.08


def _fit_lines(ax: Any, data: FigureData, text: FigureText, colours: dict[str, str], span: float) -> None:
    """Mean line and confidence bound of each batch line; the governing line's band shaded."""
    import numpy as np

    fit = data.fit
    if fit is None or fit.bound is None:
        return
    months = np.linspace(0.0, span, _POINTS)
    pooled = fit.model == "pooled"
    lines = fit.lines[:1] if pooled else fit.lines
    governing = fit.batch or (fit.lines[0].batch if fit.lines else None)
    for n, line in enumerate(lines):
        band = confidence_band(fit, line.batch, months.tolist())
        if band is None:
            continue
        colour = "#333333" if pooled else colours[line.batch]
        first = n == 0
        ax.plot(months, band.mean, color=colour, linewidth=0.9, label=text.mean if first else None)
        for side in (band.lower, band.upper):
            if side is not None:
                ax.plot(months, side, color=colour, linewidth=0.9, linestyle="--", label=text.bound if first else None)
                first = False
        if line.batch == governing or pooled:
            low = band.lower if band.lower is not None else band.mean
            high = band.upper if band.upper is not None else band.mean
            ax.fill_between(months, low, high, color=colour, alpha=_BAND_ALPHA, linewidth=0)


def _marks(ax: Any, data: FigureData, text: FigureText, span: float) -> None:
    """Acceptance limit(s), the proposed period and the crossing point."""
    first = True
    for value in (data.lower, data.upper):
        if value is not None:
            ax.axhline(value, color=_LIMIT_COLOUR, linestyle="-.", linewidth=1.0, label=text.limit if first else None)
            first = False
    if data.proposed_months is not None and text.proposed:
        ax.axvline(data.proposed_months, color=_PROPOSED_COLOUR, linestyle=":", linewidth=1.3, label=text.proposed)
    fit = data.fit
    if fit is None or fit.crossing is None or fit.crossing > span or not text.crossing:
        return
    limit = _limit_met(fit)
    if limit is not None:
        ax.plot([fit.crossing], [limit], linestyle="none", marker="X", markersize=8, color="black", label=text.crossing)
        ax.axvline(fit.crossing, color="black", linestyle=(0, (1, 2)), linewidth=0.7)


def _limit_met(fit: AttributeFit) -> float | None:
    """The acceptance limit the governing bound meets at the crossing."""
    batch = fit.batch or (fit.lines[0].batch if fit.lines else "")
    crossing = fit.crossing if fit.crossing is not None else 0.0
    band = confidence_band(fit, batch, [crossing])
    if band is None:
        return fit.lower if fit.lower is not None else fit.upper
    gaps = []
    if fit.lower is not None and band.lower is not None:
        gaps.append((abs(band.lower[0] - fit.lower), fit.lower))
    if fit.upper is not None and band.upper is not None:
        gaps.append((abs(band.upper[0] - fit.upper), fit.upper))
    return min(gaps)[1] if gaps else None


def draw(data: FigureData, text: FigureText, font_family: list[str]) -> Any:
    """The matplotlib figure (laid out by the constrained layout engine, legend below the plot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    fig = MplFigure(figsize=(FIG_WIDTH_IN, FIG_HEIGHT_IN), dpi=PNG_DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    span = x_extent(data)
    colours: dict[str, str] = {}
    fitted = data.fit is not None and data.fit.bound is not None
    for i, series in enumerate(data.series):
        colour = f"C{i % 10}"
        colours[series.batch] = colour
        label = data.batch_labels.get(series.batch, series.batch)
        ax.plot(series.months, series.values, marker=_MARKERS[i % len(_MARKERS)], markersize=4, color=colour,
                linestyle="none" if fitted else "-", linewidth=0.8, label=label)
    _fit_lines(ax, data, text, colours, span)
    _marks(ax, data, text, span)
    ax.set_xlim(0.0, span)
    ax.set_xlabel(text.axis_months)
    ax.set_ylabel(text.unit)
    ax.set_title(_wrap(text.title, text.cjk), fontsize=9, loc="left")
    ax.grid(True, linewidth=0.3, color="#cccccc")
    _legend(fig, ax)
    return fig


def _legend(fig: Any, ax: Any) -> None:
    """The legend below the plot, in as many columns as fit the width of the canvas."""
    handles, labels = ax.get_legend_handles_labels()
    renderer = fig.canvas.get_renderer()
    for columns in (4, 3, 2, 1):
        legend = fig.legend(handles, labels, loc="outside lower center", ncol=columns, fontsize=7, frameon=False)
        if columns == 1 or legend.get_window_extent(renderer).width <= fig.bbox.width * 0.98:
            return
        legend.remove()


def text_outside(fig: Any) -> list[str]:
    """Texts of a drawn figure whose bounding box is not inside the canvas (clipped labels)."""
    from matplotlib.text import Text

    renderer = fig.canvas.get_renderer()
    canvas = fig.bbox
    hidden = set()  # tick labels of ticks outside the axis range are not drawn
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    hidden.update({id(tick.label1), id(tick.label2)})
    out = []
    for artist in fig.findobj(Text):
        if not artist.get_visible() or not artist.get_text().strip() or id(artist) in hidden:
            continue
        box = artist.get_window_extent(renderer)
        if box.x0 < canvas.x0 - 0.5 or box.y0 < canvas.y0 - 0.5 or box.x1 > canvas.x1 + 0.5 or box.y1 > canvas.y1 + 0.5:
            out.append(artist.get_text())
    return out


_METADATA = re.compile(rb"\s*<metadata>.*?</metadata>", re.DOTALL)
_COMMENT = re.compile(rb"\s*<!--.*?-->", re.DOTALL)


def clean_svg(svg: bytes) -> bytes:
    """The SVG without metadata and comments (tool versions), so builds stay byte-identical."""
    return _COMMENT.sub(b"", _METADATA.sub(b"", svg))


def export_png(fig: Any) -> bytes:
    """The 300 dpi PNG of a figure (for DOCX)."""
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return png.getvalue()


def export(fig: Any, png: bytes | Callable[[], bytes] | None = None) -> Drawn:
    """SVG bytes (text as paths) of a figure, what text leaves the canvas, and its PNG (given, made
    later by ``png``, or made now when ``png`` is None)."""
    fig.canvas.draw()  # lays the figure out, so text extents are those of the printed figure
    outside = tuple(text_outside(fig))
    svg = io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    width, height = (round(v) for v in fig.get_size_inches() * PNG_DPI)
    return Drawn(export_png(fig) if png is None else png, clean_svg(svg.getvalue()), width, height, outside)


_DRAWN: OrderedDict[str, Drawn] = OrderedDict()
_DRAWN_MAX = 256  # figures kept per process (PNG + SVG, a few hundred kB each)


def render_figure(data: FigureData, text: FigureText, font_family: list[str]) -> Drawn:
    """One figure, drawn once per process: the same data, text and fonts give the same bytes.

    A figure is shared by documents (3.2.P.8.3 and the QOS) and by jurisdictions of one language,
    so each distinct figure is drawn once and kept (a bounded, least-recently-used memo). The key
    is the complete value of all three inputs (the fit's bound model included: the band is drawn
    from it), so a change to any of them draws again. With a render cache active
    (:mod:`ectd_builder.render.cache`) the SVG is also kept on disk under that key.
    """
    bound = data.fit.bound if data.fit is not None else None  # not in AttributeFit's repr, but drawn
    key = hashlib.sha256(repr((data, bound, text, tuple(font_family))).encode("utf-8")).hexdigest()
    drawn = _DRAWN.get(key)
    if drawn is None:
        drawn = _DRAWN[key] = _stored_or_drawn(key, data, text, font_family)
        if len(_DRAWN) > _DRAWN_MAX:
            _DRAWN.popitem(last=False)
    else:
        _DRAWN.move_to_end(key)
    return drawn


def _stored_or_drawn(key: str, data: FigureData, text: FigureText, font_family: list[str]) -> Drawn:
    """The figure from the active render cache, else drawn (and stored there)."""
    from ectd_builder.render.cache import active, key_of

    cache = active()
    entry = key_of("figure", key)
    stored = cache.get("figures", entry) if cache is not None else None
    if stored is not None:
        head, _, svg = stored.partition(b"\n")
        meta = json.loads(head)
        return Drawn(_png_maker(data, text, font_family), svg, meta["w"], meta["h"], tuple(meta["outside"]), key)
    drawn = replace(_draw_and_export(data, text, font_family), key=key)
    if cache is not None:
        meta_json = json.dumps({"w": drawn.width_px, "h": drawn.height_px, "outside": list(drawn.outside)})
        cache.put("figures", entry, meta_json.encode("utf-8") + b"\n" + drawn.svg)
    return drawn


def _rc(font_family: list[str]) -> Any:  # Any: matplotlib types rc keys as literals
    """The project's deterministic matplotlib settings."""
    return {
        "svg.hashsalt": "ectd-builder",
        "svg.fonttype": "path",
        "font.family": font_family,
        "font.size": 8,
        "path.simplify": False,
        "axes.unicode_minus": False,
    }


def _draw_and_export(data: FigureData, text: FigureText, font_family: list[str]) -> Drawn:
    """Draw and export one figure; its PNG is drawn again, with the same settings, when first used."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    with matplotlib.rc_context(_rc(font_family)):
        return export(draw(data, text, font_family), _png_maker(data, text, font_family))


def _png_maker(data: FigureData, text: FigureText, font_family: list[str]) -> Callable[[], bytes]:
    """A function that draws the figure's PNG with the project's settings (when DOCX first needs it)."""

    def png() -> bytes:
        import matplotlib

        matplotlib.use("Agg", force=False)
        with matplotlib.rc_context(_rc(font_family)):
            return export_png(draw(data, text, font_family))

    return png
