"""One ledger line: its fields, its canonical bytes and its hash.

A line is canonical JSON (keys sorted, ``,`` and ``:`` without spaces, ASCII only), so the same
inputs always give the same bytes. ``prev`` is the SHA-256 of the previous line's bytes (without
its newline); the first line's ``prev`` is :data:`GENESIS`, 64 zeros.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

LEDGER_FORMAT = 1
GENESIS = "0" * 64
LEDGER_NAME = "ledger.jsonl"
ACTIONS = ("build", "freeze")
# what a line may name: they become paths under submissions/ when verify reads the frozen files
JURISDICTION_RE = re.compile(r"^[a-z]{2,10}$")
SEQUENCE_RE = re.compile(r"^\d{4}$")

# field -> the JSON type every line must carry (``signature`` is optional, see ledger.signing)
FIELDS: dict[str, type] = {
    "ledger": int,
    "n": int,
    "action": str,
    "jurisdiction": str,
    "sequence": str,
    "files": dict,
    "dossier": dict,
    "tool": str,
    "at": str,
    "prev": str,
}


def canonical(data: Mapping[str, Any]) -> bytes:
    """The one byte form of a line (no newline)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def line_hash(raw: bytes) -> str:
    """The SHA-256 the next line records as its ``prev``."""
    return hashlib.sha256(raw).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def relative_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Every file under ``folder`` as (relative POSIX path, path), sorted by the relative path."""
    found = [(p.relative_to(folder).as_posix(), p) for p in folder.rglob("*") if p.is_file()]
    yield from sorted(found)


def file_digests(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file of a sequence, by relative path."""
    return {rel: file_sha256(path) for rel, path in relative_files(folder)}


def unsigned(data: Mapping[str, Any]) -> dict[str, Any]:
    """The line without its signature: the bytes a signature covers."""
    return {k: v for k, v in data.items() if k != "signature"}


def parse_line(raw: bytes) -> tuple[dict[str, Any] | None, str]:
    """The line's fields, or None and what is wrong with it."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return None, f"not JSON ({exc})"
    if not isinstance(data, dict):
        return None, "not a JSON object"
    for name, kind in FIELDS.items():
        if not isinstance(data.get(name), kind) or isinstance(data.get(name), bool):
            return None, f"field '{name}' is missing or not a {kind.__name__}"
    if data["action"] not in ACTIONS:
        return None, f"unknown action '{data['action']}'"
    if not JURISDICTION_RE.match(data["jurisdiction"]) or not SEQUENCE_RE.match(data["sequence"]):
        return None, f"'{data['jurisdiction']}' '{data['sequence']}' is not a jurisdiction and a sequence NNNN"
    if not all(isinstance(v, str) for v in data["files"].values()):
        return None, "field 'files' must map paths to SHA-256 strings"
    if canonical(data) != raw:
        return None, "not in the canonical form ectd writes (sorted keys, no spaces): edited by hand?"
    return data, ""
