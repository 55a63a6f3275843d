"""The eCTD v4.0 reader on generated units shaped like the FDA v4.0 sample submissions.

Fixtures are written here (never third-party files): initial unit, replacement, suspension,
grouped submission, document reuse by UUID across contexts of use and units, keyword change.
Bad input gets one located problem each; lines are found in the written file, then asserted.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ectd_builder.sequence.v4 import in_force, read_unit, read_v4_application
from lxml import etree

NS = "urn:hl7-org:v3"
ICH_COU = "2.16.840.1.113883.3.989.2.2.1.1.1"
KW_SYS = "2.16.840.1.113883.3.989.5.1.2.2.1.15.1"


def uid(key: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, key))


@dataclass
class Cou:
    key: str
    code: str
    docs: tuple[str, ...] = ()
    status: str = "active"
    priority: int = 1
    replaces: str | None = None
    keywords: tuple[str, ...] = ()


@dataclass
class Doc:
    key: str
    href: str
    body: bytes = b"%PDF-1.4\n%fixture\n"
    checksum: str | None = None  # None: the real SHA-256


@dataclass
class Unit:
    number: int
    cous: list[Cou] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)
    keywords: dict[str, str] = field(default_factory=dict)  # code -> display name
    submission: str = "sub-1"


def _sub(parent: etree._Element, name: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{NS}}}{name}", {k.rstrip("_"): v for k, v in attrs.items()})


def write_unit(app: Path, unit: Unit, *, raw: bytes | None = None, at_application: bool = False) -> Path:
    folder = app / f"{unit.number:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    root = etree.Element(f"{{{NS}}}PORP_IN000001UV", nsmap={None: NS}, ITSVersion="XML_1.0")
    _sub(root, "id", root=uid(f"msg-{unit.number}"))
    su = _sub(_sub(_sub(root, "controlActProcess", classCode="ACTN", moodCode="EVN"), "subject"), "submissionUnit")
    _sub(su, "id", root=uid(f"unit-{unit.number}"))
    _sub(su, "code", code="us_submission_unit_type_1", codeSystem="2.16.840.1.113883.3.989.5.1.2.2.1.13.2")
    _sub(su, "title", value=f"Unit {unit.number}")
    _sub(su, "statusCode", code="active")
    for cou in unit.cous:
        comp = _sub(su, "component")
        _sub(comp, "priorityNumber", value=str(cou.priority))
        el = _sub(comp, "contextOfUse", classCode="DOC", moodCode="EVN")
        _sub(el, "id", root=uid(cou.key))
        _sub(el, "code", code=cou.code, codeSystem=ICH_COU)
        _sub(el, "statusCode", code=cou.status)
        for doc in cou.docs:
            _sub(_sub(_sub(el, "derivedFrom"), "documentReference"), "id", root=uid(doc))
        if cou.replaces:
            _sub(_sub(_sub(el, "replacementOf", typeCode="RPLC"), "relatedContextOfUse"), "id", root=uid(cou.replaces))
        for kw in cou.keywords:
            _sub(_sub(_sub(el, "referencedBy"), "keyword"), "code", code=kw, codeSystem=KW_SYS)
    for doc in unit.docs:
        (folder / doc.href).parent.mkdir(parents=True, exist_ok=True)
        (folder / doc.href).write_bytes(doc.body)
        d = _sub(_sub(su, "component"), "document")
        _sub(d, "id", root=uid(doc.key))
        _sub(d, "title", value=doc.key)
        text = _sub(d, "text", integrityCheckAlgorithm="SHA256", mediaType="application/pdf")
        _sub(text, "reference", value=doc.href)
        _sub(text, "integrityCheck").text = doc.checksum or hashlib.sha256(doc.body).hexdigest()
    of1 = _sub(su, "componentOf1")
    _sub(of1, "sequenceNumber", value=str(unit.number))
    sub = _sub(of1, "submission")
    _sub(sub, "id", root=uid(unit.submission))
    _sub(sub, "code", code="us_submission_type_1", codeSystem="2.16.840.1.113883.3.989.5.1.2.2.1.2.1")
    app_el = _sub(_sub(sub, "componentOf"), "application")
    _sub(_sub(app_el, "id"), "item", root="2.16.840.1.113883.3.989.5.1.2.1.1", extension="123456")
    _sub(app_el, "code", code="us_application_type_1", codeSystem="2.16.840.1.113883.3.989.5.1.2.2.1.1.1")
    for comp in [c for c in su if etree.QName(c).localname == "component" and c.find(f"{{{NS}}}document") is not None]:
        if at_application:  # documents at application level (the project's writer does this)
            app_el.append(comp)
    for code, name in unit.keywords.items():
        kd = _sub(_sub(app_el, "referencedBy"), "keywordDefinition")
        _sub(kd, "code", code="ich_keyword_definition_type_1", codeSystem="2.16.840.1.113883.3.989.2.2.1.5.3")
        item = _sub(_sub(kd, "value"), "item", code=code, codeSystem=KW_SYS)
        _sub(item, "displayName", value=name)
    data = raw if raw is not None else etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    (folder / "submissionunit.xml").write_bytes(data)
    (folder / "sha256.txt").write_text(hashlib.sha256(data).hexdigest() + "\n", encoding="ascii")
    return folder


def line_with(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text} not in {path}")


def initial() -> Unit:
    return Unit(
        1,
        cous=[
            Cou("c-spec", "ich_3.2.p.5.1", ("d-spec",), priority=1, keywords=("kw-tab",)),
            Cou("c-stab", "ich_3.2.p.8.3", ("d-stab",), priority=2),
            Cou("c-spec-qos", "ich_2.3.p", ("d-spec",), priority=1),  # reuse of d-spec in another context
        ],
        docs=[Doc("d-spec", "m3/32p51-spec.pdf"), Doc("d-stab", "m3/32p83-stab.pdf")],
        keywords={"kw-tab": "Quorvatinib tablets 10 mg"},
    )


def lifecycle(app: Path) -> None:
    write_unit(app, initial())
    write_unit(app, Unit(2, cous=[
        Cou("c-stab-2", "ich_3.2.p.8.3", ("d-stab-2",), replaces="c-stab"),  # replace
        Cou("c-spec-qos", "ich_2.3.p", (), status="suspended"),  # suspension (withdrawal of a placement)
        Cou("c-spec", "ich_3.2.p.5.1", ("d-spec",), priority=1, keywords=("kw-tab-2",)),  # keyword change
        Cou("c-reuse", "ich_3.2.r", ("d-spec",), priority=3),  # reuse of a unit-1 document by UUID
    ], docs=[Doc("d-stab-2", "m3/32p83-stab-v2.pdf", body=b"%PDF-1.4\n%v2\n")],
        keywords={"kw-tab-2": "Quorvatinib film-coated tablets 10 mg"}))


def test_initial_unit_reads_clean(tmp_path: Path) -> None:
    folder = write_unit(tmp_path, initial())
    unit, problems = read_unit(folder)
    assert problems == []
    assert unit is not None
    assert unit.sequence_number == 1 and unit.application_id == "123456"
    assert unit.application_code_system == "2.16.840.1.113883.3.989.5.1.2.1.1"
    assert [c.code for c in unit.contexts] == ["ich_3.2.p.5.1", "ich_3.2.p.8.3", "ich_2.3.p"]
    spec = unit.contexts[0]
    assert spec.document_ids == (uid("d-spec"),) and spec.keywords == (("kw-tab", KW_SYS),)
    assert spec.line == line_with(folder / "submissionunit.xml", "<contextOfUse")
    doc = unit.document(uid("d-spec"))
    assert doc is not None and doc.href == "m3/32p51-spec.pdf" and doc.checksum_algorithm == "SHA256"
    assert doc.checksum == hashlib.sha256(b"%PDF-1.4\n%fixture\n").hexdigest()
    assert unit.keywords[0].display_name == "Quorvatinib tablets 10 mg"


def test_lifecycle_replace_suspend_reuse_keyword_change(tmp_path: Path) -> None:
    lifecycle(tmp_path)
    units, problems = read_v4_application(tmp_path)
    assert problems == []
    assert [u.sequence_number for u in units] == [1, 2]
    force = in_force(units)
    assert set(force) == {uid("c-spec"), uid("c-stab-2"), uid("c-reuse")}
    assert force[uid("c-spec")].keywords == (("kw-tab-2", KW_SYS),)
    assert force[uid("c-reuse")].document_ids == (uid("d-spec"),)
    assert in_force(units[:1]).keys() == {uid("c-spec"), uid("c-stab"), uid("c-spec-qos")}


def test_grouped_submission_units_share_a_submission(tmp_path: Path) -> None:
    write_unit(tmp_path, initial())
    write_unit(tmp_path, Unit(2, cous=[Cou("c-g", "ich_3.2.p.3.1", ("d-g",))], docs=[Doc("d-g", "m3/g.pdf")],
                              submission="sub-1"))
    units, problems = read_v4_application(tmp_path)
    assert problems == [] and units[0].submission_id == units[1].submission_id == uid("sub-1")


def test_replacement_of_unknown_context_is_one_located_problem(tmp_path: Path) -> None:
    write_unit(tmp_path, initial())
    folder = write_unit(tmp_path, Unit(2, cous=[Cou("c-x", "ich_3.2.p.8.3", ("d-stab",), replaces="c-ghost")]))
    _units, problems = read_v4_application(tmp_path)
    assert [p.code for p in problems] == ["v4-replaces-missing"]
    assert problems[0].file == "0002/submissionunit.xml"
    assert problems[0].line == line_with(folder / "submissionunit.xml", "<relatedContextOfUse")


def test_broken_document_reference_is_one_located_problem(tmp_path: Path) -> None:
    folder = write_unit(tmp_path, Unit(1, cous=[Cou("c-1", "ich_3.2.p.5.1", ("d-none",))]))
    _units, problems = read_v4_application(tmp_path)
    assert [p.code for p in problems] == ["v4-docref-missing"]
    assert problems[0].line == line_with(folder / "submissionunit.xml", uid("d-none"))


def test_malformed_xml_is_one_problem_at_its_line(tmp_path: Path) -> None:
    raw = b'<?xml version="1.0"?>\n<PORP_IN000001UV xmlns="urn:hl7-org:v3">\n<id>\n</PORP>\n'
    folder = write_unit(tmp_path, initial(), raw=raw)
    unit, problems = read_unit(folder)
    assert unit is None and [p.code for p in problems] == ["v4-unit-malformed"] and problems[0].line == 4


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    raw = (b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
           b'<PORP_IN000001UV xmlns="urn:hl7-org:v3"><title>&x;</title></PORP_IN000001UV>\n')
    unit, problems = read_unit(write_unit(tmp_path, initial(), raw=raw))
    assert unit is None and [p.code for p in problems] == ["v4-element-missing"]


def test_wrong_root_and_missing_file(tmp_path: Path) -> None:
    folder = write_unit(tmp_path, initial(), raw=b'<?xml version="1.0"?>\n<ectd xmlns="urn:x"/>\n')
    unit, problems = read_unit(folder)
    assert unit is None and [(p.code, p.line) for p in problems] == [("v4-root", 2)]
    unit, problems = read_unit(tmp_path / "9999")
    assert unit is None and [p.code for p in problems] == ["v4-unit-missing"]


def test_bad_priority_and_uuid_are_located(tmp_path: Path) -> None:
    folder = write_unit(tmp_path, initial())
    xml = folder / "submissionunit.xml"
    text = xml.read_text(encoding="utf-8").replace('<priorityNumber value="2"/>', '<priorityNumber value="two"/>', 1)
    text = text.replace(uid("c-stab"), "not-a-uuid", 1)
    xml.write_text(text, encoding="utf-8")
    _unit, problems = read_unit(folder)
    assert sorted((p.code, p.line) for p in problems) == sorted([
        ("v4-value-invalid", line_with(xml, 'value="two"')),
        ("v4-value-invalid", line_with(xml, "not-a-uuid")),
    ])


def test_writer_variants_item_ids_item_code_keywords_text_language(tmp_path: Path) -> None:
    folder = write_unit(tmp_path, initial())
    xml = folder / "submissionunit.xml"
    text = xml.read_text(encoding="utf-8")
    text = text.replace(f'<id root="{uid("sub-1")}"/>', f'<id><item root="{uid("sub-1")}"/></id>')
    text = text.replace(f'<item code="kw-tab" codeSystem="{KW_SYS}">', f'<item><code code="kw-tab" codeSystem="{KW_SYS}">')
    name = '<displayName value="Quorvatinib tablets 10 mg"/>'
    text = text.replace(f"{name}\n", f"{name}</code>\n")
    text = text.replace('mediaType="application/pdf">', 'mediaType="application/pdf" language="ja">')
    xml.write_text(text, encoding="utf-8")
    unit, problems = read_unit(folder)
    assert problems == [] and unit is not None
    assert unit.submission_id == uid("sub-1")
    assert [(k.code, k.display_name) for k in unit.keywords] == [("kw-tab", "Quorvatinib tablets 10 mg")]
    assert {d.language for d in unit.documents} == {"ja"}


def test_documents_at_application_level_are_read(tmp_path: Path) -> None:
    write_unit(tmp_path, initial(), at_application=True)
    units, problems = read_v4_application(tmp_path)
    assert problems == [] and len(units[0].documents) == 2
