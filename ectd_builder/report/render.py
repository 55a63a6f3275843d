"""``ectd render`` output: how many documents of which type were written where."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ectd_builder.render.api import EXTENSIONS, Rendered
from ectd_builder.report.blocks import Line, line


def render_summary(
    rendered: Sequence[Rendered], formats: Sequence[str], size: int, target: Path, jurisdiction: str
) -> tuple[Line, ...]:
    """``size`` is the bytes written, in all files."""
    counts = {f: sum(1 for r in rendered if r.fmt == f) for f in formats}
    summary = ", ".join(f"{n} {f.upper()}" for f, n in counts.items())
    docs = len({r.doc.key for r in rendered})
    return (
        line(f"wrote {summary} ({size / 1_048_576:.1f} MiB) to {target}", "heading"),
        line(f"{docs} documents for {jurisdiction}; file types {', '.join(EXTENSIONS[f] for f in formats)}"),
    )
