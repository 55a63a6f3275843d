"""Checks on the sequence folder itself: backbone files, util files, names, lengths, stray files."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

from ectd_builder.check.context import SeqRun
from ectd_builder.check.filekind import file_hexdigest, read_head
from ectd_builder.ectd.catalog import catalog_entry
from ectd_builder.jurisdiction import regional_folders
from ectd_builder.sequence.model import SEQUENCE_RE, regional_file

ROOT_FILES = ("index.xml", "index-md5.txt")
MODULE_FOLDERS = ("m1", "m2", "m3", "m4", "m5")
ICH_DOCTYPE = "util/dtd/ich-ectd-3-2.dtd"
ICH_STYLESHEET = "util/style/ectd-2-0.xsl"

# Role -> (path in the sequence, store set, file). "{v}" is the declared regional dtd-version.
UTIL_FILES: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "common": (
        ("ich-dtd", "util/dtd/ich-ectd-3-2.dtd", "ich-ectd-3.2", "ich-ectd-3-2.dtd"),
        ("ich-xsl", "util/style/ectd-2-0.xsl", "ich-ectd-3.2", "ectd-2-0.xsl"),
    ),
    "eu": (
        ("regional-dtd", "util/dtd/eu-regional.dtd", "eu-m1-{v}", "eu-regional.dtd"),
        ("eu-envelope", "util/dtd/eu-envelope.mod", "eu-m1-{v}", "eu-envelope.mod"),
        ("eu-leaf", "util/dtd/eu-leaf.mod", "eu-m1-{v}", "eu-leaf.mod"),
        ("regional-xsl", "util/style/eu-regional.xsl", "eu-m1-{v}", "eu-regional.xsl"),
    ),
    "cn": (("regional-dtd", "util/dtd/cn-regional-1-0.xsd", "cn-m1-1.0", "cn-regional-1-0.xsd"),),
    # FDA: us-regional.xml points at FDA's web address (M1 spec >= 2.0); a local copy is optional.
    "us": (),
    "jp": (),
}
OPTIONAL_UTIL: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "us": (("regional-dtd", "util/dtd/us-regional-v3-3.dtd", "fda-m1-3.3", "us-regional-v3-3.dtd"),),
}


def check_folder_name(run: SeqRun) -> None:
    if not SEQUENCE_RE.match(run.name):
        hint = f"rename the folder to the sequence number ({run.number})" if run.number else None
        run.report("seq-folder-name", f"sequence folder '{run.name}' is not a four-digit number", run.name, hint=hint)


def check_backbone_files(run: SeqRun) -> None:
    """index.xml / regional backbone presence and well-formedness, DOCTYPE and stylesheet refs."""
    seq = run.seq
    for err in seq.errors:
        which = "index" if err.file == "index.xml" else "regional"
        rel = run.in_seq(err.file)
        if err.kind == "missing":
            run.report(f"{which}-missing", f"{err.file} is missing", rel)
        elif err.kind == "unreadable":
            run.skip(f"read {run.display(rel)}", f"file unreadable: {err.message}", rel_app=rel)
        else:
            run.report(f"{which}-malformed", f"{err.file} is not well-formed XML: {err.message}", rel, line=err.line)
    if seq.index is not None:
        stated = (
            ("index-doctype", "DOCTYPE system id", seq.index.doctype_system, ICH_DOCTYPE),
            ("index-stylesheet", "stylesheet", seq.index.stylesheet, ICH_STYLESHEET),
        )
        for code, what, value, expected in stated:
            if value != expected:
                run.report(code, f"{what} is '{value}', expected '{expected}'", run.in_seq("index.xml"), line=1)
    if seq.index is not None and seq.regional is None and not any(e.file != "index.xml" for e in seq.errors):
        region = run.region
        if region == "jp":
            run.skip(
                f"regional backbone of {run.display(run.name)}",
                "no jp-regional.xml; the Japanese regional Module 1 schema and specification are not available to this tool",
            )
        elif region in regional_folders():
            run.report(
                "regional-missing",
                f"no regional Module 1 backbone ({regional_file(region)})",
                run.in_seq(regional_file(region)),
            )
        elif region is None:
            run.skip(
                f"regional backbone of {run.display(run.name)}",
                "no m1 leaf points to a regional backbone and no m1/<region>/<region>-regional.xml exists; region unknown",
                "give --region us|eu|jp|cn",
            )
    if seq.regional is not None and run.region in regional_folders() and seq.regional.region not in (None, run.region):
        expected = regional_file(run.region)
        run.report(
            "regional-missing",
            f"region {run.region} expects {expected}; this sequence has {seq.regional.path}",
            run.in_seq(expected),
        )
    if seq.regional is not None:
        _regional_refs(run)


def _regional_refs(run: SeqRun) -> None:
    bb = run.seq.regional
    assert bb is not None
    rel = run.in_seq(bb.path)
    for crit in run.crit.rules("regional-doctype"):
        expected = crit.params.get("expected")
        if expected and bb.doctype_system != expected:
            run.report(
                "regional-doctype",
                f"DOCTYPE system id is '{bb.doctype_system}', expected '{expected}'",
                rel,
                line=1,
                only=crit,
            )
    for crit in run.crit.rules("regional-stylesheet"):
        expected = crit.params.get("expected")
        if expected and bb.stylesheet != expected:
            run.report(
                "regional-stylesheet", f"stylesheet is '{bb.stylesheet}', expected '{expected}'", rel, line=1, only=crit
            )
    for crit in run.crit.rules("regional-version"):
        accepted = [str(v) for v in crit.params.get("accepted", [])]
        if bb.dtd_version not in accepted:
            run.report(
                "regional-version",
                f"regional dtd-version '{bb.dtd_version}' is not accepted ({', '.join(accepted)})",
                rel,
                line=1,
                only=crit,
            )


def check_index_md5(run: SeqRun) -> None:
    folder = run.seq.folder
    md5_file = folder / "index-md5.txt"
    if not md5_file.is_file():
        run.report("index-md5-missing", "index-md5.txt is missing", run.in_seq("index-md5.txt"))
        return
    if run.seq.index is None and not (folder / "index.xml").is_file():
        return
    try:
        stated = read_head(md5_file).decode("ascii", errors="replace").strip().lower()
        actual = file_hexdigest(folder / "index.xml", "md5")
    except OSError as exc:
        run.skip("index-md5.txt comparison", f"file unreadable: {exc.strerror or exc}", rel_app=run.in_seq("index-md5.txt"))
        return
    if stated != actual:
        run.report(
            "index-md5-mismatch",
            f"index-md5.txt says '{stated[:40]}', index.xml has MD5 {actual}",
            run.in_seq("index-md5.txt"),
        )


def _md5_of(path: Path) -> tuple[str | None, str]:
    """The file's MD5, or None and why it could not be read."""
    try:
        return file_hexdigest(path, "md5"), ""
    except OSError as exc:
        return None, f"file unreadable: {exc.strerror or exc}"


