"""ICH Q1E statistics: per-batch regression, poolability F-tests and the confidence-bound crossing.

Pure functions over numbers. The levels (confidence, pooling alpha, points per batch) are passed
in by the caller, which reads them from ``jurisdictions/ich/q1a.yaml``.

1. Fit value against months per batch.
2. Poolability (Q1E Appendix B.2): equality of slopes, then of intercepts, each an F-test at the
   given significance level; the model is the simplest one not rejected (one line for all
   batches, a common slope with batch intercepts, or a line per batch).
3. The confidence bound of the mean response meets the acceptance criterion at the statistically
   supported time: one-sided bound for a one-sided criterion, two-sided limits (each side at
   half the remaining probability) for a criterion with a lower and an upper limit. The earliest
   batch governs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# Search range and resolution of the crossing time: computation settings, not regulatory facts.
HORIZON_MONTHS = 120.0
_STEP = 0.05
GRID = np.arange(0.0, HORIZON_MONTHS + 1e-9, _STEP)


def _stats() -> Any:
    """scipy.stats, imported on first use (it costs ~1 s, which `ectd --help` should not pay)."""
    from scipy import stats

    return stats


@dataclass(frozen=True)
class Series:
    """Numerical results of one batch for one attribute in one study."""

    batch: str
    months: tuple[float, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class Levels:
    """The statistical levels of the evaluation (from the Q1E facts)."""

    confidence: float  # one-sided criterion
    two_sided_confidence: float  # criterion with lower and upper limit
    pooling_alpha: float
    min_points: int


@dataclass(frozen=True)
class BatchLine:
    batch: str
    intercept: float
    slope: float
    n: int
    crossing: float | None  # months where the bound meets the limit; None = not within the horizon


@dataclass(frozen=True)
class BoundModel:
    """What the confidence bound of a fitted model needs (kept so figures draw the same bound)."""

    model: str
    batches: int
    beta: tuple[float, ...]
    xtx_inv: tuple[tuple[float, ...], ...]
    mse: float
    tq: float  # t quantile of the bound (one-sided level, or each side of a two-sided one)
    confidence: float  # the level the quantile stands for


@dataclass(frozen=True)
class Band:
    """The mean regression line of one batch and its confidence bound(s) at given months."""

    months: tuple[float, ...]
    mean: tuple[float, ...]
    lower: tuple[float, ...] | None  # present when the criterion has a lower limit
    upper: tuple[float, ...] | None  # present when the criterion has an upper limit
    confidence: float


@dataclass(frozen=True)
class AttributeFit:
    """Regression of one attribute over the batches of one study."""

    test: str
    lower: float | None
    upper: float | None
    model: str  # pooled | common_slope | separate | too_few_points
    p_slopes: float | None
    p_intercepts: float | None
    lines: tuple[BatchLine, ...]
    crossing: float | None  # earliest crossing over the batches
    batch: str | None  # batch of the earliest crossing; None when pooled (one line) or no crossing
    two_sided: bool
    data_months: float
    bound: BoundModel | None = field(default=None, compare=False, repr=False)

    @property
    def fitted(self) -> bool:
        return self.model != "too_few_points"


def _row_width(model: str, k: int) -> int:
    return {"pooled": 2, "common_slope": k + 1}.get(model, 2 * k)


def _rows(model: str, k: int, b: int, times: np.ndarray) -> np.ndarray:
    """Design rows of batch ``b`` at ``times`` for the chosen model."""
    rows = np.zeros((len(times), _row_width(model, k)))
    if model == "pooled":
        rows[:, 0], rows[:, 1] = 1.0, times
    elif model == "common_slope":
        rows[:, b], rows[:, k] = 1.0, times
    else:
        rows[:, b], rows[:, k + b] = 1.0, times
    return rows


def _design(series: list[Series], model: str) -> tuple[np.ndarray, np.ndarray]:
    k = len(series)
    xs = [_rows(model, k, b, np.array(s.months)) for b, s in enumerate(series)]
    ys = [np.array(s.values) for s in series]
    return np.vstack(xs), np.concatenate(ys)


def _fit(series: list[Series], model: str) -> tuple[np.ndarray, float, int, np.ndarray]:
    x, y = _design(series, model)
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    return beta, float(resid @ resid), len(y) - x.shape[1], np.linalg.pinv(x.T @ x)


def _f_test(sse_reduced: float, dof_reduced: int, sse_full: float, dof_full: int) -> float:
    """p value of the F-test of a reduced model against a fuller one."""
    if dof_full <= 0 or dof_reduced <= dof_full:
        return 0.0
    if sse_full <= 1e-12:
        return 0.0 if sse_reduced > 1e-12 else 1.0
    f = ((sse_reduced - sse_full) / (dof_reduced - dof_full)) / (sse_full / dof_full)
    return float(_stats().f.sf(max(f, 0.0), dof_reduced - dof_full, dof_full))


def choose_model(series: list[Series], alpha: float) -> tuple[str, float | None, float | None]:
    """The Q1E poolability decision: (model, p for equal slopes, p for equal intercepts)."""
    if len(series) == 1:
        return "pooled", None, None
    _, sse_sep, dof_sep, _ = _fit(series, "separate")
    _, sse_cs, dof_cs, _ = _fit(series, "common_slope")
    p_slopes = _f_test(sse_cs, dof_cs, sse_sep, dof_sep)
    if p_slopes < alpha:
        return "separate", p_slopes, None
    _, sse_pool, dof_pool, _ = _fit(series, "pooled")
    p_int = _f_test(sse_pool, dof_pool, sse_cs, dof_cs)
    return ("pooled" if p_int >= alpha else "common_slope"), p_slopes, p_int


def _mean_and_margin(
    xs: np.ndarray, beta: np.ndarray, xtx_inv: np.ndarray, mse: float, tq: float
) -> tuple[np.ndarray, np.ndarray]:
    """Mean response at the design rows ``xs`` and the half-width of its confidence bound."""
    mean = xs @ beta
    se = np.sqrt(np.maximum(((xs @ xtx_inv) * xs).sum(axis=1) * mse, 0.0))  # x' (X'X)^-1 x per row
    return mean, tq * se


def _crossing(
    xs: np.ndarray,
    beta: np.ndarray,
    xtx_inv: np.ndarray,
    mse: float,
    tq: float,
    lower: float | None,
    upper: float | None,
) -> float | None:
    mean, margin = _mean_and_margin(xs, beta, xtx_inv, mse, tq)
    bad = np.zeros(len(xs), dtype=bool)
    if lower is not None:
        bad |= (mean - margin) < lower
    if upper is not None:
        bad |= (mean + margin) > upper
    if not bad.any():
        return None
    first = int(np.argmax(bad))
    return float(GRID[first - 1]) if first > 0 else 0.0


def fit_attribute(
    test: str,
    series: list[Series],
    lower: float | None,
    upper: float | None,
    levels: Levels,
) -> AttributeFit:
    """Regression and confidence-bound crossing for one attribute over the batches of one study."""
    series = [s for s in series if s.values]
    two_sided = lower is not None and upper is not None
    data_months = max((max(s.months) for s in series), default=0.0)
    points = sum(len(s.values) for s in series)
    if not series or any(len(s.values) < levels.min_points for s in series) or points - 2 * len(series) < 1:
        return AttributeFit(
            test,
            lower,
            upper,
            "too_few_points",
            None,
            None,
            (),
            None,
            None,
            two_sided,
            data_months,
        )
    model, p_slopes, p_int = choose_model(series, levels.pooling_alpha)
    beta, sse, dof, xtx_inv = _fit(series, model)
    dof = max(dof, 1)
    mse = sse / dof
    # one-sided: the confidence level itself; two-sided: each side at 1 - (1 - level) / 2
    q = 1.0 - (1.0 - levels.two_sided_confidence) / 2.0 if two_sided else levels.confidence
    tq = float(_stats().t.ppf(q, dof))
    k = len(series)
    level = levels.two_sided_confidence if two_sided else levels.confidence
    bound = BoundModel(model, k, tuple(map(float, beta)), tuple(tuple(map(float, r)) for r in xtx_inv), mse, tq, level)
    lines = []
    for b, s in enumerate(series):
        at0, at1 = _rows(model, k, b, np.array([0.0, 1.0])) @ beta
        cross = _crossing(_rows(model, k, b, GRID), beta, xtx_inv, mse, tq, lower, upper)
        lines.append(BatchLine(s.batch, float(at0), float(at1 - at0), len(s.values), cross))
    crossed = [ln for ln in lines if ln.crossing is not None]
    first = min(crossed, key=lambda ln: ln.crossing or 0.0) if crossed else None
    batch = first.batch if first is not None and (model != "pooled" or k == 1) else None
    return AttributeFit(
        test,
        lower,
        upper,
        model,
        p_slopes,
        p_int,
        tuple(lines),
        first.crossing if first is not None else None,
        batch,
        two_sided,
        data_months,
        bound,
    )


def confidence_band(fit: AttributeFit, batch: str, months: Sequence[float]) -> Band | None:
    """The mean line of ``batch`` and the bound the crossing was searched with, at ``months``.

    The same computation as the crossing: a bound read here at the reported crossing lies on the
    acceptance limit. None when the attribute was not fitted or ``batch`` is not one of its lines.
    """
    bm = fit.bound
    index = next((i for i, ln in enumerate(fit.lines) if ln.batch == batch), None)
    if bm is None or index is None:
        return None
    xs = _rows(bm.model, bm.batches, index, np.asarray(months, dtype=float))
    mean, margin = _mean_and_margin(xs, np.array(bm.beta), np.array(bm.xtx_inv), bm.mse, bm.tq)
    return Band(
        tuple(map(float, months)),
        tuple(map(float, mean)),
        tuple(map(float, mean - margin)) if fit.lower is not None else None,
        tuple(map(float, mean + margin)) if fit.upper is not None else None,
        bm.confidence,
    )
