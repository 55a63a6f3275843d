"""The document plan: which documents a dossier yields for a jurisdiction, at ICH granularity.

One document per lowest 3.2.S / 3.2.P heading in each repeating block (substance x
manufacturer, product), 3.2.S.4.2/4.3 and 3.2.P.5.2/5.3 one per analytical procedure (so one
method can be replaced on its own), 3.2.P.4.x per excipient, 3.2.A where the dossier has
content, 3.2.R for the region, and the Module 2.3 Quality Overall Summary (introduction, 2.3.S,
2.3.P, 2.3.A, 2.3.R). The language of each document comes from the jurisdiction profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ectd_builder.ctd import section as ctd_section
from ectd_builder.dossier.text import english as en
from ectd_builder.dossier.text import text_in
from ectd_builder.ectd.model import Subject
from ectd_builder.jurisdiction.profiles import load_profile

# Sections rendered once per substance block, in backbone order ("method" = once per procedure).
SUBSTANCE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("3.2.S.1.1", "block"),
    ("3.2.S.1.2", "block"),
    ("3.2.S.1.3", "block"),
    ("3.2.S.2.1", "block"),
    ("3.2.S.2.2", "block"),
    ("3.2.S.2.3", "block"),
    ("3.2.S.2.4", "block"),
    ("3.2.S.2.5", "block"),
    ("3.2.S.2.6", "block"),
    ("3.2.S.3.1", "block"),
    ("3.2.S.3.2", "block"),
    ("3.2.S.4.1", "block"),
    ("3.2.S.4.2", "method"),
    ("3.2.S.4.3", "method"),
    ("3.2.S.4.4", "block"),
    ("3.2.S.4.5", "block"),
    ("3.2.S.5", "block"),
    ("3.2.S.6", "block"),
    ("3.2.S.7.1", "block"),
    ("3.2.S.7.2", "block"),
    ("3.2.S.7.3", "block"),
)
PRODUCT_SECTIONS: tuple[tuple[str, str], ...] = (
    ("3.2.P.1", "block"),
    ("3.2.P.2", "block"),
    ("3.2.P.3.1", "block"),
    ("3.2.P.3.2", "block"),
    ("3.2.P.3.3", "block"),
    ("3.2.P.3.4", "block"),
    ("3.2.P.3.5", "block"),
    ("3.2.P.4", "excipients"),
    ("3.2.P.5.1", "block"),
    ("3.2.P.5.2", "method"),
    ("3.2.P.5.3", "method"),
    ("3.2.P.5.4", "block"),
    ("3.2.P.5.5", "block"),
    ("3.2.P.5.6", "block"),
    ("3.2.P.6", "block"),
    ("3.2.P.7", "block"),
    ("3.2.P.8.1", "block"),
    ("3.2.P.8.2", "block"),
    ("3.2.P.8.3", "block"),
)
_SAFE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class PlannedDocument:
    """One document to render. ``key`` is stable across runs and dossier edits of other parts."""

    key: str
    section: str
    subject: Subject
    title: str
    language: str
    template: str
    file_stem: str
    # ids of the dossier entities the document is about (not part of the backbone)
    substance_id: str | None = None
    product_id: str | None = None
    excipient_id: str | None = None
    method_id: str | None = None
    item_index: int | None = None  # facility / adventitious-agents entry
    jurisdiction: str | None = None
    page: str = "a4"  # a4 | letter (FDA)


def slug(text: str, limit: int = 40) -> str:
    """Lower-case ASCII name part: letters, digits and hyphens (eCTD file naming)."""
    value = _SAFE.sub("-", text.lower()).strip("-")
    return value[:limit].rstrip("-") or "x"


def display_code(code: str) -> str:
    """The section number as printed ("2.3.intro" is the 2.3 introduction)."""
    return code.removesuffix(".intro")


def _title(code: str, language: str, *parts: str) -> str:
    head = f"{display_code(code)} {ctd_section(code).title(language)}"
    if language == "en":
        detail = ", ".join(p for p in parts if p)
        return f"{head} ({detail})" if detail else head
    detail = "，".join(p for p in parts if p)
    return f"{head}（{detail}）" if detail else head


def _stem(code: str, *parts: str) -> str:
    base = ctd_section(code).file or slug(code)
    suffix = "-".join(slug(p, 24) for p in parts if p)
    return f"{base}-{suffix}" if suffix else base


def _template(code: str) -> str:
    module = "m2" if code.startswith("2.") else "m3"
    return f"{module}/{code}.xhtml.j2"


def plan_documents(dossier: Any, jurisdiction: str) -> list[PlannedDocument]:
    """Every document to render for ``jurisdiction``, Module 2.3 first, in backbone order."""
    profile = load_profile(jurisdiction)
    m2, m3 = profile.language("m2"), profile.language("m3")
    docs: list[PlannedDocument] = []
    docs += _qos(dossier, m2)
    for substance in dossier.substances:
        docs += _substance_docs(dossier, substance, m3)
    for product in dossier.products:
        docs += _product_docs(dossier, product, m3)
    docs += _appendix_docs(dossier, m3)
    docs.append(_doc("3.2.R", Subject(), m3))
    page = profile.value("page_size")  # fact page_size: US Letter for FDA, A4 elsewhere
    return [replace(d, jurisdiction=jurisdiction, page=page) for d in docs]


def _doc(
    code: str,
    subject: Subject,
    language: str,
    *key_parts: str,
    title_parts: tuple[str, ...] = (),
    stem_parts: tuple[str, ...] = (),
    template: str | None = None,
    **ids: Any,
) -> PlannedDocument:
    """The document of section ``code``; its key is the code and ``key_parts`` joined by ':'."""
    return PlannedDocument(
        key=":".join((code, *key_parts)),
        section=code,
        subject=subject,
        title=_title(code, language, *title_parts),
        language=language,
        template=template or _template(code),
        file_stem=_stem(code, *stem_parts),
        **ids,
    )


def _substance_subject(substance: Any) -> Subject:
    return Subject(substance=substance.nomenclature.inn, manufacturer=substance.manufacturer_name)


def _product_subject(product: Any) -> Subject:
    return Subject(product_name=en(product.name), dosage_form=en(product.dosage_form), manufacturer=product.manufacturer_name)


def _qos(dossier: Any, lang: str) -> list[PlannedDocument]:
    docs = [_doc("2.3.intro", Subject(), lang)]
    for s in dossier.substances:
        name = text_in(s.nomenclature.names, lang) or s.nomenclature.inn
        docs.append(
            _doc(
                "2.3.S",
                _substance_subject(s),
                lang,
                s.id,
                title_parts=(name, s.manufacturer_name),
                stem_parts=(s.id,),
                substance_id=s.id,
            )
        )
    for p in dossier.products:
        docs.append(
            _doc(
                "2.3.P",
                _product_subject(p),
                lang,
                p.id,
                title_parts=(text_in(p.name, lang),),
                stem_parts=(p.id,),
                product_id=p.id,
            )
        )
    if _has_appendices(dossier):
        docs.append(_doc("2.3.A", Subject(), lang))
    docs.append(_doc("2.3.R", Subject(), lang))
    return docs


def _methods_of(spec: Any) -> list[str]:
    seen: list[str] = []
    for test in spec.tests:
        if test.method not in seen:
            seen.append(test.method)
    return seen


def _method_docs(
    dossier: Any, code: str, spec: Any, subject: Subject, lang: str, owner: str, **ids: Any
) -> list[PlannedDocument]:
    methods = {m.id: m for m in dossier.methods}
    docs = []
    for method_id in _methods_of(spec):
        method = methods.get(method_id)
        label = text_in(method.title, lang) if method else method_id
        docs.append(
            _doc(code, subject, lang, owner, method_id, title_parts=(label,), stem_parts=(method_id,), method_id=method_id, **ids)
        )
    return docs


def _substance_docs(dossier: Any, s: Any, lang: str) -> list[PlannedDocument]:
    subject = _substance_subject(s)
    name = text_in(s.nomenclature.names, lang) or s.nomenclature.inn
    docs = []
    for code, kind in SUBSTANCE_SECTIONS:
        if kind == "method":
            docs += _method_docs(dossier, code, s.specification, subject, lang, s.id, substance_id=s.id)
        else:
            docs.append(_doc(code, subject, lang, s.id, title_parts=(name,), substance_id=s.id))
    return docs


def product_excipients(dossier: Any, product: Any) -> list[Any]:
    """The excipients in a product's composition, in composition order."""
    by_id = {e.id: e for e in dossier.excipients}
    return [by_id[line.component] for line in product.composition if line.component in by_id]


