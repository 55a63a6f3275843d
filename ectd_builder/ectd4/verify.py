"""Checks of a written v4.0 unit before it is published: the XSD when the ICH package is in the
standards store, the genericode code lists when present, and always the structural checks (root,
namespace, every documentReference resolves, every file exists with its SHA-256, sha256.txt)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from lxml import etree

from ectd_builder.ectd4.codes import V4Facts
from ectd_builder.errors import EctdError

XSD_SET = "ich-ectd-4.0"
XSD_FILE = "PORP_IN000001UV.xsd"


def _fail(what: str) -> EctdError:
    return EctdError(f"generated submissionunit.xml is not valid: {what}", hint="this is a bug in ectd-builder; please report it with the dossier")


def structural_errors(unit_dir: Path, facts: V4Facts) -> list[str]:
    """Every structural defect of ``unit_dir`` (empty when it is sound)."""
    msg = facts.ich.message
    path = unit_dir / msg.file_name.value
    data = path.read_bytes()
    errors: list[str] = []
    ns = msg.namespace.value
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if root.tag != f"{{{ns}}}{msg.root.value}":
        errors.append(f"root element is {root.tag}, not {{{ns}}}{msg.root.value}")
    sums = unit_dir / msg.checksum_file.value
    if not sums.is_file() or sums.read_text(encoding="ascii").strip() != hashlib.sha256(data).hexdigest():
        errors.append(f"{msg.checksum_file.value} does not hold the SHA-256 of {msg.file_name.value}")
    docs = {d.find(f"{{{ns}}}id").get("root"): d for d in root.iter(f"{{{ns}}}document")}  # type: ignore[union-attr]
    for ref in root.iter(f"{{{ns}}}documentReference"):
        rid = ref.find(f"{{{ns}}}id")
        target = None if rid is None else rid.get("root")
        if target not in docs:
            errors.append(f"line {ref.sourceline}: documentReference {target} resolves to no document")
    for doc_id, doc in docs.items():
        href = doc.find(f"{{{ns}}}text/{{{ns}}}reference")
        check = doc.find(f"{{{ns}}}text/{{{ns}}}integrityCheck")
        file = unit_dir / (href.get("value", "") if href is not None else "")
        if href is None or not file.is_file():
            errors.append(f"line {doc.sourceline}: document {doc_id} points at a missing file")
        elif check is None or hashlib.sha256(file.read_bytes()).hexdigest() != (check.text or "").strip():
            errors.append(f"line {doc.sourceline}: SHA-256 of {href.get('value')} differs from its integrityCheck")
    return errors


def structural_notes(unit_dir: Path, facts: V4Facts, store: Path) -> list[str]:
    """Raise on a structural or schema defect; notes say which checks did not run."""
    errors = structural_errors(unit_dir, facts)
    if errors:
        raise _fail("; ".join(errors[:5]))
    notes: list[str] = []
    xsd = next(iter(sorted((Path(store) / XSD_SET).rglob(XSD_FILE))), None) if (Path(store) / XSD_SET).is_dir() else None
    if xsd is None:
        notes.append(f"v4.0 schema check did not run: {XSD_SET}/{XSD_FILE} missing from the standards store {store}")
    else:
        schema = etree.XMLSchema(etree.parse(str(xsd)))
        doc = etree.parse(str(unit_dir / facts.ich.message.file_name.value))
        if not schema.validate(doc):
            raise _fail("; ".join(f"line {e.line}: {e.message}" for e in list(schema.error_log)[:5]))  # type: ignore[call-overload]
    notes.append("v4.0 code check did not run: no genericode controlled vocabularies (ICH or regional v4.0 package) in the standards store")
    return notes
