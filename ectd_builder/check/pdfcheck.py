"""PDF checks with pypdf (reference/ectd-spec.md section 4): version, security, active content,
fonts, bookmarks, links, page size. Works on bytes already read for hashing; never raises.

Structure: a PDF that pypdf opens only leniently (a cross-reference table, trailer or page tree
that its strict mode refuses) is ``structure-broken`` (check key ``pdf-unreadable``). Active
content (:mod:`.pdfactions`): JavaScript and actions that launch, open a web address, submit or
import form data by themselves, each its own finding code under the check key ``pdf-javascript``.
``ectd validate`` reports the findings of :data:`SAFETY_CODES` on attachments (rules ATT-PDF-*);
the rest are for ``ectd check``.

Links (ectd-spec 4.1 navigation, EU 16.BP2): every link is followed. An internal link's named
destination must be in the document's name tree (or /Dests) and an explicit destination must be
one of its pages; a link to another file (``GoToR``, or a ``URI`` that is a relative path) must
resolve inside its own sequence or an earlier sequence of the same application (like leaf
hrefs, ectd-spec 1.6 L9), the file must exist and a named destination in it must be defined
there. Each broken link is its own finding.
"""

from __future__ import annotations

import io
import posixpath
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pypdf import PageObject, PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

from ectd_builder.check.pdfactions import ACTIVE_CODES, ACTIVE_KEY, active_content, dictionary, resolve

