"""Read each file once, in parallel: MD5, size and (for PDFs) the PDF checks on the same open file.

hashlib releases the GIL while hashing, so threads use every core for the MD5 work; the pypdf
checks of one file run in the same worker while the others keep hashing.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from io import BufferedReader
from pathlib import Path

from ectd_builder.check.pdfcheck import LinkTargets, PdfFinding, check_pdf

CHUNK = 4 * 1024 * 1024
_local = threading.local()

FileProgress = Callable[[int, int, str], None]  # (files done, files in all, the file just done)


@dataclass(frozen=True)
class FileScan:
    rel: str  # POSIX path relative to the application folder
    size: int | None = None
    md5: str | None = None
    error: str | None = None  # unreadable
    pdf: tuple[PdfFinding, ...] | None = None  # None: not a PDF (or empty)


def _buffer() -> bytearray:
    """One reusable read buffer per thread: no per-file allocation (which serialises threads)."""
    buf = getattr(_local, "buf", None)
    if buf is None:
        buf = _local.buf = bytearray(CHUNK)
    return buf


def _md5(fh: BufferedReader) -> tuple[str, int]:
    digest = hashlib.md5(usedforsecurity=False)
    buf = _buffer()
    view = memoryview(buf)
    size = 0
    while n := fh.readinto(buf):
        digest.update(view[:n])  # releases the GIL: other threads hash meanwhile
        size += n
    return digest.hexdigest(), size


def scan_file(path: Path, rel: str, pdf: bool, targets: LinkTargets | None) -> FileScan:
    """Hash one file; for a PDF, then run the PDF checks on the same open file.

    The bulk of the bytes is read once, for MD5; pypdf then seeks to the cross-reference table and
    the few objects it inspects (already in the page cache), never decoding content streams.
    """
    try:
        with path.open("rb") as fh:
            md5, size = _md5(fh)
            findings = None
            if pdf and size:
                fh.seek(0)
                findings = tuple(check_pdf(fh, rel, targets))
    except OSError as exc:
        return FileScan(rel, error=exc.strerror or str(exc))
    return FileScan(rel, size, md5, pdf=findings)


def scan_files(
    items: Iterable[tuple[Path, str, bool]],
    targets: LinkTargets | None = None,
    workers: int | None = None,
    progress: FileProgress | None = None,
) -> dict[str, FileScan]:
    """Scan ``(path, rel, is_pdf)`` items in parallel; result keyed by ``rel``, in ``rel`` order
    (whichever thread finishes first). ``progress`` is called in the calling thread after each file."""
    todo = sorted(items, key=lambda t: (-_size(t[0]), t[1]))  # biggest first: better load balance
    if not todo:
        return {}
    n = workers or min(32, os.cpu_count() or 1)
    found: dict[str, FileScan] = {}
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="ectd-scan") as pool:
        futures = [pool.submit(scan_file, path, rel, pdf, targets) for path, rel, pdf in todo]
        for done, future in enumerate(as_completed(futures), start=1):
            scan = future.result()
            found[scan.rel] = scan
            if progress is not None:
                progress(done, len(todo), scan.rel)
    return {rel: found[rel] for rel in sorted(found)}


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
