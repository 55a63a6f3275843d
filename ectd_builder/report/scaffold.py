"""``ectd init`` output: what was created and the next step."""

from __future__ import annotations

from pathlib import Path

from ectd_builder.report.blocks import Line, line


def init_lines(directory: Path, example: str, written: int) -> tuple[Line, ...]:
    return (
        line(f"Created {directory} from the '{example}' example ({written} files)."),
        line(f"Next: edit {directory / 'dossier.yaml'}, then run 'ectd validate {directory}'."),
    )
