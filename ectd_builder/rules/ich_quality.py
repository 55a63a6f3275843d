"""Specification, process and lifecycle rules: ICH Q6A/Q6B, Q8/Q11, Q12, M4Q (procedures: ich_validation)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ectd_builder.problems import Severity
from ectd_builder.rules.engine import Context, Finding, rule
from ectd_builder.rules.helpers import (
    SpecOwner,
    impurity_path,
    materials,
    normal,
    owners,
    products,
    substances,
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


@rule(
    "SPEC-01",
    "Drug substance specifications contain the ICH Q6A universal tests",
    reference="ICH Q6A section 3.2.1 (universal tests: description, identification, assay, impurities)",
    hint="Add the missing tests to the specification (tests[].category), or justify their omission.",
)
def spec_01(ctx: Context) -> Iterator[Finding]:
    if ctx.dossier.product.modality != "small_molecule":
        return
    for owner in substances(ctx.dossier):
        missing = _missing(owner, table("q6a")["universal"]["drug_substance"])
        if missing:
            yield Finding(
                f"the specification of the {owner.label} has no {', '.join(missing)} test",
                (*owner.path, "specification", "tests"),
            )


@rule(
    "SPEC-02",
    "Drug product specifications contain the ICH Q6A universal tests",
    reference="ICH Q6A section 3.3.1 (universal tests: description, identification, assay, impurities)",
    hint="Add the missing tests to the specification (tests[].category), or justify their omission.",
)
def spec_02(ctx: Context) -> Iterator[Finding]:
    if ctx.dossier.product.modality != "small_molecule":
        return
    for owner in products(ctx.dossier):
        missing = _missing(owner, table("q6a")["universal"]["drug_product"])
        if missing:
            yield Finding(
                f"the specification of the {owner.label} has no {', '.join(missing)} test",
                (*owner.path, "specification", "tests"),
            )


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


_Q6A_FORMS = "ICH Q6A section 3.3.2 (specific tests by dosage form)"


@rule(
    "SPEC-03",
    "Oral solid dosage forms are tested for dissolution and uniformity of dosage units",
    reference=_Q6A_FORMS + ", 3.3.2.1; decision trees 7.1-7.3",
    hint="Add a dissolution (or justified disintegration) test and a uniformity of dosage units test.",
)
def spec_03(ctx: Context) -> Iterator[Finding]:
    return _dosage_form_rule(ctx, "oral_solid")


@rule(
    "SPEC-04",
    "Parenterals are tested for sterility, bacterial endotoxins and particulate matter",
    reference=_Q6A_FORMS + ", 3.3.2.3",
    hint="Add sterility, bacterial endotoxins and particulate matter tests to the specification.",
)
def spec_04(ctx: Context) -> Iterator[Finding]:
    return _dosage_form_rule(ctx, "parenteral")


@rule(
    "SPEC-07",
    "Oral liquids are tested for pH and microbial limits",
    reference=_Q6A_FORMS + ", 3.3.2.2",
    hint="Add pH and microbial limits tests to the specification, or justify their omission.",
)
def spec_07(ctx: Context) -> Iterator[Finding]:
    return _dosage_form_rule(ctx, "oral_liquid")


@rule(
    "SPEC-05",
    "Biotechnological products are specified per ICH Q6B",
    reference="ICH Q6B sections 4.1 and 4.2 (drug substance and drug product specifications)",
    hint="Add the missing Q6B test categories (identity, purity/impurities, potency, quantity, ...).",
)
def spec_05(ctx: Context) -> Iterator[Finding]:
    if ctx.dossier.product.modality != "biologic":
        return
    q6b = table("q6a")["biotech"]
    for owner in owners(ctx.dossier):
        needed = q6b["drug_substance" if owner.kind == "substance" else "drug_product"]
        if owner.kind == "product" and owner.item.route != "parenteral":  # type: ignore[union-attr]
            needed = [n for n in needed if n not in ("sterility", "endotoxins")]
        missing = _missing(owner, needed)
        if missing:
            yield Finding(
                f"the specification of the {owner.label} has no {', '.join(missing)} test",
                (*owner.path, "specification", "tests"),
            )


@rule(
    "SPEC-06",
    "Every specified impurity has a limit in a specification",
    reference="ICH Q6A section 3.2.1 (d) / 3.3.1 (d); ICH Q3A(R2) section 6; ICH Q3B(R2) section 5",
    hint="Add a specification test for the impurity (tests[].impurity), or mark it specified: false with the "
    "reason in its origin text.",
)
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


@rule(
    "SM-01",
    "Starting materials have an ICH Q11 justification",
    reference="ICH Q11 section 5 and Q11 Q&A (2017) 5.1-5.2",
    hint="Add materials[].justification: commercially_available and the rationale against the Q11 principles.",
)
def sm_01(ctx: Context) -> Iterator[Finding]:
    for at in materials(ctx.dossier):
        if at.material.role == "starting_material" and at.material.justification is None:
            yield Finding(f"starting material {at.name} of the {at.owner.label} has no justification", at.path)


@rule(
    "SM-02",
    "Custom-synthesised starting materials describe their impurities and purge",
    reference="ICH Q11 Q&A (2017) 5.2 (justification content: flow chart, impurities, purge)",
    hint="Describe the starting material's impurities and how the process purges them (justification.purge).",
)
def sm_02(ctx: Context) -> Iterator[Finding]:
    for at in materials(ctx.dossier):
        j = at.material.justification
        if at.material.role == "starting_material" and j is not None and not j.commercially_available and not j.purge:
            yield Finding(
                f"starting material {at.name} is not commercially available and its justification "
                f"has no impurity purge information",
                (*at.path, "justification"),
            )


@rule(
    "SITE-01",
    "Manufacturers of each substance and product include the manufacturing (and release) sites",
    reference="ICH M4Q(R1) 3.2.S.2.1 and 3.2.P.3.1 (manufacturers and their responsibilities)",
    hint="List the manufacturing site (and, for products, the batch release site) in manufacturers[].",
)
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


@rule(
    "CQA-01",
    "Every critical quality attribute is linked to a control",
    reference="ICH Q8(R2) section 2.5 (control strategy); ICH Q11 section 6",
    hint="Link the CQA to the tests that control it (cqas[].tests) or add a control_strategy entry.",
    severity=Severity.WARNING,
)
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


@rule(
    "CPP-01",
    "Critical process parameters name the CQAs they affect and their ranges",
    reference="ICH Q8(R2) section 2.4 and Glossary (CPP); ICH Q11 section 3.1",
    hint="Give the CPP's affected CQAs (affects) and its normal operating or proven acceptable range.",
)
def cpp_01(ctx: Context) -> Iterator[Finding]:
    for owner in owners(ctx.dossier):
        for s, step in enumerate(owner.item.process.steps):
            for p, param in enumerate(step.parameters):
                if param.classification != "CPP":
                    continue
                gaps = [
                    g
                    for g, bad in (("affected CQAs", not param.affects), ("range", not (param.nor or param.par)))
                    if bad
                ]
                if gaps:
                    yield Finding(
                        f"critical process parameter {text(param.name)} (step {step.number}) "
                        f"has no {' and no '.join(gaps)}",
                        (*owner.path, "process", "steps", s, "parameters", p),
                    )


@rule(
    "COMP-01",
    "The composition gives an amount for every strength",
    reference="ICH M4Q(R1) 3.2.P.1 (composition per unit)",
    hint="Add the amount per unit for each strength id under composition[].amounts.",
)
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


@rule(
    "COMP-02",
    "Each strength has a batch formula",
    reference="ICH M4Q(R1) 3.2.P.3.2 (batch formula)",
    hint="Add a batch_formulas entry for the strength (or state the common blend in each strength's formula).",
    severity=Severity.WARNING,
)
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
    for owner in owners(ctx.dossier):
        for s, step in enumerate(owner.item.process.steps):
            for p, param in enumerate(step.parameters):
                if param.ec:
                    yield text(param.name), param.ec, (*owner.path, "process", "steps", s, "parameters", p, "ec")
            for c, ipc in enumerate(step.controls):
                if ipc.ec:
                    yield text(ipc.test), ipc.ec, (*owner.path, "process", "steps", s, "controls", c, "ec")
        for k, test in enumerate(owner.spec.tests):
            if test.ec:
                yield text(test.test), test.ec, (*owner.path, "specification", "tests", k, "ec")
    for i, method in enumerate(ctx.dossier.methods):
        if method.ec:
            yield text(method.title), method.ec, ("methods", i, "ec")


@rule(
    "EC-01",
    "Each established condition has a reporting category for the jurisdiction",
    reference="ICH Q12 sections 3.2.3 and 3.2.4; regional categories (see ectd requirements)",
    hint="Add ec.reporting.<jurisdiction> (e.g. fda: CBE-30, ema: IB, pmda: minor_change, nmpa: moderate).",
    severity=Severity.WARNING,
)
def ec_01(ctx: Context) -> Iterator[Finding]:
    j = ctx.jurisdiction
    for name, ec, path in _ecs(ctx):
        if ec.is_ec and getattr(ec.reporting, j) is None:
            yield Finding(f"established condition '{name}' has no {j.upper()} reporting category", (*path, "reporting"))


@rule(
    "EC-02",
    "Each PACMP proposes a reporting category for the jurisdiction",
    reference="ICH Q12 section 4 (PACMP step 1 and step 2)",
    hint="Add lifecycle.pacmps[].proposed_reporting.<jurisdiction>.",
    severity=Severity.WARNING,
)
def ec_02(ctx: Context) -> Iterator[Finding]:
    j = ctx.jurisdiction
    for i, pacmp in enumerate(ctx.dossier.lifecycle.pacmps):
        if getattr(pacmp.proposed_reporting, j) is None:
            yield Finding(
                f"PACMP {text(pacmp.title)} proposes no {j.upper()} reporting category",
                ("lifecycle", "pacmps", i, "proposed_reporting"),
            )