def excipient_sections(excipient: Any) -> list[str]:
    """The 3.2.P.4 sub-sections an excipient needs (M4Q: 4.5 for human/animal origin, 4.6 if novel)."""
    codes = ["3.2.P.4.1"]
    if excipient.specification is not None:
        codes += ["3.2.P.4.2", "3.2.P.4.3"]
    codes.append("3.2.P.4.4")
    if excipient.origin in ("animal", "human") or excipient.tse is not None:
        codes.append("3.2.P.4.5")
    if excipient.novel:
        codes.append("3.2.P.4.6")
    return codes


def _product_docs(dossier: Any, p: Any, lang: str) -> list[PlannedDocument]:
    subject = _product_subject(p)
    name = text_in(p.name, lang)
    docs = []
    for code, kind in PRODUCT_SECTIONS:
        if kind == "method":
            docs += _method_docs(dossier, code, p.specification, subject, lang, p.id, product_id=p.id)
        elif kind == "excipients":
            for exc in product_excipients(dossier, p):
                exc_subject = replace(subject, excipient=en(exc.name))
                for sub in excipient_sections(exc):
                    docs.append(
                        _doc(
                            sub,
                            exc_subject,
                            lang,
                            p.id,
                            exc.id,
                            title_parts=(text_in(exc.name, lang),),
                            stem_parts=(exc.id,),
                            product_id=p.id,
                            excipient_id=exc.id,
                        )
                    )
        else:
            docs.append(_doc(code, subject, lang, p.id, title_parts=(name,), product_id=p.id))
    return docs


