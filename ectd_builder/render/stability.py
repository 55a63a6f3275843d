"""Stability data of the dossier -> ICH Q1E evaluation and figures (3.2.S.7 / 3.2.P.8, QOS)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ectd_builder.render.q1e import (
    AttributeEvaluation,
    Series,
    ShelfLifeEvaluation,
    evaluate_attribute,
    shelf_life,
    significant_change,
)

_MONTHS = {"months": 1.0, "years": 12.0, "weeks": 12.0 / 52.1775, "days": 12.0 / 365.25}


@dataclass(frozen=True)
class Limits:
    lower: float | None
    upper: float | None
    unit: str | None


def limits_of(test: Any) -> Limits:
    """Shelf-life criterion when given, else the release criterion."""
    crit = test.shelf_life or test.release
    return Limits(crit.min, crit.max, crit.unit)


def numeric_series(study: Any, test_id: str) -> list[Series]:
    out = []
    for res in study.results:
        if res.test != test_id or res.values is None:
            continue
        pairs = [(t, v) for t, v in zip(study.timepoints, res.values, strict=False) if v is not None]
        if pairs:
            out.append(Series(res.batch, tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)))
    return sorted(out, key=lambda s: s.batch)


def _studies(stability: Any, kind: str) -> list[Any]:
    return [s for s in stability.studies if s.condition.kind == kind]


def _study_changes(studies: list[Any], tests: dict[str, Any]) -> bool:
    for study in studies:
        for res in study.results:
            test = tests.get(res.test)
            if test is None or res.values is None:
                continue
            values = [v for v in res.values if v is not None]
            lim = limits_of(test)
            initial = values[0] if values else None
            if significant_change(initial, values, lim.lower, lim.upper, assay=test.category == "assay"):
                return True
    return False


def accelerated_outcome(stability: Any, tests: dict[str, Any]) -> str:
    """Q1E decision input: no_accelerated_data / no_significant_change / significant_change_*."""
    accelerated = _studies(stability, "accelerated")
    if not accelerated:
        return "no_accelerated_data"
    if not _study_changes(accelerated, tests):
        return "no_significant_change"
    if _study_changes(_studies(stability, "intermediate"), tests):
        return "significant_change_intermediate"
    return "significant_change_accelerated"


def _severity(study: Any) -> tuple[float, float]:
    condition = study.condition
    humidity = condition.humidity.value if condition.humidity is not None else 0.0
    return (condition.temperature.value, humidity)


def _months(quantity: Any) -> float | None:
    if quantity is None:
        return None
    return quantity.value * _MONTHS.get(quantity.unit, 1.0)


def evaluate(stability: Any, specification: Any, *, substance: bool) -> ShelfLifeEvaluation | None:
    """Q1E evaluation over the most demanding long-term study (highest temperature, then humidity:
    e.g. 30 °C/65 % RH over 25 °C/60 % RH), so the shelf life holds for every zone the data cover;
    None when there is no long-term study."""
    tests = {t.id: t for t in specification.tests}
    long_term = _studies(stability, "long_term")
    if not long_term:
        return None
    study = max(long_term, key=_severity)
    attributes: list[AttributeEvaluation] = []
    for test in specification.tests:
        lim = limits_of(test)
        if lim.lower is None and lim.upper is None:
            continue
        series = numeric_series(study, test.id)
        if series:
            attributes.append(evaluate_attribute(test.id, series, lim.lower, lim.upper))
    category = "refrigerated" if stability.storage_category == "refrigerated" else stability.storage_category
    proposed = _months(stability.retest_period if substance else stability.shelf_life)
    return shelf_life(
        attributes,
        storage_category=category,
        outcome=accelerated_outcome(stability, tests),
        proposed_months=proposed,
        study=study.id,
    )


def plot_png_svg(
    study: Any,
    test: Any,
    title: str,
    labels: dict[str, str],
    evaluation: AttributeEvaluation | None,
    font_family: list[str],
    batch_numbers: dict[str, str] | None = None,
    *,
    with_svg: bool = False,
) -> tuple[bytes, bytes, int, int]:
    """A deterministic figure of one attribute over time: PNG (and SVG) bytes and the pixel size."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure as MplFigure

    rc = {"svg.hashsalt": "ectd-builder", "font.family": font_family, "font.size": 9, "path.simplify": False}
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
        width, height = (int(round(v)) for v in fig.get_size_inches() * fig.dpi)
    return png.getvalue(), svg, width, height
