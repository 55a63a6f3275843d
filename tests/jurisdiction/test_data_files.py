"""Each kind of data file is read with load: a defective fixture gives every problem at its exact line."""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.check import packs
from ectd_builder.ectd4.codes import load_ich, load_regional
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.ich_tables import model_for
from ectd_builder.jurisdiction.load import read
from ectd_builder.rules import tables


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defective_ich_table_reports_each_defect_at_its_line(tmp_path: Path) -> None:
    text = tables.table_path("q3b").read_text(encoding="utf-8")
    text = text.replace("verified: true\n", "verified: maybe\n", 1)  # the table's flag (line 3)
    text = text.replace(
        "{max_daily_dose_mg: 1, inclusive: false, pct: 1.0", "{max_daily_dose_mg: 1, inclusive: false, pct: lots", 1
    )
    path = _write(tmp_path, "q3b.yaml", text)
    lines = text.splitlines()
    found = read(path, model_for("q3b"), context={"table": "q3b"})
    assert found.value is None
    assert sorted((p.line, p.path) for p in found.problems) == [
        (lines.index("verified: maybe") + 1, "verified"),
        (next(n for n, line in enumerate(lines, 1) if "pct: lots" in line), "identification[0].pct"),
    ]


def test_ich_table_must_name_itself(tmp_path: Path) -> None:
    path = _write(tmp_path, "q3a.yaml", "table: q3b\nsource: ICH Q3A(R2)\nverified: false\nreporting: []\n")
    found = read(path, model_for("q3a"), context={"table": "q3a"})
    where = sorted((p.line, p.col, p.path or "") for p in found.problems)
    assert where == [(1, 1, ""), (1, 1, ""), (1, 8, "table"), (4, 12, "reporting")]  # two bands lists missing
    assert "expected 'table: q3a'" in next(p.message for p in found.problems if p.path == "table")


def test_shipped_ich_tables_pass_their_models() -> None:
    for name in tables.TABLES:
        assert tables.table(name)["table"] == name


def test_defective_criteria_pack_reports_each_defect_at_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "mine.yaml",
        "pack: mine\nlevels: {must: error}\ncriteria:\n"
        "  - {id: MY-1, level: must, checks: [file-empty], title: t, source: s}\n"
        "  - {id: MY-2, level: should, checks: [file-empty], title: t, source: s}\n"
        "  - {id: MY-3, level: must, checks: [no-such-check], title: t, source: s}\n"
        "  - {id: MY-4, level: must, checks: [file-empty], title: t}\n",
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    pack, problems = packs.read_pack_file(path)
    assert pack is None
    assert sorted((p.line, p.col, p.path) for p in problems) == [
        (5, lines[4].index("should") + 1, "criteria[1].level"),
        (6, lines[5].index("[no-such") + 1, "criteria[2].checks"),
        (7, lines[6].index("{") + 1, "criteria[3]"),  # lacks its source
    ]
    assert "level 'should' is not one of the pack's levels (must)" in problems[0].message
    with pytest.raises(EctdError, match="^3 problems:"):
        packs.load_pack_file(path)


def test_regional_pack_comes_from_the_packs_region() -> None:
    assert packs.region_pack("us") is packs.load_pack("fda")
    assert packs.region_pack("jp") is packs.load_pack("jp")
    assert packs.region_pack("xx") is None and packs.region_pack(None) is None


def test_defective_v4_facts_report_each_defect_at_its_line(tmp_path: Path) -> None:
    ich = (Path(tables.table_path("q1a")).parent / "ectd_v4.yaml").read_text(encoding="utf-8")
    lines = ich.splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip().startswith("verified:"))
    lines[at] = lines[at].replace("verified:", "verifed:")
    path = _write(tmp_path, "ectd_v4.yaml", "\n".join(lines) + "\n")
    facts, problems = load_ich(path)
    assert facts is None
    assert (at + 1, "verifed") in {(p.line, (p.path or "").rsplit(".", 1)[-1]) for p in problems}
    assert {p.code for p in problems} >= {"schema-unknown-key", "schema-missing"}


def test_defective_regional_v4_section_is_located(tmp_path: Path) -> None:
    text = "id: pmda\nectd_v4:\n  default_for_new_application: {value: 4, source: S, verified: false}\n"
    facts, problems = load_regional(_write(tmp_path, "pmda.yaml", text))
    assert facts is None
    where = {(p.line, p.col, p.path) for p in problems}
    assert (3, 40, "ectd_v4.default_for_new_application.value") in where  # a number, not text
    assert all(p.line for p in problems)
