"""The rendered documents of a tech-transfer package: process, controls, specifications and methods.

They are rendered from the withheld view (through the stand-ins of :mod:`.standins`), never from the
source dossier, in the English of the first target jurisdiction that writes Module 3 in English,
as PDF and HTML, into ``documents/`` of the package.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ectd_builder.dossier.confidential import WithheldView
from ectd_builder.dossier.model import Dossier
from ectd_builder.export.standins import render_model
from ectd_builder.jurisdiction.profiles import load_profile
from ectd_builder.problems import Problem, Severity
from ectd_builder.render.api import EXTENSIONS, Rendered, render_all
from ectd_builder.render.context import MISSING_LABEL
from ectd_builder.render.plan import PlannedDocument

DOCUMENTS = "documents"
FORMATS = ("pdf", "html")
SECTIONS = frozenset(
    {
        "3.2.S.2.2",  # description of the manufacturing process and process controls
        "3.2.S.2.3",  # control of materials (where withheld materials show as withheld)
        "3.2.S.2.4",  # controls of critical steps and intermediates
        "3.2.S.4.1",  # specification
        "3.2.S.4.2",  # analytical procedures
        "3.2.P.3.3",  # description of the manufacturing process and process controls
        "3.2.P.3.4",  # controls of critical steps and intermediates
        "3.2.P.5.1",  # specifications
        "3.2.P.5.2",  # analytical procedures
    }
)
"""The documents a receiving site needs to run the process and its controls (issue 15 item 2)."""


@dataclass(frozen=True)
class PackageDocument:
    """One rendered file of the package: its path inside the package and its bytes."""

    path: str
    data: bytes
    section: str


def english_jurisdiction(jurisdictions: list[str]) -> str | None:
    """The first of ``jurisdictions`` whose Module 3 is written in English."""
    return next((j for j in jurisdictions if load_profile(j).language("m3") == "en"), None)


def _transfer_doc(doc: PlannedDocument) -> bool:
    return doc.section in SECTIONS


def _withheld_label(problem: Problem) -> bool:
    """A missing-label warning about a stand-in: the choice was withheld, not left without a label."""
    return problem.code == MISSING_LABEL and "'[withheld: " in problem.message


def _rendered(dossier: Any, jurisdiction: str) -> tuple[list[PackageDocument], list[Problem]]:
    files, problems = [], []
    for out in render_all(dossier, jurisdiction, FORMATS, only=_transfer_doc, jobs=1):
        problems += [p for p in out.problems if not _withheld_label(p)]
        if out.fmt in FORMATS:  # not the provenance map beside the HTML: it points into the source files
            files.append(_file(out))
    return files, problems


def file_name(doc: PlannedDocument, fmt: str) -> str:
    """``3.2.S.2.2-<substance id>-<stem>.pdf``: the key keeps a substance's and a product's apart."""
    parts = doc.key.split(":")
    if len(parts) > 2 and doc.file_stem.endswith(parts[-1]):
        parts = parts[:-1]  # a method's id: the stem names it already
    return f"{'-'.join(parts)}-{doc.file_stem}{EXTENSIONS[fmt]}"


def _file(out: Rendered) -> PackageDocument:
    return PackageDocument(f"{DOCUMENTS}/{file_name(out.doc, out.fmt)}", out.data, out.doc.section)


def render_documents(view: WithheldView) -> tuple[list[PackageDocument], list[Problem]]:
    """The package's documents rendered from the withheld view (not changed), and the problems met."""
    where = {item.path: (item.file, item.line) for item in view.items}
    dossier, problems = render_model(copy.deepcopy(view.data), lambda path: where.get(path, (None, None)))
    if dossier is None:
        return [], problems
    return documents_of(dossier)


def documents_of(dossier: Dossier) -> tuple[list[PackageDocument], list[Problem]]:
    """The package's documents of a typed dossier (the full profile's, where nothing is withheld)."""
    jurisdiction = english_jurisdiction(list(dossier.jurisdictions))
    if jurisdiction is None:
        note = Problem(
            "export-no-english",
            Severity.WARNING,
            "no target jurisdiction writes Module 3 in English: the package holds no rendered documents",
            "dossier.yaml",
            path="jurisdictions",
        )
        return [], [note]
    return _rendered(dossier, jurisdiction)
