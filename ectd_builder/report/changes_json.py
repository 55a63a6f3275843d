"""``ectd changes --format json``: a top-level ``changes`` list, each change with its category per region."""

from __future__ import annotations

import json
from typing import Any

from ectd_builder.changes.api import ChangeReport, Filing, Item
from ectd_builder.changes.rules import Category
from ectd_builder.changes.words import describe

FORMAT = "ectd-builder/changes-1"


def category_data(cat: Category) -> dict[str, Any]:
    """One region's category of a change: the category, where it came from and the proposed filing."""
    return {
        "category": cat.category,
        "origin": cat.origin,
        "source": cat.source,
        "filing": cat.filing,
        "code": cat.code,
        "rule": cat.rule,
        "reference": cat.reference,
        "verified": cat.verified,
        "note": cat.note,
        "at": None if cat.at is None else {"file": cat.at[0], "line": cat.at[1], "col": cat.at[2]},
        "renumbered": None if cat.renumbered is None else {
            "code": cat.renumbered.code, "source": cat.renumbered.source, "verified": cat.renumbered.verified,
        },
    }


def _item(item: Item) -> dict[str, Any]:
    c = item.change
    return {
        "file": item.file,
        "line": item.line,
        "col": item.col,
        "what": describe(c),
        "kind": c.kind,
        "entity": c.entity,
        "field": c.field,
        "old": c.old,
        "new": c.new,
        "jurisdictions": item.jurisdictions,
        "categories": {j: category_data(cat) for j, cat in item.categories.items()},
    }


def _filing(f: Filing) -> dict[str, Any]:
    return {
        "category": f.category,
        "filing": f.filing,
        "codes": list(f.codes),
        "grouping": f.grouping,
        "classified": f.classified,
        "needs_assessment": f.pending,
    }


def render_changes_json(report: ChangeReport) -> str:
    body = {
        "format": FORMAT,
        "baselines": {j: {"sequence": b.sequence, "record": str(b.path)} for j, b in report.baselines.items()},
        "changes": [_item(i) for i in report.items],
        "filings": {j: _filing(f) for j, f in report.filings.items()},
        "needs_assessment": report.pending,
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
