"""Analytical procedure rules: ICH Q2(R2) characteristics, reportable range, validation of non-compendial methods."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ectd_builder.rules.engine import Context, Finding, rule
from ectd_builder.rules.helpers import SpecOwner, owners, text
from ectd_builder.rules.tables import table

# --------------------------------------------------------------------------------------------
# Analytical procedures (ICH Q2(R2))
# --------------------------------------------------------------------------------------------


def _method_users(ctx: Context) -> dict[str, list[tuple[SpecOwner, int]]]:
    users: dict[str, list[tuple[SpecOwner, int]]] = {}
    for owner in owners(ctx.dossier):
        for k, t in enumerate(owner.spec.tests):
            users.setdefault(t.method, []).append((owner, k))
    return users


@rule("VAL-01")
def val_01(ctx: Context) -> Iterator[Finding]:
    required = table("q2")["required"]
    for i, method in enumerate(ctx.dossier.methods):
        if method.validation.status != "validated" or method.procedure_type not in required:
            continue
        have = {c.characteristic for c in method.validation.characteristics}
        missing = [" or ".join(alts) for alts in required[method.procedure_type] if not have & set(alts)]
        if missing:
            yield Finding(
                f"the validation of {text(method.title)} ({method.procedure_type.replace('_', ' ')}) does not "
                f"cover: {', '.join(m.replace('_', ' ') for m in missing)}",
                ("methods", i, "validation", "characteristics"),
            )


@rule("VAL-02")
def val_02(ctx: Context) -> Iterator[Finding]:
    q2 = table("q2")
    users = _method_users(ctx)
    for i, method in enumerate(ctx.dossier.methods):
        rng = method.validation.reportable_range
        spans = q2["reportable_range"].get(method.procedure_type)
        if rng is None or spans is None or method.validation.status != "validated":
            continue  # compendial procedures are verified, not validated (as VAL-01)
        for owner, k in users.get(method.id, []):
            test = owner.spec.tests[k]
            for crit in (test.release, test.shelf_life):
                if crit is None or crit.unit != rng.unit:
                    continue
                wanted = _q2_spans(spans, crit, crit.unit in q2["declared_units"])
                if wanted and not any(_covers(rng, low, high) for low, high in wanted):
                    need = " or ".join(_span_text(low, high) for low, high in wanted)
                    yield Finding(
                        f"{text(method.title)} is validated from {rng.low:g} to {rng.high:g} {rng.unit}; the limits of "
                        f"'{text(test.test)}' in the {owner.label} need a range {need} {rng.unit} (ICH Q2(R2) Table 2)",
                        ("methods", i, "validation", "reportable_range"),
                    )
                    break


Span = tuple[float | None, float | None]


def _q2_spans(spans: dict[str, Any], crit: Any, declared_unit: bool) -> list[Span]:
    """The ranges Q2(R2) Table 2 accepts for ``crit`` (any one of them is enough)."""
    out: list[Span] = []
    declared = spans.get("declared")
    nominal = 100.0 if declared_unit else _nominal(crit)
    if declared and nominal is not None:
        out.append((nominal * declared["low"] / 100.0, nominal * declared["high"] / 100.0))
    limits = spans.get("limits")
    if limits:
        low = crit.min * limits["low_factor"] if crit.min is not None and "low_factor" in limits else None
        high = crit.max * limits["high_factor"] if crit.max is not None and "high_factor" in limits else None
        if low is not None or high is not None:
            out.append((low, high))
    return out


def _nominal(crit: Any) -> float | None:
    """The declared content behind limits in absolute units: the middle of two-sided limits."""
    return (crit.min + crit.max) / 2.0 if crit.min is not None and crit.max is not None else None


def _covers(rng: Any, low: float | None, high: float | None) -> bool:
    return (low is None or rng.low <= low + 1e-9) and (high is None or rng.high + 1e-9 >= high)


def _span_text(low: float | None, high: float | None) -> str:
    if low is None:
        return f"up to {high:g}"
    return f"from {low:g}" if high is None else f"from {low:g} to {high:g}"


@rule("VAL-03")
def val_03(ctx: Context) -> Iterator[Finding]:
    users = _method_users(ctx)
    for i, method in enumerate(ctx.dossier.methods):
        if method.compendial or method.validation.status == "validated" or method.id not in users:
            continue
        yield Finding(
            f"{text(method.title)} is used in a specification, is not compendial and is only "
            f"'{method.validation.status}'",
            ("methods", i, "validation", "status"),
        )
