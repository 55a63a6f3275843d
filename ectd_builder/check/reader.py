"""The names ``check`` has always imported from here; the reader itself is :mod:`ectd_builder.sequence.reader`.

Kept as an import path only (no code of its own) so the check modules and callers outside the
sequence core keep working; new code imports from :mod:`ectd_builder.sequence` directly.
"""

from __future__ import annotations

from ectd_builder.sequence.model import (
    REGIONAL_FILE,
    REGIONS,
    SEQUENCE_RE,
    Application,
    Backbone,
    Envelope,
    Heading,
    Leaf,
    NodeExtension,
    ReadError,
    SequenceDoc,
    Target,
)
from ectd_builder.sequence.reader import (
    is_sequence_folder,
    read_application,
    read_sequence,
)

__all__ = [
    "REGIONAL_FILE",
    "REGIONS",
    "SEQUENCE_RE",
    "Application",
    "Backbone",
    "Envelope",
    "Heading",
    "Leaf",
    "NodeExtension",
    "ReadError",
    "SequenceDoc",
    "Target",
    "is_sequence_folder",
    "read_application",
    "read_sequence",
]
