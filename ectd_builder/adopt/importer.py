"""``ectd import-history``: take a v3.2.2 application built elsewhere as a jurisdiction's history.

The application is read with the one reader (:func:`ectd_builder.sequence.reader.read_application`)
and refused (:class:`EctdError`, located) when a backbone is unreadable, its region is not the
jurisdiction's, a file is missing or differs from its checksum, a ``modified-file`` points outside
it, or the jurisdiction already has a history. The sequences are copied byte for byte into
``submissions/<j>/`` atomically, checked as ``ectd freeze`` checks a sequence, and made read-only;
``adopted.yaml`` beside them maps our documents to their leaves in force (:mod:`.match`).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ectd_builder.adopt.mapping import Entry, leaf_ref, render_adoption
from ectd_builder.adopt.match import Matching, Side, file_name, match, section_of
from ectd_builder.ectd import adapter, atomic
from ectd_builder.ectd.api import HISTORY_DIR, _check_targets, _languages, _make_read_only, _verify, renderer_available
from ectd_builder.ectd.build import limits
from ectd_builder.ectd.history import ADOPTED_FILE, HistoryLeaf, read_history
from ectd_builder.ectd.model import REGIONS, EuEnvelope, PlannedFile
from ectd_builder.ectd.placement import leaf_id, place_sequence
from ectd_builder.errors import EctdError
from ectd_builder.sequence.model import Application
from ectd_builder.sequence.reader import read_application

COMPLETE = "import a complete application: every sequence from the first, with every file its backbones list"


@dataclass(frozen=True)
class Imported:
    jurisdiction: str
    path: Path  # submissions/<j>
    sequences: list[str]
    matching: Matching


def read_source(source: Path, jurisdiction: str) -> Application:
    """The application at ``source``, refused unless it is readable v3.2.2 of the jurisdiction's region."""
    region = REGIONS[jurisdiction]
    if not source.is_dir():
        raise EctdError(f"{source} is not a folder", hint="give the application folder that holds the NNNN sequences")
    app = read_application(source)
    if not app.sequences:
        raise EctdError(f"{source} holds no sequence folder (NNNN)", hint="give the application folder, not one sequence")
    for seq in app.sequences:
        if (seq.folder / "submissionunit.xml").is_file():
            raise EctdError(f"{seq.folder} is an eCTD v4.0 unit", hint="only v3.2.2 applications can be imported")
        for error in seq.errors:
            line = f":{error.line}" if error.line else ""
            raise EctdError(f"{seq.folder / error.file}{line}: cannot read: {error.message}", hint=COMPLETE)
        if seq.region != region:
            where = seq.folder / (seq.regional.path if seq.regional else "index.xml")
            raise EctdError(
                f"{where}: the sequence is for region '{seq.region or 'none'}', but -j {jurisdiction} is region '{region}'",
                hint="import it for the jurisdiction whose Module 1 it holds",
            )
    return app


def _refuse_existing(app_dir: Path) -> None:
    if app_dir.is_dir() and any(app_dir.iterdir()):  # an empty folder is all an import may replace
        raise EctdError(
            f"{app_dir} already holds a history; an import never writes over one",
            hint="import into a dossier whose jurisdiction has no frozen sequence yet",
        )


def our_documents(dossier: Any, root: Path, jurisdiction: str, sequence: str) -> list[Side]:
    """Our documents for the jurisdiction, placed as the build places them (no rendering)."""
    region, _, max_path = limits(jurisdiction)
    files: list[PlannedFile] = adapter.attachment_files(dossier, root, jurisdiction, _languages(jurisdiction), [])
    if renderer_available():
        from ectd_builder.render.plan import plan_documents

        files = [adapter.document_file(d) for d in plan_documents(dossier, jurisdiction)] + files
    env = adapter.envelope(dossier, jurisdiction)
    countries = env.countries if isinstance(env, EuEnvelope) else ()
    sides = []
    for p in place_sequence(files, region, countries, sequence, max_path):
        names = {file_name(p.rel)} | ({file_name(p.planned.source.name)} if p.planned.source else set())
        sides.append(Side(p.planned.key, section_of(p.placement), p.planned.title, frozenset(names)))
    return sides


def _theirs(leaf: HistoryLeaf) -> Side:
    names = frozenset({file_name(leaf.href)} if leaf.href else set())
    return Side(leaf_ref(leaf.sequence, leaf.backbone_file, leaf.id), section_of(leaf.placement), leaf.title, names)


def _copy_checked(app: Application, tmp: Path, region: str) -> list[str]:
    """Copy every sequence into ``tmp`` and check the copy as freeze checks a built sequence."""
    names = [seq.name for seq in app.sequences]
    for i, name in enumerate(names):
        shutil.copytree(app.folder / name, tmp / name, symlinks=False)
        try:
            _check_targets(tmp / name, region, names[:i])
            _verify(tmp / name, region)
        except EctdError as exc:
            raise EctdError(f"{app.folder / name}: {exc.message}", hint=COMPLETE) from exc
    return names


def _entries(matching: Matching, titles: dict[str, str]) -> list[Entry]:
    return [
        Entry(m.ours.ref, m.theirs.ref, m.reason, f"{leaf_id(m.ours.ref)} <- {titles[m.theirs.ref]!r}") for m in matching.matches
    ]


def import_history(source: Path, root: Path, jurisdiction: str, dossier: Any) -> Imported:
    """Import the application at ``source`` as ``root/submissions/<jurisdiction>`` with its mapping."""
    region = REGIONS[jurisdiction]
    app = read_source(source, jurisdiction)
    app_dir = root / HISTORY_DIR / jurisdiction
    _refuse_existing(app_dir)
    atomic.ensure_writable(app_dir, f"{jurisdiction} history")
    ours = our_documents(dossier, root, jurisdiction, f"{int(app.sequences[-1].name) + 1:04d}")
    with atomic.staged(app_dir, f"{jurisdiction} history {app_dir}") as tmp:
        names = _copy_checked(app, tmp, region)
        history = read_history(tmp, region)
        theirs = [_theirs(leaf) for leaf in history.current.values()]
        matching = match(ours, theirs)
        text = render_adoption(
            jurisdiction,
            str(source),
            names,
            _entries(matching, {t.ref: t.title for t in theirs}),
            [o.ref for o in matching.unmatched_ours],
            [t.ref for t in matching.unmatched_theirs],
        )
        (tmp / ADOPTED_FILE).write_text(text, encoding="utf-8")
        for name in names:
            _make_read_only(tmp / name)
    return Imported(jurisdiction, app_dir, names, matching)
