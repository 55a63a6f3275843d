"""eCTD v4.0 contexts of use in the viewer: regional codes back to their Module 1 section, in CTD order."""

from __future__ import annotations

from pathlib import Path

from ectd_builder.ctd import m1_headings
from ectd_builder.dossier import load_dossier
from ectd_builder.ectd.api import planned_files
from ectd_builder.ectd4.build import build_unit
from ectd_builder.ectd4.codes import facts_for
from ectd_builder.sequence.model import Heading
from ectd_builder.sequence.v4_neutral import headings_for
from ectd_builder.site import build_site, headings, read_page_data


def _labels(code: str, region: str | None) -> list[str]:
    return [headings.label(h, region) for h in headings_for(code, (), region)]


def _jp_title(code: str) -> str:
    return next(row.title for row in m1_headings("jp") if row.code == code)


def test_every_pmda_regional_code_maps_back_to_its_module_1_section() -> None:
    table = facts_for("pmda").region.context_of_use
    assert table, "the PMDA profile has v4.0 context-of-use codes"
    for section, fact in table.items():
        assert _labels(fact.value, "jp") == ["1 Module 1 (JP)", f"{section} {_jp_title(section)}"]


def test_codes_the_region_does_not_know_stay_as_they_are() -> None:
    assert _labels("jp_9.99", "jp") == ["contextOfUse [code: jp_9.99]"]
    assert _labels("jp_1.13", None) == ["contextOfUse [code: jp_1.13]"]  # no region: no code table
    assert headings_for("jp_1.13", (), "eu") == (Heading("contextOfUse", (("code", "jp_1.13"),)),)  # EMA: no v4 facts


def test_ich_codes_reach_heading_only_rows_and_keep_keywords() -> None:
    keyword = (("keyword", "solvekizumab"),)
    line = [headings.label(h, "jp") for h in headings_for("ich_5.3.1.1", keyword, "jp")]
    assert line[0] == "5 Clinical Study Reports" and line[-1] == "5.3.1.1 Bioavailability Study Reports [keyword: solvekizumab]"
    m1 = headings_for("jp_1.2", keyword, "jp")[-1]
    assert headings.label(m1, "jp") == f"1.2 {_jp_title('1.2')} [keyword: solvekizumab]"


def test_pmda_unit_shows_module_1_first_with_its_title(examples_dir: Path, standards_dir: Path, tmp_path: Path) -> None:
    loaded = load_dossier(examples_dir / "mab")
    assert loaded.dossier is not None
    files = planned_files(loaded.dossier, loaded.root, "pmda", render=False).files
    unit = build_unit(files, loaded.dossier, "pmda", tmp_path / "app", standards_dir, epoch=1_700_000_000).path
    data = read_page_data(build_site(unit.parent, tmp_path / "site", check=False).page)
    sections = [e["section"] for e in data["entries"]]
    assert ["1 Module 1 (JP)", f"1.2 {_jp_title('1.2')}"] in sections
    assert not any(label.startswith("contextOfUse") for line in sections for label in line)
    roots = sorted({line[0] for line in sections}, key=data["order"].__getitem__)
    assert roots == ["1 Module 1 (JP)", "3 Quality"]  # CTD order: Module 1 before Module 3
