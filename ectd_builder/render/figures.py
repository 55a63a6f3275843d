"""Stability figures for a document: the engine's data and bound drawn once, placed by each writer.

:func:`stability_image` turns one study x attribute into an :class:`~ectd_builder.render.model.Image`
(SVG for PDF and HTML, 300 dpi PNG for DOCX); a text that would leave the canvas is a problem of
the document, never silently clipped. :func:`place_pdf` draws the SVG as vector paths with fpdf2
and falls back to the PNG only when fpdf2 cannot read the SVG.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from ectd_builder.problems import Problem, Severity
from ectd_builder.render.model import Image
from ectd_builder.render.numbers import fmt_num
from ectd_builder.render.stability import FigureData, FigureText, render_figure
from ectd_builder.stability.decision import limits_of
from ectd_builder.stability.evaluate import numeric_series
from ectd_builder.stability.regression import AttributeFit

if TYPE_CHECKING:
    from ectd_builder.render.context import RenderContext

FIGURE_TEXT_CLIPPED = "REN010"
CJK = ("ja", "zh")


def batch_numbers(dossier: Any) -> dict[str, str]:
    """Batch id -> batch number, over every substance and product of the dossier."""
    owners = list(dossier.substances) + list(dossier.products)
    return {b.id: b.number for owner in owners for b in owner.batches}


def _bound_label(ctx: RenderContext, fit: AttributeFit | None) -> str:
    if fit is None or fit.bound is None:
        return ""
    level = fmt_num(round(fit.bound.confidence * 100, 1))
    if fit.two_sided:
        return ctx.label("fig_bound_two_sided", confidence=level)
    return ctx.label("fig_bound_lower" if fit.lower is not None else "fig_bound_upper", confidence=level)


def figure_text(
    ctx: RenderContext, test: Any, fit: AttributeFit | None, proposed: float | None, kind: str | None
) -> FigureText:
    """The words of one figure in the document language (labels ``fig_*`` of labels.yaml)."""
    lim = limits_of(test)
    crossing = None
    if fit is not None and fit.crossing is not None:  # the same rounding as the Q1E text
        crossing = ctx.label("fig_crossing", months=fmt_num(round(fit.crossing, 1)))
    proposed_text = None
    if proposed is not None and kind:
        proposed_text = ctx.label(f"fig_proposed_{kind}", months=fmt_num(proposed))
    return FigureText(
        title=ctx.text(test.test, "test"),
        unit=ctx.unit(lim.unit) if lim.unit else "",
        axis_months=ctx.label("axis_months"),
        mean=ctx.label("fig_mean"),
        bound=_bound_label(ctx, fit),
        limit=ctx.label("fig_limit"),
        pooled=ctx.label("q1e_pooled"),
        proposed=proposed_text,
        crossing=crossing,
        cjk=ctx.doc.language in CJK,
    )


def stability_image(
    ctx: RenderContext,
    key: str,
    study: Any,
    test: Any,
    fit: AttributeFit | None,
    proposed: float | None = None,
    kind: str | None = None,
) -> Image:
    """The figure of ``test`` in ``study``; ``fit`` is the engine's regression (long-term studies)."""
    lim = limits_of(test)
    data = FigureData(
        series=tuple(numeric_series(study, test.id)),
        batch_labels=batch_numbers(ctx.dossier),
        lower=lim.lower,
        upper=lim.upper,
        fit=fit,
        proposed_months=proposed,
        data_months=float(max(study.timepoints, default=0.0)),
    )
    drawn = render_figure(data, figure_text(ctx, test, fit, proposed, kind), ctx.font_family)
    for words in drawn.outside:
        ctx.problems.append(
            Problem(
                FIGURE_TEXT_CLIPPED,
                Severity.WARNING,
                f"{ctx.doc.key}: figure {key}: the text \"{words[:60]}\" does not fit inside the figure",
                f"templates/{ctx.doc.language}/labels.yaml",
                hint="shorten the label or the test name in the document language",
                jurisdiction=ctx.jurisdiction,
            )
        )
    return Image(key, drawn.png_source, drawn.svg, drawn.width_px, drawn.height_px, drawn.key)


def place_pdf(pdf: Any, image: Image, x: float, width: float, height: float) -> None:
    """Draw ``image`` at (x, current y): the SVG as vector paths, else the PNG."""
    if image.svg:
        try:
            pdf.image(io.BytesIO(image.svg), x=x, w=width, h=height)
            return
        except (ValueError, KeyError, TypeError, NotImplementedError, OSError) as exc:  # fpdf2 cannot read it
            if not image.png:
                raise ValueError(f"figure {image.key}: fpdf2 cannot draw its SVG ({exc}) and it has no PNG") from exc
    pdf.image(io.BytesIO(image.png), x=x, w=width, h=height)