def check_util_files(run: SeqRun) -> None:
    region = run.region or ""
    version = run.seq.regional.dtd_version if run.seq.regional is not None else None
    required = UTIL_FILES["common"] + UTIL_FILES.get(region, ())
    for role, rel, set_name, file_name in required + OPTIONAL_UTIL.get(region, ()):
        path = run.seq.folder / rel
        optional = (role, rel, set_name, file_name) in OPTIONAL_UTIL.get(region, ())
        if not path.is_file():
            if not optional:
                run.report(f"util-{role}-missing", f"{rel} is missing", run.in_seq(rel))
            continue
        set_name = set_name.format(v=version)
        entry = catalog_entry(set_name, file_name)
        actual, why = _md5_of(path) if entry is not None else (None, f"no published checksum known for {set_name}/{file_name}")
        if entry is None or actual is None:
            run.skip(f"checksum of {run.display(run.in_seq(rel))}", why, rel_app=run.in_seq(rel))
            continue
        if actual != entry.md5:
            run.report(
                f"util-{role}-checksum",
                f"{rel} has MD5 {actual}, the published {set_name}/{file_name} has {entry.md5}",
                run.in_seq(rel),
                hint="copy the official file byte for byte (line ends included)",
            )


def walk(folder: Path) -> tuple[list[str], list[str]]:
    """(files, folders) under ``folder`` as POSIX paths relative to it; symlinks are not followed."""
    files: list[str] = []
    dirs: list[str] = []
    for root, dirnames, filenames in os.walk(folder, followlinks=False):
        base = Path(root).relative_to(folder).as_posix()
        base = "" if base == "." else base + "/"
        dirnames.sort()
        dirs += [base + d for d in dirnames]
        files += [base + f for f in sorted(filenames)]
    return files, dirs


