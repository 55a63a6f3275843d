"""ICH Q1E evaluation of stability data: regression, one-sided 95 % confidence bound, shelf life.

Per attribute with a numeric acceptance limit (module3-domain 2.5):

1. Fit a straight line per batch (value against months).
2. Test batch poolability as Q1E describes: equality of slopes, then of intercepts, each with an
   F-test at the 0.25 significance level. The model used is the simplest one not rejected:
   one line for all batches, a common slope with batch intercepts, or a line per batch.
3. The one-sided 95 % confidence bound of the mean (lower bound for a lower limit, upper bound
   for an upper limit; both for a two-sided criterion) gives, where it meets the limit, the
   statistically supported time. The earliest batch governs.
4. Extrapolation beyond the long-term data is capped (Q1E): no significant change at
   accelerated: up to 2x the long-term period, at most +12 months; significant change at
   accelerated but not at intermediate: 1.5x, at most +6 months; significant change at
   intermediate, or no accelerated data: no extrapolation; refrigerated products: 1.5x, at most
   +6 months (no significant change at accelerated) else none; frozen: none.

Pure functions over numbers; the templates state the result in the document's language.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _stats():  # type: ignore[no-untyped-def]
    """scipy.stats, imported on first use (it costs ~1 s, which `ectd --help` should not pay)."""
    from scipy import stats

    return stats


CONFIDENCE = 0.95
POOLING_ALPHA = 0.25
HORIZON_MONTHS = 120.0
ASSAY_CHANGE_PERCENT = 5.0  # Q1A(R2) 2.2.7: 5 % change in assay from the initial value

# (storage category, accelerated outcome) -> (factor, months beyond the data at most); source: ICH Q1E
EXTRAPOLATION: dict[tuple[str, str], tuple[float, float]] = {
    ("room_temperature", "no_significant_change"): (2.0, 12.0),
    ("room_temperature", "significant_change_accelerated"): (1.5, 6.0),
    ("room_temperature", "significant_change_intermediate"): (1.0, 0.0),
    ("room_temperature", "no_accelerated_data"): (1.0, 0.0),
    ("refrigerated", "no_significant_change"): (1.5, 6.0),
    ("refrigerated", "significant_change_accelerated"): (1.0, 0.0),
    ("refrigerated", "significant_change_intermediate"): (1.0, 0.0),
    ("refrigerated", "no_accelerated_data"): (1.0, 0.0),
}


@dataclass(frozen=True)
class Series:
    batch: str
    months: tuple[float, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class BatchLine:
    batch: str
    intercept: float
    slope: float
    n: int
    crossing: float | None  # months where the bound meets the limit; None = not within the horizon


@dataclass(frozen=True)
class AttributeEvaluation:
    test: str
    lower: float | None
    upper: float | None
    model: str  # pooled | common_slope | separate | too_few_points
    p_slopes: float | None
    p_intercepts: float | None
    lines: tuple[BatchLine, ...]
    crossing: float | None  # earliest crossing over batches
    data_months: float


@dataclass(frozen=True)
class ShelfLifeEvaluation:
    attributes: tuple[AttributeEvaluation, ...]
    data_months: float
    outcome: str  # key of EXTRAPOLATION
    factor: float
    beyond: float
    cap_months: float  # extrapolation limit
    statistical_months: float | None  # earliest crossing over all attributes (None: no crossing)
    supported_months: float  # whole months supported (min of statistics and the cap)
    proposed_months: float | None
    supported: bool | None  # proposed <= supported (None when nothing proposed)
    study: str = ""  # id of the long-term study evaluated


def _design(series: list[Series], model: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Design matrix, response and batch index for one of the three Q1E models."""
    k = len(series)
    rows, ys, idx = [], [], []
    for b, s in enumerate(series):
        for t, y in zip(s.months, s.values, strict=False):
            row = np.zeros(2 * k if model == "separate" else (k + 1 if model == "common_slope" else 2))
            if model == "pooled":
                row[:] = (1.0, t)
            elif model == "common_slope":
                row[b] = 1.0
                row[k] = t
            else:
                row[b] = 1.0
                row[k + b] = t
            rows.append(row)
            ys.append(y)
            idx.append(b)
    return np.array(rows), np.array(ys), np.array(idx)


def _fit(series: list[Series], model: str) -> tuple[np.ndarray, float, int, np.ndarray]:
    x, y, _ = _design(series, model)
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    dof = len(y) - x.shape[1]
    sse = float(resid @ resid)
    xtx_inv = np.linalg.pinv(x.T @ x)
    return beta, sse, dof, xtx_inv


def _f_test(sse_reduced: float, dof_reduced: int, sse_full: float, dof_full: int) -> float:
    if dof_full <= 0 or dof_reduced <= dof_full:
        return 0.0
    if sse_full <= 1e-12:
        return 0.0 if sse_reduced > 1e-12 else 1.0
    f = ((sse_reduced - sse_full) / (dof_reduced - dof_full)) / (sse_full / dof_full)
    return float(_stats().f.sf(max(f, 0.0), dof_reduced - dof_full, dof_full))


