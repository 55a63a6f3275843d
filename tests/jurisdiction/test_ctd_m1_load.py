"""ctd/m1.yaml is read with load(path, Model): every defect is reported, located."""

from __future__ import annotations

from pathlib import Path

from ectd_builder.ctd import table
from ectd_builder.jurisdiction import ctd_rows
from ectd_builder.jurisdiction.load import load


def test_shipped_m1_table_loads() -> None:
    from ectd_builder.ctd import rows  # the model the table reads it with (rows may be heading_only)

    data, problems = load(Path(table.__file__).parent / "m1.yaml", rows.TableM1File)
    assert problems == [] and data is not None
    assert {"us", "eu", "jp", "cn"} <= set(data.regions)


def test_defective_m1_table_reports_every_row(tmp_path: Path) -> None:
    path = tmp_path / "m1.yaml"
    path.write_text(
        "sources: {us: S}\nregions:\n  us:\n"
        "  - {code: '1.2', title: Cover, verifed: true}\n"
        "  - {code: '1.3', specific: maybe, title: X}\n",
        encoding="utf-8",
    )
    data, problems = load(path, ctd_rows.M1File)
    assert data is None
    assert sorted((p.line, p.col) for p in problems) == [(4, 33), (5, 29)]


def test_defective_sections_table_is_located(tmp_path: Path) -> None:
    path = tmp_path / "sections.yaml"
    path.write_text(
        "sources: {}\nsections:\n- {code: '2', element: m2, parent: null, lowest: nope, titles: {en: X}}\n",
        encoding="utf-8",
    )
    data, problems = load(path, ctd_rows.SectionsFile)
    assert data is None
    assert [(p.line, p.path) for p in problems] == [(3, "sections[0].lowest")]
