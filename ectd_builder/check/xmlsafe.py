"""Parse untrusted backbone XML safely: no entity expansion, no network, no DTD loading, bounded size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ectd_builder.check.filekind import special_kind

# A real backbone is well under 10 MB (the largest EU sample is ~300 kB); anything bigger is refused.
MAX_XML_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class XmlError:
    """Why a backbone could not be read: ``kind`` is ``missing``, ``too-large``, ``unreadable`` or ``malformed``."""

    kind: str
    message: str
    line: int | None = None


def parser(*, remove_comments: bool = False, remove_pis: bool = False) -> etree.XMLParser:
    """A fresh hardened parser: no entity expansion, no network, no DTD loading or validation, no
    huge trees (lxml parsers are not thread-safe, so never share one). Comments and processing
    instructions are kept unless asked."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False,
        remove_comments=remove_comments, remove_pis=remove_pis,
    )  # fmt: skip


def parse_bytes(data: bytes) -> tuple[etree._ElementTree | None, XmlError | None]:
    """Parse ``data``; never raises on bad input."""
    if len(data) > MAX_XML_BYTES:
        return None, XmlError("too-large", f"{len(data)} bytes is over the {MAX_XML_BYTES} byte limit")
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        return None, XmlError("malformed", str(exc.msg or exc), line)
    except (ValueError, etree.LxmlError) as exc:
        return None, XmlError("malformed", str(exc))
    if root is None:
        return None, XmlError("malformed", "document has no root element")
    return root.getroottree(), None


def parse_file(path: Path) -> tuple[etree._ElementTree | None, XmlError | None]:
    """Read and parse ``path``; a missing, oversized or unreadable file is an :class:`XmlError`.

    A link, a FIFO or a device is never opened (``unreadable``), and at most ``MAX_XML_BYTES + 1``
    bytes are read, so a file that grows after its size was taken is still refused."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None, XmlError("missing", "file not found")
    except OSError as exc:
        return None, XmlError("unreadable", exc.strerror or str(exc))
    kind = special_kind(path)
    if kind is not None:
        return None, XmlError("unreadable", f"{kind}, not a regular file: not read")
    if size > MAX_XML_BYTES:
        return None, XmlError("too-large", f"{size} bytes is over the {MAX_XML_BYTES} byte limit")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_XML_BYTES + 1)
    except OSError as exc:
        return None, XmlError("unreadable", exc.strerror or str(exc))
    return parse_bytes(data)


def stylesheet_href(tree: etree._ElementTree) -> str | None:
    """The ``href`` of the ``xml-stylesheet`` processing instruction before the root, if any."""
    node = tree.getroot().getprevious()
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet":
            href = node.get("href")
            return href if href is not None else ""
        node = node.getprevious()
    return None


def local_name(tag: object) -> str:
    """``{ns}name`` or ``prefix:name`` reduced to ``name``; comments/PIs give ``""``."""
    if not isinstance(tag, str):
        return ""
    if tag.startswith("{"):
        return tag.split("}", 1)[1]
    return tag.rsplit(":", 1)[-1]
