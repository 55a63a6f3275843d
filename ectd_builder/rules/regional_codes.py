"""Content the build would stop at, reported by ``ectd validate`` at the dossier's file:line:col.

- CODE-01: a word in ``applications.<jurisdiction>`` that has no code in the profile's ``codes_*``
  facts (FDA application / submission / submission-sub / contact / phone type; EU submission and
  submission-unit type; CN regulatory-activity and sequence type). Without it the build stops
  (:func:`ectd_builder.jurisdiction.codes.regional_code`).
- M1-PLACE-01: an attachment placed at a Module 1 section the target region does not have
  (``ctd/m1.yaml``); the build would leave it out.
"""

from __future__ import annotations

from collections.abc import Iterator

from ectd_builder import ctd
from ectd_builder.jurisdiction.codes import CODE_FACTS, FROM_CHANGES, code_fact, code_table
from ectd_builder.rules.engine import Context, DataPath, Finding, rule

# table -> field of the application (or of each contact) holding the dossier's word
_APPLICATION_FIELDS = {
    "application": "application_type",
    "submission": "submission_type",
    "submission-sub": "submission_sub_type",
    "submission-unit": "submission_unit",
    "regulatory-activity": "regulatory_activity",
    "sequence": "sequence_type",
}
_CONTACT_FIELDS = {"contact": "role", "phone": "phone_type"}


def _missing(ctx: Context, table: str, word: object, path: DataPath) -> Iterator[Finding]:
    if code_fact(ctx.profile, table) is None or not isinstance(word, str) or _proposed(ctx, word, path):
        return
    codes = code_table(ctx.profile, table)
    if word not in codes:
        agency = ctx.jurisdiction.upper()
        yield Finding(
            f"'{word}' has no {agency} {table}-type code: the {agency} build cannot write it",
            path,
            hint=f"Use one of: {', '.join(sorted(codes))}; or add the code with its source to the "
            f"{CODE_FACTS[table]} fact of jurisdictions/{ctx.jurisdiction}.yaml.",
        )


def _proposed(ctx: Context, word: str, path: DataPath) -> bool:
    """``from-changes`` in the field the profile's ``submission_from_category`` fills: the build decides."""
    fact = ctx.profile.value("submission_from_category") or {}
    return word == FROM_CHANGES and path[-1] == fact.get("field")


@rule("CODE-01")
def code_01(ctx: Context) -> Iterator[Finding]:
    app = getattr(ctx.dossier.applications, ctx.jurisdiction, None)
    if app is None:
        return
    base: DataPath = ("applications", ctx.jurisdiction)
    for table, name in _APPLICATION_FIELDS.items():
        yield from _missing(ctx, table, getattr(app, name, None), (*base, name))
    for i, contact in enumerate(getattr(app, "contacts", None) or []):
        for table, name in _CONTACT_FIELDS.items():
            yield from _missing(ctx, table, getattr(contact, name, None), (*base, "contacts", i, name))


@rule("M1-PLACE-01")
def m1_place_01(ctx: Context) -> Iterator[Finding]:
    region = ctx.profile.region
    for i, att in enumerate(ctx.dossier.attachments):
        if att.jurisdictions and ctx.jurisdiction not in att.jurisdictions:
            continue
        if not ctd.is_known(att.section) and ctd.m1_section(region, att.section) is None:
            yield Finding(
                f"attachment '{att.id}' is placed at '{att.section}', which the {region} Module 1 does not have; "
                "the build would leave it out",
                ("attachments", i, "section"),
            )
