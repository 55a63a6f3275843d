"""Build one eCTD v3.2.2 sequence for one jurisdiction, atomically, from plain inputs.

``build_sequence(request, progress)`` places the planned files, plans the lifecycle against the
frozen history, writes everything into a temporary folder beside the target, validates the
backbones against the official schemas from the store and renames the folder into place.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Self

from ectd_builder.ectd import atomic, backbone, schemas, standards
from ectd_builder.ectd.history import SEQUENCE_RE, History, read_history
from ectd_builder.ectd.lifecycle import Measured, always_new_sections, plan
from ectd_builder.ectd.model import (
    REGIONAL_KEY,
    REGIONS,
    BuildRequest,
    BuildResult,
    CnEnvelope,
    EuEnvelope,
    FdaEnvelope,
    Heading,
    Leaf,
)
from ectd_builder.ectd.placement import (
    M1_ELEMENT,
    REGIONAL_FILE,
    Placed,
    place_sequence,
    regional_leaf_id,
)
from ectd_builder.errors import EctdError, InternalError, OutputBlocked

Progress = Callable[[int, int, str], None]
_CHUNK = 1 << 20
_WORKERS = 4
JP_NOTE = (
    "PMDA: the JP regional Module 1 backbone (jp-regional.xml) is NOT produced - no JP regional schema "
    "or Module 1 specification is available; Module 1 files are placed under m1/jp/ and listed in index.xml"
)
REGIONAL_TITLE = {"us": "FDA Regional Module 1", "eu": "EU Regional Module 1", "cn": "CN Regional Module 1"}


def limits(jurisdiction: str) -> tuple[str, int, int]:
    """Region, first sequence number and path-length limit from the jurisdiction profile."""
    region = REGIONS[jurisdiction]
    try:
        from ectd_builder.jurisdiction.profiles import load_profile
    except ImportError:  # pragma: no cover - profiles ship with the package
        return region, 0 if jurisdiction != "fda" else 1, 150
    profile = load_profile(jurisdiction)
    return profile.region, profile.first_sequence, profile.max_path_length


def next_sequence(history: History, first: int, explicit: str | None, app_dir: Path) -> str:
    """The sequence number to build; refuses frozen or going-backwards numbers."""
    if explicit is not None:
        if not SEQUENCE_RE.match(explicit):
            raise EctdError(f"sequence '{explicit}' is not four digits", hint="use e.g. --sequence 0001")
        if explicit in history.sequences:
            raise OutputBlocked(
                "frozen",
                app_dir / explicit,
                f"sequence {explicit} is frozen in {app_dir / explicit}; a submitted sequence is never rebuilt",
                hint=f"build the next sequence (omit --sequence, or use --sequence {int(history.last or explicit) + 1:04d})",
            )
        if history.last is not None and int(explicit) < int(history.last):
            raise OutputBlocked(
                "frozen",
                app_dir / history.last,
                f"sequence {explicit} is lower than the last frozen sequence {history.last}",
                hint=f"sequence numbers only go up; use {int(history.last) + 1:04d}",
            )
        return explicit
    if history.last is None:
        return f"{first:04d}"
    if int(history.last) >= 9999:
        raise EctdError("sequence numbers are used up (9999)")
    return f"{int(history.last) + 1:04d}"


def preflight(jurisdiction: str, out_root: Path, history_root: Path, sequence: str | None) -> tuple[History, str]:
    """Everything that can refuse a build, checked before anything is rendered: the output folder is
    outside ``submissions/``, the sequence is not frozen, the folder is writable and not locked.

    Returns the frozen history and the sequence number to build; raises :class:`OutputBlocked`.
    """
    region, first, _ = limits(jurisdiction)
    app_dir = history_root / jurisdiction
    out_dir = out_root / jurisdiction
    what = f"{jurisdiction} output"
    atomic.ensure_outside(out_dir, history_root, what)
    history = read_history(app_dir, region)
    number = next_sequence(history, first, sequence, app_dir)
    atomic.ensure_writable(out_dir, what)
    atomic.ensure_unlocked(out_dir, f"{what} {out_dir}")
    return history, number


def _measure(placed: Placed, copy_to: Path | None) -> Measured:
    """MD5 and size of a planned file; with ``copy_to`` the file is written there in the same pass."""
    p = placed.planned
    target = copy_to / placed.rel if copy_to is not None else None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
    if p.data is not None:
        if target is not None:
            target.write_bytes(p.data)
        return Measured(placed, hashlib.md5(p.data, usedforsecurity=False).hexdigest(), len(p.data))
    if p.source is None:
        raise EctdError(f"'{p.key}' has neither bytes nor a source file")
    digest = hashlib.md5(usedforsecurity=False)
    size = 0
    try:
        with open(p.source, "rb") as fh, (open(target, "wb") if target is not None else _NoSink()) as out:
            while block := fh.read(_CHUNK):
                digest.update(block)
                out.write(block)
                size += len(block)
    except OSError as exc:
        raise EctdError(f"cannot read {p.source} for '{p.key}': {exc.strerror}", hint="check the attachment path") from exc
    return Measured(placed, digest.hexdigest(), size)


class _NoSink:
    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, block: bytes) -> None:
        return None


def _write_file(m: Measured, root: Path) -> None:
    target = root / m.placed.rel
    if target.is_file():
        return  # written while it was measured
    target.parent.mkdir(parents=True, exist_ok=True)
    p = m.placed.planned
    if p.data is not None:
        target.write_bytes(p.data)
    else:
        assert p.source is not None
        shutil.copyfile(p.source, target)


def _related(history: History, sequence: str, own_kinds: set[str], kind: str, given: str | None) -> tuple[str, str | None]:
    """Related sequence for the envelope: own number for initial/reformat units, else the activity start."""
    if kind in own_kinds:
        if history.sequences and kind in ("initial", "cnsqt1"):
            return sequence, (
                f"the envelope still says '{kind}' (the first submission of an activity) on a later sequence; "
                "if this sequence answers or changes an earlier one, update the submission unit / sequence type "
                "and related_sequence in the dossier's application data"
            )
        return sequence, None
    if given:
        return given, None
    if history.sequences:
        return history.sequences[0], f"related sequence not given; used the first sequence {history.sequences[0]}"
    return sequence, "related sequence not given and no history; used this sequence's own number"


def _regional_xml(req: BuildRequest, region: str, sequence: str, history: History, leaves: list[Leaf]) -> tuple[bytes, list[str]]:
    env = req.envelope
    notes: list[str] = list(getattr(env, "notes", ()))
    order = schemas.child_order(req.store, region)
    if region == "us" and isinstance(env, FdaEnvelope):
        if env.submission_id is None and history.sequences:
            notes.append(
                f"FDA submission-id defaults to this sequence ({sequence}), i.e. a new regulatory activity; "
                "set applications.fda.submission_id for an amendment to an earlier one"
            )
        return backbone.us_regional(env, sequence, leaves, order), notes
    if region == "eu" and isinstance(env, EuEnvelope):
        related, note = _related(history, sequence, {"initial", "reformat"}, env.submission_unit, env.related_sequence)
        if note:
            notes.append(f"EU envelope: {note}")
        if not env.procedure_tracking:
            notes.append("EU envelope: no procedure-tracking number given; wrote 'not-yet-assigned'")
            env = EuEnvelope(**{**env.__dict__, "procedure_tracking": ("not-yet-assigned",)})
        return backbone.eu_regional(env, sequence, (related,), leaves, order), notes
    if region == "cn" and isinstance(env, CnEnvelope):
        related, note = _related(history, sequence, {"cnsqt1", "cnsqt4"}, env.sequence_type, env.related_sequence)
        if note:
            notes.append(f"CN envelope: {note}")
        return backbone.cn_regional(env, sequence, related, leaves, order), notes
    raise EctdError(
        f"no {region} envelope data for {req.jurisdiction}", hint=f"add applications.{req.jurisdiction} to the dossier"
    )


def _validate(tree_bytes: bytes, store: Path, which: str, name: str) -> None:
    errors = schemas.validate(schemas.parse_bytes(tree_bytes), store, which)
    if errors:  # the dossier was validated; an invalid backbone is ours to fix (exit 3)
        raise InternalError(f"generated {name} is not valid against the official schema: {'; '.join(errors[:5])}")


def _touch_all(root: Path, epoch: int) -> None:
    for folder, dirs, files in os.walk(root):
        for name in files + dirs:
            os.utime(os.path.join(folder, name), (epoch, epoch), follow_symlinks=False)
    os.utime(root, (epoch, epoch))


def build_sequence(req: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Build ``req.out_root/<j>/<NNNN>`` and return what was written."""
    report = progress or (lambda done, total, label: None)
    region, _, max_path = limits(req.jurisdiction)
    util_keys = [key for key, _ in standards.UTIL_FILES[region]]
    standards.require_all(req.store, util_keys)
    history, sequence = preflight(req.jurisdiction, req.out_root, req.history_root, req.sequence)
    countries = req.envelope.countries if isinstance(req.envelope, EuEnvelope) else ()
    placed = place_sequence(req.files, region, countries, sequence, max_path)
    total = len(placed) * 2 + 3
    target = req.out_root / req.jurisdiction / sequence
    with atomic.staged(target, f"{req.jurisdiction} output {target.parent}") as tmp:
        report(0, total, "checksums")
        measured: list[Measured] = []
        with ThreadPoolExecutor(_WORKERS) as pool:
            # files the history does not know are certainly new: copy them while hashing
            jobs = [pool.submit(_measure, p, None if p.id in history.current else tmp) for p in placed]
            for job in jobs:
                measured.append(job.result())
                report(len(measured), total, measured[-1].placed.rel)
        leaves, carried = plan(measured, history, region, always_new_sections(req.jurisdiction))
        try:
            result = _write(req, region, sequence, history, leaves, carried, tmp, report, total)
        except backbone.HeadingNotInSchema as exc:
            if not history.sequences:
                raise  # our own placement: a bug, not the user's history
            raise EctdError(
                f"{req.history_root / req.jurisdiction}: a leaf of the frozen history cannot be written in this "
                f"tool's Module 1 ({exc}); the history was probably made by another tool or an older Module 1",
                hint="continue another tool's history with 'ectd import-history PATH -j J' (its leaves are then "
                "replaced or kept, never deleted), or check submissions/<j>/adopted.yaml",
            ) from exc
    result.path = target
    return result


