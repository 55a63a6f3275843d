"""Build one eCTD v4.0 submission unit: the same placement and file copying as the v3.2.2 build,
written as ``submissionunit.xml`` + ``sha256.txt`` in ``<out>/<j>/<NNNN>/``.

The lifecycle is computed against the frozen v4.0 units of ``submissions/<j>`` (read with the one
v4.0 reader): unchanged documents are not resent, a changed one gets a new document and a context
of use with ``replacementOf``, a removed one's context of use is sent again as ``suspended``.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ectd_builder import ctd
from ectd_builder.ectd import atomic
from ectd_builder.ectd.build import _touch_all, _write_file, limits
from ectd_builder.ectd.history import V4History, read_v4_history
from ectd_builder.ectd.layout import file_md5
from ectd_builder.ectd.lifecycle import Measured
from ectd_builder.ectd.model import BuildResult, Leaf, PlannedFile
from ectd_builder.ectd.placement import Placed, fit_paths, place_all
from ectd_builder.ectd4 import message
from ectd_builder.ectd4.codes import V4Facts, facts_for
from ectd_builder.ectd4.ids import uid
from ectd_builder.ectd4.verify import structural_notes
from ectd_builder.errors import EctdError, OutputBlocked

KEYWORD_FIELDS = (
    ("substance", "substance"),
    ("manufacturer", "manufacturer"),
    ("product-name", "product_name"),
    ("dosageform", "dosage_form"),
    ("excipient", "excipient"),
)


@dataclass(frozen=True)
class AppWords:
    """The application's coded types in the dossier's words, and its number (if any)."""

    application_type: str
    submission_type: str
    submission_unit_type: str
    application_number: str | None
    application_key: str


def app_words(dossier: Any, jurisdiction: str, facts: V4Facts) -> AppWords:
    app = getattr(dossier.applications, jurisdiction, None)
    defaults = facts.region.defaults.value
    key = f"{jurisdiction}:{getattr(dossier, 'product_name', '')}:{getattr(app, 'application_number', '')}"
    if jurisdiction == "fda" and app is not None:
        return AppWords(app.application_type, app.submission_type, app.submission_sub_type, app.application_number, key)
    return AppWords(defaults["application_type"], defaults["submission_type"], defaults["submission_unit_type"], None, key)


def _code(table: dict[str, Any], word: str, what: str, jurisdiction: str) -> str:
    fact = table.get(word)
    if fact is None:
        raise EctdError(
            f"no eCTD v4.0 {what} code is known for '{word}' ({jurisdiction})",
            hint=f"use one of: {', '.join(sorted(table))}; or add it to the ectd_v4 facts with its source",
        )
    return str(fact.value)


def _sha256(p: PlannedFile) -> tuple[str, int]:
    if p.data is not None:
        return hashlib.sha256(p.data).hexdigest(), len(p.data)
    if p.source is None:
        raise EctdError(f"'{p.key}' has neither bytes nor a source file")
    digest, size = hashlib.sha256(), 0
    try:
        with open(p.source, "rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
                size += len(block)
    except OSError as exc:
        raise EctdError(f"cannot read {p.source} for '{p.key}': {exc.strerror}", hint="check the attachment path") from exc
    return digest.hexdigest(), size


def _keywords(p: PlannedFile, facts: V4Facts, app_key: str) -> list[message.KeywordDef]:
    out = []
    for kind, attr in KEYWORD_FIELDS:
        value = getattr(p, attr)
        typ = facts.keyword_type(kind)
        if value and typ:
            out.append(message.KeywordDef(typ[0], typ[1], ctd_slug(value), uid(app_key, "keywords", kind), value))
    return out


def _m1_code(region: str, section: str) -> str:
    entry = ctd.m1_section(region, section)
    return entry.code if entry is not None else section


def ctd_slug(value: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in value.lower()).split()) or "x"


@dataclass
class _Plan:
    contexts: list[message.Context] = field(default_factory=list)
    documents: dict[str, message.Document] = field(default_factory=dict)
    keywords: dict[tuple[str, str], message.KeywordDef] = field(default_factory=dict)
    measured: list[Measured] = field(default_factory=list)
    leaves: list[Leaf] = field(default_factory=list)


def _context_ids(app_key: str, key: str, history: V4History) -> list[str]:
    """Every id the context of use of ``key`` can have had: its first one, then one per unit."""
    return [uid(app_key, "context", key)] + [uid(app_key, "context", key, str(u.sequence_number)) for u in history.units]


def _plan(placed: list[Placed], facts: V4Facts, app_key: str, region: str, history: V4History, number: int) -> _Plan:
    """Contexts of use of this unit against the frozen ``history``: new, replacing (document or
    keywords changed; ``replacementOf`` the one in force) or suspended (document gone); unchanged
    ones are not resent. Documents are keyed by content (SHA-256 + title), so a document already
    submitted, or used twice, is referenced by its UUID and sent once."""
    out = _Plan()
    live = dict(history.in_force)
    priorities: dict[str, int] = {}
    for cou in live.values():
        priorities[cou.code] = max(priorities.get(cou.code, 0), cou.priority)
    media = facts.ich.media_types.value
    for item in placed:
        p = item.planned
        section = p.section if ctd.is_known(p.section) else _m1_code(region, p.section)
        coded = facts.context_code(section)
        if coded is None:
            raise EctdError(
                f"'{p.key}' at {p.section}: no eCTD v4.0 context-of-use code for section {section} ({facts.jurisdiction})",
                hint="add the code with its source to the ectd_v4 context_of_use facts",
            )
        sha, size = _sha256(p)
        title = " ".join(p.title.split())
        doc_id = uid(app_key, "document", sha, title)
        kws = _keywords(p, facts, app_key)
        refs = tuple((k.code, k.code_system) for k in kws)
        ids = _context_ids(app_key, p.key, history)
        old = next((live.pop(i) for i in ids if i in live), None)
        if old is not None and old.code == coded[0] and old.document_ids == (doc_id,) and set(old.keywords) == set(refs):
            continue  # unchanged: stays in force from the earlier unit
        for k in kws:
            if history.keywords.get((k.code, k.code_system)) != k.display_name:
                out.keywords[(k.code, k.code_system)] = k  # new keyword, or its display name changed
        href = posixpath.normpath(item.rel)
        if doc_id in history.documents:
            href = history.documents[doc_id][1].href  # reused by UUID: not sent again
        elif doc_id in out.documents:
            href = out.documents[doc_id].href
        else:
            out.documents[doc_id] = message.Document(
                doc_id, title, href, sha, media.get(p.ext, "application/octet-stream"), p.language
            )
            out.measured.append(Measured(item, sha, size))
        if old is not None and old.code == coded[0]:
            priority = old.priority
        else:
            priority = priorities[coded[0]] = priorities.get(coded[0], 0) + 1
        cou_id = ids[0] if ids[0] not in history.contexts else uid(app_key, "context", p.key, str(number))
        out.contexts.append(
            message.Context(
                cou_id,
                coded[0],
                coded[1],
                priority,
                document_id=doc_id,
                replaces=old.id if old is not None else None,
                keywords=refs,
            )
        )
        out.leaves.append(
            Leaf(
                id=cou_id,
                key=p.key,
                title=p.title,
                operation="new" if old is None else "replace",
                placement=item.placement,
                backbone="v4",
                href=href,
                checksum=sha,
                size=size,
                language=p.language,
                modified_file=old.id if old is not None else None,
            )
        )
    for gone in sorted(live.values(), key=lambda c: (c.code, c.priority, c.id)):
        out.contexts.append(
            message.Context(
                gone.id,
                gone.code,
                gone.code_system,
                gone.priority,
                status="suspended",
                document_id=gone.document_ids[0] if gone.document_ids else None,
                keywords=gone.keywords,
            )
        )
        doc = history.documents.get(gone.document_ids[0]) if gone.document_ids else None
        out.leaves.append(
            Leaf(
                id=gone.id,
                key=f"suspended:{gone.id}",
                title=doc[1].title if doc else gone.code,
                operation="delete",
                placement=(),
                backbone="v4",
                modified_file=gone.id,
            )
        )
    return out


def _number(history: V4History, first: int, explicit: str | None, app_dir: Path) -> str:
    frozen = [u.path.name for u in history.units]
    last = history.last.sequence_number if history.last is not None else None
    if explicit is None:
        return f"{first:04d}" if last is None else f"{last + 1:04d}"
    if not explicit.isdigit() or int(explicit) < first:
        raise EctdError(
            f"eCTD v4.0 sequence number '{explicit}' must be a whole number from {first}", hint="use e.g. --sequence 0001"
        )
    if explicit in frozen or (last is not None and int(explicit) <= last):
        raise OutputBlocked(
            "frozen",
            app_dir / explicit,
            f"unit {explicit} is not after the last frozen unit {last:04d} in {app_dir}; a submitted unit is never rebuilt",
            hint=f"build the next unit (omit --sequence, or use --sequence {(last or 0) + 1:04d})",
        )
    return explicit


def build_unit(
    files: list[PlannedFile],
    dossier: Any,
    jurisdiction: str,
    out_root: Path,
    store: Path,
    sequence: str | None = None,
    epoch: int = 0,
    history_root: Path | None = None,
) -> BuildResult:
    """Build ``out_root/<j>/<NNNN>`` as an eCTD v4.0 submission unit and return what was written.

    ``history_root`` (``DOSSIER/submissions``) holds the frozen units of the application: the
    unit number continues from them and the lifecycle is computed against them."""
    facts = facts_for(jurisdiction)
    region, _, max_path = limits(jurisdiction)
    app_dir = (history_root or out_root.parent / "submissions") / jurisdiction
    history = read_v4_history(app_dir)
    number = _number(history, facts.ich.sequence_number.value.first, sequence, app_dir)
    placed, errors = fit_paths(place_all(files, region), number, max_path)
    if errors:
        raise EctdError(f"{len(errors)} file path(s) break the {jurisdiction} naming rules: {'; '.join(errors[:5])}")
    words = app_words(dossier, jurisdiction, facts)
    reg = facts.region
    app_root = (
        reg.code_systems["application_id"].value.oid
        if "application_id" in reg.code_systems and words.application_number
        else uid(words.application_key, "application")
    )
    _same_application(history, app_root, words, app_dir)
    plan = _plan(placed, facts, words.application_key, region, history, int(number))
    if not plan.contexts:
        last = history.last
        raise EctdError(
            f"nothing changed since unit {last.path.name if last else '?'} in {app_dir}: no context of use to send",
            hint="change, add or remove a document before building the next unit",
        )
    unit = message.Unit(
        id=uid(words.application_key, "unit", number),
        code=_code(reg.submission_unit_types, words.submission_unit_type, "submission-unit type", jurisdiction),
        code_system=facts.system("submission_unit_type"),
        title=f"Sequence {int(number)}",
        sequence_number=int(number),
        submission_id=uid(words.application_key, "submission", number),
        submission_code=_code(reg.submission_types, words.submission_type, "submission type", jurisdiction),
        submission_code_system=facts.system("submission_type"),
        application_root=app_root,
        application_extension=words.application_number,
        application_code=_code(reg.application_types, words.application_type, "application type", jurisdiction),
        application_code_system=facts.system("application_type"),
        contexts=tuple(plan.contexts),
        documents=tuple(plan.documents.values()),
        keywords=tuple(plan.keywords[k] for k in sorted(plan.keywords)),
    )
    data = message.submission_unit_xml(unit, facts)
    target = out_root / jurisdiction / number
    atomic.ensure_outside(target.parent, app_dir.parent, f"{jurisdiction} output")
    with atomic.staged(target, f"{jurisdiction} output {target.parent}") as tmp:
        for m in plan.measured:
            _write_file(m, tmp)
        (tmp / facts.ich.message.file_name.value).write_bytes(data)
        (tmp / facts.ich.message.checksum_file.value).write_text(hashlib.sha256(data).hexdigest(), encoding="ascii")
        notes = structural_notes(tmp, facts, store, history.units)
        if epoch:
            _touch_all(tmp, epoch)
    notes.append(
        f"eCTD v4.0: {len(facts.unverified())} of the v4.0 codes and OIDs used are not verified against official "
        f"documents (see jurisdictions/ich/ectd_v4.yaml and the ectd_v4 section of {jurisdiction}.yaml)"
    )
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    return BuildResult(jurisdiction, number, target, plan.leaves, size, notes)


def _same_application(history: V4History, app_root: str, words: AppWords, app_dir: Path) -> None:
    """The frozen units must be of the application this dossier builds (ids come from its key)."""
    last = history.last
    if last is None:
        return
    mine = words.application_number or app_root
    if last.application_id != mine:
        raise EctdError(
            f"the frozen units in {app_dir} are of application {last.application_id}; this dossier builds application {mine}",
            hint="the product name and application number give the application its identity; keep them as submitted",
        )


def unit_number(jurisdiction: str, history: V4History, explicit: str | None, app_dir: Path) -> str:
    """The number of the v4.0 unit to build after ``history`` (``explicit``: ``--sequence``)."""
    return _number(history, facts_for(jurisdiction).ich.sequence_number.value.first, explicit, app_dir)


def frozen_files(keys: list[str], dossier: Any, jurisdiction: str, history: V4History) -> dict[str, tuple[str, str]]:
    """Content key -> (path in the application folder, MD5) of the frozen document in force for it,
    for the render layout (a link to an unchanged document points into the unit that holds it)."""
    words = app_words(dossier, jurisdiction, facts_for(jurisdiction))
    out: dict[str, tuple[str, str]] = {}
    for key in keys:
        cou = next(
            (history.in_force[i] for i in _context_ids(words.application_key, key, history) if i in history.in_force), None
        )
        found = history.documents.get(cou.document_ids[0]) if cou is not None and cou.document_ids else None
        if found is None:
            continue
        unit, doc = found
        md5 = file_md5(unit.path / doc.href)
        if md5 is not None:
            out[key] = (posixpath.normpath(f"{unit.path.name}/{doc.href}"), md5)
    return out
