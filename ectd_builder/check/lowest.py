"""Lowest-level headings judged from the DTD content model (EU 10.1, ICH L13), not from the instance.

The ICH and regional DTDs allow ``leaf*`` in intermediate headings too; a heading is *lowest* when
its declared content names no other heading, only ``leaf``, ``node-extension`` and text elements.
A leaf directly in ``m3-2-s-4-control-of-drug-substance`` breaks the rule even when the backbone
carries no ``m3-2-s-4-1-specification`` beside it. The CN XSD's content models are read from its
``xs:element`` / ``xs:complexType`` declarations (named and inline types; no groups, which it has none of).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ectd_builder.check import xmlsafe
from ectd_builder.ectd import standards

NON_HEADING = frozenset({"leaf", "node-extension", "title", "link-text", "xref"})

HeadingModel = Mapping[str, frozenset[str]]  # element -> the elements its content model names


def _names(content: object) -> set[str]:
    out: set[str] = set()
    stack = [content]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if getattr(node, "type", None) == "element" and getattr(node, "name", None):
            out.add(str(node.name))  # type: ignore[attr-defined]
        stack += [getattr(node, "left", None), getattr(node, "right", None)]
    return out


@lru_cache(maxsize=16)
def heading_model(dtd_path: str) -> HeadingModel:
    """Every element the DTD at ``dtd_path`` declares, with the child elements its content allows."""
    dtd = etree.DTD(dtd_path)
    declared = dtd.elements()  # type: ignore[attr-defined]  # lxml has it; the stubs do not
    return {str(el.name): frozenset(_names(el.content)) for el in declared if el.name}


_XS = "{http://www.w3.org/2001/XMLSchema}"


def _local(name: str | None) -> str:
    return (name or "").rsplit(":", 1)[-1]


def _declared_children(body: etree._Element) -> set[str]:
    """Names of the ``xs:element`` declarations directly inside ``body`` (not inside a nested element)."""
    out: set[str] = set()
    stack = list(body)
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str):
            continue
        if node.tag == f"{_XS}element":
            out.add(_local(node.get("name") or node.get("ref")))
            continue
        stack += list(node)
    return out


@lru_cache(maxsize=16)
def xsd_heading_model(xsd_path: str) -> HeadingModel:
    """Every element the XSD at ``xsd_path`` declares, with the child elements its type allows."""
    root = etree.parse(xsd_path, xmlsafe.parser()).getroot()
    types = {t.get("name"): t for t in root.iter(f"{_XS}complexType") if t.get("name")}
    model: dict[str, frozenset[str]] = {}
    for el in root.iter(f"{_XS}element"):
        name = el.get("name")
        if not name:
            continue
        body = types.get(_local(el.get("type"))) if el.get("type") else el
        kids = _declared_children(body) if body is not None else set()
        model[name] = frozenset(model.get(name, frozenset()) | kids)
    return model


def is_lowest(model: HeadingModel, element: str) -> bool | None:
    """Whether ``element`` is a lowest-level heading by the DTD; ``None`` when the DTD does not declare it."""
    children = model.get(element)
    if children is None:
        return None
    return children <= NON_HEADING


def model_for(store: Path, set_name: str, file_name: str) -> HeadingModel | None:
    """The heading model of a store DTD or XSD (``None`` when the store lacks the file)."""
    path = standards.locate(store, set_name, file_name)
    if path is None:
        return None
    return xsd_heading_model(str(path)) if file_name.endswith(".xsd") else heading_model(str(path))
