"""The standards store: official DTD/XSD/XSL files, found, verified, imported and fetched.

Layout of a store: ``<store>/<set>/<file>`` (the layout of ``shared/standards``). A file counts as
present only when its MD5 equals the published value in :mod:`ectd_builder.ectd.catalog`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ectd_builder.ectd import standards_zip
from ectd_builder.ectd.catalog import CATALOG, PACKAGES, SETS, UTIL_FILES, StandardFile, StandardPackage, catalog_entry
from ectd_builder.errors import EctdError

__all__ = [
    "CATALOG",
    "SETS",
    "UTIL_FILES",
    "FetchResult",
    "ImportResult",
    "StandardFile",
    "StoreEntry",
    "fetch",
    "fix_command",
    "import_dir",
    "list_store",
    "locate",
    "require",
    "resolve_store",
]

ENV_VAR = "ECTD_STANDARDS"
MAX_DOWNLOAD_BYTES = 5 * 1024 * 1024  # the largest official file is ~35 kB


@dataclass(frozen=True)
class StoreEntry:
    """State of one catalog file in a store: ``ok``, ``missing`` or ``mismatch`` (wrong bytes)."""

    file: StandardFile
    status: str
    path: Path


@dataclass
class ImportResult:
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (key, reason)


@dataclass
class FetchResult:
    fetched: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    no_address: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (key, reason)


def resolve_store(explicit: Path | None = None) -> Path:
    """``--standards`` > ``ECTD_STANDARDS`` > the user data directory ``ectd-builder/standards``."""
    if explicit is not None:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("ectd-builder", appauthor=False)) / "standards"


def md5_file(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _status(store: Path, entry: StandardFile) -> StoreEntry:
    path = store / entry.set_name / entry.file_name
    if not path.is_file():
        return StoreEntry(entry, "missing", path)
    return StoreEntry(entry, "ok" if md5_file(path) == entry.md5 else "mismatch", path)


def locate(store: Path, set_name: str, file_name: str) -> Path | None:
    """The file's path when it is present in the store with the published checksum, else None."""
    entry = catalog_entry(set_name, file_name)
    if entry is None:
        return None
    found = _status(Path(store), entry)
    return found.path if found.status == "ok" else None


def fix_command(store: Path, entry: StandardFile | None = None) -> str:
    """The command that puts the official files into ``store``."""
    target = f" --standards {store}" if store != resolve_store(None) else ""
    if entry is not None and entry.url:
        return f"ectd standards fetch{target}"
    return f"ectd standards import DIR{target}  (DIR = a folder with the official files, e.g. ../shared/standards)"


def require(store: Path, set_name: str, file_name: str) -> Path:
    """Like :func:`locate`, but raise :class:`EctdError` naming the command that fixes it."""
    entry = catalog_entry(set_name, file_name)
    if entry is None:
        raise EctdError(f"'{set_name}/{file_name}' is not a standards file this tool knows")
    found = _status(Path(store), entry)
    if found.status == "ok":
        return found.path
    what = "is missing from" if found.status == "missing" else "does not match the published checksum in"
    raise EctdError(f"standards file {entry.key} {what} the standards store {store}", hint=fix_command(Path(store), entry))


def require_all(store: Path, keys: list[str] | tuple[str, ...]) -> dict[str, Path]:
    """Verify several ``set/file`` keys at once; one error lists every missing file."""
    found: dict[str, Path] = {}
    missing: list[str] = []
    for key in keys:
        set_name, file_name = key.split("/", 1)
        path = locate(store, set_name, file_name)
        if path is None:
            missing.append(key)
        else:
            found[key] = path
    if missing:
        raise EctdError(
            f"standards store {store} lacks {len(missing)} verified file(s): {', '.join(missing)}",
            hint=fix_command(Path(store)),
        )
    return found


