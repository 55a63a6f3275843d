"""Take standards files out of a publisher's ZIP package: bounded, inside-the-store, checksum-verified.

Pure: the caller passes the download function and writes the returned bytes itself.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ectd_builder.ectd.catalog import StandardFile, StandardPackage

MAX_PACKAGE_BYTES = 64 * 1024 * 1024  # the ICH specification package is a few MB
MAX_MEMBER_BYTES = 5 * 1024 * 1024  # the largest official file is ~35 kB


@dataclass
class PackageOutcome:
    """Bytes of the members that verified (key -> bytes) and the ones that did not (key, reason)."""

    extracted: dict[str, bytes] = field(default_factory=dict)
    failed: list[tuple[str, str]] = field(default_factory=list)


def unsafe_name(name: str) -> bool:
    """True for a member path that could point outside the folder it is extracted to."""
    if not name or "\\" in name or name.startswith("/") or ":" in name.split("/", 1)[0]:
        return True
    return ".." in PurePosixPath(name).parts


def _read_member(archive: zipfile.ZipFile, entry: StandardFile) -> bytes:
    member = entry.member or ""
    if unsafe_name(member):
        raise ValueError(f"member path '{member}' points outside the package")
    try:
        info = archive.getinfo(member)
    except KeyError:
        raise ValueError(f"package has no member '{member}'") from None
    if info.file_size > MAX_MEMBER_BYTES:
        raise ValueError(f"member '{member}' is larger than any official standards file")
    with archive.open(info) as fh:
        data = fh.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise ValueError(f"member '{member}' expands beyond its declared size")
    if hashlib.md5(data, usedforsecurity=False).hexdigest() != entry.md5:
        raise ValueError(f"member '{member}' does not match the published checksum")
    return data


def extract(archive_bytes: bytes, entries: Sequence[StandardFile], label: str) -> PackageOutcome:
    """Verify and return the named members of one ZIP; a package with unsafe paths yields nothing."""
    outcome = PackageOutcome()
    try:
        archive = zipfile.ZipFile(io.BytesIO(archive_bytes))
    except zipfile.BadZipFile as exc:
        outcome.failed.extend((e.key, f"{label}: not a ZIP package ({exc})") for e in entries)
        return outcome
    with archive:
        bad = [n for n in archive.namelist() if unsafe_name(n)]
        for entry in entries:
            if bad:
                outcome.failed.append((entry.key, f"{label}: package holds a path outside itself ('{bad[0]}')"))
                continue
            try:
                outcome.extracted[entry.key] = _read_member(archive, entry)
            except (ValueError, zipfile.BadZipFile, OSError) as exc:
                outcome.failed.append((entry.key, f"{label}: {exc}"))
    return outcome


def fetch_packages(
    entries: Sequence[StandardFile],
    packages: Mapping[str, StandardPackage],
    download: Callable[[str, int], bytes],
) -> PackageOutcome:
    """Download each package named by ``entries`` once and extract the members they name."""
    outcome = PackageOutcome()
    groups: dict[str, list[StandardFile]] = {}
    for entry in entries:
        groups.setdefault(entry.package or "", []).append(entry)
    for name, group in groups.items():
        package = packages.get(name)
        if package is None:
            outcome.failed.extend((e.key, f"unknown package '{name}'") for e in group)
            continue
        if package.url is None:
            where = f": download it from {package.page} and run 'ectd standards import DIR'" if package.page else ""
            outcome.failed.extend((e.key, f"no download address known for package '{name}'{where}") for e in group)
            continue
        try:
            data = download(package.url, MAX_PACKAGE_BYTES)
        except (OSError, ValueError) as exc:
            outcome.failed.extend((e.key, f"{package.url}: {exc}") for e in group)
            continue
        part = extract(data, group, package.url)
        outcome.extracted.update(part.extracted)
        outcome.failed.extend(part.failed)
    return outcome
