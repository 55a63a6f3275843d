"""Write ``submissionunit.xml`` (HL7 RPS ``PORP_IN000001UV``) from plain values, with lxml.

Element names and nesting follow the ICH eCTD v4.0 IG as quoted in jurisdictions/ich/ectd_v4.yaml
(all unverified against the official schema, which the project does not have); the order of
children inside ``contextOfUse`` and ``document`` is this tool's reading and is checked by the XSD
only when the ICH package is in the standards store.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ectd_builder.ectd4.codes import V4Facts

XSI = "http://www.w3.org/2001/XMLSchema-instance"


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    href: str
    sha256: str
    media_type: str
    language: str | None = None


@dataclass(frozen=True)
class Context:
    id: str
    code: str
    code_system: str
    priority: int
    status: str = "active"
    document_id: str | None = None
    replaces: str | None = None
    keywords: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class KeywordDef:
    type_code: str
    type_system: str
    code: str
    code_system: str
    display_name: str


@dataclass(frozen=True)
class Unit:
    id: str
    code: str
    code_system: str
    title: str
    sequence_number: int
    submission_id: str
    submission_code: str
    submission_code_system: str
    application_root: str
    application_extension: str | None
    application_code: str
    application_code_system: str
    contexts: tuple[Context, ...]
    documents: tuple[Document, ...]
    keywords: tuple[KeywordDef, ...]


def _sub(parent: etree._Element, ns: str, name: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{ns}}}{name}", {k: v for k, v in attrs.items() if v is not None})


def _header(root: etree._Element, ns: str, facts: V4Facts) -> None:
    for name in ("id", "creationTime", "interactionId", "processingCode", "processingModeCode", "acceptAckCode"):
        _sub(root, ns, name)  # ICH-excluded: present and empty
    ids = _sub(_sub(_sub(root, ns, "receiver"), ns, "device"), ns, "id")
    for ig in (facts.ich.ig.value, facts.region.ig.value):
        _sub(ids, ns, "item", root=ig.oid, identifierName=ig.name)
    _sub(_sub(_sub(root, ns, "sender"), ns, "device"), ns, "id")


def _context(parent: etree._Element, ns: str, c: Context) -> None:
    comp = _sub(parent, ns, "component")
    _sub(comp, ns, "priorityNumber", value=str(c.priority))
    cou = _sub(comp, ns, "contextOfUse")
    _sub(cou, ns, "id", root=c.id)
    _sub(cou, ns, "code", code=c.code, codeSystem=c.code_system)
    _sub(cou, ns, "statusCode", code=c.status)
    if c.document_id:
        _sub(_sub(_sub(cou, ns, "derivedFrom"), ns, "documentReference"), ns, "id", root=c.document_id)
    for code, system in c.keywords:
        _sub(_sub(_sub(cou, ns, "referencedBy"), ns, "keyword"), ns, "code", code=code, codeSystem=system)
    if c.replaces:
        _sub(_sub(_sub(cou, ns, "replacementOf"), ns, "relatedContextOfUse"), ns, "id", root=c.replaces)


def _document(parent: etree._Element, ns: str, d: Document, algorithm: str) -> None:
    doc = _sub(_sub(parent, ns, "component"), ns, "document")
    _sub(doc, ns, "id", root=d.id)
    _sub(doc, ns, "title", value=d.title)
    text = _sub(doc, ns, "text", integrityCheckAlgorithm=algorithm, mediaType=d.media_type, language=d.language)  # type: ignore[arg-type]
    _sub(text, ns, "reference", value=d.href)
    _sub(text, ns, "integrityCheck").text = d.sha256


def _keyword(parent: etree._Element, ns: str, k: KeywordDef) -> None:
    kd = _sub(_sub(parent, ns, "referencedBy"), ns, "keywordDefinition")
    _sub(kd, ns, "code", code=k.type_code, codeSystem=k.type_system)
    _sub(kd, ns, "statusCode", code="active")
    code = _sub(_sub(_sub(kd, ns, "value"), ns, "item"), ns, "code", code=k.code, codeSystem=k.code_system)
    _sub(code, ns, "displayName", value=k.display_name)


def submission_unit_xml(unit: Unit, facts: V4Facts) -> bytes:
    """The message bytes (UTF-8, indented, deterministic)."""
    msg = facts.ich.message
    ns = msg.namespace.value
    root = etree.Element(f"{{{ns}}}{msg.root.value}", nsmap={None: ns, "xsi": XSI})  # type: ignore[dict-item]
    root.set("ITSVersion", msg.its_version.value)
    root.set(f"{{{XSI}}}schemaLocation", msg.schema_location.value)
    _header(root, ns, facts)
    su = _sub(_sub(_sub(root, ns, "controlActProcess"), ns, "subject"), ns, "submissionUnit")
    _sub(su, ns, "id", root=unit.id)
    _sub(su, ns, "code", code=unit.code, codeSystem=unit.code_system)
    _sub(su, ns, "title", value=unit.title)
    _sub(su, ns, "statusCode", code="active")
    for c in unit.contexts:
        _context(su, ns, c)
    c1 = _sub(su, ns, "componentOf1")
    _sub(c1, ns, "sequenceNumber", value=str(unit.sequence_number))
    sub = _sub(c1, ns, "submission")
    _sub(_sub(sub, ns, "id"), ns, "item", root=unit.submission_id)
    _sub(sub, ns, "code", code=unit.submission_code, codeSystem=unit.submission_code_system)
    app = _sub(_sub(sub, ns, "componentOf"), ns, "application")
    _sub(_sub(app, ns, "id"), ns, "item", root=unit.application_root, extension=unit.application_extension)  # type: ignore[arg-type]
    _sub(app, ns, "code", code=unit.application_code, codeSystem=unit.application_code_system)
    for d in unit.documents:
        _document(app, ns, d, msg.checksum_algorithm.value)
    for k in unit.keywords:
        _keyword(app, ns, k)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
