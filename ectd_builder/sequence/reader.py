"""Read eCTD v3.2.2 sequences and applications made by any tool into :mod:`~ectd_builder.sequence.model` values.

The one reader behind ``ectd build`` (frozen history), ``ectd check``, ``ectd diff`` and ``ectd view``.

* :func:`read_sequence` reads one sequence folder (``.../0003``): ``index.xml``, the regional
  Module 1 backbone it points to (``m1/<region>/<region>-regional.xml`` for us, eu, cn and, as far
  as known, jp) and every ``leaf`` of both, with its lifecycle attributes.
* :func:`read_application` reads a folder of sequence folders (``NNNN``) and orders them.

Nothing here validates: a missing or malformed backbone is recorded in ``SequenceDoc.errors``
and the rest is still read. XML is parsed with entities, network and DTD loading off and a size
limit (:mod:`ectd_builder.check.xmlsafe`). Reading is linear in the number of elements.

Keyed headings (``m3-2-s-drug-substance substance=... manufacturer=...``, ``specific country=``,
``pi-doc xml:lang= type=``) keep their attributes in ``Leaf.section`` so two leaves under
different substances are told apart (``Leaf.section_key``).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from lxml import etree

from ectd_builder.check.xmlsafe import XmlError, local_name, parse_file, stylesheet_href
from ectd_builder.jurisdiction import regional_folders
from ectd_builder.sequence.model import (
    SEQUENCE_RE,
    Application,
    Backbone,
    Envelope,
    Heading,
    Leaf,
    NodeExtension,
    ReadError,
    SequenceDoc,
    Target,
    regional_file,
)

_ROOT_REGION = {"fda-regional": "us", "eu-backbone": "eu", "cn_ectd": "cn", "jp-regional": "jp"}
_NON_HEADING = {"leaf", "title", "link-text", "xref", "node-extension"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_RELATED = {"eu": "related-sequence", "cn": "related-sequence", "us": ""}
_ENVELOPE_ROOT = {"eu": "envelope", "us": "admin", "cn": "cn-envelope"}


def _attrs(el: etree._Element) -> tuple[tuple[str, str], ...]:
    out = []
    for key, value in el.attrib.items():
        name = "xml:lang" if key == _XML_LANG else local_name(key)
        if name != "ID":
            out.append((name, str(value)))
    return tuple(sorted(out))


def _xlink(el: etree._Element, name: str) -> str | None:
    for key, value in el.attrib.items():
        if str(key).startswith("{") and "xlink" in str(key) and local_name(key) == name:
            return str(value)
    return None


def _line(el: etree._Element) -> int | None:
    return el.sourceline if isinstance(el.sourceline, int) else None


def _text_of(el: etree._Element, child: str) -> str | None:
    for sub in el:
        if local_name(sub.tag) == child:
            return "".join(str(t) for t in sub.itertext())
    return None


def _normalise(seq_name: str, base_dir: str, href: str) -> str | None:
    """``href`` relative to ``base_dir`` (in sequence ``seq_name``) -> path from the application folder."""
    if not href or href.startswith(("/", "\\")) or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or "\\" in href:
        return None
    joined = posixpath.normpath(posixpath.join(seq_name, base_dir, href))
    if joined.startswith("../") or joined == "..":
        return None
    return joined


def _target(seq_name: str, base_dir: str, raw: str) -> Target:
    path, _, frag = raw.partition("#")
    if not path:
        return Target(raw, None, None, frag or None)
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", path) or "\\" in path:
        return Target(raw, None, None, frag or None, outside=True)
    joined = posixpath.normpath(posixpath.join(seq_name, base_dir, path))
    if joined.startswith("../") or joined == "..":
        return Target(raw, None, None, frag or None, outside=True)
    seq, _, rest = joined.partition("/")
    return Target(raw, seq, rest or None, frag or None)


def _is_lowest(parent: etree._Element) -> bool:
    """No heading among the children (leaves belong only in the lowest-level heading)."""
    return not any(isinstance(c.tag, str) and local_name(c.tag) not in _NON_HEADING for c in parent)


def _walk_leaves(
    tree: etree._ElementTree, seq_name: str, backbone: str
) -> tuple[list[Leaf], list[NodeExtension], list[tuple[str, tuple[Heading, ...], int, int | None]]]:
    base_dir = posixpath.dirname(backbone)
    leaves: list[Leaf] = []
    exts: list[NodeExtension] = []
    headings: list[tuple[str, tuple[Heading, ...], int, int | None]] = []
    root = tree.getroot()

    def visit(el: etree._Element, section: tuple[Heading, ...], ext_titles: tuple[str, ...], envelope: bool) -> int:
        count = 0
        lowest = _is_lowest(el)  # once per element, not once per leaf: linear in leaves
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child.tag)
            if name == "leaf":
                leaves.append(_leaf(child, seq_name, base_dir, backbone, section, ext_titles, lowest))
                count += 1
            elif name == "node-extension":
                title = _text_of(child, "title")
                exts.append(NodeExtension(title, backbone, section, _line(child)))
                count += visit(child, section, (*ext_titles, title or ""), envelope)
            elif name in ("title", "link-text"):
                continue
            else:
                sub = (*section, Heading(name, _attrs(child)))
                inside = envelope or _in_envelope(name)  # envelope fields are not headings (FDA forms hold leaves)
                n = visit(child, sub, ext_titles, inside)
                if not inside:
                    headings.append((backbone, sub, n, _line(child)))
                count += n
        return count

    visit(root, (), (), False)
    return leaves, exts, headings


def _in_envelope(name: str) -> bool:
    return name in ("eu-envelope", "admin", "cn-envelope")


def _leaf(
    el: etree._Element,
    seq_name: str,
    base_dir: str,
    backbone: str,
    section: tuple[Heading, ...],
    ext_titles: tuple[str, ...],
    lowest: bool,
) -> Leaf:
    href = _xlink(el, "href")
    modified = el.get("modified-file")
    title = _text_of(el, "title")
    return Leaf(
        id=el.get("ID") or "",
        operation=el.get("operation") or "",
        href=href,
        file=_normalise(seq_name, base_dir, href) if href else None,
        checksum=el.get("checksum"),
        checksum_type=el.get("checksum-type"),
        title=title,
        modified_file=modified,
        target=_target(seq_name, base_dir, modified) if modified else None,
        backbone=backbone,
        section=section,
        node_extensions=ext_titles,
        lang=el.get(_XML_LANG),
        line=_line(el),
        in_lowest_heading=lowest,
        attributes=_attrs(el),
    )


def _backbone(tree: etree._ElementTree, path: str) -> Backbone:
    root = tree.getroot()
    name = local_name(root.tag)
    info = tree.docinfo
    return Backbone(
        path=path,
        root=name,
        dtd_version=root.get("dtd-version"),
        schema_version=root.get("schema-version"),
        doctype_system=info.system_url,  # type: ignore[attr-defined]  # lxml-stubs lacks DocInfo.system_url
        doctype_name=info.root_name if info.doctype else None,  # type: ignore[attr-defined]  # and .doctype
        stylesheet=stylesheet_href(tree),
        region=_ROOT_REGION.get(name),
        namespaces=tuple(sorted((k or "", v) for k, v in root.nsmap.items())),
    )


def _envelopes(tree: etree._ElementTree, region: str) -> tuple[Envelope, ...]:
    wanted = _ENVELOPE_ROOT.get(region)
    if not wanted:
        return ()
    out = []
    for el in tree.getroot().iter():
        if isinstance(el.tag, str) and local_name(el.tag) == wanted:
            out.append(_envelope(el, region))
    return tuple(out)


def _envelope(el: etree._Element, region: str) -> Envelope:
    fields: list[tuple[str, str]] = []
    attrs: list[tuple[str, str]] = []
    related: list[str] = []
    for sub in el.iter():
        if not isinstance(sub.tag, str):
            continue
        name = local_name(sub.tag)
        for key, value in sub.attrib.items():
            attrs.append((f"{name}@{local_name(key)}", str(value)))
        if len(sub) == 0 and sub is not el:
            text = (sub.text or "").strip()
            fields.append((name, text))
            if name == _RELATED.get(region):
                related.append(text)
    return Envelope(region, tuple(fields), tuple(attrs), tuple(related), _line(el))


def _find_regional(folder: Path, index_leaves: list[Leaf], seq_name: str) -> tuple[str | None, str | None]:
    """(region, regional backbone path relative to the sequence) from the m1 leaf, else the folder."""
    for lf in index_leaves:
        if lf.section and lf.section[0].element.startswith("m1-") and lf.file:
            rel = lf.file.partition("/")[2]
            m = re.match(r"^m1/([a-z]{2})/[^/]+\.xml$", rel)
            if m and lf.file.startswith(seq_name + "/"):
                return m.group(1), rel
    for region in regional_folders():
        if (folder / regional_file(region)).is_file():
            return region, regional_file(region)
    for lf in index_leaves:  # no regional backbone: the region of the m1/<region>/ files, if any
        m = re.match(r"^[^/]+/m1/([a-z]{2})/", lf.file or "")
        if lf.section and lf.section[0].element.startswith("m1-") and m and m.group(1) in regional_folders():
            return m.group(1), None
    return None, None


def read_sequence(folder: Path) -> SequenceDoc:
    """Read one sequence folder. Never raises on bad content; problems go to ``errors``."""
    folder = Path(folder)
    if (folder / "submissionunit.xml").is_file():  # eCTD v4.0 unit: mapped by the v4.0 reader
        from ectd_builder.sequence import v4_neutral

        return v4_neutral.sequence_doc(folder)
    name = folder.name
    errors: list[ReadError] = []
    leaves: list[Leaf] = []
    exts: list[NodeExtension] = []
    headings: list[tuple[str, tuple[Heading, ...], int, int | None]] = []
    index = regional = None
    envelopes: tuple[Envelope, ...] = ()

    tree, err = parse_file(folder / "index.xml")
    if err is not None:
        errors.append(_read_error("index.xml", err))
    elif tree is not None:
        index = _backbone(tree, "index.xml")
        lv, ex, hd = _walk_leaves(tree, name, "index.xml")
        leaves += lv
        exts += ex
        headings += hd
    region, regional_path = _find_regional(folder, leaves, name)
    if regional_path is not None:
        rtree, rerr = parse_file(folder / regional_path)
        if rerr is not None:
            errors.append(_read_error(regional_path, rerr))
        elif rtree is not None:
            regional = _backbone(rtree, regional_path)
            region = regional.region or region
            lv, ex, hd = _walk_leaves(rtree, name, regional_path)
            leaves += lv
            exts += ex
            headings += hd
            envelopes = _envelopes(rtree, region or "")
    return SequenceDoc(
        folder=folder,
        name=name,
        region=region,
        index=index,
        regional=regional,
        envelopes=envelopes,
        leaves=tuple(leaves),
        node_extensions=tuple(exts),
        headings=tuple(headings),
        errors=tuple(errors),
    )


def _read_error(path: str, err: XmlError) -> ReadError:
    return ReadError(path, err.kind, err.message, err.line)


def is_sequence_folder(folder: Path) -> bool:
    return (folder / "index.xml").is_file() or (folder / "submissionunit.xml").is_file()


def read_application(folder: Path) -> Application:
    """Read every ``NNNN`` sequence folder of an application, in sequence-number order."""
    folder = Path(folder)
    from ectd_builder.sequence import v4, v4_neutral

    if v4.is_v4_application(folder):  # eCTD v4.0 units
        return v4_neutral.application(folder)
    seqs = []
    others = []
    for child in sorted(folder.iterdir()) if folder.is_dir() else ():
        if not child.is_dir():
            continue
        if SEQUENCE_RE.match(child.name):
            seqs.append(read_sequence(child))
        else:
            others.append(child.name)
    return Application(folder, tuple(seqs), tuple(others))
