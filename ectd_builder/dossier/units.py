"""The unit table (``units.yaml``): accepted symbols, their dimensions and conversion factors."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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
