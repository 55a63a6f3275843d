"""``ectd standards list|import|fetch`` output: the store's state and what an import or fetch did."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from ectd_builder.ectd.catalog import PACKAGES, catalog_entry
from ectd_builder.ectd.standards import FetchResult, ImportResult, StoreEntry
from ectd_builder.report.blocks import Line, line

_STATUS_STYLE = {"ok": "ok", "missing": "warning", "mismatch": "error"}


def store_json(store: Path, entries: Sequence[StoreEntry]) -> str:
    rows = [
        {
            "file": e.file.key,
            "status": e.status,
            "md5": e.file.md5,
            "checksum_source": e.file.checksum_source,
            "publisher": e.file.publisher,
            "url": e.file.url,
            "url_note": e.file.url_note,
            "package": _package(e.file.source_package),
            "member": e.file.member,
        }
        for e in entries
    ]
    return json.dumps({"store": str(store), "files": rows}, indent=2, ensure_ascii=False) + "\n"


def _package(name: str | None) -> dict[str, object] | None:
    package = PACKAGES.get(name or "")
    if package is None:
        return None
    return {"name": name, "url": package.url, "source": package.source, "verified": package.verified, "page": package.page}


def _pages(keys: Sequence[str]) -> list[str]:
    """The publishers' pages that offer the packages of ``keys`` (files without an address)."""
    pages: dict[str, None] = {}
    for key in keys:
        entry = catalog_entry(*key.split("/", 1))
        package = PACKAGES.get(entry.source_package or "") if entry is not None else None
        if package is not None and package.page:
            pages[package.page] = None
    return list(pages)


def store_lines(store: Path, entries: Sequence[StoreEntry], fix: str) -> Iterator[Line]:
    """One line per catalog file with its status, a count, and the fix command when files are missing."""
    yield line(f"standards store: {store}", "heading")
    for e in entries:
        yield line(f"  {e.status:<8} {e.file.key}  ({e.file.publisher}; md5 {e.file.md5})", _STATUS_STYLE[e.status])
    counts = {s: sum(1 for e in entries if e.status == s) for s in ("ok", "missing", "mismatch")}
    yield line(f"{counts['ok']} present, {counts['missing']} missing, {counts['mismatch']} with wrong bytes", "heading")
    if counts["ok"] < len(entries):
        yield line(f"  fix: {fix}", "dim")


def import_lines(result: ImportResult, src: Path, store: Path) -> Iterator[Line]:
    for key, reason in result.rejected:
        yield line(f"  rejected {key}: {reason}", "error")
    yield line(
        f"{len(result.imported)} imported, {len(result.unchanged)} already present, "
        f"{len(result.absent)} not in {src}, {len(result.rejected)} rejected -> {store}",
        "heading",
    )


def fetching_line(key: str) -> Line:
    return line(f"  fetching {key}")


def fetch_lines(result: FetchResult, store: Path) -> Iterator[Line]:
    for key, reason in result.failed:
        yield line(f"  failed {key}: {reason}", "error")
    if result.no_address:
        yield line(
            f"  {len(result.no_address)} file(s) have no official direct address (published only inside "
            "ZIP packages): use --base-url MIRROR or `ectd standards import DIR`",
            "warning",
        )
        for page in _pages(result.no_address):
            yield line(f"    the packages are offered on {page}", "dim")
    yield line(
        f"{len(result.fetched)} fetched, {len(result.unchanged)} already present, "
        f"{len(result.no_address)} without address, {len(result.failed)} failed -> {store}",
        "heading",
    )
