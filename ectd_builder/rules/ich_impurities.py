"""ICH impurity rules: Q3A(R2), Q3B(R2) and M7(R2) (residual solvents and elements: ich_residues)."""

from __future__ import annotations

from collections.abc import Iterator

from ectd_builder.rules.engine import Context, Finding, rule, rules_from
from ectd_builder.rules.helpers import (
    SpecOwner,
    fmt,
    impurity_index,
    impurity_path,
    less_than,
    mass_mg,
    max_percent,
    max_ppm,
    mdd_mg,
    owners,
    spec_tests,
    text,
    to_percent,
)
from ectd_builder.rules.q3_dose import dose_not_convertible
from ectd_builder.rules.tables import (
    table,
    threshold,
)

# the impurity types each guideline's qualification and identification thresholds apply to
Q3_TYPES = {"q3a": {"organic", "process_related", "degradation_product"}, "q3b": {"degradation_product"}}

# --------------------------------------------------------------------------------------------
# Q3A / Q3B: one implementation, two tables
# --------------------------------------------------------------------------------------------


def _q3_owners(ctx: Context, guideline: str) -> Iterator[SpecOwner]:
    """Q3A: the drug substances, Q3B: the drug products; none but of small molecules (Q3A/Q3B exclude
    biologics, peptides from fermentation etc.)."""
    kind = "substance" if guideline == "q3a" else "product"
    return (o for o in owners(ctx.dossier, modality="small_molecule") if o.kind == kind)


def _qualification(ctx: Context, guideline: str) -> Iterator[Finding]:
    types = Q3_TYPES[guideline]
    mdd = mdd_mg(ctx.dossier)
    if mdd is None:
        yield from dose_not_convertible(ctx, guideline, next(_q3_owners(ctx, guideline), None) is not None)
        return
    qt = threshold(guideline, "qualification", mdd)
    for at in spec_tests(ctx.dossier, _q3_owners(ctx, guideline)):
        imp = at.impurity
        if imp is None or imp.type not in types or not imp.identified:
            continue
        qualified = to_percent(imp.qualified_level.value, imp.qualified_level.unit) if imp.qualified_level else None
        for which, crit in (("release", at.test.release), ("shelf_life", at.test.shelf_life)):
            pct = max_percent(crit)
            if pct is None or pct <= qt.pct + 1e-9:
                continue
            if qualified is not None and qualified + 1e-9 >= pct and imp.qualification:
                continue
            yield Finding(
                f"{text(imp.name)} in the {at.owner.label} is limited to NMT {fmt(pct)}% ({which.replace('_', ' ')}), "
                f"above the {guideline.upper()} qualification threshold of {qt.basis} for a maximum daily dose "
                f"of {fmt(mdd)} mg, and no qualified level of at least {fmt(pct)}% with its qualification is given",
                at.max_path(which),
            )


def _identification(ctx: Context, guideline: str) -> Iterator[Finding]:
    types = Q3_TYPES[guideline]
    mdd = mdd_mg(ctx.dossier)
    if mdd is None:
        return
    it = threshold(guideline, "identification", mdd)
    for at in spec_tests(ctx.dossier, _q3_owners(ctx, guideline)):
        imp, test = at.impurity, at.test
        unidentified = (imp is not None and imp.type in types and not imp.identified) or (
            imp is None
            and test.category in ("impurities", "degradation_products")
            and any(w in text(test.test).lower() for w in ("unspecified", "unknown", "unidentified"))
        )
        pct = max_percent(test.release) if unidentified else None
        if pct is not None and pct > it.pct + 1e-9:
            yield Finding(
                f"'{text(test.test)}' in the {at.owner.label} allows NMT {fmt(pct)}% of an unidentified impurity, "
                f"above the {guideline.upper()} identification threshold of {it.basis} "
                f"(maximum daily dose {fmt(mdd)} mg)",
                at.max_path(),
            )


def _reporting(ctx: Context, guideline: str) -> Iterator[Finding]:
    mdd = mdd_mg(ctx.dossier)
    if mdd is None:
        return
    rt = threshold(guideline, "reporting", mdd)
    for owner in _q3_owners(ctx, guideline):
        impurity_tests = {t.id: t for t in owner.spec.tests if t.category in ("impurities", "degradation_products")}
        for b, batch in enumerate(owner.item.batches):
            for r, result in enumerate(batch.results):
                test = impurity_tests.get(result.test)
                bound = less_than(text(result.text)) if result.text else None
                if test is None or bound is None:
                    continue
                unit = test.release.unit or "%"
                pct = to_percent(bound, unit)
                if pct is not None and pct > rt.pct + 1e-9:
                    yield Finding(
                        f"batch {batch.number} reports '{text(result.text)}' for '{text(test.test)}': a result below "
                        f"{fmt(pct)}% is not reported, but the {guideline.upper()} reporting threshold is {rt.basis}",
                        (*owner.path, "batches", b, "results", r, "text"),
                    )




rules_from(_qualification, "guideline", {"Q3A-01": "q3a", "Q3B-01": "q3b"})
rules_from(_identification, "guideline", {"Q3A-02": "q3a", "Q3B-02": "q3b"})
rules_from(_reporting, "guideline", {"Q3A-03": "q3a", "Q3B-03": "q3b"})


# --------------------------------------------------------------------------------------------
# M7 mutagenic impurities
# --------------------------------------------------------------------------------------------


@rule("M7-01")
def m7_01(ctx: Context) -> Iterator[Finding]:
    ttc = float(table("m7")["ttc_ug_per_day"])
    for imp_id, imp in sorted(impurity_index(ctx.dossier).items()):
        path = impurity_path(ctx.dossier, imp_id) or ()
        if imp.type == "mutagenic" and imp.m7_class is None:
            yield Finding(f"mutagenic impurity {text(imp.name)} has no ICH M7 class", path)
            continue
        if imp.m7_class in (1, 2) and imp.acceptable_intake is None:
            yield Finding(f"{text(imp.name)} (M7 class {imp.m7_class}) has no acceptable intake", path)
            continue
        ai = mass_mg(imp.acceptable_intake)
        if imp.m7_class in (1, 2, 3) and ai is not None and ai * 1000 > ttc + 1e-9 and not imp.qualification:
            yield Finding(
                f"{text(imp.name)} has an acceptable intake of {fmt(ai * 1000)} µg/day, above the TTC of "
                f"{fmt(ttc)} µg/day, without a compound-specific justification",
                (*path, "acceptable_intake"),
            )


@rule("M7-02")
def m7_02(ctx: Context) -> Iterator[Finding]:
    mdd = mdd_mg(ctx.dossier)
    if not mdd:
        return
    ttc = float(table("m7")["ttc_ug_per_day"])
    for at in spec_tests(ctx.dossier, owners(ctx.dossier)):
        imp = at.impurity
        ppm = max_ppm(at.test.release) if imp is not None and imp.m7_class in (1, 2, 3) else None
        if imp is None or ppm is None:
            continue
        ai_mg = mass_mg(imp.acceptable_intake)
        ai_ug = ai_mg * 1000 if ai_mg is not None else ttc
        intake_ug = ppm * mdd / 1000.0  # µg/g x g/day
        if intake_ug > ai_ug + 1e-9:
            yield Finding(
                f"{text(imp.name)} limited to {fmt(ppm)} ppm in the {at.owner.label} allows "
                f"{fmt(intake_ug)} µg/day at "
                f"{fmt(mdd)} mg/day, above its acceptable intake of {fmt(ai_ug)} µg/day "
                f"(limit at most {fmt(ai_ug * 1000 / mdd)} ppm)",
                at.max_path(),
            )
