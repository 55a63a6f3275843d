"""Parse one ``submissionunit.xml`` into :mod:`~ectd_builder.sequence.v4_model` values.

Hardened parsing (:mod:`ectd_builder.check.xmlsafe`: no DTD, no entity expansion, no network, a
size limit). Elements are matched by local name; the namespace is checked once, on the root.
Every fault is one :class:`~ectd_builder.problems.Problem` whose ``code`` is a check key
(``v4-unit-missing``, ``v4-unit-malformed``, ``v4-root``, ``v4-element-missing``,
``v4-value-invalid``); ``ectd check`` maps the keys to its criteria. Nothing here raises on content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ectd_builder.check.xmlsafe import local_name, parse_file
from ectd_builder.problems import Problem, Severity
from ectd_builder.sequence.v4_model import (
    NAMESPACE,
    ROOT,
    UNIT_FILE,
    V4ContextOfUse,
    V4Document,
    V4Keyword,
    V4Unit,
)

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_El = etree._Element


class _Reader:
    """Collects problems while reading one file."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[Problem] = []

    def fault(self, key: str, message: str, line: int | None, hint: str | None = None) -> None:
        self.problems.append(Problem(key, Severity.ERROR, message, file=self.shown, line=line, hint=hint))

    def need(self, el: _El, name: str, what: str) -> _El | None:
        found = child(el, name)
        if found is None:
            self.fault("v4-element-missing", f"{what}: <{local_name(el.tag)}> has no <{name}>", line_of(el))
        return found

    def uuid(self, el: _El | None, owner: _El, what: str) -> str:
        """``id/@root`` of ``el`` as a UUID; a missing or malformed one is a problem."""
        if el is None:
            self.fault("v4-element-missing", f"{what} has no <id root=...>", line_of(owner))
            return ""
        item = child(el, "item")  # SET<II> form: <id><item root=.../></id>
        raw = el.get("root") or (item.get("root") if item is not None else None) or ""
        value = normal_uuid(raw)
        if not raw:
            self.fault("v4-element-missing", f"{what}: <id> has no root attribute", line_of(el))
        elif not _UUID.match(value):
            self.fault("v4-value-invalid", f"{what}: id root '{raw}' is not a UUID", line_of(el),
                       hint="write id root as a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e")
        return value


def normal_uuid(raw: str) -> str:
    """``urn:uuid:ABC...`` -> ``abc...`` (UUIDs compare case-insensitively)."""
    value = raw.strip()
    if value.lower().startswith("urn:uuid:"):
        value = value[9:]
    return value.lower()


def line_of(el: _El) -> int:
    return el.sourceline if isinstance(el.sourceline, int) else 1


def children(el: _El, name: str) -> Iterator[_El]:
    for sub in el:
        if isinstance(sub.tag, str) and local_name(sub.tag) == name:
            yield sub


def child(el: _El | None, name: str) -> _El | None:
    if el is None:
        return None
    return next(children(el, name), None)


def path(el: _El | None, *names: str) -> _El | None:
    for name in names:
        el = child(el, name)
    return el


def value_of(el: _El | None) -> str:
    """``@value`` of an HL7 element, else its text."""
    if el is None:
        return ""
    return (el.get("value") or "".join(str(t) for t in el.itertext())).strip()


def read_unit_file(unit_dir: Path) -> tuple[V4Unit | None, list[Problem]]:
    """Read ``<unit_dir>/submissionunit.xml``; ``None`` when it is missing, malformed or not RPS."""
    rd = _Reader(f"{unit_dir.name}/{UNIT_FILE}")
    tree, err = parse_file(unit_dir / UNIT_FILE)
    if err is not None or tree is None:
        kind = "v4-unit-missing" if err is not None and err.kind == "missing" else "v4-unit-malformed"
        msg = err.message if err is not None else "unreadable"
        rd.fault(kind, f"{UNIT_FILE}: {msg}", err.line if err is not None else None,
                 hint="a v4.0 unit folder holds submissionunit.xml, a well-formed HL7 RPS message")
        return None, rd.problems
    root = tree.getroot()
    if local_name(root.tag) != ROOT or etree.QName(root).namespace != NAMESPACE:
        rd.fault("v4-root", f"root element is {{{etree.QName(root).namespace or ''}}}{local_name(root.tag)}, "
                 f"expected {{{NAMESPACE}}}{ROOT}", line_of(root))
        if local_name(root.tag) != ROOT:
            return None, rd.problems
    unit_el = _find_unit(root, rd)
    if unit_el is None:
        return None, rd.problems
    return _unit(unit_dir, unit_el, rd), rd.problems


