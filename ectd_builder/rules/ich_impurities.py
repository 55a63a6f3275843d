"""ICH impurity rules: Q3A(R2), Q3B(R2), Q3C(R9), Q3D(R2) and M7(R2)."""

from __future__ import annotations

from collections.abc import Iterator

from ectd_builder.rules.engine import Context, Finding, rule
from ectd_builder.rules.helpers import (
    DataPath,
    SpecOwner,
    fmt,
    impurity_index,
    impurity_path,
    less_than,
    mass_mg,
    materials,
    mdd_mg,
    products,
    substances,
    text,
    to_percent,
    to_ppm,
    upper_limit,
)
from ectd_builder.rules.q3_dose import dose_not_convertible
from ectd_builder.rules.tables import (
    q3c_find,
    q3c_option1_ppm,
    q3c_solvent,
    table,
    threshold,
)

Q3A_TYPES = {"organic", "process_related", "degradation_product"}
Q3B_TYPES = {"degradation_product"}

# --------------------------------------------------------------------------------------------
# Q3A / Q3B: one implementation, two tables
# --------------------------------------------------------------------------------------------


def _q3_owners(ctx: Context, guideline: str) -> Iterator[SpecOwner]:
    if ctx.dossier.product.modality != "small_molecule":
        return  # Q3A/Q3B exclude biologics, peptides from fermentation etc.
    yield from (substances(ctx.dossier) if guideline == "q3a" else products(ctx.dossier))


def _qualification(ctx: Context, guideline: str, types: set[str]) -> Iterator[Finding]:
    mdd = mdd_mg(ctx.dossier)
    if mdd is None:
        yield from dose_not_convertible(ctx, guideline, next(_q3_owners(ctx, guideline), None) is not None)
        return
    qt = threshold(guideline, "qualification", mdd)
    index = impurity_index(ctx.dossier)
    for owner in _q3_owners(ctx, guideline):
        for k, test in enumerate(owner.spec.tests):
            imp = index.get(test.impurity or "")
            if imp is None or imp.type not in types or not imp.identified:
                continue
            for which, crit in (("release", test.release), ("shelf_life", test.shelf_life)):
                limit = upper_limit(crit)
                pct = to_percent(*limit) if limit else None
                if pct is None or pct <= qt.pct + 1e-9:
                    continue
                qualified = (
                    to_percent(imp.qualified_level.value, imp.qualified_level.unit) if imp.qualified_level else None
                )
                if qualified is not None and qualified + 1e-9 >= pct and imp.qualification:
                    continue
                yield Finding(
                    f"{text(imp.name)} in the {owner.label} is limited to NMT {fmt(pct)}% ({which.replace('_', ' ')}), "
                    f"above the {guideline.upper()} qualification threshold of {qt.basis} for a maximum daily dose "
                    f"of {fmt(mdd)} mg, and no qualified level of at least {fmt(pct)}% with its qualification is given",
                    (*owner.path, "specification", "tests", k, which, "max"),
                )


