"""Dossier-level entry points: build a jurisdiction's next sequence, freeze a built sequence."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from lxml import etree

from ectd_builder.dossier.text import TextLocator
from ectd_builder.ectd import adapter, atomic, schemas, standards
from ectd_builder.ectd.build import build_sequence, limits, preflight
from ectd_builder.ectd.history import SEQUENCE_RE, History, history_version, read_history, read_v4_history
from ectd_builder.ectd.layout import SequenceLayout, reused_attachments, sequence_layout
from ectd_builder.ectd.model import (
    REGIONS,
    BuildRequest,
    BuildResult,
    EuEnvelope,
    PlannedFile,
)
from ectd_builder.ectd.placement import REGIONAL_FILE
from ectd_builder.ectd.schemas import safe_parser
from ectd_builder.ectd4.version import V3, V4, resolve_ectd_version
from ectd_builder.errors import EctdError
from ectd_builder.problems import Problem
from ectd_builder.sequence.v4_model import UNIT_FILE as V4_UNIT_FILE

Progress = Callable[[str, int, int, str], None]  # (phase, done, total, label)
HISTORY_DIR = "submissions"
BUILD_DIR = "build"


def _epoch(dossier: Any) -> int:
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.isdigit():
        return int(env)
    date = getattr(dossier, "document_date", None)
    if isinstance(date, dt.date):
        return int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC).timestamp())
    return 0


def _languages(jurisdiction: str) -> dict[str, str]:
    from ectd_builder.jurisdiction.profiles import load_profile

    return dict(load_profile(jurisdiction).module_languages)


def renderer_available() -> bool:
    try:
        import ectd_builder.render.api
        import ectd_builder.render.plan  # noqa: F401
    except ImportError:
        return False
    return True


class Planned(NamedTuple):
    """What a build assembles: the files (rendered documents and attachments), notes, and the
    problems met while rendering (REN00x, reported with the build result)."""

    files: list[PlannedFile]
    notes: list[str]
    problems: list[Problem]


def planned_files(
    dossier: Any,
    root: Path,
    jurisdiction: str,
    *,
    render: bool = True,
    progress: Progress | None = None,
    out_root: Path | None = None,
    sequence: str | None = None,
    locate: TextLocator | None = None,
    ectd_version: str | None = None,
    jobs: int = 1,
) -> Planned:
    """Rendered documents (when the renderer is present) and attachments, with notes and problems.

    The files are placed first, so each document is rendered with links to where its targets
    live in the application folder (this sequence, or an earlier one that keeps them in force);
    ``jobs`` > 1 renders them in that many worker processes (the same bytes as ``jobs`` 1)."""
    notes: list[str] = []
    problems: list[Problem] = []
    languages = _languages(jurisdiction)
    attachments = adapter.attachment_files(dossier, root, jurisdiction, languages, notes)
    if not render or not renderer_available():
        if render:
            notes.append("renderer not available: only attachments were assembled")
        return Planned(attachments, notes, problems)
    from ectd_builder.render.plan import plan_documents

    docs = plan_documents(dossier, jurisdiction)
    history, number = preflight(jurisdiction, out_root or root / BUILD_DIR, root / HISTORY_DIR, sequence)
    region, _, max_path = limits(jurisdiction)
    env = adapter.envelope(dossier, jurisdiction, root)
    countries = env.countries if isinstance(env, EuEnvelope) else ()
    stubs = [adapter.document_file(d) for d in docs]
    if resolve_ectd_version(root, jurisdiction, ectd_version)[0] == V4:
        seq_layout = _v4_layout(dossier, root, jurisdiction, stubs + attachments, sequence)
    else:
        seq_layout = sequence_layout(stubs + attachments, region, countries, number, max_path, history)
    reused = reused_attachments(attachments, seq_layout)
    step = (lambda d, t, label: progress("render", d, t, label)) if progress else None
    from ectd_builder.render.for_build import render_for_build
    from ectd_builder.render.parallel import Settings, render_pool

    with render_pool(Settings(dossier, locate=locate), jobs, len(docs)) as pool:
        outcomes = render_for_build(pool, docs, seq_layout, reused, step)
    files = [replace(adapter.document_file(d), data=o.data) for d, o in zip(docs, outcomes, strict=True)]
    problems += [p for o in outcomes for p in o.problems]
    return Planned(files + attachments, notes, problems)


def _v4_layout(dossier: Any, root: Path, jurisdiction: str, files: list[PlannedFile], sequence: str | None) -> SequenceLayout:
    """The render layout of a v4.0 unit: its own number, and the frozen file of every document in force."""
    from ectd_builder.ectd4.build import frozen_files, unit_number

    region, _, max_path = limits(jurisdiction)
    history = read_v4_history(root / HISTORY_DIR / jurisdiction)
    number = unit_number(jurisdiction, history, sequence, root / HISTORY_DIR / jurisdiction)
    layout = sequence_layout(files, region, (), number, max_path, History())
    return SequenceLayout(number, layout.new, frozen_files([f.key for f in files], dossier, jurisdiction, history))


def require_standards(store: Path, jurisdiction: str) -> None:
    """Fail early (before rendering) when the store lacks a file this jurisdiction's build needs."""
    region = REGIONS[jurisdiction]
    keys = [key for key, _ in standards.UTIL_FILES[region]]
    if region in schemas.SCHEMA_FILES:
        set_name, file_name = schemas.SCHEMA_FILES[region]
        keys.append(f"{set_name}/{file_name}")
    if region == "eu":
        keys += [f"eu-m1-3.1/{name}" for name in schemas.EU_MODULES]
    standards.require_all(store, sorted(set(keys)))


