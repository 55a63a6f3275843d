"""Official schemas from the standards store as the writers need them: child order, and validation
of a written backbone through the one validator (:mod:`ectd_builder.sequence.schemas`).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ectd_builder.check.xmlsafe import parser as safe_parser
from ectd_builder.ectd import standards
from ectd_builder.sequence import schemas as validator

XS = "{http://www.w3.org/2001/XMLSchema}"

SCHEMA_FILES: dict[str, tuple[str, str]] = {
    "ich": ("ich-ectd-3.2", "ich-ectd-3-2.dtd"),
    "us": ("fda-m1-3.3", "us-regional-v3-3.dtd"),
    "eu": ("eu-m1-3.1", "eu-regional.dtd"),
    "cn": ("cn-m1-1.0", "cn-regional-1-0.xsd"),
}
EU_MODULES = ("eu-envelope.mod", "eu-leaf.mod")


def parse_bytes(data: bytes) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(data, safe_parser()))


def _content_names(content: etree._DTDElementContentDecl | None) -> list[str]:
    if content is None:
        return []
    if content.type == "element":
        return [content.name]
    return _content_names(content.left) + _content_names(content.right)


def dtd_order(dtd_path: Path) -> dict[str, list[str]]:
    """Element name -> child element names in content-model order."""
    dtd = validator.load(str(dtd_path))
    assert isinstance(dtd, etree.DTD)
    return {e.name: _content_names(e.content) for e in dtd.iterelements()}  # type: ignore[attr-defined]  # not in lxml-stubs


def xsd_order(xsd_path: Path) -> dict[str, list[str]]:
    """Element name -> child element names in sequence order (named complex types followed)."""
    root = etree.parse(str(xsd_path), safe_parser()).getroot()
    types = {t.get("name"): t for t in root.iter(f"{XS}complexType") if t.get("name")}

    def kids(node: etree._Element) -> list[str]:
        names: list[str] = []
        for el in node.iter(f"{XS}element"):
            if el is node:
                continue
            owner = next(el.iterancestors(f"{XS}element", f"{XS}complexType"), None)
            if owner is node or (owner is not None and owner.tag == f"{XS}complexType" and owner.getparent() is node):
                names.append(el.get("name") or el.get("ref") or "")
        return names

    order: dict[str, list[str]] = {}
    for el in root.iter(f"{XS}element"):
        name = el.get("name")
        if not name:
            continue
        found = kids(el)
        ref = (el.get("type") or "").split(":")[-1]
        if not found and ref in types:
            found = kids(types[ref])
        order.setdefault(name, found)
    order["cn-content"] = kids(types["cn-content"])
    return order


def schema_path(store: Path, which: str) -> Path:
    set_name, file_name = SCHEMA_FILES[which]
    if which == "eu":
        for module in EU_MODULES:
            standards.require(store, set_name, module)
    return standards.require(store, set_name, file_name)


def child_order(store: Path, which: str) -> dict[str, list[str]]:
    path = schema_path(store, which)
    return xsd_order(path) if which == "cn" else dtd_order(path)


def validate(tree: etree._ElementTree, store: Path, which: str) -> list[str]:
    """Validation messages of ``tree`` against the official schema ``which`` (ich, us, eu, cn)."""
    return [error.text() for error in validator.validate(tree, schema_path(store, which), limit=None)]