def _identification(ctx: Context, guideline: str, types: set[str]) -> Iterator[Finding]:
    mdd = mdd_mg(ctx.dossier)
    if mdd is None:
        return
    it = threshold(guideline, "identification", mdd)
    index = impurity_index(ctx.dossier)
    for owner in _q3_owners(ctx, guideline):
        for k, test in enumerate(owner.spec.tests):
            imp = index.get(test.impurity or "")
            unidentified = (imp is not None and imp.type in types and not imp.identified) or (
                imp is None
                and test.category in ("impurities", "degradation_products")
                and any(w in text(test.test).lower() for w in ("unspecified", "unknown", "unidentified"))
            )
            if not unidentified:
                continue
            limit = upper_limit(test.release)
            pct = to_percent(*limit) if limit else None
            if pct is not None and pct > it.pct + 1e-9:
                yield Finding(
                    f"'{text(test.test)}' in the {owner.label} allows NMT {fmt(pct)}% of an unidentified impurity, "
                    f"above the {guideline.upper()} identification threshold of {it.basis} "
                    f"(maximum daily dose {fmt(mdd)} mg)",
                    (*owner.path, "specification", "tests", k, "release", "max"),
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


_Q3A_REF = "ICH Q3A(R2) section 3.2 and Attachment 1"
_Q3B_REF = "ICH Q3B(R2) section 3.2 and Attachment 1"


@rule(
    "Q3A-01",
    "Drug substance impurity limits above the qualification threshold are qualified",
    reference=_Q3A_REF,
    hint="Lower the limit to the qualification threshold, or set impurities[].qualified_level (>= the limit) "
    "and impurities[].qualification (the study or rationale).",
)
def q3a_01(ctx: Context) -> Iterator[Finding]:
    return _qualification(ctx, "q3a", Q3A_TYPES)


@rule(
    "Q3A-02",
    "Unidentified drug substance impurities are limited at or below the identification threshold",
    reference=_Q3A_REF,
    hint="Identify the impurity (structure) or tighten the limit for unidentified impurities to the threshold.",
)
def q3a_02(ctx: Context) -> Iterator[Finding]:
    return _identification(ctx, "q3a", Q3A_TYPES)


@rule(
    "Q3A-03",
    "Drug substance batch results report impurities down to the reporting threshold",
    reference="ICH Q3A(R2) sections 4 and 3.2 (reporting threshold)",
    hint="Report results down to the reporting threshold (the method's quantitation limit must not exceed it).",
)
def q3a_03(ctx: Context) -> Iterator[Finding]:
    return _reporting(ctx, "q3a")


@rule(
    "Q3B-01",
    "Drug product degradation-product limits above the qualification threshold are qualified",
    reference=_Q3B_REF,
    hint="Lower the limit to the qualification threshold, or set impurities[].qualified_level (>= the limit) "
    "and impurities[].qualification.",
)
def q3b_01(ctx: Context) -> Iterator[Finding]:
    return _qualification(ctx, "q3b", Q3B_TYPES)


@rule(
    "Q3B-02",
    "Unidentified degradation products are limited at or below the identification threshold",
    reference=_Q3B_REF,
    hint="Identify the degradation product or tighten the limit for unspecified degradation products.",
)
def q3b_02(ctx: Context) -> Iterator[Finding]:
    return _identification(ctx, "q3b", Q3B_TYPES)


@rule(
    "Q3B-03",
    "Drug product batch results report degradation products down to the reporting threshold",
    reference="ICH Q3B(R2) section 3.2 (reporting threshold)",
    hint="Report degradation products down to the Q3B reporting threshold.",
)
def q3b_03(ctx: Context) -> Iterator[Finding]:
    return _reporting(ctx, "q3b")


# --------------------------------------------------------------------------------------------
# Q3C residual solvents
# --------------------------------------------------------------------------------------------


def _solvents(ctx: Context) -> Iterator[tuple[SpecOwner, DataPath, str, int | None]]:
    """(substance, material path, solvent name, Q3C class) for every solvent material."""
    for at in materials(ctx.dossier):
        if at.material.role == "solvent":
            found = q3c_find(at.name)
            yield at.owner, at.path, found[0] if found else at.name, found[1] if found else None


def _mentions(owner: SpecOwner, ctx: Context, name: str) -> list[int]:
    """Indexes of the residual-solvent tests of ``owner`` naming the solvent."""
    index = impurity_index(ctx.dossier)
    hits = []
    for k, test in enumerate(owner.spec.tests):
        if test.category != "residual_solvents":
            continue
        imp = index.get(test.impurity or "")
        names = text(test.test).lower() + " " + (text(imp.name).lower() if imp else "")
        if name.lower() in names:
            hits.append(k)
    return hits


@rule(
    "Q3C-01",
    "Class 1 and 2 solvents used in the process are controlled or their absence justified",
    reference="ICH Q3C(R9) sections 3.1 and 4 (Tables 1 and 2)",
    hint="Add a residual_solvents test naming the solvent to the drug substance specification, or explain in "
    "specification.justification why it is not tested (e.g. purge data).",
)
def q3c_01(ctx: Context) -> Iterator[Finding]:
    for owner, path, name, cls in _solvents(ctx):
        if cls not in (1, 2):
            continue
        justified = name.lower() in text(owner.spec.justification).lower()
        if not _mentions(owner, ctx, name) and not justified:
            yield Finding(
                f"{name} (ICH Q3C class {cls}) is used to make the {owner.label} but the specification neither "
                f"tests it nor justifies leaving it out",
                path,
            )


@rule(
    "Q3C-02",
    "Class 2 solvent limits do not exceed the Q3C Option 1 concentration",
    reference="ICH Q3C(R9) section 3.3 (Option 1) and Table 2",
    hint="Tighten the limit to the Option 1 value, or justify a higher limit with an Option 2 calculation in "
    "impurities[].qualification.",
)
def q3c_02(ctx: Context) -> Iterator[Finding]:
    index = impurity_index(ctx.dossier)
    for owner in [*substances(ctx.dossier), *products(ctx.dossier)]:
        for k, test in enumerate(owner.spec.tests):
            if test.category != "residual_solvents":
                continue
            imp = index.get(test.impurity or "")
            found = q3c_find(text(imp.name) if imp else text(test.test))
            limit = upper_limit(test.release)
            ppm = to_ppm(*limit) if limit else None
            if found is None or found[1] != 2 or ppm is None:
                continue
            option1 = q3c_option1_ppm(found[2])
            if ppm > option1 + 1e-6 and not (imp and imp.qualification):
                yield Finding(
                    f"'{text(test.test)}' in the {owner.label} allows {fmt(ppm)} ppm, above the ICH Q3C Option 1 "
                    f"limit of {fmt(option1)} ppm for {found[0]} (PDE {found[2]['pde_mg_per_day']} mg/day)",
                    (*owner.path, "specification", "tests", k, "release", "max"),
                )


@rule(
    "Q3C-03",
    "Class 1 solvents are avoided, or limited at or below their Q3C concentration",
    reference="ICH Q3C(R9) section 3.1 and Table 1",
    hint="Replace the class 1 solvent; if its use is unavoidable, justify it and limit it in the specification "
    "at or below the Table 1 concentration.",
)
def q3c_03(ctx: Context) -> Iterator[Finding]:
    for owner, path, name, cls in _solvents(ctx):
        if cls != 1:
            continue
        entry = q3c_solvent(name)
        limit_ppm = float(entry[1]["limit_ppm"]) if entry else 0.0
        ok = False
        for k in _mentions(owner, ctx, name):
            lim = upper_limit(owner.spec.tests[k].release)
            ppm = to_ppm(*lim) if lim else None
            ok = ok or (ppm is not None and ppm <= limit_ppm + 1e-9)
        if not ok:
            yield Finding(
                f"{name} is an ICH Q3C class 1 solvent (to be avoided) used to make the {owner.label}, and no "
                f"specification test limits it to {fmt(limit_ppm)} ppm or less",
                path,
            )


@rule(
    "Q3C-04",
    "Declared Q3C solvent classes match the ICH Q3C tables",
    reference="ICH Q3C(R9) Tables 1-3",
    hint="Correct q3c_class to the class in ICH Q3C (or remove it; the tool looks the class up by name).",
)
def q3c_04(ctx: Context) -> Iterator[Finding]:
    for at in materials(ctx.dossier):
        found = q3c_find(at.name)
        if at.material.q3c_class is not None and found and found[1] != at.material.q3c_class:
            yield Finding(
                f"{at.name} is declared Q3C class {at.material.q3c_class}, but ICH Q3C lists it in class {found[1]}",
                (*at.path, "q3c_class"),
            )
    for imp_id, imp in impurity_index(ctx.dossier).items():
        found = q3c_find(text(imp.name))
        path = impurity_path(ctx.dossier, imp_id)
        if imp.q3c_class is not None and found and found[1] != imp.q3c_class and path:
            yield Finding(
                f"{text(imp.name)} is declared Q3C class {imp.q3c_class}, but ICH Q3C lists it in class {found[1]}",
                (*path, "q3c_class"),
            )


# --------------------------------------------------------------------------------------------
# Q3D elemental impurities
# --------------------------------------------------------------------------------------------


@rule(
    "Q3D-01",
    "Each drug product has an ICH Q3D elemental impurities risk assessment",
    reference="ICH Q3D(R2) section 5 (risk assessment)",
    hint="Add products[].elemental_impurities with the option used, the elements assessed and the conclusion.",
)
def q3d_01(ctx: Context) -> Iterator[Finding]:
    for owner in products(ctx.dossier):
        if owner.item.elemental_impurities is None:
            yield Finding(f"the {owner.label} has no elemental impurities risk assessment", owner.path)


@rule(
    "Q3D-02",
    "The Q3D assessment covers the element classes required for the route",
    reference="ICH Q3D(R2) section 5.1 and Table 5.1",
    hint="List every class 1 and 2A element (and the class 3 elements Table 5.1 names for parenteral and "
    "inhalation products) in elemental_impurities.elements_assessed.",
)
def q3d_02(ctx: Context) -> Iterator[Finding]:
    data = table("q3d")
    for owner in products(ctx.dossier):
        assessment = owner.item.elemental_impurities
        if assessment is None:
            continue
        route = owner.item.route  # type: ignore[union-attr]
        column = route if route in data["routes"] else "oral"
        needed = sorted(e for e, row in data["elements"].items() if column in row["assess"])
        have = {e.strip().capitalize() for e in assessment.elements_assessed}
        missing = [e for e in needed if e not in have]
        if missing:
            yield Finding(
                f"the elemental impurities assessment of the {owner.label} ({route}) does not cover "
                f"{', '.join(missing)} (ICH Q3D Table 5.1 elements to consider for this route)",
                (*owner.path, "elemental_impurities", "elements_assessed"),
            )


@rule(
    "Q3D-03",
    "Elements above 30% of the PDE are controlled in a specification",
    reference="ICH Q3D(R2) section 6 (control threshold 30% of the PDE)",
    hint="Add an elemental_impurities test to the product or substance specification for the listed elements.",
)
def q3d_03(ctx: Context) -> Iterator[Finding]:
    all_tests = [t for o in [*substances(ctx.dossier), *products(ctx.dossier)] for t in o.spec.tests]
    controlled = " ".join(text(t.test) for t in all_tests if t.category == "elemental_impurities")
    for owner in products(ctx.dossier):
        assessment = owner.item.elemental_impurities
        if assessment is None:
            continue
        for e, element in enumerate(assessment.controls_above_30_percent):
            if element.strip() and element.strip() not in controlled:
                yield Finding(
                    f"{element} exceeds 30% of its PDE in the {owner.label} but no elemental impurities test names it",
                    (*owner.path, "elemental_impurities", "controls_above_30_percent", e),
                )


@rule(
    "Q3D-04",
    "Intentionally added elements (catalysts, reagents) are in the Q3D assessment",
    reference="ICH Q3D(R2) section 5.2 (intentionally added elements) and Table 5.1",
    hint="Add the element to the product's elemental_impurities.elements_assessed (and control it if needed).",
)
def q3d_04(ctx: Context) -> Iterator[Finding]:
    names = table("q3d")["names"]
    assessed: set[str] = set()
    for owner in products(ctx.dossier):
        if owner.item.elemental_impurities:
            assessed |= {e.strip().capitalize() for e in owner.item.elemental_impurities.elements_assessed}
    if not ctx.dossier.products:
        return
    for at in materials(ctx.dossier):
        if at.material.role not in ("catalyst", "reagent"):
            continue
        label = f" {at.name.lower()} "
        for symbol, name in sorted(names.items()):
            mentioned = f" {name}" in label or f"({symbol.lower()})" in label or f" {symbol.lower()}/" in label
            if mentioned and symbol not in assessed:
                yield Finding(
                    f"{at.name} brings {name} ({symbol}) into the {at.owner.label}, but no drug product "
                    f"elemental impurities assessment covers {symbol}",
                    at.path,
                )


# --------------------------------------------------------------------------------------------
# M7 mutagenic impurities
# --------------------------------------------------------------------------------------------


@rule(
    "M7-01",
    "Mutagenic impurities have an ICH M7 class and an acceptable intake",
    reference="ICH M7(R2) sections 6 and 7 (classification, TTC and acceptable intakes)",
    hint="Set impurities[].m7_class (1-5); for classes 1-3 set acceptable_intake (µg/day) and, above the TTC, "
    "the compound-specific justification in qualification.",
)
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


@rule(
    "M7-02",
    "Specification limits of mutagenic impurities keep the daily intake within the acceptable intake",
    reference="ICH M7(R2) section 7 and Note 4 (limit = AI / maximum daily dose)",
    hint="Tighten the limit to acceptable intake / maximum daily dose (e.g. 1.5 µg/day at 100 mg/day = 15 ppm).",
)
def m7_02(ctx: Context) -> Iterator[Finding]:
    mdd = mdd_mg(ctx.dossier)
    if not mdd:
        return
    ttc = float(table("m7")["ttc_ug_per_day"])
    index = impurity_index(ctx.dossier)
    for owner in [*substances(ctx.dossier), *products(ctx.dossier)]:
        for k, test in enumerate(owner.spec.tests):
            imp = index.get(test.impurity or "")
            if imp is None or imp.m7_class not in (1, 2, 3):
                continue
            limit = upper_limit(test.release)
            ppm = to_ppm(*limit) if limit else None
            if ppm is None:
                continue
            ai_mg = mass_mg(imp.acceptable_intake)
            ai_ug = ai_mg * 1000 if ai_mg is not None else ttc
            intake_ug = ppm * mdd / 1000.0  # µg/g x g/day
            if intake_ug > ai_ug + 1e-9:
                yield Finding(
                    f"{text(imp.name)} limited to {fmt(ppm)} ppm in the {owner.label} allows "
                    f"{fmt(intake_ug)} µg/day at "
                    f"{fmt(mdd)} mg/day, above its acceptable intake of {fmt(ai_ug)} µg/day "
                    f"(limit at most {fmt(ai_ug * 1000 / mdd)} ppm)",
                    (*owner.path, "specification", "tests", k, "release", "max"),
                )
