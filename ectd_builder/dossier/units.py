"""The unit table (``units.yaml``): accepted symbols, their dimensions and conversion factors."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

_TABLE = Path(__file__).with_name("units.yaml")


@dataclass(frozen=True)
class UnitDef:
    symbol: str
    dimension: str
    factor: float
    ucum: str
    aliases: tuple[str, ...] = ()


@cache
def unit_table() -> dict[str, UnitDef]:
    raw = yaml.safe_load(_TABLE.read_text(encoding="utf-8"))
    table: dict[str, UnitDef] = {}
    for entry in raw["units"]:
        unit = UnitDef(
            symbol=entry["symbol"],
            dimension=entry["dimension"],
            factor=float(entry["factor"]),
            ucum=entry["ucum"],
            aliases=tuple(entry.get("aliases", ())),
        )
        table[unit.symbol] = unit
    return table


UNIT_SYMBOLS: tuple[str, ...] = tuple(unit_table())


@cache
def _facts() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(_TABLE.read_text(encoding="utf-8"))
    return raw


def dimension_of(unit: str) -> str | None:
    """The dimension of a unit symbol (``mass``, ``volume``, ...); None for an unknown symbol."""
    entry = unit_table().get(unit)
    return entry.dimension if entry else None


def may_be_negative(unit: str) -> bool:
    """Whether a quantity in ``unit`` may lie below zero (a temperature may, a mass may not)."""
    return dimension_of(unit) in set(_facts()["signed_dimensions"]["dimensions"])


def dose_dimensions() -> tuple[frozenset[str], frozenset[str]]:
    """Dimensions of a maximum daily dose: (convertible to mg/day, accepted but not convertible)."""
    facts = _facts()["dose_dimensions"]
    return frozenset(facts["convertible"]), frozenset(facts["other"])


MAX_TIMEPOINT_MONTHS: float = _facts()["max_timepoint_months"]["value"]
"""Sanity bound for stability time points (see ``units.yaml``)."""

DIMENSION_WORDS = {
    "mass": "a mass",
    "daily_mass": "a mass per day",
    "volume": "a volume",
    "time": "a time",
    "temperature": "a temperature",
    "force": "a force",
    "count": "a count",
    "fraction": "a fraction",
    "pressure": "a pressure",
    "length": "a length",
}


def describe_dimension(unit: str) -> str:
    """``'a volume'`` for mL: the dimension of a unit in words, for messages."""
    dim = dimension_of(unit) or "unknown"
    return DIMENSION_WORDS.get(dim, f"a {dim.replace('_', ' ')}")


def _aliases() -> dict[str, str]:
    return {alias: u.symbol for u in unit_table().values() for alias in u.aliases}


def suggest_unit(text: str) -> str | None:
    """The accepted symbol closest to ``text`` (an alias, or a near spelling)."""
    aliases = _aliases()
    if text in aliases:
        return aliases[text]
    lowered = {s.lower(): s for s in UNIT_SYMBOLS}
    if text.lower() in lowered:
        return lowered[text.lower()]
    close = difflib.get_close_matches(text, list(UNIT_SYMBOLS) + list(aliases), n=1, cutoff=0.6)
    if not close:
        return None
    return aliases.get(close[0], close[0])


def convert(value: float, unit: str, to: str) -> float:
    """Convert between two units of one dimension (e.g. g/day to mg/day)."""
    table = unit_table()
    src, dst = table[unit], table[to]
    if src.dimension != dst.dimension:
        raise ValueError(f"cannot convert {unit} ({src.dimension}) to {to} ({dst.dimension})")
    return value * src.factor / dst.factor
