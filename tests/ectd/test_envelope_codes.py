"""Every submission type of each region's Module 1 has its code in the profile (issue 14 item 3).

CODE-01 passes the FDA CMC supplement and annual report (fdast3, fdast5) and reports an EU or CN word
outside the official value list at its dossier line; the verified tables equal the official files."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from ectd_builder.dossier import load_dossier
from ectd_builder.ectd.adapter import envelope
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.codes import code_fact, code_table, regional_code
from ectd_builder.jurisdiction.profiles import load_profile
from ectd_builder.problems import Problem
from ectd_builder.rules import run_rules
from tests.rules.builder import mutated, write_dossier


def _code_01(change: Callable[[dict[str, Any]], None], tmp_path: Path, j: str) -> tuple[Path, list[Problem]]:
    path = write_dossier(mutated(change), tmp_path)
    result = load_dossier(path.parent)
    assert result.dossier is not None, [p.message for p in result.problems]
    return path, [p for p in run_rules(result, [j]) if p.code == "CODE-01"]


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()) if needle in line) + 1


@pytest.mark.parametrize(("field", "word"), [("submission_type", "cmc-supplement"), ("submission_type", "annual-report"),
                                             ("submission_sub_type", "resubmission"), ("submission_sub_type", "report")])
def test_code_01_passes_fda_post_approval_words(tmp_path: Path, field: str, word: str) -> None:
    _, found = _code_01(lambda d: d["applications"]["fda"].update({field: word}), tmp_path, "fda")
    assert found == []


@pytest.mark.parametrize(("j", "field", "word", "table"), [
    ("ema", "submission_type", "var-type3", "submission"),
    ("nmpa", "regulatory_activity", "cnrat99", "regulatory-activity"),
])
def test_code_01_reports_a_word_outside_the_value_list_at_its_line(tmp_path: Path, j: str, field: str, word: str, table: str) -> None:
    path, found = _code_01(lambda d: d["applications"][j].update({field: word}), tmp_path, j)
    assert [(p.line, p.file is not None and p.file.endswith("dossier.yaml")) for p in found] == [(_line_of(path, f"{field}: {word}"), True)]
    assert f"'{word}' has no {j.upper()} {table}-type code" in found[0].message


def test_code_01_passes_the_base_ema_and_nmpa_applications(tmp_path: Path) -> None:
    assert _code_01(lambda d: None, tmp_path, "ema")[1] == []
    assert _code_01(lambda d: None, tmp_path, "nmpa")[1] == []


def test_fda_post_approval_codes_and_their_standing() -> None:
    fda = load_profile("fda")
    assert regional_code(fda, "submission", "cmc-supplement") == "fdast3"
    assert regional_code(fda, "submission", "annual-report") == "fdast5"
    assert regional_code(fda, "submission-sub", "resubmission") == "fdasst5"
    # FDA's submission-type file is not in the store: the tables say so
    assert code_fact(fda, "submission").verified is False  # type: ignore[union-attr]
    assert code_fact(fda, "submission-sub").verified is False  # type: ignore[union-attr]


def _dtd_choice(path: Path, element: str) -> set[str]:
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"<!ATTLIST {element}\s+type \(([^)]*)\)", text)
    assert found is not None, element
    return {word.strip() for word in found.group(1).split("|")}


def test_eu_tables_are_the_envelope_dtd_lists(standards_dir: Path) -> None:
    ema = load_profile("ema")
    mod = standards_dir / "eu-m1-3.1" / "eu-envelope.mod"
    for table, element in (("submission", "submission"), ("submission-unit", "submission-unit")):
        codes = code_table(ema, table)
        assert set(codes) == set(codes.values()) == _dtd_choice(mod, element), table
        assert code_fact(ema, table).verified is True  # type: ignore[union-attr]
    assert {"var-type1a", "var-type1ain", "var-type1b", "var-type2", "article-18"} <= set(code_table(ema, "submission"))


def test_cn_tables_are_the_cv_files(standards_dir: Path) -> None:
    nmpa = load_profile("nmpa")
    for table, name in (("regulatory-activity", "cv-regulatory-activity-type.xml"), ("sequence", "cv-sequence-type.xml")):
        tree = etree.parse(str(standards_dir / "cn-m1-1.0" / name), etree.XMLParser(no_network=True, resolve_entities=False))
        published = {el.get("name") for el in tree.iter("code")}
        assert set(code_table(nmpa, table).values()) == published, table


def test_the_eu_envelope_refuses_an_unknown_type(tmp_path: Path) -> None:
    path = write_dossier(mutated(lambda d: d["applications"]["ema"].update(submission_type="var-type2")), tmp_path)
    loaded = load_dossier(path.parent)
    assert loaded.dossier is not None
    assert envelope(loaded.dossier, "ema").submission_type == "var-type2"
    bad = write_dossier(mutated(lambda d: d["applications"]["ema"].update(submission_type="var-type3")), tmp_path / "bad")
    wrong = load_dossier(bad.parent)
    assert wrong.dossier is not None
    with pytest.raises(EctdError, match="'var-type3'"):
        envelope(wrong.dossier, "ema")
