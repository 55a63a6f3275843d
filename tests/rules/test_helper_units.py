"""The rules convert quantities with the one unit table (dossier/units.yaml), not tables of their own."""

from __future__ import annotations

import pytest
from ectd_builder.dossier.model import Quantity
from ectd_builder.dossier.units import unit_table
from ectd_builder.rules import helpers


@pytest.mark.parametrize(
    ("value", "unit", "percent"),
    [(0.15, "%", 0.15), (0.5, "% w/w", 0.5), (1500, "ppm", 0.15), (1500, "µg/g", 0.15), (100, "ppb", 1e-5)],
)
def test_fractions_as_percent(value, unit, percent):
    assert helpers.to_percent(value, unit) == pytest.approx(percent)
    assert helpers.to_ppm(value, unit) == pytest.approx(percent * 1e4)


def test_non_fractions_are_not_percent():
    assert helpers.to_percent(1.0, "mg") is None
    assert helpers.to_percent(1.0, "not-a-unit") is None
    assert helpers.to_percent(None, "%") is None


def test_masses_and_daily_masses_in_mg():
    assert helpers.mass_mg(Quantity(value=1.5, unit="µg/day")) == pytest.approx(0.0015)
    assert helpers.mass_mg(Quantity(value=2, unit="g")) == pytest.approx(2000)
    assert helpers.mass_mg(Quantity(value=2, unit="mL")) is None


def test_durations_in_months():
    assert helpers.months(Quantity(value=2, unit="years")) == pytest.approx(24)
    assert helpers.months(Quantity(value=36, unit="months")) == pytest.approx(36)
    assert helpers.months(Quantity(value=365.25, unit="days")) == pytest.approx(12)
    assert helpers.months(Quantity(value=25, unit="°C")) is None


def test_every_fraction_of_the_unit_table_converts():
    # a unit added to units.yaml is known to the rules at once: no second table to forget
    fractions = [u.symbol for u in unit_table().values() if u.dimension == "fraction"]
    assert len(fractions) >= 5
    for symbol in fractions:
        assert helpers.to_percent(1.0, symbol) == pytest.approx(unit_table()[symbol].factor)
