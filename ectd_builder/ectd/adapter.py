"""The thin layer between the dossier model / renderer and the plain sequence model.

Adapter points (the only places that know the dossier model's field names):

* :func:`attachment_files` - ``dossier.attachments`` -> :class:`PlannedFile` (source paths).
* :func:`document_file` - a ``ectd_builder.render.plan`` document -> :class:`PlannedFile` (no bytes yet).
* rendering the documents at the build's layout is :mod:`ectd_builder.render.for_build` (two passes,
  in the render pool); :func:`document_file` turns each into its leaf.
* :func:`envelope` - ``dossier.applications.<j>`` (+ applicant) -> regional envelope values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ectd_builder import ctd
from ectd_builder.dossier.text import english, text_in
from ectd_builder.ectd.model import (
    REGIONS,
    CnEnvelope,
    Envelope,
    EuEnvelope,
    FdaEnvelope,
    JpEnvelope,
    PlannedFile,
)
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.codes import FROM_CHANGES, regional_code
from ectd_builder.jurisdiction.profiles import load_profile

RenderProgress = Callable[[int, int, str], None]
_LEADING_CODE = re.compile(r"^\s*\d+(\.[0-9A-Za-z]+)+\s+")


def leaf_title(title: str) -> str:
    """Leaf titles carry no CTD section number (FDA TCG 2.4); the heading already has it."""
    return _LEADING_CODE.sub("", title, count=1) or title


def _one(items: list[Any], ref: str | None, what: str, key: str) -> Any | None:
    if ref is not None:
        for item in items:
            if item.id == ref:
                return item
        raise EctdError(f"attachment '{key}' names unknown {what} '{ref}'")
    return items[0] if len(items) == 1 else None


def attachment_files(
    dossier: Any, root: Path, jurisdiction: str, language: dict[str, str], notes: list[str] | None = None
) -> list[PlannedFile]:
    """The dossier's attachments for ``jurisdiction``; ``language`` maps m1/m2/m3 to the region's language.

    Module 1 attachments without a place in the region's Module 1 are left out and named in ``notes``.
    """
    out: list[PlannedFile] = []
    for att in dossier.attachments:
        if att.jurisdictions and jurisdiction not in att.jurisdictions:
            continue
        section = att.section
        if not ctd.is_known(section) and ctd.m1_section(REGIONS[jurisdiction], section) is None:
            if notes is not None:
                notes.append(
                    f"attachment '{att.id}' ({section}) has no place in the {REGIONS[jurisdiction]} Module 1; not included"
                )
            continue
        module = "m1" if not ctd.is_known(section) else ("m2" if section.startswith("2") else "m3")
        keys: dict[str, Any] = {}
        if ctd.is_known(section):
            code = ctd.section(section)
            chain = {s.code for s in ctd.lineage(section)}
            if chain & {"2.3.S", "3.2.S"} or code.repeat == "facility":
                substance = _one(dossier.substances, att.substance, "substance", att.id)
                if substance is not None:
                    keys.update(substance=substance.nomenclature.inn, manufacturer=substance.manufacturer_name)
            if chain & {"2.3.P", "3.2.P"} or (code.repeat == "facility" and att.product):
                product = _one(dossier.products, att.product, "product", att.id)
                if product is not None:
                    keys.update(
                        product_name=english(product.name),
                        dosage_form=english(product.dosage_form),
                        manufacturer=product.manufacturer_name,
                    )
            if "3.2.P.4" in chain:
                excipient = _one(dossier.excipients, att.excipient, "excipient", att.id)
                if excipient is not None:
                    keys["excipient"] = english(excipient.name)
        path = (root / att.file).resolve()
        ext = path.suffix.lstrip(".").lower() or "pdf"
        out.append(
            PlannedFile(
                key=f"attachment:{att.id}",
                section=section,
                title=text_in(att.title, language.get(module, "en")),
                language=att.language,
                file_stem=Path(att.file).stem,
                ext=ext,
                source=path,
                **keys,
            )
        )
    return out


def document_file(doc: Any) -> PlannedFile:
    """The leaf of a planned document, before its bytes exist (placement needs no bytes)."""
    title = leaf_title(doc.title)
    return PlannedFile(f"document:{doc.key}", doc.section, title, doc.language, doc.file_stem, **asdict(doc.subject))


def _proposed(dossier: Any, root: Path | None, jurisdiction: str, field: str, word: str) -> tuple[str, tuple[str, ...]]:
    """``word``, or the word 'ectd changes' proposes when it is ``from-changes`` (with the build note)."""
    if word != FROM_CHANGES:
        return word, ()
    if root is None:
        raise EctdError(f"applications.{jurisdiction}.{field} is '{FROM_CHANGES}', but no dossier folder was given")
    from ectd_builder.changes.api import changes_since
    from ectd_builder.changes.proposal import proposed_submission

    proposed = proposed_submission(changes_since(dossier, root, [jurisdiction]), jurisdiction)
    if proposed is None or proposed.field != field:
        raise EctdError(
            f"applications.{jurisdiction}.{field} is '{FROM_CHANGES}', but 'ectd changes' finds nothing to file for "
            f"{jurisdiction} since its last frozen sequence",
            hint=f"set applications.{jurisdiction}.{field} explicitly",
        )
    return proposed.word, (proposed.note,)


def envelope(dossier: Any, jurisdiction: str, root: Path | None = None) -> Envelope:
    """Regional envelope values from ``dossier.applications.<jurisdiction>``.

    A submission type (CN: regulatory activity) of ``from-changes`` is taken from the ``ectd changes``
    proposal against the last frozen sequence of ``root`` (an explicit word always wins)."""
    app = getattr(dossier.applications, jurisdiction, None)
    if app is None:
        raise EctdError(
            f"the dossier has no application data for {jurisdiction}", hint=f"add applications.{jurisdiction} to dossier.yaml"
        )
    applicant = english(dossier.applicant.name)
    if jurisdiction == "fda":
        fda = load_profile("fda")

        def fda_code(table: str, word: str) -> str:
            return regional_code(fda, table, word)

        contacts = tuple(
            (c.name, fda_code("contact", c.role), ((c.phone, fda_code("phone", c.phone_type)),), (c.email,)) for c in app.contacts
        )
        fda_type, notes = _proposed(dossier, root, "fda", "submission_type", app.submission_type)
        return FdaEnvelope(
            duns=app.applicant_duns,
            company_name=applicant,
            description=app.description,
            contacts=contacts,
            application_number=app.application_number,
            application_type=fda_code("application", app.application_type),
            submission_type=fda_code("submission", fda_type),
            submission_sub_type=fda_code("submission-sub", app.submission_sub_type),
            submission_id=app.submission_id,
            notes=notes,
        )
    if jurisdiction == "ema":
        ema = load_profile("ema")
        eu_type, notes = _proposed(dossier, root, "ema", "submission_type", app.submission_type)
        return EuEnvelope(
            uuid=app.uuid.lower(),
            procedure=app.procedure,
            countries=tuple(app.countries),
            agency_code=app.agency_code,
            submission_type=regional_code(ema, "submission", eu_type),
            submission_unit=regional_code(ema, "submission-unit", app.submission_unit),
            applicant=applicant,
            invented_name=app.invented_name,
            inn=tuple(app.inn),
            description=app.description,
            submission_number=app.submission_number,
            procedure_tracking=tuple(app.procedure_tracking),
            related_sequence=app.related_sequence,
            notes=notes,
        )
    if jurisdiction == "nmpa":
        nmpa = load_profile("nmpa")
        activity, notes = _proposed(dossier, root, "nmpa", "regulatory_activity", app.regulatory_activity)
        return CnEnvelope(
            application_id=app.application_id,
            application_type=app.application_type,
            product_type=app.product_type,
            product_number=app.product_number,
            regulatory_activity=regional_code(nmpa, "regulatory-activity", activity),
            sequence_type=regional_code(nmpa, "sequence", app.sequence_type),
            description=app.description,
            contact_name=app.contact.name,
            contact_phone=app.contact.phone,
            contact_email=app.contact.email,
            related_sequence=app.related_sequence,
            notes=notes,
        )
    return JpEnvelope(text_in(app.description, "ja"))
