"""Jurisdiction diff on the tablet example: real differences (language, pharmacopoeia, stability,
site identifiers, regional items, Q12 categories), each with its cause, and nothing spurious."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from ectd_builder.diff import diff_jurisdictions, to_data
from ectd_builder.diff.model import DiffResult
from ectd_builder.dossier import load_dossier
from ectd_builder.jurisdiction.profiles import load_profile
from ectd_builder.resources import data_dir

from tests.cli_helpers import run_cli

SCHEMA = json.loads((data_dir("schemas") / "diff.schema.json").read_text(encoding="utf-8"))
# A slice of the dossier keeps the test fast; `ectd diff examples/tablet -j fda,nmpa` runs them all.
SECTIONS = ("2.3.R", "3.2.P.3.4", "3.2.P.5.1", "3.2.P.8.1", "3.2.R", "3.2.S.2.1")


def _only(code: str) -> bool:
    return code in SECTIONS


@pytest.fixture(scope="module")
def tablet(examples_dir: Path):
    loaded = load_dossier(examples_dir / "tablet")
    if loaded.dossier is None:
        pytest.fail(f"examples/tablet does not load: {[p.message for p in loaded.problems][:3]}")
    return loaded.dossier


@pytest.fixture(scope="module")
def fda_nmpa(tablet) -> DiffResult:
    return diff_jurisdictions(tablet, "fda", "nmpa", only=_only)


def test_one_language_difference_per_document_and_no_text_noise(fda_nmpa: DiffResult) -> None:
    language = [c for c in fda_nmpa.changes if c.kind == "language"]
    assert len(language) == fda_nmpa.compared  # every document: en for FDA, zh for NMPA
    assert {(c.left, c.right) for c in language} == {("en", "zh")}
    assert all(c.cause and c.cause.fact == "module_languages" and c.cause.source for c in language)
    assert not [c for c in fda_nmpa.changes if c.kind == "text"]  # two languages: never line-by-line text


def test_regional_items_come_from_the_profiles(fda_nmpa: DiffResult) -> None:
    fda, nmpa = load_profile("fda"), load_profile("nmpa")
    regional = [c for c in fda_nmpa.changes if c.section == "3.2.R" and c.cause.fact == "regional_3_2_r"]
    left = {c.left for c in regional if c.kind == "only-left"}
    right = {c.right for c in regional if c.kind == "only-right"}
    assert left == set(fda.regional_3_2_r) - set(nmpa.regional_3_2_r)
    assert right == set(nmpa.regional_3_2_r) - set(fda.regional_3_2_r)


def _requirement(result: DiffResult, section: str, fact: str):
    found = [c for c in result.changes if c.kind == "requirement" and c.section == section and c.cause.fact == fact]
    assert len(found) == 1, [(c.section, c.cause.fact) for c in result.changes if c.kind == "requirement"]
    return found[0]


def test_pharmacopoeia_stability_and_site_identifiers(fda_nmpa: DiffResult) -> None:
    ph = _requirement(fda_nmpa, "3.2.P.5.1", "pharmacopoeia")
    assert (ph.left, ph.right) == ("USP-NF", "ChP")
    stab = _requirement(fda_nmpa, "3.2.P.8.1", "climatic_zones")
    assert "zones I, II" in stab.left and "zones II;" in stab.right
    assert "30 °C/75 % RH" in stab.left and "30 °C/75 % RH" not in stab.right
    sites = _requirement(fda_nmpa, "3.2.S.2.1", "site_identifiers")
    assert sites.left.startswith("fei") and "zh-address" in sites.right
    assert all(c.cause.source for c in (ph, stab, sites))


def test_table_values_differ_only_for_a_reason(fda_nmpa: DiffResult) -> None:
    """Numbers in tables are compared across languages; each difference here has a profile or dossier cause."""
    values = [c for c in fda_nmpa.changes if c.kind in ("value", "structure") and c.section != "3.2.P.8.1"]
    assert values, "the compendial method references and Q12 categories differ"
    unexplained = [(c.section, c.location, c.left, c.right) for c in values if c.cause.kind not in ("profile", "dossier")]
    assert unexplained == []
    facts = {c.cause.fact for c in values}
    assert {"pharmacopoeia", "q12_reporting_categories"} <= facts


def test_attachments_for_one_region(fda_nmpa: DiffResult) -> None:
    only = [c for c in fda_nmpa.changes if c.kind.startswith("only-") and c.cause.kind == "dossier"]
    assert only and all("attachment" in c.detail for c in only)


def test_same_language_is_compared_line_by_line(tablet) -> None:
    result = diff_jurisdictions(tablet, "fda", "ema", only=lambda code: code in ("3.2.P.5.1", "3.2.R"))
    assert not [c for c in result.changes if c.kind == "language"]
    texts = [c for c in result.changes if c.kind == "text"]
    assert texts and {c.section for c in texts} == {"3.2.R"}
    assert all(c.lines and c.cause.kind in ("profile", "dossier") for c in texts)
    rows = [r for c in texts for r in c.lines if r.tag != "equal"]
    assert any("Food and Drug Administration" in r.left and "European Medicines Agency" in r.right for r in rows)
    # the same English specification: only what the profiles expect differs, not its text
    spec = [c for c in result.changes if c.section == "3.2.P.5.1"]
    assert [(c.kind, c.cause.fact) for c in spec] == [("requirement", "pharmacopoeia")]
    assert (spec[0].left, spec[0].right) == ("USP-NF", "Ph. Eur.")


def test_json_schema(fda_nmpa: DiffResult) -> None:
    jsonschema.validate(to_data(fda_nmpa), SCHEMA)


def test_cli(examples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    res = run_cli(capsys, "diff", examples_dir / "tablet", "-j", "fda,nmpa", "--section", "3.2.R", "--format", "json")
    assert res.code == 1, res.err
    data = res.json()
    jsonschema.validate(data, SCHEMA)
    assert data["kind"] == "jurisdiction" and data["counts"]["language"] == 1
    assert run_cli(capsys, "diff", examples_dir / "tablet", "-j", "fda,fda").code == 2
    assert run_cli(capsys, "diff", examples_dir / "tablet", "-j", "fda,xyz").code == 2
    same = run_cli(capsys, "diff", examples_dir / "tablet", "-j", "fda,ema", "--section", "3.2.S.1.1")
    assert same.code == 0 and "no differences" in same.out
