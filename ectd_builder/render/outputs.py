"""Write rendered documents into an output folder, atomically (DESIGN decision 8).

Layout: ``<out>/<module>/<section>/<file_stem>.<ext>``, e.g.
``m3/3.2.S.4.1/specification-ibuprofen-acme.pdf``. The whole folder is written beside the
target and renamed at the end, so an interrupted render leaves the previous output intact.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ectd_builder.errors import InternalError
from ectd_builder.render.api import EXTENSIONS, Rendered


def relative_path(item: Rendered) -> Path:
    module = "m2" if item.doc.section.startswith("2.") else "m3"
    owner = item.doc.substance_id or item.doc.product_id or ""
    name = item.doc.file_stem if not owner or owner in item.doc.file_stem else f"{item.doc.file_stem}-{owner}"
    return Path(module) / item.doc.section / f"{name}{EXTENSIONS[item.fmt]}"


def write_outputs(rendered: Sequence[Rendered], target: Path) -> list[Path]:
    """Write every rendered file under ``target`` (replacing it whole); the paths written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    written: list[Path] = []
    try:
        seen: set[Path] = set()
        for item in rendered:
            rel = relative_path(item)
            if rel in seen:
                raise InternalError(f"two documents would be written to {rel}: a bug in the document plan")
            seen.add(rel)
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(item.data)
            written.append(target / rel)
        backup = None
        if target.exists():
            backup = target.with_name(f".{target.name}.old")
            if backup.exists():
                shutil.rmtree(backup)
            target.rename(backup)
        staging.rename(target)
        if backup is not None:
            shutil.rmtree(backup)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written
