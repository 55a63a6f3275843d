"""PDF checks with pypdf (reference/ectd-spec.md section 4): version, security, active content,
fonts, bookmarks, links, page size. Works on bytes already read for hashing; never raises.
"""

from __future__ import annotations

import io
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

ACCEPTED_VERSIONS = ("1.4", "1.5", "1.6", "1.7")
ACCEPTED_PDFA_PARTS = ("1", "2")
BOOKMARKS_OVER_PAGES = 5
# Largest portrait page that prints on both US Letter and A4, in points (1/72 in), plus tolerance.
MAX_PAGE_SHORT_SIDE = 612.0 + 2.0
MAX_PAGE_LONG_SIDE = 842.0 + 2.0
_MULTIMEDIA = {"/RichMedia", "/3D", "/Screen", "/Sound", "/Movie"}
_HEADER = re.compile(rb"%PDF-(\d\.\d)")
_PDFA_PART = re.compile(r"pdfaid:part\s*(?:=\s*[\"']|>)\s*(\d)")


@dataclass(frozen=True)
class PdfFinding:
    key: str  # check key, mapped to criteria by the active pack
    message: str


def _obj(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _dict(value: Any) -> DictionaryObject | None:
    value = _obj(value)
    return value if isinstance(value, DictionaryObject) else None


def _array(value: Any) -> list[Any]:
    value = _obj(value)
    return list(value) if isinstance(value, ArrayObject) else []


def check_pdf(
    data: bytes | BinaryIO, file_path: str | None = None, exists: Callable[[str], bool] | None = None
) -> list[PdfFinding]:
    """All PDF findings for ``data`` (bytes or a seekable binary file). ``file_path`` (POSIX,
    relative) and ``exists`` let relative links to other files be resolved."""
    stream = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    try:
        head = stream.read(1024)
        stream.seek(0)
        reader = PdfReader(stream, strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # noqa: BLE001 - a malformed PDF is a finding, never a crash
        return [PdfFinding("pdf-unreadable", f"PDF cannot be opened: {_short(exc)}")]
    findings: list[PdfFinding] = []
    if encrypted:
        findings.append(PdfFinding("pdf-encrypted", "PDF is encrypted (security settings or password)"))
        return findings + _version(head, None)
    try:
        pages = len(reader.pages)
    except Exception as exc:  # noqa: BLE001
        return [PdfFinding("pdf-unreadable", f"PDF page tree cannot be read: {_short(exc)}")]
    if pages == 0:
        return [PdfFinding("pdf-unreadable", "PDF has no pages")]
    try:
        findings += _version(head, reader)
    except Exception as exc:  # noqa: BLE001
        findings.append(PdfFinding("pdf-unreadable", f"PDF catalog cannot be read: {_short(exc)}"))
    for part in (_catalog, _pages_findings):
        try:
            findings += part(reader, file_path, exists)
        except Exception as exc:  # noqa: BLE001
            findings.append(PdfFinding("pdf-unreadable", f"part of the PDF cannot be read: {_short(exc)}"))
    try:
        if pages > BOOKMARKS_OVER_PAGES and not reader.outline:
            findings.append(PdfFinding("pdf-bookmarks", f"{pages} pages but no bookmarks"))
    except Exception as exc:  # noqa: BLE001
        findings.append(PdfFinding("pdf-unreadable", f"PDF outline cannot be read: {_short(exc)}"))
    return findings


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _version(head: bytes, reader: PdfReader | None) -> list[PdfFinding]:
    m = _HEADER.search(head)
    version = m.group(1).decode() if m else None
    if reader is not None:
        root = _dict(reader.trailer.get("/Root"))
        declared = root.get("/Version") if root is not None else None
        if declared is not None and str(declared).lstrip("/") > (version or ""):
            version = str(declared).lstrip("/")
    if version in ACCEPTED_VERSIONS:
        return []
    if reader is not None and _pdfa_part(reader) in ACCEPTED_PDFA_PARTS:
        return []
    shown = version or "unknown (no %PDF- header)"
    return [PdfFinding("pdf-version", f"PDF version {shown} is not 1.4-1.7 (nor PDF/A-1/-2)")]


def _pdfa_part(reader: PdfReader) -> str | None:
    root = _dict(reader.trailer.get("/Root"))
    meta = _obj(root.get("/Metadata")) if root is not None else None
    if meta is None or not hasattr(meta, "get_data"):
        return None
    m = _PDFA_PART.search(meta.get_data()[:65536].decode("utf-8", "replace"))
    return m.group(1) if m else None


def _catalog(reader: PdfReader, _file: str | None, _exists: Callable[[str], bool] | None) -> list[PdfFinding]:
    out: list[PdfFinding] = []
    root = _dict(reader.trailer.get("/Root")) or DictionaryObject()
    names = _dict(root.get("/Names")) or DictionaryObject()
    if "/JavaScript" in names or "/AA" in root or _is_js(root.get("/OpenAction")):
        out.append(PdfFinding("pdf-javascript", "PDF contains document-level JavaScript or actions"))
    if "/EmbeddedFiles" in names:
        out.append(PdfFinding("pdf-embedded-files", "PDF has embedded files (attachments)"))
    return out


def _is_js(action: Any) -> bool:
    action = _dict(action)
    return action is not None and action.get("/S") == "/JavaScript"


def _annotations(page: DictionaryObject) -> Iterator[DictionaryObject]:
    for annot in _array(page.get("/Annots")):
        d = _dict(annot)
        if d is not None:
            yield d


def _pages_findings(reader: PdfReader, file_path: str | None, exists: Callable[[str], bool] | None) -> list[PdfFinding]:
    found: dict[str, str] = {}  # key -> first message (one finding per key and file)
    missing_fonts: set[str] = set()
    for number, page in enumerate(reader.pages, start=1):
        if "/AA" in page:
            found.setdefault("pdf-javascript", f"page {number} has additional actions (/AA)")
        _page_size(page, number, found)
        for annot in _annotations(page):
            _annotation(annot, number, file_path, exists, found)
        missing_fonts |= _unembedded_fonts(page)
    out = [PdfFinding(k, v) for k, v in sorted(found.items())]
    if missing_fonts:
        out.append(PdfFinding("pdf-fonts", "fonts not embedded: " + ", ".join(sorted(missing_fonts)[:10])))
    return out


def _page_size(page: DictionaryObject, number: int, found: dict[str, str]) -> None:
    box = page.mediabox
    w, h = abs(float(box.width)), abs(float(box.height))
    short, long_ = sorted((w, h))
    if short > MAX_PAGE_SHORT_SIDE or long_ > MAX_PAGE_LONG_SIDE:
        found.setdefault("pdf-page-size", f"page {number} is {w:.0f} x {h:.0f} pt, larger than Letter/A4")


def _annotation(
    annot: DictionaryObject,
    number: int,
    file_path: str | None,
    exists: Callable[[str], bool] | None,
    found: dict[str, str],
) -> None:
    subtype = annot.get("/Subtype")
    if subtype == "/FileAttachment":
        found.setdefault("pdf-embedded-files", f"page {number} has a file attachment annotation")
    if subtype in _MULTIMEDIA:
        found.setdefault("pdf-multimedia", f"page {number} has {str(subtype)[1:]} content")
    action = _dict(annot.get("/A")) or DictionaryObject()
    kind = action.get("/S")
    if kind == "/JavaScript" or "/AA" in annot:
        found.setdefault("pdf-javascript", f"page {number} has a JavaScript action")
    elif kind in ("/URI", "/Launch"):
        target = _obj(action.get("/URI")) if kind == "/URI" else _file_spec(action.get("/F"))
        found.setdefault("pdf-external-links", f"page {number} links to an external resource: {str(target)[:120]}")
    elif kind == "/GoToR":
        target = _file_spec(action.get("/F"))
        _remote_link(target, number, file_path, exists, found)


def _file_spec(spec: Any) -> str:
    spec = _obj(spec)
    if isinstance(spec, DictionaryObject):
        spec = _obj(spec.get("/UF") or spec.get("/F") or "")
    return str(spec or "")


def _remote_link(
    target: str, number: int, file_path: str | None, exists: Callable[[str], bool] | None, found: dict[str, str]
) -> None:
    if not target or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith(("/", "\\")) or "\\" in target:
        found.setdefault("pdf-external-links", f"page {number} links to a file outside the submission: {target[:120]}")
        return
    if file_path is None or exists is None:
        return
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(file_path), target))
    if not exists(resolved):
        found.setdefault("pdf-broken-link", f"page {number} links to '{target}', which does not exist")


def _unembedded_fonts(page: DictionaryObject) -> set[str]:
    resources = _dict(page.get("/Resources"))
    fonts = _dict(resources.get("/Font")) if resources is not None else None
    missing: set[str] = set()
    for _name, ref in (fonts or {}).items():
        font = _dict(ref)
        if font is None or font.get("/Subtype") == "/Type3":
            continue
        if font.get("/Subtype") == "/Type0":
            desc_fonts = _array(font.get("/DescendantFonts"))
            font = _dict(desc_fonts[0]) if desc_fonts else font
            if font is None:
                continue
        descriptor = _dict(font.get("/FontDescriptor"))
        if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            missing.add(str(font.get("/BaseFont", "?")).lstrip("/"))
    return missing
