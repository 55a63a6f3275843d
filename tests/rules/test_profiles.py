"""Jurisdiction profiles and ICH tables: facts, sources, validation of defective files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.profiles import JURISDICTIONS, load_profile, parse_jurisdictions, parse_profile
from ectd_builder.resources import data_dir
from ectd_builder.rules.tables import TABLES, q3c_find, q3c_option1_ppm, table, threshold


def test_every_profile_loads_with_its_key_facts() -> None:
    facts = {j: load_profile(j) for j in JURISDICTIONS}
    assert [facts[j].region for j in JURISDICTIONS] == ["us", "eu", "jp", "cn"]
    assert {j: p.first_sequence for j, p in facts.items()} == {"fda": 1, "ema": 0, "pmda": 0, "nmpa": 0}
    assert {j: p.max_path_length for j, p in facts.items()} == {"fda": 150, "ema": 180, "pmda": 230, "nmpa": 180}
    assert all(p.max_name_length == 64 for p in facts.values())
    assert facts["pmda"].module_languages == {"m1": "ja", "m2": "ja", "m3": "en"}
    assert set(facts["nmpa"].module_languages.values()) == {"zh"}
    assert (facts["fda"].m1_spec_version, facts["ema"].m1_spec_version, facts["nmpa"].m1_spec_version) == (
        "3.3",
        "3.1",
        "1.0",
    )
    assert facts["pmda"].m1_backbone is None


def test_unverified_facts_are_fields_with_sources() -> None:
    pmda = load_profile("pmda")
    keys = {f.key for f in pmda.unverified}
    assert {"first_sequence", "m1_backbone", "ectd_versions"} <= keys
    for j in JURISDICTIONS:
        for fact in load_profile(j).facts.values():
            assert fact.source and isinstance(fact.verified, bool)


def test_unknown_jurisdiction_is_a_clear_error() -> None:
    with pytest.raises(EctdError, match="unknown jurisdiction 'xx'"):
        load_profile("xx")
    assert parse_jurisdictions("fda, EMA") == ("fda", "ema")
    assert parse_jurisdictions("all") == JURISDICTIONS
    with pytest.raises(EctdError):
        parse_jurisdictions("fda,moon")


BROKEN = [
    (
        "    source: Federal Food, Drug, and Cosmetic Act section 201(j) (official compendium)\n",
        "",
        "fact 'pharmacopoeia': The fact lacks the required field 'source'",
    ),
    ("  SITE-US-01: error\n", "  SITE-US-01: fatal\n", "The text 'fatal' is not an allowed value for 'SITE-US-01'"),
    ("    value: 150\n", "    value: lots\n", "fact 'max_path_length': 'value' should be a whole number"),
    ("    verified: true\n", "    verified: true\n    colour: red\n", "fact 'agency': Unknown field 'colour' in fact"),
    ("id: fda\n", "id: fda\nid: fda\n", "key 'id' appears twice"),
    ("region: us\n", "region: eu\n", "region of fda must be 'us'"),
]


@pytest.mark.parametrize(("old", "new", "message"), BROKEN)
def test_defective_profile_names_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    source = data_dir("jurisdictions") / "fda.yaml"
    text = source.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "fda.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(EctdError) as info:
        parse_profile(broken, expected_id="fda")
    assert message in info.value.message
    where = info.value.message.split(": ")[0]
    file, line, col = where.rsplit(":", 2)
    assert file == str(broken) and int(line) > 1 and int(col) >= 1


def test_a_copy_of_a_good_profile_parses(tmp_path: Path) -> None:
    shutil.copy(data_dir("jurisdictions") / "nmpa.yaml", tmp_path / "nmpa.yaml")
    assert parse_profile(tmp_path / "nmpa.yaml").id == "nmpa"


def test_ich_tables_carry_source_and_verified_flag() -> None:
    for name in TABLES:
        data = table(name)
        assert data["source"].startswith("ICH") and isinstance(data["verified"], bool)


@pytest.mark.parametrize(
    ("name", "kind", "mdd", "expected"),
    [
        ("q3a", "qualification", 100, 0.15),  # 1.0 mg/day = 1% at 100 mg: 0.15% is lower
        ("q3a", "qualification", 1000, 0.1),  # 1.0 mg/day at 1 g = 0.1%
        ("q3a", "qualification", 3000, 0.05),
        ("q3a", "reporting", 2000, 0.05),
        ("q3a", "reporting", 2001, 0.03),
        ("q3b", "qualification", 50, 0.4),  # 200 µg at 50 mg = 0.4% < 0.5%
        ("q3b", "qualification", 5, 1.0),
        ("q3b", "identification", 0.5, 1.0),
        ("q3b", "identification", 1000, 0.2),
        ("q3b", "reporting", 1000, 0.1),
        ("q3b", "reporting", 1500, 0.05),
    ],
)
def test_thresholds_follow_the_bands(name: str, kind: str, mdd: float, expected: float) -> None:
    assert threshold(name, kind, mdd).pct == pytest.approx(expected)


def test_q3c_lookup_and_option1() -> None:
    found = q3c_find("Residual solvents: methanol")
    assert found is not None and found[1] == 2
    assert q3c_option1_ppm(found[2]) == pytest.approx(3000)
    assert q3c_find("Residual solvents: THF")[0] == "thf"  # type: ignore[index]
    assert q3c_find("water") is None
