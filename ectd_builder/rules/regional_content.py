"""What a region requires the dossier to contain: 3.2.R content, Module 1 documents, process
validation, TSE evidence and registration-testing batches. Regional rules run only where a profile
lists them under ``rules``; the 3.2.R items themselves are data (``regional_3_2_r`` in the profiles).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ectd_builder.rules.engine import Context, Finding, rule
from ectd_builder.rules.helpers import materials, months, products, substances, text

if TYPE_CHECKING:
    from ectd_builder.dossier.model import Attachment, Dossier
    from ectd_builder.jurisdiction.profiles import Profile, RegionalItem

DataPath = tuple[str | int, ...]


def applies(att: Attachment, jurisdiction: str) -> bool:
    """True when the attachment is meant for ``jurisdiction`` (no list: every jurisdiction)."""
    return not att.jurisdictions or jurisdiction in att.jurisdictions


# --------------------------------------------------------------------------------------------
# 3.2.R regional information (items and the attachments that provide them)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionalEntry:
    """One 3.2.R item for one subject (a product, a substance or the dossier) and what provides it."""

    item: RegionalItem | None  # None: a 3.2.R attachment that is none of the profile's items
    subject: str | None  # product or substance id (None: the whole dossier)
    label: str  # "drug product X", "drug substance Y" or "dossier"
    attachments: tuple[Attachment, ...]
    needed: bool = False  # the item is required for this subject (rule R-01)


# Conditions named by ``when`` in a profile item (the names are listed in profiles.REGIONAL_CONDITIONS).
CONDITIONS: dict[str, Callable[[Any], bool]] = {
    "process_validation_not_completed": lambda product: product.process_validation.status != "completed",
}


def _subjects(dossier: Dossier, scope: str) -> list[tuple[Any, str | None, str]]:
    if scope == "dossier":
        return [(None, None, "dossier")]
    owners = products(dossier) if scope == "product" else substances(dossier)
    return [(o.item, o.item.id, o.label) for o in owners]


def _provides(att: Attachment, item: RegionalItem, scope: str, subject: str | None) -> bool:
    if att.kind not in item.kinds or not att.section.startswith(item.section):
        return False
    if scope == "product":
        return att.product in (None, subject) and (att.product is not None or att.substance is None)
    if scope == "substance":
        return att.substance in (None, subject) and (att.substance is not None or att.product is None)
    return True


def regional_documents(dossier: Dossier, profile: Profile) -> list[RegionalEntry]:
    """The profile's 3.2.R items per subject with the attachments providing them, in profile order,
    then the other 3.2.R attachments for this jurisdiction (one implementation for rule R-01 and
    for the 3.2.R / 2.3.R documents)."""
    mine = [a for a in dossier.attachments if a.section.startswith("3.2.R") and applies(a, profile.id)]
    used: set[str] = set()
    out: list[RegionalEntry] = []
    for item in profile.regional_requirements:
        for owner, subject, label in _subjects(dossier, item.scope):
            found = tuple(a for a in mine if _provides(a, item, item.scope, subject))
            used.update(a.id for a in found)
            needed = item.required and (item.when is None or CONDITIONS[item.when](owner))
            out.append(RegionalEntry(item, subject, label, found, needed))
    rest = tuple(a for a in mine if a.id not in used)
    if rest:
        out.append(RegionalEntry(None, None, "dossier", rest))
    return out


@rule("R-01")
def r_01(ctx: Context) -> Iterator[Finding]:
    where: DataPath = ("attachments",) if ctx.dossier.attachments else ()
    for entry in regional_documents(ctx.dossier, ctx.profile):
        item = entry.item
        if item is None or not entry.needed or entry.attachments:
            continue
        kinds = " or ".join(item.kinds)
        subject = f", {item.scope} {entry.subject}" if entry.subject else ""
        yield Finding(
            f"{ctx.jurisdiction.upper()} requires {item.title['en'].lower()} for the {entry.label} in {item.section}; "
            f"no attachment provides it (one with section {item.section}, kind {kinds}{subject})",
            where,
            hint=f"Declare it under attachments: {{section: {item.section}, kind: {item.kinds[0]}"
            + (f", {item.scope}: {entry.subject}" if entry.subject else "")
            + f", jurisdictions: [{ctx.jurisdiction}], file: ..., title: ...}} ({item.source}).",
        )


# --------------------------------------------------------------------------------------------
# EU
# --------------------------------------------------------------------------------------------


@rule("EU-PV-01")
def eu_pv_01(ctx: Context) -> Iterator[Finding]:
    for owner in products(ctx.dossier):
        pv = owner.item.process_validation
        path = (*owner.path, "process_validation")
        if not pv.standard_process:
            production = any(s.scale == "production" for s in pv.studies)
            if pv.status != "completed" or not production:
                yield Finding(
                    f"the {owner.label} is made by a non-standard process but has no completed production-scale "
                    f"process validation",
                    path,
                )
        elif pv.status == "scheme" and not pv.scheme:
            yield Finding(f"process validation of the {owner.label} is not completed and no scheme is given", path)


@rule("EU-TSE-01")
def eu_tse_01(ctx: Context) -> Iterator[Finding]:
    items: list[tuple[str, Any, DataPath]] = [(f"material {at.name}", at.material, at.path) for at in materials(ctx.dossier)]
    for i, exc in enumerate(ctx.dossier.excipients):
        items.append((f"excipient {text(exc.name)}", exc, ("excipients", i)))
    for what, item, path in items:
        if item.origin not in ("animal", "human"):
            continue
        tse = item.tse
        if tse is None or tse.risk == "none" or (tse.risk == "cep" and not tse.certificate):
            yield Finding(f"{what} is of {item.origin} origin but has no TSE certificate or risk assessment", path)


# --------------------------------------------------------------------------------------------
# Module 1
# --------------------------------------------------------------------------------------------


def _m1_purpose(att: Attachment, region: str) -> str | None:
    """What a Module 1 attachment is in ``region``: its kind, its purpose code, or its section's purpose."""
    from ectd_builder import ctd

    if att.kind is not None:
        return att.kind.replace("_", "-")
    place = ctd.m1_section(region, att.section)
    if place is None:
        return None
    return att.section if att.section in place.purposes else place.purposes[0]


