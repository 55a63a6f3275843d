"""Build one eCTD v4.0 submission unit: the same placement and file copying as the v3.2.2 build,
written as ``submissionunit.xml`` + ``sha256.txt`` in ``<out>/<j>/<NNNN>/``.

This first version builds the first unit of a new v4.0 application (every document new). The
v4.0 lifecycle against a frozen v4.0 history (replacementOf, suspension) is not implemented yet.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ectd_builder import ctd
from ectd_builder.ectd import atomic
from ectd_builder.ectd.build import _touch_all, _write_file, limits
from ectd_builder.ectd.lifecycle import Measured
from ectd_builder.ectd.model import BuildResult, Leaf, PlannedFile
from ectd_builder.ectd.placement import Placed, fit_paths, place_all
from ectd_builder.ectd4 import message
from ectd_builder.ectd4.codes import V4Facts, facts_for
from ectd_builder.ectd4.ids import uid
from ectd_builder.ectd4.verify import structural_notes
from ectd_builder.errors import EctdError

KEYWORD_FIELDS = (("substance", "substance"), ("manufacturer", "manufacturer"), ("product-name", "product_name"),
                  ("dosageform", "dosage_form"), ("excipient", "excipient"))


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
        raise EctdError(f"no eCTD v4.0 {what} code is known for '{word}' ({jurisdiction})",
                        hint=f"use one of: {', '.join(sorted(table))}; or add it to the ectd_v4 facts with its source")
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


def _contexts(placed: list[Placed], facts: V4Facts, app_key: str, region: str):
    contexts, documents, keywords, measured, leaves = [], [], {}, [], []
    priorities: dict[str, int] = {}
    media = facts.ich.media_types.value
    for item in placed:
        p = item.planned
        section = p.section if ctd.is_known(p.section) else _m1_code(region, p.section)
        coded = facts.context_code(section)
        if coded is None:
            raise EctdError(f"'{p.key}' at {p.section}: no eCTD v4.0 context-of-use code for section {section} ({facts.jurisdiction})",
                            hint="add the code with its source to the ectd_v4 context_of_use facts")
        sha, size = _sha256(p)
        doc_id = uid(app_key, "document", p.key, sha)
        href = posixpath.normpath(item.rel)
        documents.append(message.Document(doc_id, " ".join(p.title.split()), href, sha, media.get(p.ext, "application/octet-stream"), p.language))
        kws = _keywords(p, facts, app_key)
        for k in kws:
            keywords[(k.code_system, k.code)] = k
        priorities[coded[0]] = priorities.get(coded[0], 0) + 1
        cou_id = uid(app_key, "context", p.key)
        contexts.append(message.Context(cou_id, coded[0], coded[1], priorities[coded[0]], document_id=doc_id,
                                        keywords=tuple((k.code, k.code_system) for k in kws)))
        measured.append(Measured(item, sha, size))
        leaves.append(Leaf(id=cou_id, key=p.key, title=p.title, operation="new", placement=item.placement, backbone="v4",
                           href=href, checksum=sha, size=size, language=p.language))
    return contexts, documents, [keywords[k] for k in sorted(keywords)], measured, leaves


def build_unit(files: list[PlannedFile], dossier: Any, jurisdiction: str, out_root: Path, store: Path,
               sequence: str | None = None, epoch: int = 0) -> BuildResult:
    """Build ``out_root/<j>/<NNNN>`` as an eCTD v4.0 submission unit and return what was written."""
    facts = facts_for(jurisdiction)
    region, _, max_path = limits(jurisdiction)
    first = facts.ich.sequence_number.value.first
    number = sequence or f"{first:04d}"
    if not number.isdigit() or int(number) < first:
        raise EctdError(f"eCTD v4.0 sequence number '{number}' must be a whole number from {first}", hint="use e.g. --sequence 0001")
    placed, errors = fit_paths(place_all(files, region), number, max_path)
    if errors:
        raise EctdError(f"{len(errors)} file path(s) break the {jurisdiction} naming rules: {'; '.join(errors[:5])}")
    words = app_words(dossier, jurisdiction, facts)
    contexts, documents, keywords, measured, leaves = _contexts(placed, facts, words.application_key, region)
    reg = facts.region
    unit = message.Unit(
        id=uid(words.application_key, "unit", number),
        code=_code(reg.submission_unit_types, words.submission_unit_type, "submission-unit type", jurisdiction),
        code_system=facts.system("submission_unit_type"),
        title=f"Sequence {int(number)}",
        sequence_number=int(number),
        submission_id=uid(words.application_key, "submission", number),
        submission_code=_code(reg.submission_types, words.submission_type, "submission type", jurisdiction),
        submission_code_system=facts.system("submission_type"),
        application_root=reg.code_systems["application_id"].value.oid if "application_id" in reg.code_systems and words.application_number else uid(words.application_key, "application"),
        application_extension=words.application_number,
        application_code=_code(reg.application_types, words.application_type, "application type", jurisdiction),
        application_code_system=facts.system("application_type"),
        contexts=tuple(contexts), documents=tuple(documents), keywords=tuple(keywords),
    )
    data = message.submission_unit_xml(unit, facts)
    target = out_root / jurisdiction / number
    atomic.ensure_outside(target.parent, out_root.parent / "submissions", f"{jurisdiction} output")
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic.output_lock(target.parent, f"{jurisdiction} output {target.parent}"):
        tmp = atomic.temp_dir(target)
        try:
            for m in measured:
                _write_file(m, tmp)
            (tmp / facts.ich.message.file_name.value).write_bytes(data)
            (tmp / facts.ich.message.checksum_file.value).write_text(hashlib.sha256(data).hexdigest(), encoding="ascii")
            notes = structural_notes(tmp, facts, store)
            if epoch:
                _touch_all(tmp, epoch)
            atomic.publish(tmp, target)
        except BaseException:
            atomic.discard(tmp)
            raise
    notes.append(f"eCTD v4.0: {len(facts.unverified())} of the v4.0 codes and OIDs used are not verified against official documents (see jurisdictions/ich/ectd_v4.yaml and the ectd_v4 section of {jurisdiction}.yaml)")
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    return BuildResult(jurisdiction, number, target, leaves, size, notes)