def check_build_target(
    root: Path, jurisdiction: str, *, store: Path, out_root: Path | None = None, sequence: str | None = None
) -> None:
    """Refuse a build before anything is rendered: standards missing, output folder unwritable,
    locked or inside ``submissions/``, or the sequence already frozen (EctdError / OutputBlocked)."""
    require_standards(store, jurisdiction)
    preflight(jurisdiction, out_root or root / BUILD_DIR, root / HISTORY_DIR, sequence)


def build_dossier(
    dossier: Any,
    root: Path,
    jurisdiction: str,
    *,
    store: Path,
    out_root: Path | None = None,
    sequence: str | None = None,
    render: bool = True,
    progress: Progress | None = None,
    planned: Planned | None = None,
    locate: TextLocator | None = None,
    ectd_version: str | None = None,
    jobs: int = 1,
) -> BuildResult:
    """Build the next sequence of ``jurisdiction`` from a loaded dossier rooted at ``root``.

    ``ectd_version`` None builds the application's version (:func:`resolve_ectd_version`: its
    frozen history's, else the jurisdiction's default for a new application; PMDA: 4.0); "4.0"
    (FDA, PMDA) writes an eCTD v4.0 submission unit with its lifecycle against the frozen units.

    ``planned`` (from :func:`planned_files`) skips planning and rendering (e.g. when they were
    timed apart). ``locate`` places render problems at their dossier line (``ectd render`` too).
    """
    version, why = resolve_ectd_version(root, jurisdiction, ectd_version)
    check_build_target(root, jurisdiction, store=store, out_root=out_root, sequence=sequence)
    files, notes, problems = planned or planned_files(
        dossier,
        root,
        jurisdiction,
        render=render,
        progress=progress,
        out_root=out_root,
        sequence=sequence,
        locate=locate,
        ectd_version=version,
        jobs=jobs,
    )
    if why:
        notes = [why, *notes]
    if version == V4:
        result = _build_v4(dossier, root, jurisdiction, files, store=store, out_root=out_root, sequence=sequence)
        result.notes = notes + result.notes
        result.problems = list(problems)
        return result
    languages = _languages(jurisdiction)
    request = BuildRequest(
        jurisdiction=jurisdiction,
        files=tuple(files),
        envelope=adapter.envelope(dossier, jurisdiction, root),
        out_root=out_root or root / BUILD_DIR,
        history_root=root / HISTORY_DIR,
        store=store,
        sequence=sequence,
        epoch=_epoch(dossier),
        language=languages.get("m3", "en"),
    )
    step = (lambda d, t, label: progress("build", d, t, label)) if progress else None
    result = build_sequence(request, step)
    result.notes = notes + result.notes
    result.problems = list(problems)
    return result


def check_ectd_version(root: Path, jurisdiction: str, ectd_version: str | None) -> None:
    """Refuse an eCTD version the jurisdiction or the application's history cannot take."""
    resolve_ectd_version(root, jurisdiction, ectd_version)


def _build_v4(
    dossier: Any,
    root: Path,
    jurisdiction: str,
    files: list[PlannedFile],
    *,
    store: Path,
    out_root: Path | None,
    sequence: str | None,
) -> BuildResult:
    from ectd_builder.ectd4.build import build_unit

    return build_unit(
        list(files),
        dossier,
        jurisdiction,
        out_root or root / BUILD_DIR,
        store,
        sequence,
        _epoch(dossier),
        history_root=root / HISTORY_DIR,
    )


# ---- freeze ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FreezeResult:
    jurisdiction: str
    sequence: str
    path: Path
    files: int


