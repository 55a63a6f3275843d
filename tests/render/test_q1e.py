"""ICH Q1E evaluation: regression, poolability, one-sided 95 % bound, extrapolation limits."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from ectd_builder.render.q1e import (
    Series,
    choose_model,
    evaluate_attribute,
    shelf_life,
    significant_change,
)

MONTHS = (0.0, 3.0, 6.0, 9.0, 12.0, 18.0)


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
    assert choose_model(similar)[0] == "pooled"
    different = [
        _series("A", 100.0, -0.05, NOISE[0]),
        _series("B", 100.0, -0.6, NOISE[1]),
        _series("C", 100.0, -0.2, NOISE[2]),
    ]
    model, p_slopes, _ = choose_model(different)
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


@pytest.mark.parametrize(
    "category, outcome, data, crossing, expected",
    [
        ("room_temperature", "no_significant_change", 12.0, None, 24.0),  # 2x, at most +12
        ("room_temperature", "no_significant_change", 24.0, None, 36.0),  # +12 caps 2x=48
        ("room_temperature", "no_significant_change", 12.0, 20.7, 20.0),  # statistics govern, floored
        ("room_temperature", "significant_change_accelerated", 12.0, None, 18.0),  # 1.5x, at most +6
        ("room_temperature", "significant_change_intermediate", 12.0, None, 12.0),  # no extrapolation
        ("refrigerated", "no_significant_change", 12.0, None, 18.0),
        ("frozen", "no_significant_change", 12.0, None, 12.0),
    ],
)
def test_extrapolation_limits(category, outcome, data, crossing, expected):
    attr = evaluate_attribute("x", [Series("A", (0.0, 6.0, data), (1.0, 1.0, 1.0))], None, 2.0)
    attr = attr.__class__(**{**attr.__dict__, "crossing": crossing, "data_months": data})
    ev = shelf_life([attr], storage_category=category, outcome=outcome, proposed_months=24.0)
    assert ev.supported_months == expected
    assert ev.supported is (24.0 <= expected)


def test_significant_change_rules():
    assert significant_change(100.0, [99.0, 94.9], 90.0, 110.0, assay=True)  # 5 % change
    assert not significant_change(100.0, [99.0, 97.0], 90.0, 110.0, assay=True)
    assert significant_change(0.1, [0.2, 0.6], None, 0.5, assay=False)  # out of limit
    assert not significant_change(0.1, [0.2, 0.3], None, 0.5, assay=False)


def test_reporting_decimals_keep_trailing_zeros() -> None:
    from ectd_builder.render.context import fmt_num

    assert fmt_num(0.1, 2) == "0.10"
    assert fmt_num(3, 2) == "3.00"
    assert fmt_num(0.1) == "0.1"
    assert fmt_num(100.0) == "100"
