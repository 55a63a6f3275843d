"""Write index.xml and the regional Module 1 backbones (us, eu, cn) from leaves.

Leaves carry their heading chain; the writer merges the chains into one tree and orders sibling
headings by the official schema's content model (keyed repeats keep their first-seen order).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from lxml import etree

from ectd_builder.ectd.model import CnEnvelope, EuEnvelope, FdaEnvelope, Heading, Leaf

XLINK_ICH = "http://www.w3c.org/1999/xlink"  # sic: the ICH/EU/FDA DTDs fix this (w3c.org) URI
XLINK_W3C = "http://www.w3.org/1999/xlink"  # the CN XSD imports the W3C-correct URI
XML_NS = "http://www.w3.org/XML/1998/namespace"
ECTD_NS = "http://www.ich.org/ectd"
FDA_NS = "http://www.ich.org/fda"
EU_NS = "http://europa.eu.int"
CN_NS = "cn_ectd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
FDA_DTD_URL = "https://www.accessdata.fda.gov/static/eCTD/us-regional-v3-3.dtd"
FDA_XSL_URL = "https://www.accessdata.fda.gov/static/eCTD/us-regional.xsl"


@dataclass
class _Node:
    heading: Heading
    children: list[_Node] = field(default_factory=list)
    leaves: list[Leaf] = field(default_factory=list)

    def child(self, heading: Heading) -> _Node:
        for node in self.children:
            if node.heading == heading:
                return node
        node = _Node(heading)
        self.children.append(node)
        return node


def _tree(leaves: list[Leaf], root: Heading | None) -> _Node:
    top = _Node(root or Heading(""))
    for leaf in leaves:
        chain = leaf.placement
        if root is not None:
            if not chain or chain[0] != root:
                raise ValueError(f"leaf {leaf.id} does not sit under {root.element}")
            chain = chain[1:]
        node = top
        for heading in chain:
            node = node.child(heading)
        node.leaves.append(leaf)
    return top


class HeadingNotInSchema(ValueError):
    """A leaf placed under an element the schema's content model does not allow there."""


def _sorted_children(node: _Node, order: dict[str, list[str]]) -> list[_Node]:
    model = order.get(node.heading.element, [])
    first_seen = {id(c): i for i, c in enumerate(node.children)}

    def rank(c: _Node) -> tuple[int, int]:
        if c.heading.element not in model:
            raise HeadingNotInSchema(f"{c.heading.element} is not allowed in {node.heading.element or 'the root'}")
        return model.index(c.heading.element), first_seen[id(c)]

    return sorted(node.children, key=rank)


@dataclass(frozen=True)
class _Style:
    xlink: str
    ns: str | None  # namespace of plain elements (cn_ectd for CN, none for the DTD-based backbones)
    base: str  # folder of the backbone file inside the sequence


def _q(style: _Style, name: str) -> str:
    return f"{{{style.ns}}}{name}" if style.ns else name


def _leaf(parent: etree._Element, leaf: Leaf, style: _Style) -> None:
    el = etree.SubElement(parent, _q(style, "leaf"))
    el.set("ID", leaf.id)
    el.set("operation", leaf.operation)
    if leaf.href is not None:
        el.set(f"{{{style.xlink}}}href", posixpath.relpath(leaf.href, style.base) if style.base else leaf.href)
    el.set("checksum", leaf.checksum)
    el.set("checksum-type", "md5")
    if leaf.modified_file:
        el.set("modified-file", leaf.modified_file)
    if leaf.language:
        el.set(f"{{{XML_NS}}}lang", leaf.language)
    title = etree.SubElement(el, _q(style, "title"))
    title.text = leaf.title


def _emit(parent: etree._Element, node: _Node, order: dict[str, list[str]], style: _Style) -> None:
    for leaf in node.leaves:
        _leaf(parent, leaf, style)
    for child in _sorted_children(node, order):
        el = etree.SubElement(parent, _q(style, child.heading.element))
        for name, value in child.heading.attrs:
            el.set(name, value)
        _emit(el, child, order, style)


