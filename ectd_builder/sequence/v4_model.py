"""Frozen values read from an eCTD v4.0 ``submissionunit.xml`` (HL7 V3 RPS R2, ``PORP_IN000001UV``).

Every value carries ``line``: the source line of its element in ``submissionunit.xml``. UUIDs are
written without ``urn:uuid:`` and in lower case (``id/@root`` as read, normalised).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

UNIT_FILE = "submissionunit.xml"
CHECKSUM_FILE = "sha256.txt"
NAMESPACE = "urn:hl7-org:v3"
ROOT = "PORP_IN000001UV"
STATUSES = ("active", "suspended")


@dataclass(frozen=True)
class V4Document:
    """A ``document``: UUID, title, the file (``text/reference/@value``, relative to the unit folder)."""

    id: str
    title: str
    href: str
    checksum: str
    checksum_algorithm: str
    media_type: str
    language: str | None
    line: int


@dataclass(frozen=True)
class V4ContextOfUse:
    """A ``contextOfUse``: where documents are placed (``code``), its lifecycle and its keywords."""

    id: str
    code: str
    code_system: str
    status: str
    priority: int
    document_ids: tuple[str, ...]
    replaces: str | None
    keywords: tuple[tuple[str, str], ...]
    line: int
    document_lines: tuple[int, ...] = ()  # line of each documentReference, as document_ids
    replaces_line: int | None = None
    code_line: int | None = None  # line of the contextOfUse's <code>


@dataclass(frozen=True)
class V4Keyword:
    """A keyword definition (``keywordDefinition/value/item``): code, code system and display name."""

    code: str
    code_system: str
    display_name: str
    line: int
    type_code: str = ""  # keywordDefinition/code/@code: the keyword definition type
    type_code_system: str = ""


@dataclass(frozen=True)
class V4Unit:
    """One submission unit: its identity, its submission and application, contexts and documents.

    ``application_id`` is the application number (``application/id`` ``extension``, else ``root``);
    ``application_code_system`` is the OID of that identifier (``root``); ``application_code`` and
    ``application_code_code_system`` are the application type (``application/code``)."""

    path: Path
    id: str
    code: str
    code_system: str
    title: str
    sequence_number: int
    application_id: str
    application_code_system: str
    submission_id: str
    submission_code: str
    contexts: tuple[V4ContextOfUse, ...]
    documents: tuple[V4Document, ...]
    keywords: tuple[V4Keyword, ...]
    line: int = 1
    submission_code_system: str = ""
    application_code: str = ""
    application_code_code_system: str = ""
    code_lines: tuple[int, int, int] = (1, 1, 1)  # lines of the unit's, submission's, application's <code>

    def document(self, doc_id: str) -> V4Document | None:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        return None
