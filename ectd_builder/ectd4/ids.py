"""UUIDs from content keys (uuid5 in one fixed namespace), so that builds are byte-identical."""

from __future__ import annotations

import uuid

# Fixed for ever: changing it changes every identifier the tool has ever written.
NAMESPACE = uuid.UUID("6f0c2a9e-3d6b-5c1e-9a47-0e7d1b8c4f25")


def uid(*parts: str) -> str:
    """Lower-case UUID (no ``urn:uuid:``) for the joined ``parts``."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))