@rule("M1-01")
def m1_01(ctx: Context) -> Iterator[Finding]:
    region = ctx.profile.region
    present = {
        _m1_purpose(a, region)
        for a in ctx.dossier.attachments
        if not a.section.startswith(("2", "3")) and applies(a, ctx.jurisdiction)
    }
    for purpose in ctx.profile.value("module1_required", []):
        if purpose not in present:
            yield Finding(
                f"no {purpose.replace('-', ' ')} is attached in Module 1 for {ctx.jurisdiction.upper()}", ("attachments",)
            )


# --------------------------------------------------------------------------------------------
# China registration testing
# --------------------------------------------------------------------------------------------


@rule("CN-RT-01")
def cn_rt_01(ctx: Context) -> Iterator[Finding]:
    need = int(ctx.profile.value("registration_testing", {}).get("batches_per_strength", 3))
    for owner in products(ctx.dossier):
        strengths = owner.item.strengths  # type: ignore[union-attr]
        rt = [b for b in owner.item.batches if "registration_testing" in b.uses and b.scale == "production"]
        for s, strength in enumerate(strengths):
            count = sum(1 for b in rt if b.strength == strength.id or (b.strength is None and len(strengths) == 1))
            if count < need:
                yield Finding(
                    f"{count} production-scale registration-testing batch(es) of {text(strength.label)}; "
                    f"NMPA registration testing needs {need} per strength",
                    (*owner.path, "strengths", s),
                )


@rule("CN-RT-02")
def cn_rt_02(ctx: Context) -> Iterator[Finding]:
    rt = ctx.profile.value("registration_testing", {})
    working_days = rt.get("working_days_with_spec_verification")
    if not working_days:
        return
    need_days = working_days * 7 / 5
    today = ctx.dossier.document_date
    for owner in products(ctx.dossier):
        shelf = months(owner.item.stability.shelf_life)
        if shelf is None:
            continue
        for b, batch in enumerate(owner.item.batches):
            if "registration_testing" not in batch.uses:
                continue
            expiry = batch.manufactured + dt.timedelta(days=shelf * 30.4375)
            left = (expiry - today).days
            if left < need_days:
                yield Finding(
                    f"batch {batch.number} has {left} days of shelf life left on {today.isoformat()}; registration "
                    f"testing needs about {need_days:.0f} days ({working_days} working days)",
                    (*owner.path, "batches", b, "manufactured"),
                )
