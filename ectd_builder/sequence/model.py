"""Frozen values for a submission, independent of how it was serialised.

An :class:`Application` holds :class:`SequenceDoc` values (a sequence, or in v4.0 terms a
submission unit). Each holds :class:`Leaf` values as read from its backbones; every leaf gives
three format-neutral views: the :class:`Document` (file, checksum, title), its
:class:`Placement` (CTD section or regional Module 1 element, with keyed attributes) and its
:class:`LifecycleEvent` (new / append / replace / delete and the leaf it modifies).

Paths are POSIX strings. ``Leaf.backbone`` is the backbone file holding the leaf, relative to the
sequence folder; ``Leaf.file`` is where ``xlink:href`` points, relative to the *application*
folder (``"0003/m3/32-body-data/x.pdf"``), ``None`` when absent, absolute or escaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ectd_builder.ctd import section_for_element

SEQUENCE_RE = re.compile(r"^\d{4}$")


def regional_file(region: str) -> str:
    """Where a sequence keeps the regional Module 1 backbone of ``region``: ``m1/us/us-regional.xml``."""
    return f"m1/{region}/{region}-regional.xml"


OPERATIONS = ("new", "append", "replace", "delete")

# Envelope fields per region: the element whose text is the value (first match in document order).
ENVELOPE_FIELDS: dict[str, dict[str, str]] = {
    "eu": {
        "sequence": "sequence",
        "identifier": "identifier",
        "application": "number",
        "applicant": "applicant",
        "description": "submission-description",
    },
    "us": {
        "sequence": "sequence-number",
        "identifier": "submission-id",
        "application": "application-number",
        "applicant": "company-name",
        "description": "submission-description",
    },
    "cn": {
        "sequence": "sequence-number",
        "application": "application-id",
        "description": "sequence-description",
    },
}


@dataclass(frozen=True)
class Heading:
    """One element on the way from the backbone root to a leaf, with its attributes (no ``ID``)."""

    element: str
    attributes: tuple[tuple[str, str], ...] = ()

    def label(self) -> str:
        if not self.attributes:
            return self.element
        attrs = " ".join(f'{k}="{v}"' for k, v in self.attributes)
        return f"{self.element}[{attrs}]"


@dataclass(frozen=True)
class Target:
    """A parsed ``modified-file``: ``../0000/index.xml#ID12`` -> sequence ``0000``, backbone, ``ID12``."""

    raw: str
    sequence: str | None
    backbone: str | None
    leaf_id: str | None
    outside: bool = False  # points outside this application (another application folder)

    @property
    def key(self) -> tuple[str, str, str] | None:
        """``(sequence, backbone, leaf ID)`` when the target is complete and inside the application."""
        if self.outside or not self.sequence or not self.backbone or not self.leaf_id:
            return None
        return (self.sequence, self.backbone, self.leaf_id)


@dataclass(frozen=True)
class Document:
    """What a leaf delivers: the file, its checksum and title (format-neutral)."""

    file: str | None
    checksum: str | None
    checksum_type: str | None
    title: str | None
    lang: str | None


@dataclass(frozen=True)
class Placement:
    """Where a document sits: the backbone, the heading path and the innermost element."""

    backbone: str
    headings: tuple[Heading, ...]
    node_extensions: tuple[str, ...] = ()

    @property
    def element(self) -> str:
        """The innermost heading (a CTD section element or a regional Module 1 element)."""
        return self.headings[-1].element if self.headings else ""

    @property
    def code(self) -> str | None:
        """CTD section code of the innermost heading the CTD table knows (``3.2.S.4.1``), else ``None``
        (regional Module 1 elements are placed by ``element``)."""
        for heading in reversed(self.headings):
            known = section_for_element(heading.element)
            if known is not None:
                return known.code
        return None

    @property
    def regional(self) -> bool:
        return self.backbone != "index.xml"

    @property
    def key(self) -> str:
        return "/".join(h.label() for h in self.headings)


@dataclass(frozen=True)
class LifecycleEvent:
    """What a leaf does to the lifecycle: ``operation`` and the leaf it modifies (``target``)."""

    operation: str
    target: Target | None


