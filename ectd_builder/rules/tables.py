"""ICH data tables (``jurisdictions/ich/*.yaml``) and the small calculations over them.

The numbers (thresholds, PDEs, batch counts, durations) live in the YAML files with their
sources; this module only reads them and applies the band logic the guidelines describe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ectd_builder.errors import EctdError
from ectd_builder.resources import data_dir

TABLES = ("q1a", "q2", "q3a", "q3b", "q3c", "q3d", "q6a", "m7")


@cache
def table(name: str) -> dict[str, Any]:
    """The ICH table ``name`` (e.g. ``q3a``) as plain data, once it passed its model.

    The model (:mod:`ectd_builder.jurisdiction.ich_tables`) checks the source and verified flag of
    every table and the numbers this module calculates with; a defective table raises EctdError
    listing every problem at ``file:line:col``.
    """
    if name not in TABLES:
        raise EctdError(f"unknown ICH table '{name}'")
    from ectd_builder.jurisdiction.ich_tables import model_for  # noqa: PLC0415 - pydantic on first use
    from ectd_builder.jurisdiction.load import problems_error, read  # noqa: PLC0415

    found = read(table_path(name), model_for(name), context={"table": name})
    if found.value is None:
        raise problems_error(found.problems)
    return dict(found.data)


def table_path(name: str) -> Path:
    return data_dir("jurisdictions") / "ich" / f"{name}.yaml"


@dataclass(frozen=True)
class Threshold:
    """A Q3A/Q3B threshold for a given dose: the percentage that applies and how it was derived."""

    pct: float
    basis: str


def threshold(name: str, kind: str, mdd_mg: float) -> Threshold:
    """Threshold ``kind`` (reporting, identification, qualification) of table ``name`` at ``mdd_mg``.

    Where a band gives a total daily intake alternative, the lower of the percentage and the
    intake expressed as a percentage of the dose applies ("whichever is lower").
    """
    for band in table(name)[kind]:
        bound = band.get("max_daily_dose_mg")
        inside = bound is None or mdd_mg < bound or (band.get("inclusive", False) and mdd_mg == bound)
        if not inside:
            continue
        pct = float(band["pct"])
        basis = f"{pct:g}%"
        intake = band.get("intake_mg")
        if intake is not None and mdd_mg > 0:
            as_pct = float(intake) / mdd_mg * 100.0
            if as_pct < pct:
                pct, basis = as_pct, f"{_mass(intake)} per day at {mdd_mg:g} mg/day = {as_pct:.3g}%"
            else:
                basis = f"{pct:g}% (lower than {_mass(intake)} per day)"
        return Threshold(pct, basis)
    raise EctdError(f"table {name} has no {kind} band for {mdd_mg} mg/day")


def _mass(mg: float) -> str:
    return f"{mg * 1000:g} µg" if mg < 1 else f"{mg:g} mg"


def q3c_solvent(name: str) -> tuple[int, dict[str, Any]] | None:
    """(class, entry) of a solvent by name or synonym; None when it is not in the table."""
    data = table("q3c")
    key = name.strip().lower()
    key = data.get("synonyms", {}).get(key, key)
    for cls in (1, 2):
        entries = data[f"class{cls}"]
        if key in entries:
            return cls, entries[key]
    if key in data["class3"]:
        return 3, {"limit_ppm": data["class3_default_ppm"]}
    return None


def q3c_find(words: str) -> tuple[str, int, dict[str, Any]] | None:
    """The first Q3C solvent named in a text such as 'Residual solvents: methanol' (name, class, entry)."""
    lowered = f" {words.strip().lower()} "
    exact = q3c_solvent(words)
    if exact is not None:
        return words.strip().lower(), exact[0], exact[1]
    data = table("q3c")
    names = [*data["class1"], *data["class2"], *data["class3"], *data.get("synonyms", {})]
    for name in sorted(names, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", lowered):
            found = q3c_solvent(name)
            if found is not None:
                return name, found[0], found[1]
    return None


def q3c_option1_ppm(entry: dict[str, Any]) -> float:
    """Q3C Option 1 concentration limit (ppm) of a class 2 solvent."""
    if "limit_ppm" in entry:
        return float(entry["limit_ppm"])
    dose = float(table("q3c")["option1_dose_g_per_day"])
    return 1000.0 * float(entry["pde_mg_per_day"]) / dose


def m7_acceptable_intake_ug(duration_months: float | None = None) -> float:
    """ICH M7 acceptable intake for one mutagenic impurity (lifetime TTC when no duration)."""
    data = table("m7")
    if duration_months is None:
        return float(data["ttc_ug_per_day"])
    for band in data["less_than_lifetime"]:
        bound = band["max_duration_months"]
        if bound is None or duration_months <= bound:
            return float(band["ai_ug_per_day"])
    return float(data["ttc_ug_per_day"])
