"""Regional value-list codes come from the profile's codes_* facts (jurisdictions/fda.yaml)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.codes import CODE_FACTS, code_fact, code_table, regional_code
from ectd_builder.jurisdiction.profiles import load_profile, parse_profile, profile_path


def test_every_fda_code_table_is_a_sourced_fact() -> None:
    fda = load_profile("fda")
    for table in ("application", "contact", "phone", "submission", "submission-sub"):  # the FDA tables
        fact = code_fact(fda, table)
        assert fact is not None and fact.source, table
    assert code_fact(fda, "application").verified is True  # type: ignore[union-attr]
    assert code_fact(fda, "submission").verified is False  # type: ignore[union-attr]
    assert code_table(fda, "contact")["us_agent"] == "fdaact3"
    assert regional_code(fda, "submission-sub", "amendment") == "fdasst4"


def test_codes_are_read_from_the_data_file(tmp_path: Path) -> None:
    copy = tmp_path / "fda.yaml"
    shutil.copy(profile_path("fda"), copy)
    text = copy.read_text(encoding="utf-8").replace("eua: fdaat6}", "eua: fdaat6, xyz: fdaat99}")
    copy.write_text(text, encoding="utf-8")
    assert regional_code(parse_profile(copy, "fda"), "application", "xyz") == "fdaat99"


def test_defective_code_table_is_located(tmp_path: Path) -> None:
    copy = tmp_path / "fda.yaml"
    shutil.copy(profile_path("fda"), copy)
    lines = copy.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "{business: fdatnt1" in line)
    lines[at] = "    value: [fdatnt1]\n"
    copy.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(EctdError, match=f"{copy}:{at + 1}:12: fact 'codes_phone'"):
        parse_profile(copy, "fda")


def test_profile_without_codes_names_the_gap() -> None:
    ema = load_profile("ema")
    assert code_table(ema, "application") == {}
    with pytest.raises(EctdError, match="no EMA application-type code"):
        regional_code(ema, "application", "nda")
