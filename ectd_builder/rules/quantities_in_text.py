"""Quantities written in narrative text (en, ja, zh): numbers with units, ranges and limits.

``quantities_in("Assay 95.0–105.0 % of label claim")`` finds one range quantity from 95.0 to
105.0 in %. Recognised forms, in any of the three languages:

- a number with a unit: ``200 kg``, ``50 mg``, ``24 months``, ``24か月``, ``24个月``;
- a range: ``95.0–105.0 %``, ``95.0-105.0%``, ``95.0～105.0 %``, ``95.0%～105.0%`` (never
  "from 200 kg to 400 kg", which is a change, not a range);
- an upper or lower limit: ``NMT 0.20 %``, ``≤ 0.20 %``, ``不得过0.20%``, ``0.20 %以下``,
  ``NLT 80 %``, ``≥ 80 %``.

Units are the dossier's unit table (symbols and aliases, longest first) plus the words that
write durations in Japanese and Chinese. Each quantity keeps its character span, so a problem can
point at the exact place in the YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ectd_builder.dossier.units import UnitDef, unit_table

Bound = Literal["range", "max", "min", "value"]

# Duration and time words of Japanese and Chinese text, as units of the unit table.
_CJK_UNITS = {
    "か月": "months",
    "ヶ月": "months",
    "カ月": "months",
    "ケ月": "months",
    "箇月": "months",
    "个月": "months",
    "個月": "months",
    "年間": "years",
    "週間": "weeks",
    "周": "weeks",
    "日間": "days",
    "天": "days",
    "時間": "h",
    "小时": "h",
    "分間": "min",
    "分钟": "min",
}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SEPARATOR = r"\s*(?:–|—|-|~|～|〜)\s*"
# Limits in specification wording (explicit) and in symbols or words also used for results.
_MAX_EXPLICIT = r"NMT|not\s+more\s+than|不得过|不得超过|不超过|不大于"
_MIN_EXPLICIT = r"NLT|not\s+less\s+than|不得少于|不得低于|不少于|不低于"
_MAX_BEFORE = rf"{_MAX_EXPLICIT}|at\s+most|≤|<=|≦"
_MIN_BEFORE = rf"{_MIN_EXPLICIT}|at\s+least|≥|>=|≧"
_MAX_AFTER = r"以下"
_MIN_AFTER = r"以上"
_SPACE = "\u00a0\u202f\u2009"


@dataclass(frozen=True)
class TextQuantity:
    """One quantity found in a text: its span, bounds and unit (a unit-table symbol)."""

    start: int
    end: int
    written: str
    bound: Bound
    low: float | None
    high: float | None
    unit: str
    explicit: bool = False  # the limit is written in specification wording (NMT, NLT, 不得过)

    @property
    def dimension(self) -> str:
        return unit_table()[self.unit].dimension

    @property
    def numbers(self) -> tuple[float, ...]:
        return tuple(x for x in (self.low, self.high) if x is not None)


@cache
def _unit_names() -> dict[str, str]:
    """Every way a unit is written -> its unit-table symbol."""
    names: dict[str, str] = {}
    table: dict[str, UnitDef] = unit_table()
    for unit in table.values():
        for written in (unit.symbol, *unit.aliases):
            names.setdefault(written, unit.symbol)
    # Spaced and unspaced per cent forms ("60 % RH" and "60%RH") are the same unit.
    for written, symbol in list(names.items()):
        if written.startswith("% "):
            names.setdefault("%" + written[2:], symbol)
    for written, symbol in _CJK_UNITS.items():
        names.setdefault(written, symbol)
    return names


@cache
def _pattern() -> re.Pattern[str]:
    names = sorted(_unit_names(), key=len, reverse=True)
    unit = "|".join(re.escape(n).replace(r"\ ", r"\s?") for n in names)
    # A Latin unit must not run on into a word ("mg" is not the start of "mgs", "min" of "minor").
    unit = rf"(?:{unit})(?![A-Za-z])"
    return re.compile(
        rf"(?:(?P<max>{_MAX_BEFORE})|(?P<min>{_MIN_BEFORE}))?[\s{_SPACE}]*"
        rf"(?<![A-Za-z0-9.,/\-–])(?P<a>{_NUMBER})"
        rf"(?:[\s{_SPACE}]*(?P<ua>{unit})?(?P<sep>{_SEPARATOR})(?P<b>{_NUMBER}))?[\s{_SPACE}]*(?P<unit>{unit})"
        rf"(?:[\s{_SPACE}]*(?:(?P<max_after>{_MAX_AFTER})|(?P<min_after>{_MIN_AFTER})))?",
        flags=re.IGNORECASE,
    )


def _number(s: str) -> float:
    return float(s.replace(",", ""))


def _unit_of(written: str) -> str | None:
    names = _unit_names()
    compact = re.sub(rf"[\s{_SPACE}]+", " ", written)
    if compact in names:
        return names[compact]
    lowered = {k.lower(): v for k, v in names.items()}
    return lowered.get(compact.lower()) or lowered.get(compact.replace(" ", "").lower())


def quantities_in(text: str) -> list[TextQuantity]:
    """Every quantity in ``text``, in reading order."""
    found: list[TextQuantity] = []
    for m in _pattern().finditer(text):
        unit = _unit_of(m.group("unit"))
        if unit is None:
            continue
        first_unit = _unit_of(m.group("ua")) if m.group("ua") else unit
        if m.group("b") is not None and first_unit != unit:
            continue  # "25 °C/60 % RH" style pairs are two quantities, not a range
        a = _number(m.group("a"))
        bound: Bound = "value"
        low: float | None = a
        high: float | None = a
        if m.group("b") is not None:
            bound, high = "range", _number(m.group("b"))
            if high < a:
                continue  # "2-1" is not a range
        elif m.group("max") or m.group("max_after"):
            bound, low = "max", None
        elif m.group("min") or m.group("min_after"):
            bound, high = "min", None
        start = m.start("a") if bound in ("value", "range") or m.group("max_after") or m.group("min_after") else m.start()
        prefix = m.group("max") or m.group("min") or ""
        explicit = bool(re.fullmatch(rf"{_MAX_EXPLICIT}|{_MIN_EXPLICIT}", prefix, flags=re.IGNORECASE))
        found.append(TextQuantity(start, m.end(), text[start : m.end()], bound, low, high, unit, explicit))
    return found