@dataclass(frozen=True)
class Leaf:
    """One ``leaf`` element as read (v3.2.2), with the neutral views as properties."""

    id: str
    operation: str
    href: str | None
    file: str | None
    checksum: str | None
    checksum_type: str | None
    title: str | None
    modified_file: str | None
    target: Target | None
    backbone: str
    section: tuple[Heading, ...]
    node_extensions: tuple[str, ...]
    lang: str | None
    line: int | None
    in_lowest_heading: bool
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def section_path(self) -> str:
        return "/".join(h.element for h in self.section)

    @property
    def section_key(self) -> str:
        """Section path with keyed attributes: distinguishes repeated headings."""
        return "/".join(h.label() for h in self.section)

    @property
    def keys(self) -> dict[str, str]:
        """Keyed attributes of all enclosing headings (inner ones win)."""
        out: dict[str, str] = {}
        for h in self.section:
            out.update(h.attributes)
        return out

    @property
    def document(self) -> Document:
        return Document(self.file, self.checksum, self.checksum_type, self.title, self.lang)

    @property
    def placement(self) -> Placement:
        return Placement(self.backbone, self.section, self.node_extensions)

    @property
    def event(self) -> LifecycleEvent:
        return LifecycleEvent(self.operation or "new", self.target)


@dataclass(frozen=True)
class NodeExtension:
    title: str | None
    backbone: str
    section: tuple[Heading, ...]
    line: int | None


@dataclass(frozen=True)
class Backbone:
    """One backbone XML file: ``index.xml`` or the regional Module 1 file."""

    path: str
    root: str
    dtd_version: str | None
    schema_version: str | None
    doctype_system: str | None
    doctype_name: str | None
    stylesheet: str | None
    region: str | None
    namespaces: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Envelope:
    """One envelope (EU has one per country; US ``admin``; CN ``cn-envelope``)."""

    region: str
    fields: tuple[tuple[str, str], ...]
    attributes: tuple[tuple[str, str], ...] = ()
    related_sequences: tuple[str, ...] = ()
    line: int | None = None

    def get(self, name: str) -> str | None:
        for key, value in self.fields:
            if key == name:
                return value
        return None

    def attr(self, path: str) -> str | None:
        """Attribute by ``element@name`` (``envelope@country``, ``submission@type``)."""
        for key, value in self.attributes:
            if key == path:
                return value
        return None

    @property
    def sequence(self) -> str | None:
        return self._field("sequence")

    @property
    def identifier(self) -> str | None:
        return self._field("identifier")

    @property
    def application(self) -> str | None:
        return self._field("application")

    def _field(self, logical: str) -> str | None:
        name = ENVELOPE_FIELDS.get(self.region, {}).get(logical)
        return self.get(name) if name else None


@dataclass(frozen=True)
class ReadError:
    file: str
    kind: str
    message: str
    line: int | None = None


@dataclass(frozen=True)
class SequenceDoc:
    """Everything read from one sequence folder (one submission unit)."""

    folder: Path
    name: str
    region: str | None
    index: Backbone | None
    regional: Backbone | None
    envelopes: tuple[Envelope, ...]
    leaves: tuple[Leaf, ...]
    node_extensions: tuple[NodeExtension, ...]
    headings: tuple[tuple[str, tuple[Heading, ...], int, int | None], ...]
    errors: tuple[ReadError, ...] = ()

    @property
    def number(self) -> str | None:
        """The folder name when it is a 4-digit sequence number."""
        return self.name if SEQUENCE_RE.match(self.name) else None

    @property
    def dtd_versions(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for bb in (self.index, self.regional):
            if bb is not None:
                out[bb.path] = bb.dtd_version or bb.schema_version
        return out

    @property
    def backbones(self) -> tuple[str, ...]:
        return tuple(b.path for b in (self.index, self.regional) if b is not None)

    def leaf(self, backbone: str, leaf_id: str) -> Leaf | None:
        for lf in self.leaves:
            if lf.id == leaf_id and lf.backbone == backbone:
                return lf
        return None


@dataclass(frozen=True)
class Application:
    """A folder of sequence folders, ordered by name (sequence number)."""

    folder: Path
    sequences: tuple[SequenceDoc, ...]
    other_folders: tuple[str, ...] = field(default=())

    def by_number(self, number: str) -> SequenceDoc | None:
        for seq in self.sequences:
            if seq.name == number:
                return seq
        return None


def effective_number(seq: SequenceDoc) -> str | None:
    """The sequence number: the folder name, else the (first) envelope's sequence number."""
    if seq.number:
        return seq.number
    for env in seq.envelopes:
        if env.sequence and SEQUENCE_RE.match(env.sequence):
            return env.sequence
    return None


def lifecycle_order(sequences: list[SequenceDoc] | tuple[SequenceDoc, ...]) -> list[SequenceDoc]:
    """Sequences in lifecycle order: by sequence number, then folder name."""
    return sorted(sequences, key=lambda s: (effective_number(s) or "9999~", s.name))