def _write(
    req: BuildRequest,
    region: str,
    sequence: str,
    history: History,
    leaves: list[Leaf],
    carried: list[Measured],
    tmp: Path,
    report: Progress,
    total: int,
) -> BuildResult:
    done = total - 3 - len(carried)
    with ThreadPoolExecutor(_WORKERS) as pool:
        futures = {pool.submit(_write_file, m, tmp): m for m in carried}
        for future in as_completed(futures):
            future.result()
            done += 1
            report(done, total, futures[future].placed.rel)
    notes: list[str] = []
    index_leaves = [leaf for leaf in leaves if leaf.backbone == "index"]
    if region in REGIONAL_FILE:
        regional_leaves = [leaf for leaf in leaves if leaf.backbone == "regional"]
        data, notes = _regional_xml(req, region, sequence, history, regional_leaves)
        _validate(data, req.store, region, REGIONAL_FILE[region])
        path = tmp / REGIONAL_FILE[region]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        index_leaves.insert(
            0,
            Leaf(
                id=regional_leaf_id(),
                key=REGIONAL_KEY,
                title=REGIONAL_TITLE[region],
                operation="new",
                placement=(Heading(M1_ELEMENT),),
                backbone="index",
                href=REGIONAL_FILE[region],
                checksum=hashlib.md5(data, usedforsecurity=False).hexdigest(),
                size=len(data),
            ),
        )
    else:
        notes.append(JP_NOTE)
    report(total - 2, total, "index.xml")
    order = schemas.child_order(req.store, "ich")
    index = backbone.index_xml(index_leaves, order, req.language)
    _validate(index, req.store, "ich", "index.xml")
    (tmp / "index.xml").write_bytes(index)
    (tmp / "index-md5.txt").write_text(hashlib.md5(index, usedforsecurity=False).hexdigest(), encoding="ascii")
    standards.copy_util(req.store, region, tmp)
    if req.epoch:
        _touch_all(tmp, req.epoch)
    report(total, total, "done")
    size = sum(f.stat().st_size for f in tmp.rglob("*") if f.is_file())
    all_leaves = index_leaves + [leaf for leaf in leaves if leaf.backbone == "regional"]
    return BuildResult(req.jurisdiction, sequence, tmp, all_leaves, size, notes)
