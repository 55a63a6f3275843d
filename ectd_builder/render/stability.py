"""Stability figures of 3.2.S.7.3 / 3.2.P.8.3: one attribute of one study over time.

The evaluation itself (regression, significant change, extrapolation) is the stability engine's
(:mod:`ectd_builder.stability`); this module only draws its data and fitted lines.
"""

from __future__ import annotations

import io
from typing import Any

from ectd_builder.stability.decision import limits_of
from ectd_builder.stability.evaluate import numeric_series
from ectd_builder.stability.regression import AttributeFit


def plot_png_svg(
    study: Any,
    test: Any,
    title: str,
    labels: dict[str, str],
    evaluation: AttributeFit | None,
    font_family: list[str],
    batch_numbers: dict[str, str] | None = None,
    *,
    with_svg: bool = False,
) -> tuple[bytes, bytes, int, int]:
    """A deterministic figure of one attribute over time: PNG (and SVG) bytes and the pixel size."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure as MplFigure

    rc: Any = {"svg.hashsalt": "ectd-builder", "font.family": font_family, "font.size": 9, "path.simplify": False}
    with matplotlib.rc_context(rc):
        fig = MplFigure(figsize=(6.4, 3.4), dpi=110)
        ax = fig.add_subplot(1, 1, 1)
        markers = "osD^vP*X"
        for i, series in enumerate(numeric_series(study, test.id)):
            ax.plot(
                series.months,
                series.values,
                marker=markers[i % len(markers)],
                linewidth=1.0,
                markersize=4,
                label=(batch_numbers or {}).get(series.batch, series.batch),
            )
        lim = limits_of(test)
        span = max(study.timepoints) if study.timepoints else 1
        for value in (lim.lower, lim.upper):
            if value is not None:
                ax.axhline(value, color="#b00020", linestyle="--", linewidth=1.0)
        if evaluation is not None and evaluation.lines:
            import numpy as np

            grid = np.linspace(0, max(span, evaluation.crossing or 0, span), 50)
            for line in evaluation.lines:
                ax.plot(grid, line.intercept + line.slope * grid, color="#777777", linewidth=0.6, linestyle=":")
        ax.set_xlabel(labels["axis_months"])
        unit = labels.get(f"unit.{lim.unit}", lim.unit) if lim.unit else ""
        ax.set_ylabel(f"{title} ({unit})" if unit else title)
        ax.grid(True, linewidth=0.3, color="#cccccc")
        # legend outside the plot and fixed margins: "best" placement and tight_layout each cost
        # a full extra draw
        ax.legend(
            fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), title=labels["axis_batch"], title_fontsize=7
        )
        fig.subplots_adjust(left=0.11, right=0.80, top=0.95, bottom=0.15)
        png = io.BytesIO()
        fig.savefig(png, format="png", metadata={"Software": None})
        svg = b""
        if with_svg:
            out = io.BytesIO()
            fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
            svg = out.getvalue()
        width, height = (round(v) for v in fig.get_size_inches() * fig.dpi)
    return png.getvalue(), svg, width, height
