"""Line comparison shown side by side: only the changed lines and a little context."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from ectd_builder.diff.model import SideBySide

CONTEXT = 1
MAX_ROWS = 400
GAP = SideBySide("gap", "…", "…")


def side_by_side(
    left: Sequence[str], right: Sequence[str], *, context: int = CONTEXT, limit: int = MAX_ROWS
) -> tuple[SideBySide, ...]:
    """Rows of changed lines (and ``context`` equal lines around them); empty when equal."""
    matcher = SequenceMatcher(None, list(left), list(right), autojunk=False)
    rows: list[SideBySide] = []
    for group in matcher.get_grouped_opcodes(context):
        if rows:
            rows.append(GAP)
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [SideBySide("equal", a, a) for a in left[i1:i2]]
            elif tag == "replace":
                a, b = left[i1:i2], right[j1:j2]
                for k in range(max(len(a), len(b))):
                    rows.append(SideBySide("replace", a[k] if k < len(a) else "", b[k] if k < len(b) else ""))
            elif tag == "delete":
                rows += [SideBySide("delete", a, "") for a in left[i1:i2]]
            else:
                rows += [SideBySide("insert", "", b) for b in right[j1:j2]]
        if len(rows) > limit:
            rows = rows[:limit]
            rows.append(SideBySide("gap", "… (more differences not shown)", "…"))
            break
    return tuple(rows)


def changed_count(rows: Sequence[SideBySide]) -> int:
    return sum(1 for r in rows if r.tag in ("replace", "delete", "insert"))


def hunks(left: Sequence[str], right: Sequence[str], *, context: int = CONTEXT) -> list[tuple[int, int, tuple[SideBySide, ...]]]:
    """Changed stretches as ``(first left line, first right line, rows)``, each with its context."""
    matcher = SequenceMatcher(None, list(left), list(right), autojunk=False)
    out = []
    for group in matcher.get_grouped_opcodes(context):
        first = next((op for op in group if op[0] != "equal"), group[0])
        rows = side_by_side(left[group[0][1] : group[-1][2]], right[group[0][3] : group[-1][4]], context=len(left) + len(right))
        out.append((first[1], first[3], rows))
    return out