def _has_appendices(dossier: Any) -> bool:
    return bool(dossier.facilities or dossier.adventitious_agents or any(e.novel for e in dossier.excipients))


def _appendix_docs(dossier: Any, lang: str) -> list[PlannedDocument]:
    sites = {s.id: s for s in dossier.sites}
    substances = {s.id: s for s in dossier.substances}
    products = {p.id: p for p in dossier.products}
    docs = []
    for i, fac in enumerate(dossier.facilities):
        site = sites.get(fac.site)
        site_name = en(site.name) if site else fac.site
        subject = _appendix_subject(site_name, substances.get(fac.substance), products.get(fac.product))
        docs.append(
            _doc(
                "3.2.A.1",
                subject,
                lang,
                fac.site,
                fac.substance or fac.product or "",
                title_parts=(text_in(site.name, lang) if site else fac.site,),
                stem_parts=(fac.site,),
                item_index=i,
            )
        )
    for i, agents in enumerate(dossier.adventitious_agents):
        owner = agents.substance or agents.product or str(i + 1)
        subject = _appendix_subject(None, substances.get(agents.substance), products.get(agents.product))
        label = subject.substance or subject.product_name or ""
        docs.append(_doc("3.2.A.2", subject, lang, owner, title_parts=(label,), stem_parts=(owner,), item_index=i))
    if any(e.novel for e in dossier.excipients):
        docs.append(_doc("3.2.A.3", Subject(), lang))
    return docs


def _appendix_subject(manufacturer: str | None, substance: Any, product: Any) -> Subject:
    return Subject(
        substance=substance.nomenclature.inn if substance else None,
        manufacturer=manufacturer,
        product_name=en(product.name) if product else None,
        dosage_form=en(product.dosage_form) if product else None,
    )
