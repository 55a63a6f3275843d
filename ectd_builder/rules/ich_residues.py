"""ICH residue rules: residual solvents, Q3C(R9), and elemental impurities, Q3D(R2)."""

from __future__ import annotations

from collections.abc import Iterator

from ectd_builder.rules.engine import Context, Finding, rule
from ectd_builder.rules.helpers import (
    DataPath,
    SpecOwner,
    fmt,
    impurity_index,
    impurity_path,
    materials,
    max_ppm,
    owners,
    products,
    spec_tests,
    text,
)
from ectd_builder.rules.tables import (
    q3c_find,
    q3c_option1_ppm,
    q3c_solvent,
    table,
)

# --------------------------------------------------------------------------------------------
# Q3C residual solvents
# --------------------------------------------------------------------------------------------


def _solvents(ctx: Context, classes: tuple[int, ...]) -> Iterator[tuple[SpecOwner, DataPath, str, int]]:
    """(substance, material path, solvent name, Q3C class) for every solvent material of ``classes``."""
    for at in materials(ctx.dossier):
        found = q3c_find(at.name) if at.material.role == "solvent" else None
        if found is not None and found[1] in classes:
            yield at.owner, at.path, found[0], found[1]


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


@rule("Q3C-01")
def q3c_01(ctx: Context) -> Iterator[Finding]:
    for owner, path, name, cls in _solvents(ctx, (1, 2)):
        if _mentions(owner, ctx, name) or name.lower() in text(owner.spec.justification).lower():
            continue  # tested, or left out with a justification
        solvent = f"{name} (ICH Q3C class {cls})"
        yield Finding(
            f"{solvent} is used to make the {owner.label} but the specification neither tests it nor justifies leaving it out",
            path,
        )


@rule("Q3C-02")
def q3c_02(ctx: Context) -> Iterator[Finding]:
    for at in spec_tests(ctx.dossier, owners(ctx.dossier)):
        imp, test = at.impurity, at.test
        if test.category != "residual_solvents":
            continue
        found = q3c_find(text(imp.name) if imp else text(test.test))
        ppm = max_ppm(test.release)
        if found is None or found[1] != 2 or ppm is None:
            continue
        option1 = q3c_option1_ppm(found[2])
        if ppm > option1 + 1e-6 and not (imp and imp.qualification):
            yield Finding(
                f"'{text(test.test)}' in the {at.owner.label} allows {fmt(ppm)} ppm, above the ICH Q3C Option 1 "
                f"limit of {fmt(option1)} ppm for {found[0]} (PDE {found[2]['pde_mg_per_day']} mg/day)",
                at.max_path(),
            )


@rule("Q3C-03")
def q3c_03(ctx: Context) -> Iterator[Finding]:
    for owner, path, name, _ in _solvents(ctx, (1,)):
        entry = q3c_solvent(name)
        limit_ppm = float(entry[1]["limit_ppm"]) if entry else 0.0
        limits = [max_ppm(owner.spec.tests[k].release) for k in _mentions(owner, ctx, name)]
        if not any(ppm is not None and ppm <= limit_ppm + 1e-9 for ppm in limits):
            yield Finding(
                f"{name} is an ICH Q3C class 1 solvent (to be avoided) used to make the {owner.label}, and no "
                f"specification test limits it to {fmt(limit_ppm)} ppm or less",
                path,
            )


@rule("Q3C-04")
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


@rule("Q3D-01")
def q3d_01(ctx: Context) -> Iterator[Finding]:
    for owner in products(ctx.dossier):
        if owner.item.elemental_impurities is None:
            yield Finding(f"the {owner.label} has no elemental impurities risk assessment", owner.path)


@rule("Q3D-02")
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


@rule("Q3D-03")
def q3d_03(ctx: Context) -> Iterator[Finding]:
    all_tests = [t for o in owners(ctx.dossier) for t in o.spec.tests]
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


@rule("Q3D-04")
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
