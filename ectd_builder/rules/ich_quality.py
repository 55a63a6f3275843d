"""Specification, process and lifecycle rules: ICH Q6A/Q6B, Q8/Q11, Q12, M4Q (procedures: ich_validation)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ectd_builder.rules.engine import Context, Finding, rule, rules_from
from ectd_builder.rules.helpers import (
    SpecOwner,
    controls,
    impurity_path,
    materials,
    normal,
    owners,
    products,
    steps,
    text,
)
from ectd_builder.rules.tables import table

if TYPE_CHECKING:
    from ectd_builder.dossier.model import EstablishedCondition

DataPath = tuple[str | int, ...]


def _categories(owner: SpecOwner) -> set[str]:
    aliases = table("q6a")["category_aliases"]
    found = set()
    for t in owner.spec.tests:
        cat = normal(t.category)
        found.add(cat)
        found.add(aliases.get(cat, cat))
    return found


def _missing(owner: SpecOwner, needed: list[str]) -> list[str]:
    have = _categories(owner)
    return [n for n in needed if n not in have]


def _no_tests(owner: SpecOwner, needed: list[str]) -> Iterator[Finding]:
    missing = _missing(owner, needed)
    if missing:
        yield Finding(
            f"the specification of the {owner.label} has no {', '.join(missing)} test",
            (*owner.path, "specification", "tests"),
        )


def _universal_tests(ctx: Context, kind: str) -> Iterator[Finding]:
    """SPEC-01 (drug substances) and SPEC-02 (drug products): the Q6A universal tests."""
    for owner in owners(ctx.dossier, modality="small_molecule"):
        if owner.kind == kind:
            yield from _no_tests(owner, table("q6a")["universal"][f"drug_{kind}"])


def _dosage_form_rule(ctx: Context, group: str) -> Iterator[Finding]:
    data = table("q6a")
    spec = data["dosage_forms"][group]
    aliases = data["category_aliases"]
    for owner in products(ctx.dossier):
        form = text(owner.item.dosage_form).lower()  # type: ignore[union-attr]
        if not any(f in form for f in spec["forms"]):
            continue
        have = _categories(owner)
        for need in spec["required"]:
            options = {normal(o) for o in need["any_of"]} | {aliases.get(normal(o), normal(o)) for o in need["any_of"]}
            if not options & have:
                yield Finding(
                    f"the specification of the {owner.label} ({text(owner.item.dosage_form)}) has no "  # type: ignore[union-attr]
                    f"{need['label']} test",
                    (*owner.path, "specification", "tests"),
                )




rules_from(_universal_tests, "kind", {"SPEC-01": "substance", "SPEC-02": "product"})
rules_from(_dosage_form_rule, "group", {"SPEC-03": "oral_solid", "SPEC-04": "parenteral", "SPEC-07": "oral_liquid"})


@rule("SPEC-05")
def spec_05(ctx: Context) -> Iterator[Finding]:
    q6b = table("q6a")["biotech"]
    for owner in owners(ctx.dossier, modality="biologic"):
        needed = q6b["drug_substance" if owner.kind == "substance" else "drug_product"]
        if owner.kind == "product" and owner.item.route != "parenteral":  # type: ignore[union-attr]
            needed = [n for n in needed if n not in ("sterility", "endotoxins")]
        yield from _no_tests(owner, needed)


@rule("SPEC-06")
def spec_06(ctx: Context) -> Iterator[Finding]:
    limited = set()
    for owner in owners(ctx.dossier):
        limited |= {t.impurity for t in owner.spec.tests if t.impurity}
        for inter in owner.item.process.intermediates:
            limited |= {t.impurity for t in inter.tests if t.impurity}
    kinds = {"organic", "process_related", "degradation_product", "mutagenic"}
    if ctx.dossier.product.modality == "biologic":
        kinds = {"mutagenic"}  # product- and process-related variants are controlled by purity tests
    for owner in owners(ctx.dossier):
        for imp in owner.item.impurities:
            if imp.specified and imp.type in kinds and imp.id not in limited:
                path = impurity_path(ctx.dossier, imp.id) or owner.path
                yield Finding(f"{text(imp.name)} is a specified impurity but no specification test limits it", path)


# --------------------------------------------------------------------------------------------
# Starting materials, sites, development (Q11, Q8, M4Q)
# --------------------------------------------------------------------------------------------


@rule("SM-01")
def sm_01(ctx: Context) -> Iterator[Finding]:
    for at in materials(ctx.dossier):
        if at.material.role == "starting_material" and at.material.justification is None:
            yield Finding(f"starting material {at.name} of the {at.owner.label} has no justification", at.path)


@rule("SM-02")
def sm_02(ctx: Context) -> Iterator[Finding]:
    for at in materials(ctx.dossier):
        j = at.material.justification
        if at.material.role == "starting_material" and j is not None and not j.commercially_available and not j.purge:
            yield Finding(
                f"starting material {at.name} is not commercially available and its justification "
                f"has no impurity purge information",
                (*at.path, "justification"),
            )


@rule("SITE-01")
def site_01(ctx: Context) -> Iterator[Finding]:
    roles = {s.id: set(s.roles) for s in ctx.dossier.sites}
    for owner in owners(ctx.dossier):
        listed = set().union(*(roles.get(m.site, set()) for m in owner.item.manufacturers))
        want = (
            ["drug_substance_manufacture"]
            if owner.kind == "substance"
            else ["drug_product_manufacture", "batch_release"]
        )
        missing = [w for w in want if w not in listed]
        if missing:
            yield Finding(
                f"no manufacturer of the {owner.label} has the role {', '.join(m.replace('_', ' ') for m in missing)}",
                (*owner.path, "manufacturers"),
            )


@rule("CQA-01")
def cqa_01(ctx: Context) -> Iterator[Finding]:
    for owner in owners(ctx.dossier):
        dev = owner.item.development
        linked = {link.cqa for link in dev.control_strategy}
        for c, cqa in enumerate(dev.cqas):
            if not cqa.tests and cqa.id not in linked:
                yield Finding(
                    f"CQA {text(cqa.attribute)} of the {owner.label} is not linked to any control",
                    (*owner.path, "development", "cqas", c),
                )


@rule("CPP-01")
def cpp_01(ctx: Context) -> Iterator[Finding]:
    for at in steps(ctx.dossier):
        for p, param in enumerate(at.step.parameters):
            if param.classification != "CPP":
                continue
            gaps = [g for g, bad in (("affected CQAs", not param.affects), ("range", not (param.nor or param.par))) if bad]
            if gaps:
                yield Finding(
                    f"critical process parameter {text(param.name)} (step {at.step.number}) has no {' and no '.join(gaps)}",
                    (*at.path, "parameters", p),
                )


@rule("COMP-01")
def comp_01(ctx: Context) -> Iterator[Finding]:
    for owner in products(ctx.dossier):
        strengths = [s.id for s in owner.item.strengths]  # type: ignore[union-attr]
        for c, line in enumerate(owner.item.composition):  # type: ignore[union-attr]
            missing = [s for s in strengths if s not in line.amounts]
            if missing:
                yield Finding(
                    f"composition line {line.component} has no amount for strength(s) {', '.join(missing)}",
                    (*owner.path, "composition", c, "amounts"),
                )


@rule("COMP-02")
def comp_02(ctx: Context) -> Iterator[Finding]:
    for owner in products(ctx.dossier):
        have = {bf.strength for bf in owner.item.batch_formulas}  # type: ignore[union-attr]
        for s, strength in enumerate(owner.item.strengths):  # type: ignore[union-attr]
            if strength.id not in have:
                yield Finding(
                    f"strength {text(strength.label)} of the {owner.label} has no batch formula",
                    (*owner.path, "strengths", s),
                )


# --------------------------------------------------------------------------------------------
# ICH Q12 established conditions
# --------------------------------------------------------------------------------------------


def _ecs(ctx: Context) -> Iterator[tuple[str, EstablishedCondition, DataPath]]:
    for at in controls(ctx.dossier):
        if at.item.ec:
            yield at.name, at.item.ec, (*at.path, "ec")
    for i, method in enumerate(ctx.dossier.methods):
        if method.ec:
            yield text(method.title), method.ec, ("methods", i, "ec")


@rule("EC-01")
def ec_01(ctx: Context) -> Iterator[Finding]:
    j = ctx.jurisdiction
    for name, ec, path in _ecs(ctx):
        if ec.is_ec and getattr(ec.reporting, j) is None:
            yield Finding(f"established condition '{name}' has no {j.upper()} reporting category", (*path, "reporting"))


@rule("EC-02")
def ec_02(ctx: Context) -> Iterator[Finding]:
    j = ctx.jurisdiction
    for i, pacmp in enumerate(ctx.dossier.lifecycle.pacmps):
        if getattr(pacmp.proposed_reporting, j) is None:
            yield Finding(
                f"PACMP {text(pacmp.title)} proposes no {j.upper()} reporting category",
                ("lifecycle", "pacmps", i, "proposed_reporting"),
            )