def choose_model(series: list[Series]) -> tuple[str, float | None, float | None]:
    """The Q1E poolability decision: (model, p for equal slopes, p for equal intercepts)."""
    if len(series) == 1:
        return "pooled", None, None
    _, sse_sep, dof_sep, _ = _fit(series, "separate")
    _, sse_cs, dof_cs, _ = _fit(series, "common_slope")
    p_slopes = _f_test(sse_cs, dof_cs, sse_sep, dof_sep)
    if p_slopes < POOLING_ALPHA:
        return "separate", p_slopes, None
    _, sse_pool, dof_pool, _ = _fit(series, "pooled")
    p_int = _f_test(sse_pool, dof_pool, sse_cs, dof_cs)
    return ("pooled" if p_int >= POOLING_ALPHA else "common_slope"), p_slopes, p_int


def _rows(model: str, k: int, b: int, times: np.ndarray) -> np.ndarray:
    """Design rows of batch ``b`` at ``times`` for the chosen model."""
    width = {"pooled": 2, "common_slope": k + 1}.get(model, 2 * k)
    rows = np.zeros((len(times), width))
    if model == "pooled":
        rows[:, 0], rows[:, 1] = 1.0, times
    elif model == "common_slope":
        rows[:, b], rows[:, k] = 1.0, times
    else:
        rows[:, b], rows[:, k + b] = 1.0, times
    return rows


def _bound_crossing(
    xs: np.ndarray,
    beta: np.ndarray,
    xtx_inv: np.ndarray,
    mse: float,
    dof: int,
    lower: float | None,
    upper: float | None,
) -> float | None:
    mean = xs @ beta
    se = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", xs, xtx_inv, xs) * mse, 0.0))
    tq = _stats().t.ppf(CONFIDENCE, dof)
    bad = np.zeros(len(xs), dtype=bool)
    if lower is not None:
        bad |= (mean - tq * se) < lower
    if upper is not None:
        bad |= (mean + tq * se) > upper
    if not bad.any():
        return None
    first = int(np.argmax(bad))
    return float(GRID[first - 1]) if first > 0 else 0.0


GRID = np.arange(0.0, HORIZON_MONTHS + 1e-9, 0.05)


def evaluate_attribute(
    test: str, series: list[Series], lower: float | None, upper: float | None
) -> AttributeEvaluation:
    """Regression and confidence-bound crossing for one attribute over the batches of one study."""
    series = [s for s in series if len(s.values) >= 1]
    data_months = max((max(s.months) for s in series if s.months), default=0.0)
    points = sum(len(s.values) for s in series)
    if not series or any(len(s.values) < 3 for s in series) or points - 2 * len(series) < 1:
        return AttributeEvaluation(test, lower, upper, "too_few_points", None, None, (), None, data_months)
    model, p_slopes, p_int = choose_model(series)
    beta, sse, dof, xtx_inv = _fit(series, model)
    mse = sse / dof if dof > 0 else 0.0
    k = len(series)
    lines = []
    for b, s in enumerate(series):
        at0, at1 = _rows(model, k, b, np.array([0.0, 1.0])) @ beta
        crossing = _bound_crossing(_rows(model, k, b, GRID), beta, xtx_inv, mse, max(dof, 1), lower, upper)
        lines.append(BatchLine(s.batch, float(at0), float(at1 - at0), len(s.values), crossing))
    crossings = [ln.crossing for ln in lines if ln.crossing is not None]
    return AttributeEvaluation(
        test, lower, upper, model, p_slopes, p_int, tuple(lines), min(crossings) if crossings else None, data_months
    )


def significant_change(
    initial: float | None, values: list[float], lower: float | None, upper: float | None, *, assay: bool
) -> bool:
    """Q1A(R2) significant change for one series: out of limits, or assay moved 5 % from initial."""
    for v in values:
        if (lower is not None and v < lower) or (upper is not None and v > upper):
            return True
        if assay and initial is not None and abs(v - initial) >= ASSAY_CHANGE_PERCENT:
            return True
    return False


def shelf_life(
    attributes: list[AttributeEvaluation],
    *,
    storage_category: str,
    outcome: str,
    proposed_months: float | None,
    study: str = "",
) -> ShelfLifeEvaluation:
    """Combine the attribute evaluations with the Q1E extrapolation limits."""
    data_months = max((a.data_months for a in attributes), default=0.0)
    factor, beyond = EXTRAPOLATION.get((storage_category, outcome), (1.0, 0.0))
    cap = min(data_months * factor, data_months + beyond)
    crossings = [a.crossing for a in attributes if a.crossing is not None]
    statistical = min(crossings) if crossings else None
    supported = float(np.floor(min(cap, statistical) if statistical is not None else cap))
    ok = None if proposed_months is None else proposed_months <= supported + 1e-9
    return ShelfLifeEvaluation(
        tuple(attributes), data_months, outcome, factor, beyond, cap, statistical, supported, proposed_months, ok, study
    )
