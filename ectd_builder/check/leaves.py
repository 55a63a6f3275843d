"""Checks on each leaf and heading: attributes by operation, files, checksums, titles, placement."""

from __future__ import annotations

import re
from pathlib import Path

from ectd_builder.check.context import SeqRun
from ectd_builder.check.lowest import is_lowest
from ectd_builder.sequence.model import Leaf

CHECKSUM_TYPES = ("md5", "MD5")
NEEDS_HREF = ("new", "replace", "append")
NEEDS_TARGET = ("replace", "append", "delete")
_SECTION_NUMBER = re.compile(r"^\s*\d+(\.[0-9A-Za-z]+)+\b")
_KEYED = ("substance", "manufacturer", "product-name", "dosageform", "excipient", "indication")


def check_leaf_attributes(run: SeqRun) -> None:
    for leaf in run.seq.leaves:
        label = f"leaf {leaf.id or '(no ID)'}"
        op = leaf.operation
        if leaf.checksum_type is not None and leaf.checksum_type not in CHECKSUM_TYPES and op != "delete":
            run.report_at(leaf, "leaf-checksum-type", f"{label}: checksum-type '{leaf.checksum_type}' is not md5")
        if not (leaf.title or "").strip():
            run.report_at(leaf, "leaf-title-empty", f"{label}: title is empty")
        if op in NEEDS_HREF and not leaf.href:
            run.report_at(leaf, "leaf-href-missing", f"{label}: operation '{op}' without xlink:href")
        if op == "delete" and leaf.href:
            run.report_at(leaf, "leaf-delete-href", f"{label}: delete leaf has xlink:href '{leaf.href}'")
        if op in NEEDS_TARGET and not leaf.modified_file:
            run.report_at(leaf, "leaf-modified-file-missing", f"{label}: operation '{op}' without modified-file")
        if op == "new" and leaf.modified_file:
            run.report_at(leaf, "leaf-new-modified-file", f"{label}: new leaf has modified-file '{leaf.modified_file}'")
        if not _in_lowest(run, leaf):
            run.report_at(leaf, "leaf-not-lowest", f"{label}: leaf in '{leaf.section_path}', which is not a lowest-level heading")
        if leaf.href and leaf.file is None and op != "delete":
            key = (
                "leaf-cross-application"
                if _escapes(leaf.href) and run.applies("leaf-cross-application")
                else "leaf-href-not-relative"
            )
            run.report_at(leaf, key, f"{label}: xlink:href '{leaf.href}' is not a relative path inside the application")
        _title_rules(run, leaf, label)


def _in_lowest(run: SeqRun, leaf: Leaf) -> bool:
    """By the DTD's content model when known (a heading that may hold headings is not lowest), else
    by the headings present in the backbone."""
    model = run.heading_models.get(leaf.backbone)
    if model is not None and leaf.section:
        judged = is_lowest(model, leaf.section[-1].element)
        if judged is not None:
            return judged
    return leaf.in_lowest_heading


def _escapes(href: str) -> bool:
    return href.startswith("..") and "\\" not in href and ":" not in href


def _title_rules(run: SeqRun, leaf: Leaf, label: str) -> None:
    title = leaf.title or ""
    for crit in run.crit.rules("leaf-title-length"):
        limit = int(crit.params["max"])
        if len(title) > limit:
            run.report_at(leaf, "leaf-title-length", f"{label}: title is {len(title)} characters, over {limit}", only=crit)
    if _SECTION_NUMBER.match(title):
        run.report_at(leaf, "leaf-title-section-number", f"{label}: title '{title[:60]}' starts with a section number")
    if title != title.strip():
        run.report_at(leaf, "title-whitespace", f"{label}: title has leading or trailing spaces")
    for name, value in leaf.keys.items():
        if name in _KEYED and value != value.strip():
            run.report_at(leaf, "title-whitespace", f"{label}: attribute {name}='{value}' has leading or trailing spaces")


