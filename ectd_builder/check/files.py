"""Checks on the files themselves: leaf files that are symbolic links, content that does not match
the extension (a PDF named ``.jpg``: the first bytes against the signatures the criteria give).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ectd_builder.check.context import SeqRun
from ectd_builder.check.filekind import refusal, special_kind

HEAD_BYTES = 64


def check_symlinks(run: SeqRun) -> None:
    """A leaf's file (or a folder on its way) must be a real file: links break on copy and transfer,
    a FIFO or a device is no document (and is never opened)."""
    folders: dict[Path, str | None] = {}
    for leaf in run.seq.leaves:
        if leaf.operation == "delete" or leaf.file is None or not leaf.file.startswith(run.name + "/"):
            continue
        why = refusal(run.app, leaf.file, folders)
        if why is not None and why != "is a folder":
            run.report(
                "file-symlink",
                f"leaf {leaf.id or '(no ID)'}: '{leaf.href}' {why}",
                run.in_seq(leaf.backbone),
                line=leaf.line,
                hint="copy the file itself into the sequence",
            )


def _signatures(params: Mapping[str, Any]) -> dict[str, tuple[bytes, ...]]:
    raw = params.get("signatures") or {}
    return {str(ext).lower(): tuple(bytes.fromhex(str(h)) for h in heads) for ext, heads in raw.items()}


def _head(path: Path) -> bytes | None:
    try:
        with path.open("rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError:
        return None


def check_contents(run: SeqRun, files: list[str]) -> None:
    """Each file in m1-m5 whose extension has known signatures starts with one of them."""
    for crit in run.crit.rules("file-content-mismatch"):
        signatures = _signatures(crit.params)
        for rel in files:
            if "/" not in rel or not rel.startswith(("m1/", "m2/", "m3/", "m4/", "m5/")):
                continue
            ext = rel.rsplit(".", 1)[-1].lower() if "." in rel.rsplit("/", 1)[-1] else ""
            heads = signatures.get(ext)
            path = run.seq.folder / rel
            if not heads or special_kind(path) is not None:  # a link, FIFO or device is never opened
                continue
            head = _head(path)
            if head and not any(head.startswith(h) for h in heads):
                run.report(
                    "file-content-mismatch",
                    f"'{rel}' is named .{ext} but its content does not start like a .{ext} file"
                    f" (first bytes {head[:8].hex()})",
                    run.in_seq(rel),
                    only=crit,
                )
