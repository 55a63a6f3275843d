"""Regional rules (FDA, EMA, PMDA, NMPA). They run only where a profile lists them under ``rules``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ectd_builder.dossier.text import is_translated
from ectd_builder.rules.engine import Context, Finding, dotted, rule
from ectd_builder.rules.helpers import (
    controls,
    materials,
    products,
    steps,
    substances,
    text,
    walk_texts,
)
from ectd_builder.rules.regional_content import applies

if TYPE_CHECKING:
    from ectd_builder.dossier.model import Attachment, MasterFileRef

DataPath = tuple[str | int, ...]
MAKING_ROLES = {
    "drug_substance_manufacture",
    "intermediate_manufacture",
    "drug_product_manufacture",
    "primary_packaging",
    "sterilisation",
    "testing",
    "batch_release",
}


# --------------------------------------------------------------------------------------------
# Sites
# --------------------------------------------------------------------------------------------


@rule("SITE-US-01")
def site_us_01(ctx: Context) -> Iterator[Finding]:
    for i, site in enumerate(ctx.dossier.sites):
        if set(site.roles) & MAKING_ROLES and not (site.identifiers.fei or site.identifiers.duns):
            yield Finding(f"site {text(site.name)} has neither an FEI nor a DUNS number", ("sites", i, "identifiers"))


@rule("SITE-EU-01")
def site_eu_01(ctx: Context) -> Iterator[Finding]:
    for i, site in enumerate(ctx.dossier.sites):
        if set(site.roles) & MAKING_ROLES and not site.identifiers.oms_location:
            yield Finding(f"site {text(site.name)} has no OMS location identifier", ("sites", i, "identifiers"))


@rule("SITE-EU-02")
def site_eu_02(ctx: Context) -> Iterator[Finding]:
    eea = set(ctx.profile.value("eea_countries", []))
    sites = {s.id: s for s in ctx.dossier.sites}
    for owner in products(ctx.dossier):
        release = [
            sites[m.site]
            for m in owner.item.manufacturers
            if m.site in sites and "batch_release" in sites[m.site].roles
        ]
        if not any(s.address.country in eea for s in release):
            yield Finding(f"the {owner.label} has no batch release site in the EEA", (*owner.path, "manufacturers"))


@rule("SITE-JP-01")
def site_jp_01(ctx: Context) -> Iterator[Finding]:
    for i, site in enumerate(ctx.dossier.sites):
        making = set(site.roles) & (MAKING_ROLES - {"testing", "batch_release"})
        if making and site.address.country != "JP" and not site.identifiers.jp_accreditation:
            yield Finding(
                f"foreign site {text(site.name)} ({site.address.country}) has no foreign manufacturer "
                "accreditation number",
                ("sites", i, "identifiers"),
            )


@rule("SITE-CN-01")
def site_cn_01(ctx: Context) -> Iterator[Finding]:
    for i, site in enumerate(ctx.dossier.sites):
        if "zh" not in site.name:
            yield Finding(f"site {text(site.name)} has no Chinese name", ("sites", i, "name"))
        if not site.address.localized or "zh" not in site.address.localized:
            yield Finding(f"site {text(site.name)} has no Chinese address", ("sites", i, "address"))


# --------------------------------------------------------------------------------------------
# Master files
# --------------------------------------------------------------------------------------------


def _master_files(ctx: Context) -> Iterator[tuple[str, list[tuple[MasterFileRef, DataPath]]]]:
    """Each item that names master files, with the references that apply to this jurisdiction."""

    def applying(refs: list[MasterFileRef], path: DataPath) -> list[tuple[MasterFileRef, DataPath]]:
        return [
            (ref, (*path, "master_files", k))
            for k, ref in enumerate(refs)
            if not ref.jurisdictions or ctx.jurisdiction in ref.jurisdictions
        ]

    for owner in substances(ctx.dossier):
        yield owner.label, applying(owner.item.master_files, owner.path)  # type: ignore[union-attr]
    for at in materials(ctx.dossier):
        yield f"material {at.name}", applying(at.material.master_files, at.path)
    for i, exc in enumerate(ctx.dossier.excipients):
        yield f"excipient {text(exc.name)}", applying(exc.master_files, ("excipients", i))


@rule("DMF-01")
def dmf_01(ctx: Context) -> Iterator[Finding]:
    kinds = set(ctx.profile.master_file_system["kinds"])
    letter_name = ctx.profile.master_file_system["letter"]
    atts = {a.id: a for a in ctx.dossier.attachments}
    for what, refs in _master_files(ctx):
        for mf, path in refs:
            if mf.system in kinds:
                found = _letter_finding(ctx, atts.get(mf.letter or ""), mf, what, letter_name, path)
                if found is not None:
                    yield found


def _letter_finding(
    ctx: Context, att: Attachment | None, mf: MasterFileRef, what: str, letter_name: str, path: DataPath
) -> Finding | None:
    """What is wrong with the letter of a master-file reference (None: it is a Module 1 attachment here)."""
    if att is None:
        return Finding(f"{what} refers to {mf.system.upper()} {mf.number} but no {letter_name} is attached", path)
    if att.section.startswith("1") and applies(att, ctx.jurisdiction):
        return None
    where = f"{ctx.jurisdiction.upper()} (section {att.section})"
    message = f"the {letter_name} for {mf.system.upper()} {mf.number} ({what}) is not a Module 1 attachment for {where}"
    return Finding(message, (*path, "letter"))


@rule("DMF-02")
def dmf_02(ctx: Context) -> Iterator[Finding]:
    kinds = set(ctx.profile.master_file_system["kinds"])
    for what, refs in _master_files(ctx):
        if refs and not any(mf.system in kinds for mf, _ in refs):
            mf, path = refs[0]
            yield Finding(
                f"{what} refers to {mf.system.upper()} {mf.number}, which {ctx.jurisdiction.upper()} does not "
                f"accept ({ctx.profile.master_file_system['name']})",
                (*path, "system"),
            )


# --------------------------------------------------------------------------------------------
# Japan
# --------------------------------------------------------------------------------------------


_JP_WHAT = {"parameter": "CPP", "control": "in-process control", "test": "specification test"}


@rule("JP-AF-01")
def jp_af_01(ctx: Context) -> Iterator[Finding]:
    for at in controls(ctx.dossier):
        if at.item.jp_change_class is not None or getattr(at.item, "classification", "CPP") != "CPP":
            continue  # every in-process control and test needs a class; parameters only when critical
        where = f"of the {at.owner.label}" if at.step is None else f"(step {at.step.number})"
        yield Finding(f"{_JP_WHAT[at.kind]} {at.name} {where} has no JP change class", at.path)


@rule("JP-AF-02")
def jp_af_02(ctx: Context) -> Iterator[Finding]:
    for at in steps(ctx.dossier):
        step = at.step
        classes = {step.jp_change_class} | {p.jp_change_class for p in step.parameters}
        if step.critical and "partial_change" not in classes | {c.jp_change_class for c in step.controls}:
            yield Finding(f"critical step {step.number} of the {at.owner.label} has no partial-change item", at.path)


# --------------------------------------------------------------------------------------------
# Languages
# --------------------------------------------------------------------------------------------


def _resolve(node: Any, pattern: str, path: DataPath = ()) -> Iterator[tuple[DataPath, Any]]:
    """Values at a simple pattern like ``products[].name`` with their data paths."""
    if not pattern:
        yield path, node
        return
    head, _, rest = pattern.partition(".")
    many = head.endswith("[]")
    name = head[:-2] if many else head
    value = getattr(node, name, None)
    if value is None:
        return
    if many:
        for i, item in enumerate(value):
            yield from _resolve(item, rest, (*path, name, i))
    else:
        yield from _resolve(value, rest, (*path, name))


@rule("LANG-01")
def lang_01(ctx: Context) -> Iterator[Finding]:
    lang = ctx.profile.language("m2")
    if lang == "en":
        return
    for pattern in ctx.profile.value("translated_fields", []):
        for path, value in _resolve(ctx.dossier, pattern):
            if isinstance(value, dict) and not is_translated(value, lang):
                yield Finding(f"'{text(value)}' ({pattern}) has no {lang} text", path)


def _entities(ctx: Context) -> Iterator[tuple[str, Any, DataPath]]:
    d = ctx.dossier
    yield "the product profile", d.product, ("product",)
    yield "the applicant", d.applicant, ("applicant",)
    for name in (
        "sites",
        "substances",
        "products",
        "excipients",
        "methods",
        "facilities",
        "adventitious_agents",
        "attachments",
    ):
        for i, item in enumerate(getattr(d, name)):
            label = getattr(item, "id", None) or str(i)
            yield f"{name[:-1].replace('_', ' ')} {label}", item, (name, i)
    yield "lifecycle", d.lifecycle, ("lifecycle",)


@rule("CN-LANG-01")
def cn_lang_01(ctx: Context) -> Iterator[Finding]:
    lang = ctx.profile.language("m3")
    for label, item, path in _entities(ctx):
        missing = [p for p, value in walk_texts(item, path) if not is_translated(value, lang)]
        if missing:
            more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
            yield Finding(f"{label}: {dotted(missing[0])}{more} ha{'ve' if more else 's'} no {lang} text", missing[0])


@rule("CN-LANG-02")
def cn_lang_02(ctx: Context) -> Iterator[Finding]:
    lang = ctx.profile.language("m3")
    for i, att in enumerate(ctx.dossier.attachments):
        if att.section[:1] in ("2", "3") and applies(att, ctx.jurisdiction) and att.language != lang:
            yield Finding(
                f"attachment {att.id} ({att.section}) for NMPA is in '{att.language}', not '{lang}'",
                ("attachments", i, "language"),
            )


# --------------------------------------------------------------------------------------------
# Pharmacopoeia
# --------------------------------------------------------------------------------------------


@rule("REF-PH-01")
def ref_ph_01(ctx: Context) -> Iterator[Finding]:
    codes = set(ctx.profile.value("compendium_codes", []))
    for i, exc in enumerate(ctx.dossier.excipients):
        if codes & set(exc.compendia) or exc.specification is not None:
            continue
        yield Finding(
            f"excipient {text(exc.name)} cites {', '.join(exc.compendia)}, none of which is "
            f"{' / '.join(ctx.profile.excipient_compendia)}, and has no own specification",
            ("excipients", i, "compendia"),
        )