def check_leaf_files(run: SeqRun) -> None:
    """Every referenced file exists (here or in an earlier sequence) and has the stated MD5."""
    app = run.app
    for leaf in run.seq.leaves:
        if leaf.operation == "delete" or leaf.file is None:
            continue
        label = f"leaf {leaf.id or '(no ID)'}"
        seq_name = leaf.file.split("/", 1)[0]
        if seq_name != run.name and not _earlier(run, seq_name):
            run.report_at(
                leaf,
                "leaf-file-missing",
                f"{label}: '{leaf.href}' points into sequence '{seq_name}', which is not this or an earlier sequence",
            )
            continue
        scan = run.scans.get(leaf.file)
        if scan is None:
            if not (app / leaf.file).is_file():
                run.report_at(leaf, "leaf-file-missing", f"{label}: file '{leaf.href}' does not exist")
            continue
        if scan.error:
            run.skip(f"checksum of {run.display(leaf.file)}", f"file unreadable: {scan.error}", rel_app=leaf.file)
        elif not leaf.checksum:
            run.report_at(leaf, "leaf-checksum", f"{label}: no checksum for '{leaf.href}'")
        elif scan.md5 != leaf.checksum.strip().lower():
            run.report_at(
                leaf, "leaf-checksum", f"{label}: checksum {leaf.checksum} differs from the MD5 of '{leaf.href}' ({scan.md5})"
            )


def _earlier(run: SeqRun, seq_name: str) -> bool:
    return bool(re.match(r"^\d{4}$", seq_name)) and run.number is not None and seq_name < run.number


def check_node_extensions(run: SeqRun) -> None:
    for ext in run.seq.node_extensions:
        if not (ext.title or "").strip():
            run.report_at(ext, "nodeext-title-empty", "node-extension has an empty title")
        run.report_at(ext, "nodeext-present", f"node-extension '{ext.title}' (not accepted by this region)")
        section = "/".join(h.element for h in ext.section)
        if run.applies("nodeext-not-allowed") and not _cn_node_ext_ok(run, section):
            run.report_at(
                ext, "nodeext-not-allowed", f"node-extension '{ext.title}' in '{section}' (allowed only in 3.2.R for biologics)"
            )


def _cn_node_ext_ok(run: SeqRun, section: str) -> bool:
    biologic = any(env.attr("product-type@code") == "cnprt2" for env in run.seq.envelopes)
    return biologic and section.endswith("m3-2-r-regional-information")


def check_headings(run: SeqRun) -> None:
    if not run.applies("heading-empty"):
        return
    for backbone, section, count, line in run.seq.headings:
        if count == 0 and section and not section[-1].element.startswith(("m1-administrative", "cn-content")):
            run.report("heading-empty", f"heading '{section[-1].label()}' holds no leaf", run.in_seq(backbone), line=line)


def pdf_items(run: SeqRun) -> list[tuple[Path, str, bool]]:
    """(path, rel to application, is_pdf) for every existing file the leaves of this sequence use."""
    out: dict[str, tuple[Path, str, bool]] = {}
    root = run.app.resolve()
    folders: dict[Path, Path] = {}  # folder -> its resolved path: one realpath per folder, not per leaf
    for leaf in run.seq.leaves:
        if leaf.operation == "delete" or leaf.file is None or leaf.file in out:
            continue
        path = run.app / leaf.file
        try:
            if not path.is_file() or not _resolved(path, folders).is_relative_to(root):
                continue
        except OSError:
            continue
        in_this = leaf.file.startswith(run.name + "/")
        out[leaf.file] = (path, leaf.file, in_this and leaf.file.lower().endswith(".pdf"))
    return list(out.values())


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """``path.resolve()``, with the resolved folder shared by every file in it (a link resolves itself)."""
    if path.is_symlink() or path.name in ("", ".", ".."):
        return path.resolve()
    parent = path.parent
    if parent not in folders:
        folders[parent] = parent.resolve()
    return folders[parent] / path.name
