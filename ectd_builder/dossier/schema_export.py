"""Generate the published JSON Schemas (``schemas/``) from the model.

Run ``python -m ectd_builder.dossier.schema_export`` after changing the model; a test fails while
the published files and the model disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ectd_builder.dossier.model import Dossier, Fragment
from ectd_builder.dossier.types import MARK_SCHEMA
from ectd_builder.resources import data_dir

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://ectd-builder.github.io/schemas/"


MARK_DEF = "ConfidentialMark"


def _shared_mark(node: Any) -> Any:
    """``node`` with every inline confidentiality mark (one per text field) replaced by a reference to one definition."""
    if node == MARK_SCHEMA:
        return {"$ref": f"#/$defs/{MARK_DEF}"}
    if isinstance(node, dict):
        return {k: _shared_mark(v) for k, v in node.items()}
    return [_shared_mark(v) for v in node] if isinstance(node, list) else node


def _schema(model: type, name: str, title: str) -> dict[str, Any]:
    body = _shared_mark(model.model_json_schema(mode="validation"))  # type: ignore[attr-defined]
    body["$defs"][MARK_DEF] = MARK_SCHEMA
    return {"$schema": SCHEMA_DRAFT, "$id": BASE_ID + name, "title": title, **{k: v for k, v in body.items() if k != "title"}}


def published_schemas() -> dict[str, str]:
    """File name -> JSON text of every schema published under ``schemas/``."""
    schemas = {
        "dossier.schema.json": _schema(Dossier, "dossier.schema.json", "ectd-builder dossier.yaml"),
        "fragment.schema.json": _schema(Fragment, "fragment.schema.json", "ectd-builder included dossier file"),
    }
    return {name: json.dumps(body, indent=2, ensure_ascii=False) + "\n" for name, body in schemas.items()}


def write_schemas(target: Path | None = None) -> list[Path]:
    folder = target or data_dir("schemas")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in published_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - developer tool
    for p in write_schemas():
        print(p)