ACCEPTED_VERSIONS = ("1.4", "1.5", "1.6", "1.7")
ACCEPTED_PDFA_PARTS = ("1", "2")
BOOKMARKS_OVER_PAGES = 5
# Largest portrait page that prints on both US Letter and A4, in points (1/72 in), plus tolerance.
MAX_PAGE_SHORT_SIDE = 612.0 + 2.0
MAX_PAGE_LONG_SIDE = 842.0 + 2.0
_MULTIMEDIA = {"/RichMedia", "/3D", "/Screen", "/Sound", "/Movie"}
_HEADER = re.compile(rb"%PDF-(\d\.\d)")
_PDFA_PART = re.compile(r"pdfaid:part\s*(?:=\s*[\"']|>)\s*(\d)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SEQUENCE = re.compile(r"^\d{4}$")
MAX_LINK_FINDINGS = 50  # per file; the rest are counted in one more finding


@dataclass(frozen=True)
class PdfFinding:
    key: str  # check key, mapped to criteria by the active pack
    message: str
    code: str = ""  # what was found, finer than the key (action-launch ...; not a check key); empty: the key

    @property
    def what(self) -> str:
        return self.code or self.key


# the findings that make a PDF unsafe or unreadable (errors at ectd validate)
SAFETY_CODES = ACTIVE_CODES | {"pdf-encrypted", "pdf-unreadable", "structure-broken", "pdf-version"}


def _array(value: Any) -> list[Any]:
    value = resolve(value)
    return list(value) if isinstance(value, ArrayObject) else []


class LinkTargets:
    """The files of one application folder that links may point to, and their named destinations.

    Shared by the scanning threads: each target PDF is read once (``destinations`` is cached).
    """

    def __init__(self, app: Path) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._dests: dict[str, frozenset[str] | None] = {}

    def exists(self, rel: str) -> bool:
        return (self.app / rel).is_file()

    def destinations(self, rel: str) -> frozenset[str] | None:
        """Named destinations of the PDF at ``rel``; None when it cannot be read as a PDF."""
        with self._lock:
            if rel in self._dests:
                return self._dests[rel]
        try:
            with (self.app / rel).open("rb") as fh:
                found: frozenset[str] | None = _named_destinations(PdfReader(fh, strict=False))
        except Exception:  # noqa: BLE001 - an unreadable target is reported by its own checks
            found = None
        with self._lock:
            self._dests[rel] = found
        return found


def check_pdf(
    data: bytes | BinaryIO, file_path: str | None = None, targets: LinkTargets | None = None
) -> list[PdfFinding]:
    """All PDF findings for ``data`` (bytes or a seekable binary file). ``file_path`` (POSIX,
    relative to the application folder) and ``targets`` let links to other files be resolved."""
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
    findings += _strict(stream)
    try:
        findings += _version(head, reader)
    except Exception as exc:  # noqa: BLE001
        findings.append(PdfFinding("pdf-unreadable", f"PDF catalog cannot be read: {_short(exc)}"))
    for part in (_catalog, _pages_findings):
        try:
            findings += part(reader, file_path, targets)
        except Exception as exc:  # noqa: BLE001
            findings.append(PdfFinding("pdf-unreadable", f"part of the PDF cannot be read: {_short(exc)}"))
    try:
        if pages > BOOKMARKS_OVER_PAGES and not reader.outline:
            findings.append(PdfFinding("pdf-bookmarks", f"{pages} pages but no bookmarks"))
    except Exception as exc:  # noqa: BLE001
        findings.append(PdfFinding("pdf-unreadable", f"PDF outline cannot be read: {_short(exc)}"))
    return findings


def _strict(stream: BinaryIO) -> list[PdfFinding]:
    """``structure-broken`` when pypdf's strict mode refuses the cross-reference table or trailer
    (a page tree the lenient reader cannot read either is already ``pdf-unreadable``)."""
    try:
        stream.seek(0)
        reader = PdfReader(stream, strict=True)
        reader.trailer["/Root"].get_object()
    except Exception as exc:  # noqa: BLE001 - the finding
        return [PdfFinding("pdf-unreadable", f"PDF structure is broken: {_short(exc)}", "structure-broken")]
    return []


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _version(head: bytes, reader: PdfReader | None) -> list[PdfFinding]:
    m = _HEADER.search(head)
    version = m.group(1).decode() if m else None
    if reader is not None:
        root = dictionary(reader.trailer.get("/Root"))
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
    root = dictionary(reader.trailer.get("/Root"))
    meta = resolve(root.get("/Metadata")) if root is not None else None
    if meta is None or not hasattr(meta, "get_data"):
        return None
    m = _PDFA_PART.search(meta.get_data()[:65536].decode("utf-8", "replace"))
    return m.group(1) if m else None


def _catalog(reader: PdfReader, _file: str | None, _targets: LinkTargets | None) -> list[PdfFinding]:
    out: list[PdfFinding] = []
    root = dictionary(reader.trailer.get("/Root")) or DictionaryObject()
    names = dictionary(root.get("/Names")) or DictionaryObject()
    out += [PdfFinding(ACTIVE_KEY, message, code) for code, message in active_content(reader)]
    if "/EmbeddedFiles" in names:
        out.append(PdfFinding("pdf-embedded-files", "PDF has embedded files (attachments)"))
    return out


def _annotations(page: DictionaryObject) -> Iterator[DictionaryObject]:
    for annot in _array(page.get("/Annots")):
        d = dictionary(annot)
        if d is not None:
            yield d


def _pages_findings(reader: PdfReader, file_path: str | None, targets: LinkTargets | None) -> list[PdfFinding]:
    found: dict[str, str] = {}  # key -> first message (one finding per key and file)
    links = _Links(reader, file_path, targets)
    missing_fonts: set[str] = set()
    for number, page in enumerate(reader.pages, start=1):
        _page_size(page, number, found)
        for annot in _annotations(page):
            _annotation(annot, number, links, found)
        missing_fonts |= _unembedded_fonts(page)
    out = [PdfFinding(k, v) for k, v in sorted(found.items())]
    if missing_fonts:
        out.append(PdfFinding("pdf-fonts", "fonts not embedded: " + ", ".join(sorted(missing_fonts)[:10])))
    return out + links.findings()


def _page_size(page: PageObject, number: int, found: dict[str, str]) -> None:
    box = page.mediabox
    w, h = abs(float(box.width)), abs(float(box.height))
    short, long_ = sorted((w, h))
    if short > MAX_PAGE_SHORT_SIDE or long_ > MAX_PAGE_LONG_SIDE:
        found.setdefault("pdf-page-size", f"page {number} is {w:.0f} x {h:.0f} pt, larger than Letter/A4")


def _annotation(annot: DictionaryObject, number: int, links: _Links, found: dict[str, str]) -> None:
    subtype = annot.get("/Subtype")
    if subtype == "/FileAttachment":
        found.setdefault("pdf-embedded-files", f"page {number} has a file attachment annotation")
    if subtype in _MULTIMEDIA:
        found.setdefault("pdf-multimedia", f"page {number} has {str(subtype)[1:]} content")
    action = dictionary(annot.get("/A")) or DictionaryObject()
    kind = action.get("/S")
    if kind == "/URI":
        target = str(resolve(action.get("/URI")) or "")
        if _relative(target):
            path, _, fragment = target.partition("#")
            links.remote(number, path, fragment or None)
        else:
            found.setdefault("pdf-external-links", f"page {number} links to an external resource: {target[:120]}")
    elif kind == "/Launch":
        target = _file_spec(action.get("/F"))
        found.setdefault("pdf-external-links", f"page {number} links to an external resource: {target[:120]}")
    elif kind == "/GoToR":
        target = _file_spec(action.get("/F"))
        if not _relative(target):
            found.setdefault("pdf-external-links", f"page {number} links to a file outside the submission: {target[:120]}")
        else:
            links.remote(number, target, _dest_name(action.get("/D")))
    elif kind == "/GoTo":
        links.internal(number, action.get("/D"))
    elif "/Dest" in annot:
        links.internal(number, annot.get("/Dest"))


def _relative(target: str) -> bool:
    """A relative path with / separators (no scheme, drive, leading slash or backslash)."""
    return bool(target) and not _SCHEME.match(target) and not target.startswith(("/", "\\")) and "\\" not in target


def _file_spec(spec: Any) -> str:
    spec = resolve(spec)
    if isinstance(spec, DictionaryObject):
        spec = resolve(spec.get("/UF") or spec.get("/F") or "")
    return str(spec or "")


def _dest_name(dest: Any) -> str | None:
    """The name of a named destination (name or string), None for an explicit [page ...] array."""
    dest = resolve(dest)
    if isinstance(dest, NameObject):
        return str(dest)[1:]
    if isinstance(dest, (TextStringObject, str, bytes)):
        return dest.decode("latin-1") if isinstance(dest, bytes) else str(dest)
    return None


def _named_destinations(reader: PdfReader) -> frozenset[str]:
    return frozenset(str(name).lstrip("/") for name in reader.named_destinations)


class _Links:
    """Follows the links of one PDF and keeps one finding per broken link."""

    def __init__(self, reader: PdfReader, file_path: str | None, targets: LinkTargets | None) -> None:
        self.reader = reader
        self.file_path = file_path
        self.targets = targets
        self.broken: list[str] = []
        self._names: frozenset[str] | None = None
        self._pages: frozenset[int] | None = None

    def findings(self) -> list[PdfFinding]:
        shown = [PdfFinding("pdf-broken-link", m) for m in self.broken[:MAX_LINK_FINDINGS]]
        if len(self.broken) > MAX_LINK_FINDINGS:
            more = len(self.broken) - MAX_LINK_FINDINGS
            shown.append(PdfFinding("pdf-broken-link", f"{more} more broken links not listed"))
        return shown

    def internal(self, number: int, dest: Any) -> None:
        name = _dest_name(dest)
        if name is not None:
            if self._names is None:
                self._names = _named_destinations(self.reader)
            if name not in self._names:
                self.broken.append(f"page {number} links to destination '{name}', which this PDF does not define")
            return
        target = _array(dest)
        page = target[0] if target else None
        if isinstance(page, IndirectObject):
            if self._pages is None:
                self._pages = frozenset(p.indirect_reference.idnum for p in self.reader.pages if p.indirect_reference)
            if page.idnum not in self._pages:
                self.broken.append(f"page {number} links to an object that is not a page of this PDF")
        elif not isinstance(page, int) or not 0 <= page < len(self.reader.pages):
            self.broken.append(f"page {number} has a link without a valid destination")

    def remote(self, number: int, target: str, name: str | None) -> None:
        if self.file_path is None or self.targets is None:
            return
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(self.file_path), target))
        own = self.file_path.split("/", 1)[0]
        into = resolved.split("/", 1)[0]
        if resolved == ".." or resolved.startswith("../"):
            self.broken.append(f"page {number} links to '{target}', outside the application")
        elif into != own and not (_SEQUENCE.match(into) and _SEQUENCE.match(own) and into < own):
            self.broken.append(
                f"page {number} links to '{target}' in {into}, which is not this or an earlier sequence"
            )
        elif not self.targets.exists(resolved):
            self.broken.append(f"page {number} links to '{target}', which does not exist")
        elif name is not None and resolved.lower().endswith(".pdf"):
            names = self.targets.destinations(resolved)
            if names is not None and name not in names:
                self.broken.append(f"page {number} links to '{target}#{name}', a destination that file does not define")


def _unembedded_fonts(page: DictionaryObject) -> set[str]:
    resources = dictionary(page.get("/Resources"))
    fonts = dictionary(resources.get("/Font")) if resources is not None else None
    missing: set[str] = set()
    for ref in (fonts or {}).values():
        font = dictionary(ref)
        if font is None or font.get("/Subtype") == "/Type3":
            continue
        if font.get("/Subtype") == "/Type0":
            desc_fonts = _array(font.get("/DescendantFonts"))
            font = dictionary(desc_fonts[0]) if desc_fonts else font
            if font is None:
                continue
        descriptor = dictionary(font.get("/FontDescriptor"))
        if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            missing.add(str(font.get("/BaseFont", "?")).lstrip("/"))
    return missing