def _serialise(root: etree._Element, doctype: str | None, stylesheet: str | None) -> bytes:
    if stylesheet:
        root.addprevious(etree.ProcessingInstruction("xml-stylesheet", f'type="text/xsl" href="{stylesheet}"'))
    tree = root.getroottree()
    if doctype:
        body = etree.tostring(tree, encoding="UTF-8", xml_declaration=False, pretty_print=True, doctype=doctype)
    else:
        body = etree.tostring(tree, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def index_xml(leaves: list[Leaf], order: dict[str, list[str]], language: str | None) -> bytes:
    """``index.xml`` (ICH eCTD DTD 3.2) holding ``leaves`` (all with backbone ``index``)."""
    root = etree.Element(f"{{{ECTD_NS}}}ectd", nsmap={"ectd": ECTD_NS, "xlink": XLINK_ICH})
    root.set("dtd-version", "3.2")
    if language:
        root.set(f"{{{XML_NS}}}lang", language)
    top = _tree(leaves, None)
    top.heading = Heading("ectd")
    _emit(root, top, order, _Style(XLINK_ICH, None, ""))
    return _serialise(root, '<!DOCTYPE ectd:ectd SYSTEM "util/dtd/ich-ectd-3-2.dtd">', "util/style/ectd-2-0.xsl")


def _text(parent: etree._Element, tag: str, text: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag)
    el.text = text
    for name, value in attrs.items():
        el.set(name.replace("_", "-"), value)
    return el


def us_regional(env: FdaEnvelope, sequence: str, leaves: list[Leaf], order: dict[str, list[str]]) -> bytes:
    root = etree.Element(f"{{{FDA_NS}}}fda-regional", nsmap={"fda-regional": FDA_NS, "xlink": XLINK_ICH})
    root.set("dtd-version", "3.3")
    admin = etree.SubElement(root, "admin")
    info = etree.SubElement(admin, "applicant-info")
    _text(info, "id", env.duns)
    _text(info, "company-name", env.company_name)
    if env.description:
        _text(info, "submission-description", env.description)
    contacts = etree.SubElement(info, "applicant-contacts")
    for name, kind, phones, emails in env.contacts:
        contact = etree.SubElement(contacts, "applicant-contact")
        _text(contact, "applicant-contact-name", name, applicant_contact_type=kind)
        tel = etree.SubElement(contact, "telephones")
        for number, phone_type in phones:
            _text(tel, "telephone", number, telephone_number_type=phone_type)
        mail = etree.SubElement(contact, "emails")
        for address in emails:
            _text(mail, "email", address)
    app = etree.SubElement(etree.SubElement(admin, "application-set"), "application")
    app.set("application-containing-files", "true")
    info = etree.SubElement(app, "application-information")
    _text(info, "application-number", env.application_number, application_type=env.application_type)
    sub = etree.SubElement(app, "submission-information")
    _text(sub, "submission-id", env.submission_id or sequence, submission_type=env.submission_type)
    _text(sub, "sequence-number", sequence, submission_sub_type=env.submission_sub_type)
    if leaves:
        regional = etree.SubElement(root, "m1-regional")
        top = _tree(leaves, Heading("m1-regional"))
        _emit(regional, top, order, _Style(XLINK_ICH, None, "m1/us"))
    return _serialise(root, f'<!DOCTYPE fda-regional:fda-regional SYSTEM "{FDA_DTD_URL}">', FDA_XSL_URL)


def eu_regional(
    env: EuEnvelope, sequence: str, related: tuple[str, ...], leaves: list[Leaf], order: dict[str, list[str]]
) -> bytes:
    root = etree.Element(f"{{{EU_NS}}}eu-backbone", nsmap={"eu": EU_NS, "xlink": XLINK_ICH})
    root.set("dtd-version", "3.1")
    envelopes = etree.SubElement(root, "eu-envelope")
    for country in env.countries:
        e = etree.SubElement(envelopes, "envelope")
        e.set("country", country)
        _text(e, "identifier", env.uuid)
        submission = etree.SubElement(e, "submission")
        submission.set("type", env.submission_type)
        if env.mode:
            submission.set("mode", env.mode)
        if env.submission_number:
            _text(submission, "number", env.submission_number)
        tracking = etree.SubElement(submission, "procedure-tracking")
        for number in env.procedure_tracking:
            _text(tracking, "number", number)
        etree.SubElement(e, "submission-unit").set("type", env.submission_unit)
        _text(e, "applicant", env.applicant)
        etree.SubElement(e, "agency").set("code", env.agency_code)
        etree.SubElement(e, "procedure").set("type", env.procedure)
        _text(e, "invented-name", env.invented_name)
        for inn in env.inn:
            _text(e, "inn", inn)
        _text(e, "sequence", sequence)
        for number in related:
            _text(e, "related-sequence", number)
        _text(e, "submission-description", env.description)
    m1 = etree.SubElement(root, "m1-eu")
    top = _tree(leaves, Heading("m1-eu"))
    cover_country = env.countries[0] if len(env.countries) == 1 else "common"
    if not any(c.heading.element == "m1-0-cover" for c in top.children):
        top.child(Heading("m1-0-cover")).child(Heading("specific", (("country", cover_country),)))
    _emit(m1, top, order, _Style(XLINK_ICH, None, "m1/eu"))
    doctype = '<!DOCTYPE eu:eu-backbone SYSTEM "../../util/dtd/eu-regional.dtd">'
    return _serialise(root, doctype, "../../util/style/eu-regional.xsl")


def cn_regional(env: CnEnvelope, sequence: str, related: str, leaves: list[Leaf], order: dict[str, list[str]]) -> bytes:
    root = etree.Element(f"{{{CN_NS}}}cn_ectd", nsmap={None: CN_NS, "xlink": XLINK_W3C, "xsi": XSI_NS})  # type: ignore[dict-item]  # None: the default namespace
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{CN_NS} ../../util/dtd/cn-regional-1-0.xsd")
    root.set("schema-version", "1.0")
    q = f"{{{CN_NS}}}"
    envelope = etree.SubElement(root, q + "cn-envelope")
    _text(envelope, q + "application-id", env.application_id)
    etree.SubElement(envelope, q + "application-type").set("code", env.application_type)
    etree.SubElement(envelope, q + "product-type").set("code", env.product_type)
    _text(envelope, q + "product-number", env.product_number)
    _text(envelope, q + "related-sequence", related)
    etree.SubElement(envelope, q + "regulatory-activity-type").set("code", env.regulatory_activity)
    _text(envelope, q + "sequence-number", sequence)
    etree.SubElement(envelope, q + "sequence-type").set("code", env.sequence_type)
    _text(envelope, q + "sequence-description", env.description)
    contact = etree.SubElement(envelope, q + "sequence-contact")
    _text(contact, q + "name", env.contact_name)
    _text(contact, q + "phone", env.contact_phone)
    _text(contact, q + "email", env.contact_email)
    content = etree.SubElement(root, q + "cn-content")
    top = _tree(leaves, Heading("cn-content"))
    if not any(c.heading.element == "cn-1-0" for c in top.children):
        top.child(Heading("cn-1-0"))
    _emit(content, top, order, _Style(XLINK_W3C, CN_NS, "m1/cn"))
    return _serialise(root, None, None)