def list_store(store: Path) -> list[StoreEntry]:
    """Every catalog file with its state in ``store``, in catalog order."""
    return [_status(Path(store), entry) for entry in CATALOG]


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def import_dir(src: Path, store: Path) -> ImportResult:
    """Copy the catalog files found in ``src`` (same ``<set>/<file>`` layout) into ``store``.

    Only files whose bytes match the published checksum are copied; others are rejected.
    """
    src = Path(src)
    if not src.is_dir():
        raise EctdError(f"'{src}' is not a folder", hint="give the folder that holds <set>/<file>, e.g. ../shared/standards")
    result = ImportResult()
    for entry in CATALOG:
        source = src / entry.set_name / entry.file_name
        if not source.is_file():
            result.absent.append(entry.key)
            continue
        data = source.read_bytes()
        if hashlib.md5(data, usedforsecurity=False).hexdigest() != entry.md5:
            result.rejected.append((entry.key, "checksum differs from the published value"))
            continue
        if _status(Path(store), entry).status == "ok":
            result.unchanged.append(entry.key)
            continue
        _write_atomic(Path(store) / entry.set_name / entry.file_name, data)
        result.imported.append(entry.key)
    return result


def _download(url: str, timeout: float, limit: int = MAX_DOWNLOAD_BYTES) -> bytes:
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise ValueError(f"unsupported address scheme '{scheme}'")
    request = urllib.request.Request(url, headers={"User-Agent": "ectd-builder"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
        data = response.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"download larger than {limit} bytes, the most an official standards file or package takes")
    return data


def _address(entry: StandardFile, base_url: str | None) -> str | None:
    if base_url:
        return f"{base_url.rstrip('/')}/{urllib.parse.quote(entry.set_name)}/{urllib.parse.quote(entry.file_name)}"
    return entry.url


def _fetch_direct(store: Path, entry: StandardFile, url: str, timeout: float, result: FetchResult) -> None:
    try:
        data = _download(url, timeout)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        result.failed.append((entry.key, f"{url}: {exc}"))
        return
    if hashlib.md5(data, usedforsecurity=False).hexdigest() != entry.md5:
        result.failed.append((entry.key, f"{url}: downloaded bytes do not match the published checksum"))
        return
    _write_atomic(store / entry.set_name / entry.file_name, data)
    result.fetched.append(entry.key)


def fetch(
    store: Path,
    base_url: str | None = None,
    *,
    timeout: float = 30.0,
    progress: Callable[[str], None] | None = None,
    entries: Sequence[StandardFile] | None = None,
    packages: Mapping[str, StandardPackage] | None = None,
) -> FetchResult:
    """Download missing catalog files into ``store`` and verify them.

    Without ``base_url`` a file comes from its official address, or out of the publisher's ZIP
    package (each package downloaded once); with it, every file is taken from
    ``<base_url>/<set>/<file>`` (a mirror laid out like the store).
    """
    store = Path(store)
    result = FetchResult()
    zipped: list[StandardFile] = []
    for entry in CATALOG if entries is None else entries:
        if _status(store, entry).status == "ok":
            result.unchanged.append(entry.key)
            continue
        url = _address(entry, base_url)
        if url is None and entry.package:
            zipped.append(entry)
            continue
        if url is None:
            result.no_address.append(entry.key)
            continue
        if progress is not None:
            progress(entry.key)
        _fetch_direct(store, entry, url, timeout, result)
    if zipped:
        _fetch_zipped(store, zipped, PACKAGES if packages is None else packages, timeout, progress, result)
    return result


def _fetch_zipped(
    store: Path,
    entries: list[StandardFile],
    packages: Mapping[str, StandardPackage],
    timeout: float,
    progress: Callable[[str], None] | None,
    result: FetchResult,
) -> None:
    if progress is not None:
        for entry in entries:
            progress(entry.key)
    outcome = standards_zip.fetch_packages(entries, packages, lambda url, limit: _download(url, timeout, limit))
    for entry in entries:
        data = outcome.extracted.get(entry.key)
        if data is not None:
            _write_atomic(store / entry.set_name / entry.file_name, data)
            result.fetched.append(entry.key)
    result.failed.extend(outcome.failed)


def copy_util(store: Path, region: str, sequence_dir: Path) -> list[Path]:
    """Copy the region's util files from the store into ``sequence_dir``; returns the written paths."""
    written: list[Path] = []
    found = require_all(store, [key for key, _ in UTIL_FILES[region]])
    for key, rel in UTIL_FILES[region]:
        target = sequence_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(found[key], target)
        written.append(target)
    return written