def _find_unit(root: _El, rd: _Reader) -> _El | None:
    found = path(root, "controlActProcess", "subject", "submissionUnit")
    if found is None:
        found = next((e for e in root.iter() if isinstance(e.tag, str) and local_name(e.tag) == "submissionUnit"), None)
    if found is None:
        rd.fault("v4-element-missing", "no controlActProcess/subject/submissionUnit", line_of(root))
    return found


def _code(el: _El | None) -> tuple[str, str]:
    return ((el.get("code") or "").strip(), (el.get("codeSystem") or "").strip()) if el is not None else ("", "")


def _unit(unit_dir: Path, su: _El, rd: _Reader) -> V4Unit:
    uid = rd.uuid(child(su, "id"), su, "submissionUnit")
    code_el = rd.need(su, "code", "submissionUnit")
    code, code_system = _code(code_el)
    title = value_of(child(su, "title"))
    of1 = rd.need(su, "componentOf1", "submissionUnit")
    seq_el = child(of1, "sequenceNumber") if of1 is not None else None
    number = _int(seq_el, rd, "sequenceNumber") if seq_el is not None else 0
    if of1 is not None and seq_el is None:
        rd.fault("v4-element-missing", "componentOf1 has no <sequenceNumber>", line_of(of1))
    submission = child(of1, "submission") if of1 is not None else None
    if of1 is not None and submission is None:
        rd.fault("v4-element-missing", "componentOf1 has no <submission>", line_of(of1))
    sub_id = rd.uuid(child(submission, "id"), submission, "submission") if submission is not None else ""
    sub_code, sub_cs = _code(child(submission, "code"))
    app = path(submission, "componentOf", "application")
    if submission is not None and app is None:
        rd.fault("v4-element-missing", "submission has no componentOf/application", line_of(submission))
    app_id, app_root = _application_id(app)
    app_code, app_cs = _code(child(app, "code"))
    contexts = tuple(_context(comp, cou, rd) for comp, cou in _contexts(su))
    documents = tuple(_document(doc, rd) for doc in _documents(su))
    keywords = tuple(kw for el in su.iter() if isinstance(el.tag, str) and local_name(el.tag) == "keywordDefinition"
                     for kw in _keywords(el, rd))
    return V4Unit(
        path=unit_dir, id=uid, code=code, code_system=code_system, title=title, sequence_number=number,
        application_id=app_id, application_code_system=app_root, submission_id=sub_id, submission_code=sub_code,
        contexts=contexts, documents=documents, keywords=keywords, line=line_of(su),
        submission_code_system=sub_cs, application_code=app_code, application_code_code_system=app_cs,
        code_lines=(_line(code_el, su), _line(child(submission, "code"), submission if submission is not None else su),
                    _line(child(app, "code"), app if app is not None else su)),
    )


def _line(el: _El | None, owner: _El) -> int:
    return line_of(el if el is not None else owner)


def _application_id(app: _El | None) -> tuple[str, str]:
    id_el = child(app, "id")
    if id_el is None:
        return "", ""
    item = child(id_el, "item")
    src = item if item is not None else id_el
    root = (src.get("root") or "").strip()
    return (src.get("extension") or root).strip(), root


