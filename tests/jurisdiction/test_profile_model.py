"""Profiles as typed models read with load: every defect of a profile, each at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction import region_codes, region_folders
from ectd_builder.jurisdiction.profile_file import REQUIRED_FACTS
from ectd_builder.jurisdiction.profiles import (
    Profile,
    RegionalItem,
    load_profile,
    parse_profile,
    profile_path,
    read_profile,
)


def _broken(tmp_path: Path, name: str, edits: list[tuple[str, str]]) -> tuple[Path, list[str]]:
    """A copy of ``name``'s profile with ``edits`` applied; also its lines, to find where each edit is."""
    text = profile_path(name).read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text.splitlines()


def _line_of(lines: list[str], needle: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_three_defects_give_three_located_problems(tmp_path: Path) -> None:
    path, lines = _broken(
        tmp_path,
        "fda",
        [
            ("    value: 150\n", "    value: lots\n"),  # max_path_length: not a number
            ("    value: letter\n", "    value: tabloid\n"),  # page_size: not a known size
            ("        scope: product\n", "        scope: factory\n"),  # first 3.2.R item: unknown scope
        ],
    )
    profile, problems = read_profile(path, "fda")
    assert profile is None
    where = sorted((p.line, p.col, p.path) for p in problems)
    assert where == [
        (_line_of(lines, "value: lots"), 12, "facts.max_path_length.value"),
        (_line_of(lines, "value: tabloid"), 12, "facts.page_size.value"),
        (_line_of(lines, "scope: factory"), 16, "facts.regional_3_2_r.value[0].scope"),
    ]
    assert all(p.file == str(path) for p in problems)
    assert {p.message.split(":")[0] for p in problems} == {
        "fact 'max_path_length'",
        "fact 'page_size'",
        "fact 'regional_3_2_r'",
    }
    with pytest.raises(EctdError, match="^3 problems:") as info:
        parse_profile(path, "fda")
    assert "Allowed values: a4, letter." in info.value.message  # each problem's hint is kept


def test_missing_facts_and_wrong_id_are_located(tmp_path: Path) -> None:
    path, lines = _broken(tmp_path, "ema", [("id: ema\n", "id: moon\n"), ("  agency:\n", "  agency_name:\n")])
    _, problems = read_profile(path, "ema")
    by_path = {p.path: p for p in problems}
    assert by_path["id"].line == _line_of(lines, "id: moon") and "id must be ema" in by_path["id"].message
    assert "'agency'" in by_path["facts"].message  # the required fact is missing
    assert "agency_name" not in by_path  # an unknown fact is kept as a sourced fact
    assert len(problems) == 2


def test_a_3_2_r_item_is_typed_and_checked(tmp_path: Path) -> None:
    item = load_profile("ema").regional_requirements[0]
    assert isinstance(item, RegionalItem) and item.section == "3.2.R" and isinstance(item.kinds, tuple)
    path, lines = _broken(tmp_path, "ema", [("kinds: [pv_scheme]", "kinds: [pv_sheme]")])
    _, problems = read_profile(path, "ema")
    [problem] = problems
    assert problem.path == "facts.regional_3_2_r.value[0]" and problem.line == _line_of(lines, "- id: pv-scheme")
    assert "pv-scheme: kinds must be" in problem.message and "('pv_sheme' is not one)" in problem.message


def test_profile_attributes_are_typed_values_and_facts_keep_the_file_values() -> None:
    fda = load_profile("fda")
    assert isinstance(fda, Profile) and fda.ectd_versions == ("3.2.2", "4.0")
    assert fda.fact("regional_3_2_r").value[0]["id"] == fda.regional_requirements[0].id  # type: ignore[union-attr]
    assert set(REQUIRED_FACTS) <= set(fda.facts)
    assert fda.source_file == profile_path("fda") and fda.raw["id"] == "fda"
    assert load_profile("fda") is fda and fda != parse_profile(profile_path("fda"))  # cached; equal by identity


def test_the_regions_come_from_the_index() -> None:
    assert region_codes() == ("fda", "ema", "pmda", "nmpa")
    assert region_folders() == {"fda": "us", "ema": "eu", "pmda": "jp", "nmpa": "cn"}
    assert [load_profile(j).region for j in region_codes()] == list(region_folders().values())


def test_an_unknown_field_of_a_3_2_r_item_is_named(tmp_path: Path) -> None:
    path, lines = _broken(tmp_path, "ema", [("kinds: [pv_scheme]", "kinds: [pv_scheme]\n        colour: red")])
    [problem] = read_profile(path, "ema")[1]
    assert (problem.line, problem.path) == (_line_of(lines, "colour: red"), "facts.regional_3_2_r.value[0].colour")
    assert problem.message.startswith("fact 'regional_3_2_r': Unknown field 'colour' in 3.2.R item (fields: id, title,")
