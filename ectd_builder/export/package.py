"""The tech-transfer package: a dossier's process knowledge for a receiving site, confidential parts withheld.

The package folder holds ``dossier.yaml`` (the whole dossier in one file, with ``transfer:`` naming
the recipient, so that ``ectd validate`` accepts its placeholders) and ``manifest.json`` (the
withheld parts with the source file and line each came from, every file of the package with its
SHA-256, the source dossier's revision and the recipient) and ``documents/``: the process, controls,
specifications and methods rendered as PDF and HTML from the withheld view
(:mod:`ectd_builder.export.documents`). The ``transfer`` profile withholds the
confidential parts and every attachment (a PDF's content cannot be checked for withheld values);
``full`` withholds nothing and copies the attachments.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ectd_builder.dossier.confidential import WITHHELD_KEY, WithheldItem, WithheldView, withheld_view
from ectd_builder.dossier.loader import DOSSIER_FILE, LoadResult, load_dossier
from ectd_builder.ectd.atomic import discard, ensure_not_above, ensure_replaceable, publish, temp_dir
from ectd_builder.export.documents import PackageDocument, documents_of, render_documents
from ectd_builder.ledger.entry import file_sha256, relative_files
from ectd_builder.ledger.revision import dossier_revision
from ectd_builder.problems import Problem, Severity

PROFILES = ("transfer", "full")
MANIFEST = "manifest.json"
PACKAGE_FORMAT = "ectd-builder-transfer/1"
YAML_WIDTH = 1 << 20  # long texts stay on one line: a reader (and a search for a value) sees each whole
ATTACHMENT_REASON = "attachment: not part of a transfer package"


@dataclass(frozen=True)
class ExportResult:
    """What an export gave: the dossier's problems (nothing is written when it has errors) or the manifest."""

    problems: list[Problem]
    manifest: dict[str, Any] | None


def _relative(root: Path, shown: str | None) -> str | None:
    if shown is None:
        return None
    try:
        return Path(shown).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return shown


def _without_attachments(view: WithheldView, result: LoadResult) -> WithheldView:
    """The view with every attachment withheld as well (its id kept, so references still resolve)."""
    data = dict(view.data)
    items = list(view.items)
    kept = []
    for i, entry in enumerate(data.get("attachments") or []):
        if WITHHELD_KEY not in entry:
            file, line, _ = result.locate(("attachments", i))
            items.append(WithheldItem(file, line, str(entry.get("id")), ATTACHMENT_REASON, ("attachments", i)))
            entry = {"id": entry.get("id"), WITHHELD_KEY: ATTACHMENT_REASON}
        kept.append(entry)
    data["attachments"] = kept
    return WithheldView(data, items, view.hidden_ids)


def _view(result: LoadResult, profile: str, on: dt.date) -> WithheldView:
    if profile == "full":
        return WithheldView(dict(result.data), [], [])
    assert result.index is not None  # a loaded dossier without errors has its index
    return _without_attachments(withheld_view(result.data, result.index, result.positions, on), result)


def _revision_text(revision: dict[str, Any]) -> str:
    if "git" in revision:
        return f"git:{revision['git']}" + ("+uncommitted" if revision.get("dirty") else "")
    return f"sha256:{revision['sha256']}"


def _package_yaml(view: WithheldView, recipient: str, profile: str, revision: str) -> str:
    data = {k: v for k, v in view.data.items() if k != "include"}
    data["transfer"] = {"recipient": recipient, "profile": profile, "source_revision": revision}
    head = (
        f"# Tech-transfer package for {recipient} ({profile} profile), written by 'ectd export'.\n"
        f"# {len(view.items)} parts withheld: manifest.json lists each with the source file and line.\n"
    )
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=YAML_WIDTH)


def _copy_attachments(result: LoadResult, target: Path) -> None:
    for entry in result.data.get("attachments") or []:
        source = result.root / entry["file"]
        (target / entry["file"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / entry["file"])


def _manifest(result: LoadResult, view: WithheldView, folder: Path, meta: dict[str, Any]) -> dict[str, Any]:
    withheld = [{"file": _relative(result.root, i.file), "line": i.line, "id": i.id, "reason": i.reason} for i in view.items]
    files = [{"path": rel, "sha256": file_sha256(path), "bytes": path.stat().st_size} for rel, path in relative_files(folder)]
    return {"format": PACKAGE_FORMAT, **meta, "withheld": withheld, "files": files}


def _documents(result: LoadResult, view: WithheldView, profile: str) -> tuple[list[PackageDocument], list[Problem]]:
    """The rendered documents: from the withheld view, or (full profile, nothing withheld) the dossier."""
    if profile == "full":
        assert result.dossier is not None  # a loaded dossier without errors has its model
        return documents_of(result.dossier)
    return render_documents(view)


def _write_documents(documents: list[PackageDocument], folder: Path) -> None:
    for doc in documents:
        (folder / doc.path).parent.mkdir(parents=True, exist_ok=True)
        (folder / doc.path).write_bytes(doc.data)


def export_package(dossier: Path, recipient: str, out: Path, *, profile: str = "transfer", on: dt.date) -> ExportResult:
    """Write the package for ``recipient`` to ``out`` (replaced whole when it is an earlier package).

    ``on`` decides which ``until`` dates have passed. Refuses (OutputBlocked) an ``out`` that holds
    the dossier or other files; returns the dossier's problems, writing nothing, when it has errors.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}")
    result = load_dossier(dossier)
    if not result.ok:
        return ExportResult(result.problems, None)
    ensure_not_above(out, result.root, "the package folder")
    ensure_replaceable(out, (MANIFEST,), "the package folder")
    view = _view(result, profile, on)
    documents, found = _documents(result, view, profile)
    if any(p.severity is Severity.ERROR for p in found):
        return ExportResult(result.problems + found, None)
    revision = dossier_revision(result.root)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_dir(out)
    try:
        (tmp / DOSSIER_FILE).write_text(_package_yaml(view, recipient, profile, _revision_text(revision)), encoding="utf-8")
        if profile == "full":
            _copy_attachments(result, tmp)
        _write_documents(documents, tmp)
        meta = {"recipient": recipient, "profile": profile, "source": {"dossier": result.root.name, "revision": revision}}
        manifest = _manifest(result, view, tmp, meta)
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        publish(tmp, out)
    except BaseException:
        discard(tmp)
        raise
    return ExportResult(result.problems + found, manifest)
