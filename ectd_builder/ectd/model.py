"""Plain values of the sequence model: what to place, where it goes, and what was written.

The builder takes :class:`PlannedFile` values (documents from the renderer and attachments from the
dossier alike) and regional envelope data; it knows nothing about the dossier model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ectd_builder.jurisdiction import region_folders
from ectd_builder.problems import Problem

REGIONS = region_folders()  # jurisdiction -> regional folder, from jurisdictions/index.yaml
OPERATIONS = ("new", "replace", "delete", "append")


@dataclass(frozen=True, kw_only=True)
class Subject:
    """The eCTD backbone attribute values of the repeating block a file belongs to (keyword only)."""

    substance: str | None = None
    manufacturer: str | None = None
    product_name: str | None = None
    dosage_form: str | None = None
    excipient: str | None = None


@dataclass(frozen=True)
class PlannedFile(Subject):
    """One file to place in the sequence, with the attribute values of its :class:`Subject`.

    ``key`` is the content key (unique per jurisdiction, stable across sequences): the leaf ID is
    derived from it, so a document keeps its identity from one sequence to the next.
    ``section`` is a CTD code of the table (``3.2.S.4.1``) or, for Module 1, a regional code
    (``1.2``) or purpose (``cover-letter``). Exactly one of ``data`` / ``source`` is set.
    """

    key: str
    section: str
    title: str
    language: str = "en"
    file_stem: str | None = None
    ext: str = "pdf"
    data: bytes | None = None
    source: Path | None = None


@dataclass(frozen=True)
class Heading:
    """One backbone element on the way to a leaf, with the attributes that key it."""

    element: str
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Leaf:
    """A leaf of a backbone (index.xml or the regional XML).

    ``backbone`` is ``index`` or ``regional``; ``href`` is relative to the sequence folder
    (the writer makes it relative to the backbone file).
    """

    id: str
    key: str
    title: str
    operation: str
    placement: tuple[Heading, ...]
    backbone: str
    href: str | None = None
    checksum: str = ""
    size: int = 0
    language: str | None = None
    modified_file: str | None = None


@dataclass(frozen=True)
class FdaEnvelope:
    """``admin`` of us-regional.xml (codes already translated to FDA value-list codes)."""

    duns: str
    company_name: str
    description: str | None
    contacts: tuple[tuple[str, str, tuple[tuple[str, str], ...], tuple[str, ...]], ...]  # name, type, phones, emails
    application_number: str
    application_type: str
    submission_type: str
    submission_sub_type: str
    submission_id: str | None = None  # None: this sequence starts the activity
    notes: tuple[str, ...] = ()  # build notes on where values came from (e.g. the 'ectd changes' proposal)


@dataclass(frozen=True)
class EuEnvelope:
    uuid: str
    procedure: str
    countries: tuple[str, ...]
    agency_code: str
    submission_type: str
    submission_unit: str
    applicant: str
    invented_name: str
    inn: tuple[str, ...]
    description: str
    submission_number: str | None = None
    procedure_tracking: tuple[str, ...] = ()
    related_sequence: str | None = None
    mode: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CnEnvelope:
    application_id: str
    application_type: str
    product_type: str
    product_number: str
    regulatory_activity: str
    sequence_type: str
    description: str
    contact_name: str
    contact_phone: str
    contact_email: str
    related_sequence: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class JpEnvelope:
    """PMDA: kept for the summary only; no JP regional backbone is written."""

    description: str = ""


Envelope = FdaEnvelope | EuEnvelope | CnEnvelope | JpEnvelope


@dataclass(frozen=True)
class BuildRequest:
    """Everything one jurisdiction's sequence build needs, as plain values."""

    jurisdiction: str
    files: tuple[PlannedFile, ...]
    envelope: Envelope
    out_root: Path  # sequences go to out_root/<jurisdiction>/<NNNN>
    history_root: Path  # frozen history in history_root/<jurisdiction>/<NNNN>
    store: Path
    sequence: str | None = None
    epoch: int = 0  # file times and nothing else; 0 = leave as written
    language: str = "en"  # xml:lang of index.xml


@dataclass
class BuildResult:
    jurisdiction: str
    sequence: str
    path: Path
    leaves: list[Leaf] = field(default_factory=list)
    size: int = 0
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # met while rendering (REN00x)

    def count(self, operation: str) -> int:
        return sum(1 for leaf in self.leaves if leaf.operation == operation and leaf.key != REGIONAL_KEY)


REGIONAL_KEY = "m1/regional-backbone"
