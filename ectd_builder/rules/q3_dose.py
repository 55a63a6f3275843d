"""The maximum daily dose as Q3A/Q3B read it: say why the thresholds cannot apply, never skip silently."""

from __future__ import annotations

from collections.abc import Iterator

from ectd_builder.dossier.units import describe_dimension, dimension_of
from ectd_builder.rules.engine import Context, Finding
from ectd_builder.rules.helpers import fmt, mdd_mg


def dose_not_convertible(ctx: Context, guideline: str, applies: bool) -> Iterator[Finding]:
    """One finding at the dose's unit when it is not a mass (per day) and ``guideline`` ``applies``.

    Q3A(R2)/Q3B(R2) Attachment 1 set their thresholds per maximum daily dose in mg (or g) of drug
    substance per day; a volume would need the concentration, other dimensions do not convert.
    """
    dose = ctx.dossier.product.max_daily_dose
    if not applies or mdd_mg(ctx.dossier) is not None:
        return
    why = (
        "a volume needs the concentration of the drug substance to become a mass"
        if dimension_of(dose.unit) == "volume"
        else f"{describe_dimension(dose.unit)} does not convert to a mass per day"
    )
    yield Finding(
        f"The {guideline.upper()} thresholds cannot be applied: they are set per maximum daily dose in mg of drug "
        f"substance per day, but the dose is given as {fmt(dose.value)} {dose.unit} ({why})",
        ("product", "max_daily_dose", "unit"),
        hint="Give product.max_daily_dose as the mass of drug substance taken per day, e.g. {value: 100, unit: mg/day}.",
    )
