"""Fixtures of the ledger tests: a dossier folder with a frozen history written through the ledger
core (real files in tmp_path, no renderer), and Ed25519 key files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from ectd_builder.ledger import append_event

AT = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

Freeze = Callable[..., Path]


def writable(path: Path) -> None:
    """Give the write bits back to a frozen (read-only) file or folder, the way a person tampering would."""
    os.chmod(path, stat.S_IMODE(os.lstat(path).st_mode) | 0o200)


def _read_only(folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        os.chmod(path, stat.S_IMODE(os.lstat(path).st_mode) & ~0o222)


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "dossier.yaml").write_text("product: {name: Test}\n", encoding="utf-8")
    return folder


@pytest.fixture()
def freeze(root: Path) -> Freeze:
    """Build (ledger line ``build``) and freeze (line ``freeze``) a sequence with a PDF and an index."""

    def run(jurisdiction: str, sequence: str, *, key: Path | None = None) -> Path:
        built = root / "build" / jurisdiction / sequence
        (built / "m3" / "32-body-data").mkdir(parents=True)
        (built / "index.xml").write_text(f"<ectd sequence='{sequence}'/>\n", encoding="utf-8")
        (built / "m3" / "32-body-data" / "spec.pdf").write_bytes(PDF + sequence.encode())
        append_event(root, "build", jurisdiction, sequence, built, key=key, now=AT)
        target = root / "submissions" / jurisdiction / sequence
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(built, target)
        _read_only(target)
        append_event(root, "freeze", jurisdiction, sequence, target, key=key, now=AT)
        return target

    return run


def _write_key(folder: Path) -> tuple[Path, Path]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

    key = Ed25519PrivateKey.generate()
    private, public = folder / "key.pem", folder / "key.pub.pem"
    private.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo))
    return private, public


@pytest.fixture()
def keys(tmp_path: Path) -> tuple[Path, Path]:
    """A sponsor's Ed25519 key pair as PEM files: (private, public)."""
    folder = tmp_path / "sponsor"
    folder.mkdir()
    return _write_key(folder)


@pytest.fixture()
def other_keys(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "other"
    folder.mkdir()
    return _write_key(folder)