def _verify(seq_dir: Path, region: str) -> int:
    """Recompute index-md5.txt and every leaf checksum of a built sequence; returns the file count."""
    index = seq_dir / "index.xml"
    md5_file = seq_dir / "index-md5.txt"
    if not index.is_file() or not md5_file.is_file():
        raise EctdError(f"{seq_dir} is not a complete sequence (index.xml / index-md5.txt missing)", hint="build it again")
    if hashlib.md5(index.read_bytes(), usedforsecurity=False).hexdigest() != md5_file.read_text(encoding="ascii").strip().lower():
        raise EctdError(f"{md5_file} does not match index.xml; the sequence was changed after the build", hint="build it again")
    backbones = ["index.xml"] + ([REGIONAL_FILE[region]] if region in REGIONAL_FILE else [])
    for rel in backbones:
        path = seq_dir / rel
        root = etree.parse(str(path), safe_parser()).getroot()
        for leaf in root.iter("{*}leaf", "leaf"):
            href = next((str(v) for k, v in leaf.attrib.items() if str(k).endswith("}href")), None)
            if href is None:
                continue
            target = (path.parent / href).resolve()
            if not target.is_file():
                raise EctdError(f"{rel} points at {href}, which is missing", hint="build it again")
            digest = hashlib.md5(usedforsecurity=False)
            with target.open("rb") as fh:
                while block := fh.read(1 << 20):
                    digest.update(block)
            if digest.hexdigest() != (leaf.get("checksum") or "").lower():
                raise EctdError(f"checksum of {target.relative_to(seq_dir.resolve())} differs from {rel}", hint="build it again")
    return sum(1 for p in seq_dir.rglob("*") if p.is_file())


def _verify_v4(unit_dir: Path, app_dir: Path) -> int:
    """Run the v4.0 checks on a built unit against the frozen units; returns the file count."""
    from ectd_builder.check.v4 import check_v4_unit

    if history_version(app_dir) == V3:
        raise EctdError(
            f"{app_dir} holds frozen eCTD v3.2.2 sequences; a v4.0 unit cannot join them", hint="build the v3.2.2 sequence"
        )
    outcome = check_v4_unit(unit_dir, read_v4_history(app_dir).units)
    if outcome.problems:
        first = outcome.problems[0]
        raise EctdError(
            f"{unit_dir} does not check clean ({len(outcome.problems)} problem(s)); first: {first.location}: {first.message}",
            hint="build it again",
        )
    return sum(1 for p in unit_dir.rglob("*") if p.is_file())


def _make_read_only(folder: Path) -> None:
    for base, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(base, name)
            os.chmod(path, stat.S_IMODE(os.lstat(path).st_mode) & ~0o222)
    for base, dirs, _ in os.walk(folder, topdown=False):
        for name in dirs:
            path = os.path.join(base, name)
            os.chmod(path, stat.S_IMODE(os.lstat(path).st_mode) & ~0o222)
    os.chmod(folder, stat.S_IMODE(os.lstat(folder).st_mode) & ~0o222)


def freeze_sequence(root: Path, jurisdiction: str, sequence: str, *, out_root: Path | None = None) -> FreezeResult:
    """Move ``build/<j>/<NNNN>`` into ``submissions/<j>/<NNNN>`` and make it read-only history."""
    if not SEQUENCE_RE.match(sequence):
        raise EctdError(f"sequence '{sequence}' is not four digits", hint="use e.g. --sequence 0000")
    region = REGIONS[jurisdiction]
    built = (out_root or root / BUILD_DIR) / jurisdiction / sequence
    app_dir = root / HISTORY_DIR / jurisdiction
    target = app_dir / sequence
    if target.exists():
        raise EctdError(f"sequence {sequence} is already frozen at {target}; history is never rewritten")
    if not built.is_dir():
        raise EctdError(f"there is no built sequence at {built}", hint=f"run 'ectd build -j {jurisdiction}' first")
    with atomic.output_lock(built.parent, f"{jurisdiction} output {built.parent}"):
        history = read_history(app_dir, region)
        if history.last is not None and int(sequence) <= int(history.last):
            raise EctdError(
                f"sequence {sequence} is not after the last frozen sequence {history.last}",
                hint="rebuild: the history changed since this sequence was built",
            )
        if (built / V4_UNIT_FILE).is_file():
            files = _verify_v4(built, app_dir)
        else:
            if history_version(app_dir) == V4:
                raise EctdError(
                    f"{app_dir} holds frozen eCTD v4.0 units; a v3.2.2 sequence cannot join them", hint="build the v4.0 unit"
                )
            _check_targets(built, region, history.sequences)
            files = _verify(built, region)
        app_dir.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(built, target)
        except OSError:
            tmp = app_dir / f".{sequence}{atomic.TMP_MARK}{os.getpid()}"
            shutil.copytree(built, tmp)
            os.replace(tmp, target)
            shutil.rmtree(built)
        _make_read_only(target)
    return FreezeResult(jurisdiction, sequence, target, files)


def _check_targets(built: Path, region: str, frozen: list[str]) -> None:
    """Every modified-file must point into the frozen history (the sequence was planned against it)."""
    backbones = ["index.xml"] + ([REGIONAL_FILE[region]] if region in REGIONAL_FILE else [])
    for rel in backbones:
        path = built / rel
        if not path.is_file():
            continue
        root = etree.parse(str(path), safe_parser()).getroot()
        for leaf in root.iter("{*}leaf", "leaf"):
            target = leaf.get("modified-file")
            if not target:
                continue
            seq = next((part for part in target.split("#")[0].split("/") if SEQUENCE_RE.match(part)), None)
            if seq not in frozen:
                raise EctdError(
                    f"{rel} refers to sequence {seq}, which is not in the frozen history",
                    hint="rebuild the sequence against the current history",
                )
