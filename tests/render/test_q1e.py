"""ICH Q1E evaluation: regression, poolability, one-sided 95 % bound, extrapolation limits."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from ectd_builder.stability.facts import stability_facts
from ectd_builder.stability.regression import Series, choose_model, fit_attribute

MONTHS = (0.0, 3.0, 6.0, 9.0, 12.0, 18.0)
LEVELS = stability_facts().levels


def evaluate_attribute(test: str, series: list[Series], lower: float | None, upper: float | None):
    return fit_attribute(test, series, lower, upper, LEVELS)


def _series(batch: str, intercept: float, slope: float, noise: tuple[float, ...]) -> Series:
    return Series(batch, MONTHS, tuple(intercept + slope * t + e for t, e in zip(MONTHS, noise, strict=False)))


NOISE = ((0.1, -0.2, 0.15, -0.05, 0.0, 0.1), (-0.1, 0.05, -0.15, 0.2, -0.1, 0.0), (0.0, 0.1, -0.1, 0.0, 0.15, -0.1))


def test_single_batch_crossing_matches_hand_computation():
    s = _series("A", 100.0, -0.2, NOISE[0])
    ev = evaluate_attribute("assay", [s], 95.0, None)
    t = np.array(s.months)
    y = np.array(s.values)
    slope, intercept = np.polyfit(t, y, 1)
    resid = y - (intercept + slope * t)
    mse = resid @ resid / (len(t) - 2)
    sxx = ((t - t.mean()) ** 2).sum()
    tq = stats.t.ppf(0.95, len(t) - 2)
    grid = np.arange(0, 120.0001, 0.05)
    bound = intercept + slope * grid - tq * np.sqrt(mse * (1 / len(t) + (grid - t.mean()) ** 2 / sxx))
    expected = grid[np.argmax(bound < 95.0) - 1]
    assert ev.model == "pooled"
    assert ev.lines[0].slope == pytest.approx(slope)
    assert ev.crossing == pytest.approx(expected)
    assert 18 < ev.crossing < 25


def test_similar_batches_are_pooled_and_different_slopes_are_not():
    similar = [_series(b, 100.0, -0.2, n) for b, n in zip("ABC", NOISE, strict=False)]
    assert choose_model(similar, 0.25)[0] == "pooled"
    different = [
        _series("A", 100.0, -0.05, NOISE[0]),
        _series("B", 100.0, -0.6, NOISE[1]),
        _series("C", 100.0, -0.2, NOISE[2]),
    ]
    model, p_slopes, _ = choose_model(different, 0.25)
    assert model == "separate" and p_slopes < 0.25
    ev = evaluate_attribute("assay", different, 95.0, None)
    worst = min(ev.lines, key=lambda line: line.crossing or 1e9)
    assert worst.batch == "B" and ev.crossing == worst.crossing


def test_upper_limit_uses_upper_bound():
    rising = [_series(b, 0.10, 0.01, tuple(e / 100 for e in n)) for b, n in zip("ABC", NOISE, strict=False)]
    ev = evaluate_attribute("impurity", rising, None, 0.5)
    assert ev.crossing is not None and 30 < ev.crossing < 40


def test_no_crossing_and_too_few_points():
    flat = [_series("A", 100.0, 0.0, NOISE[0])]
    assert evaluate_attribute("assay", flat, 90.0, 110.0).crossing is None
    short = Series("A", (0.0, 3.0), (100.0, 99.0))
    assert evaluate_attribute("assay", [short], 95.0, None).model == "too_few_points"


def test_two_sided_criterion_uses_two_sided_limits():
    """Assay with a lower and an upper limit: each side at 97.5 %, so the bound is wider than one-sided."""
    s = _series("A", 100.0, -0.2, NOISE[0])
    two = evaluate_attribute("assay", [s], 95.0, 105.0)
    one = evaluate_attribute("assay", [s], 95.0, None)
    assert two.two_sided and not one.two_sided
    t = np.array(s.months)
    y = np.array(s.values)
    slope, intercept = np.polyfit(t, y, 1)
    mse = ((y - (intercept + slope * t)) ** 2).sum() / (len(t) - 2)
    sxx = ((t - t.mean()) ** 2).sum()
    grid = np.arange(0, 120.0001, 0.05)
    se = np.sqrt(mse * (1 / len(t) + (grid - t.mean()) ** 2 / sxx))
    tq = stats.t.ppf(0.975, len(t) - 2)
    expected = grid[np.argmax(intercept + slope * grid - tq * se < 95.0) - 1]
    assert two.crossing == pytest.approx(expected)
    assert two.crossing < one.crossing


def test_reporting_decimals_keep_trailing_zeros() -> None:
    from ectd_builder.render.context import fmt_num

    assert fmt_num(0.1, 2) == "0.10"
    assert fmt_num(3, 2) == "3.00"
    assert fmt_num(0.1) == "0.1"
    assert fmt_num(100.0) == "100"