def _int(el: _El, rd: _Reader, what: str) -> int:
    raw = value_of(el)
    if not re.fullmatch(r"[0-9]+", raw):
        rd.fault("v4-value-invalid", f"{what} value '{raw}' is not a whole number", line_of(el))
        return 0
    return int(raw)


def _contexts(su: _El) -> Iterator[tuple[_El, _El]]:
    for comp in children(su, "component"):
        for cou in children(comp, "contextOfUse"):
            yield comp, cou


def _documents(su: _El) -> Iterator[_El]:
    """``component/document`` under the submission unit or the application (writers differ)."""
    for el in su.iter():
        if isinstance(el.tag, str) and local_name(el.tag) == "component":
            yield from children(el, "document")


def _context(comp: _El, cou: _El, rd: _Reader) -> V4ContextOfUse:
    cid = rd.uuid(child(cou, "id"), cou, "contextOfUse")
    code_el = rd.need(cou, "code", "contextOfUse")
    code, code_system = _code(code_el)
    status_el = rd.need(cou, "statusCode", "contextOfUse")
    status = (status_el.get("code") or "").strip() if status_el is not None else ""
    prio_el = child(cou, "priorityNumber")
    if prio_el is None:
        prio_el = child(comp, "priorityNumber")
    if prio_el is None:
        rd.fault("v4-element-missing", "contextOfUse has no <priorityNumber>", line_of(cou))
    priority = _int(prio_el, rd, "priorityNumber") if prio_el is not None else 0
    refs = [path(d, "documentReference", "id") for d in children(cou, "derivedFrom")]
    doc_ids = tuple(rd.uuid(r, cou, "documentReference") for r in refs)
    rel = path(cou, "replacementOf", "relatedContextOfUse")
    replaces = rd.uuid(child(rel, "id"), rel, "relatedContextOfUse") if rel is not None else None
    keywords = tuple(_code(path(k, "keyword", "code")) for k in children(cou, "referencedBy"))
    return V4ContextOfUse(
        id=cid, code=code, code_system=code_system, status=status, priority=priority,
        document_ids=doc_ids, replaces=replaces, keywords=keywords, line=line_of(cou),
        document_lines=tuple(line_of(r) if r is not None else line_of(cou) for r in refs),
        replaces_line=line_of(rel) if rel is not None else None, code_line=_line(code_el, cou),
    )


def _document(doc: _El, rd: _Reader) -> V4Document:
    did = rd.uuid(child(doc, "id"), doc, "document")
    text = rd.need(doc, "text", "document")
    ref = child(text, "reference") if text is not None else None
    if text is not None and ref is None:
        rd.fault("v4-element-missing", "document text has no <reference value=...>", line_of(text))
    check = child(text, "integrityCheck") if text is not None else None
    if text is not None and check is None:
        rd.fault("v4-element-missing", "document text has no <integrityCheck>", line_of(text))
    lang = child(doc, "languageCode")
    return V4Document(
        id=did,
        title=value_of(child(doc, "title")),
        href=value_of(ref),
        checksum=value_of(check).lower(),
        checksum_algorithm=(text.get("integrityCheckAlgorithm") or "") if text is not None else "",
        media_type=(text.get("mediaType") or "") if text is not None else "",
        language=(lang.get("code") or None) if lang is not None else (text.get("language") if text is not None else None),
        line=line_of(doc),
    )


def _keywords(kd: _El, rd: _Reader) -> Iterator[V4Keyword]:
    type_code, type_cs = _code(child(kd, "code"))
    value = child(kd, "value")
    items = list(children(value, "item")) if value is not None else []
    if value is not None and not items and value.get("code"):
        items = [value]
    if not items:
        rd.fault("v4-element-missing", "keywordDefinition has no value/item with a code", line_of(kd))
    for item in items:
        inner = child(item, "code") if not item.get("code") else None  # item/code form
        src = inner if inner is not None else item
        code, cs = _code(src)
        yield V4Keyword(code, cs, value_of(child(src, "displayName")), line_of(src), type_code, type_cs)
