"""eCTD v4.0 unit build: both examples for PMDA and FDA, byte-determinism, golden file, structure."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.ectd.api import planned_files
from ectd_builder.ectd4.build import build_unit
from ectd_builder.ectd4.codes import facts_for, load_regional
from ectd_builder.ectd4.verify import structural_errors, structural_notes
from ectd_builder.errors import EctdError
from lxml import etree

NS = "{urn:hl7-org:v3}"
GOLDEN = Path(__file__).resolve().parent / "golden"


def _build(examples_dir: Path, name: str, j: str, out: Path, store: Path):  # type: ignore[no-untyped-def]
    loaded = load_dossier(examples_dir / name)
    assert loaded.dossier is not None
    files = planned_files(loaded.dossier, loaded.root, j, render=False).files
    return build_unit(files, loaded.dossier, j, out, store, epoch=1_700_000_000)


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("name", ["tablet", "mab"])
@pytest.mark.parametrize("j", ["pmda", "fda"])
def test_example_builds_as_v4(name: str, j: str, examples_dir: Path, standards_dir: Path, tmp_path: Path) -> None:
    result = _build(examples_dir, name, j, tmp_path, standards_dir)
    unit = result.path
    root = etree.parse(str(unit / "submissionunit.xml")).getroot()
    assert root.tag == f"{NS}PORP_IN000001UV"
    contexts = root.findall(f".//{NS}contextOfUse")
    documents = root.findall(f".//{NS}document")
    assert len(contexts) == len(documents) == len(result.leaves) >= 2
    ig = [i.get("root") for i in root.iter(f"{NS}item") if i.getparent().getparent().tag == f"{NS}device"]
    assert ig == [facts_for(j).ich.ig.value.oid, facts_for(j).region.ig.value.oid]
    assert (unit / "sha256.txt").read_text() == hashlib.sha256((unit / "submissionunit.xml").read_bytes()).hexdigest()
    assert structural_errors(unit) == []
    assert any(n.startswith("v4.0 schema check did not run: ich-ectd-4.0/PORP_IN000001UV.xsd") for n in result.notes)


def test_build_is_byte_deterministic(examples_dir: Path, standards_dir: Path, tmp_path: Path) -> None:
    a = _build(examples_dir, "tablet", "pmda", tmp_path / "a", standards_dir).path
    b = _build(examples_dir, "tablet", "pmda", tmp_path / "b", standards_dir).path
    assert _tree(a) == _tree(b)
    assert [p.stat().st_mtime for p in sorted(a.rglob("*"))] == [p.stat().st_mtime for p in sorted(b.rglob("*"))]


def test_golden_submissionunit(examples_dir: Path, standards_dir: Path, tmp_path: Path) -> None:
    produced = (_build(examples_dir, "tablet", "fda", tmp_path, standards_dir).path / "submissionunit.xml").read_bytes()
    golden = GOLDEN / "fda-tablet-submissionunit.xml"
    if os.environ.get("ECTD_REGEN_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(produced)
    assert golden.is_file(), f"{golden} is missing (ECTD_REGEN_GOLDEN=1 writes it)"
    assert produced == golden.read_bytes(), "submissionunit.xml differs from the golden file (ECTD_REGEN_GOLDEN=1 regenerates)"


def test_structure_failures_are_reported(examples_dir: Path, standards_dir: Path, tmp_path: Path) -> None:
    unit = _build(examples_dir, "tablet", "pmda", tmp_path, standards_dir).path
    facts = facts_for("pmda")
    xml = unit / "submissionunit.xml"
    pdf = next(unit.rglob("*.pdf"))
    pdf.chmod(0o644)
    pdf.write_bytes(b"%PDF-1.4 changed")
    text = xml.read_text(encoding="utf-8")
    first_ref = text.split("<documentReference>")[1].split('root="')[1].split('"')[0]
    xml.chmod(0o644)
    xml.write_text(
        text.replace(
            f'<id root="{first_ref}"/>\n              </documentReference>',
            '<id root="00000000-0000-0000-0000-000000000000"/>\n              </documentReference>',
            1,
        ),
        encoding="utf-8",
    )
    errors = structural_errors(unit)
    assert any("ICH-V4-10" in e and "sha256.txt holds" in e for e in errors)
    assert any("ICH-V4-06" in e and "which no submission unit so far defines" in e for e in errors)
    assert any("ICH-V4-09" in e and "its SHA-256 is" in e for e in errors)
    with pytest.raises(EctdError, match="not valid"):
        structural_notes(unit, facts, standards_dir)


def test_regional_facts_without_source_are_located_problems(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text("id: pmda\nectd_v4:\n  default_for_new_application: {value: '4.0', verified: false}\n", encoding="utf-8")
    facts, problems = load_regional(bad)
    assert facts is None and problems
    assert all(p.file == str(bad) and p.line for p in problems)
    # the one loader names the missing field in the message, at the fact's path
    assert any(p.path == "ectd_v4.default_for_new_application" and "'source'" in p.message for p in problems)
    missing, problems = load_regional(tmp_path / "none.yaml") if (tmp_path / "none.yaml").write_text("id: x\n") else (None, [])
    assert missing is None and "no ectd_v4 section" in problems[0].message


def test_build_checks_codes_against_genericode_lists(examples_dir: Path, standards_dir: Path, tmp_path: Path) -> None:
    from tests.check.test_v4_check import genericode

    unit = _build(examples_dir, "tablet", "fda", tmp_path / "first", standards_dir).path
    root = etree.parse(str(unit / "submissionunit.xml")).getroot()
    cou = facts_for("fda").ich.code_systems["context_of_use"].value.oid
    used = sorted({c.get("code") or "" for c in root.iter(f"{NS}code")
                   if c.get("codeSystem") == cou and c.getparent().tag == f"{NS}contextOfUse"})
    assert len(used) >= 2
    store = tmp_path / "store"
    genericode(store / "ich-ectd-4.0" / "cou.gc", cou, tuple(used))
    result = _build(examples_dir, "tablet", "fda", tmp_path / "ok", store)
    assert any(n.startswith("v4.0 code check did not run in part: no genericode list for code system") for n in result.notes)
    assert not any(cou in n for n in result.notes if "code check" in n)
    genericode(store / "ich-ectd-4.0" / "cou.gc", cou, tuple(used[1:]))
    with pytest.raises(EctdError, match=f"ICH-V4-13 contextOfUse .* code '{used[0]}' is not in the code list"):
        _build(examples_dir, "tablet", "fda", tmp_path / "bad", store)