def check_tree(run: SeqRun, files: list[str], dirs: list[str], referenced: set[str]) -> None:
    """Stray root files, empty folders, unreferenced files, formats, names, path lengths, sizes."""
    folder = run.seq.folder
    for rel in files:
        if "/" not in rel and rel not in ROOT_FILES:
            run.report(
                "root-extra-file",
                f"file '{rel}' in the sequence root (only index.xml and index-md5.txt belong there)",
                run.in_seq(rel),
            )
    nonempty = {posixpath.dirname(f) for f in files} | {posixpath.dirname(d) for d in dirs}
    for d in dirs:
        if d not in nonempty:
            run.report("folder-empty", f"folder '{d}' is empty", run.in_seq(d))
    for rel in files:
        top = rel.split("/", 1)[0]
        if top in MODULE_FOLDERS and "/" in rel and run.in_seq(rel) not in referenced:
            run.report("file-unreferenced", f"'{rel}' is not referenced by any leaf", run.in_seq(rel))
    _formats(run, files)
    _sizes(run, folder, files)


def _formats(run: SeqRun, files: list[str]) -> None:
    for crit in run.crit.rules("file-format"):
        modules = set(crit.params.get("modules", MODULE_FOLDERS))
        allowed = {str(e).lower() for e in crit.params.get("extensions", [])}
        for rel in files:
            top = rel.split("/", 1)[0]
            ext = rel.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(rel) else ""
            if top in modules and "/" in rel and ext not in allowed:
                run.report("file-format", f"file type '.{ext}' is not allowed in {top}", run.in_seq(rel), only=crit)


def _sizes(run: SeqRun, folder: Path, files: list[str]) -> None:
    limits = run.crit.rules("file-oversize")
    for rel in files:
        try:
            size = (folder / rel).lstat().st_size
        except OSError:
            continue
        if size == 0:
            run.report("file-empty", f"'{rel}' is empty (0 bytes)", run.in_seq(rel))
        ext = rel.rsplit(".", 1)[-1].lower()
        for crit in limits:
            exts = crit.params.get("extensions")
            if (exts and ext not in exts) or ext in crit.params.get("exempt_extensions", []):
                continue
            limit = int(crit.params["max_bytes"])
            if size > limit:
                run.report(
                    "file-oversize", f"'{rel}' is {size} bytes, over the {limit} byte limit", run.in_seq(rel), only=crit
                )


def check_names(run: SeqRun, paths: set[str]) -> None:
    """Name characters and lengths of every file/folder, and total path length.

    ``paths`` are relative to the sequence folder (existing files and files leaves point to).
    The total length is counted from the first digit of the sequence folder name.
    """
    seq_label = run.number or run.name
    seen: set[str] = set()
    for rel in sorted(paths):
        parts = rel.split("/")
        for i, part in enumerate(parts):
            prefix = "/".join(parts[: i + 1])
            if prefix in seen:
                continue
            seen.add(prefix)
            _name(run, part, prefix)
        total = len(seq_label) + 1 + len(rel)
        for crit in run.crit.rules("path-length"):
            limit = int(crit.params["max"])
            if total > limit:
                run.report("path-length", f"path is {total} characters, over {limit}", run.in_seq(rel), only=crit)


def _name(run: SeqRun, part: str, prefix: str) -> None:
    for crit in run.crit.rules("name-length"):
        limit = int(crit.params["max"])
        if len(part) > limit:
            run.report(
                "name-length", f"name '{part}' is {len(part)} characters, over {limit}", run.in_seq(prefix), only=crit
            )
    for crit in run.crit.rules("name-chars"):
        pattern = str(crit.params["pattern"])
        if not re.match(pattern, part):
            run.report("name-chars", f"name '{part}' has characters outside {pattern}", run.in_seq(prefix), only=crit)
