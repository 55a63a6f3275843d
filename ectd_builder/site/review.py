"""Review copies of the documents for the viewer: the HTML from ``ectd render --format html`` and
the provenance map beside it (every value of the dossier the document prints, with its
``file:line:col``).

The maps are not part of any eCTD sequence; the viewer pairs them with the leaves they belong to
by CTD section and leaf title, so a reviewer can trace a number of a submitted PDF to its YAML.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ectd_builder.ectd.adapter import leaf_title


def review_key(code: str, title: str) -> str:
    """What pairs a leaf with its review copy: its CTD section code and its leaf title."""
    return f"{code}|{title.strip()}"


def read_review(review_dir: Path, out_dir: Path) -> dict[str, dict[str, Any]]:
    """Review copies found under ``review_dir`` (a render output folder), by :func:`review_key`.

    Each gives the relative URL of the HTML from ``out_dir`` and the values with their sources.
    Files that are not provenance maps of this tool are left out.
    """
    from ectd_builder.render.provenance import (  # only when asked: the viewer needs no renderer
        FORMAT,
        SUFFIX,
    )

    found: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(review_dir).rglob(f"*{SUFFIX}")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("values"), list):
            continue
        page = path.with_name(path.name[: -len(SUFFIX)] + ".html")
        relative = os.path.relpath(page.resolve(), Path(out_dir).resolve()).replace(os.sep, "/")
        key = review_key(path.parent.name, leaf_title(str(data.get("title", ""))))
        found[key] = {
            "html": quote(relative, safe="/._-~") if page.is_file() else None,
            "values": [[str(v.get("text", "")), str(v.get("source", ""))] for v in data["values"] if isinstance(v, dict)],
        }
    return found
