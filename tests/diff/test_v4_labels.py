"""`ectd diff` on an eCTD v4.0 lifecycle: contexts of use labelled by their code's section and title,
and the lifecycle in v4.0's words (suspended, replacementOf), not v3.2.2 operations."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ectd_builder.diff.labels import heading_code_title, leaf_label, leaf_section_code, lifecycle_text
from ectd_builder.dossier import load_dossier
from ectd_builder.ectd.api import build_dossier, freeze_sequence
from ectd_builder.sequence.model import Heading, Leaf, Target
from ectd_builder.sequence.v4 import UNIT_FILE
from ectd_builder.site import headings

from tests.cli_helpers import run_cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ectd"))  # minidossier imports its sibling 'plain'
import minidossier  # noqa: E402


def _build_and_freeze(root: Path, store: Path, sequence: str) -> None:
    loaded = load_dossier(root)
    assert loaded.dossier is not None, loaded.problems
    assert build_dossier(loaded.dossier, root, "pmda", render=False, store=store).sequence == sequence
    freeze_sequence(root, "pmda", sequence)


@pytest.fixture(scope="module")
def units(tmp_path_factory: pytest.TempPathFactory, standards_dir: Path) -> Path:
    """0001 initial; 0002 replaces the batch records; 0003 suspends the literature and the 1.13 cover letter."""
    root = minidossier.write(tmp_path_factory.mktemp("v4") / "d")
    _build_and_freeze(root, standards_dir, "0001")
    minidossier.write(root, version="2")
    _build_and_freeze(root, standards_dir, "0002")
    minidossier.write(root, version="2", drop=("lit", "cover-jp"))
    _build_and_freeze(root, standards_dir, "0003")
    return root / "submissions" / "pmda"


def test_a_suspended_context_of_use_reads_suspended_at_its_module_1_section(
    units: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "diff", units / "0002", units / "0003", "--format", "json")
    assert result.code == 1, result.err
    by_section = {c["section"]: c for c in result.json()["changes"]}
    assert set(by_section) == {"1.13", "3.3"}  # not "1" (the m1-section heading's element name)
    cover = by_section["1.13"]
    assert cover["document"] == "1.13 Cover letter"
    assert cover["cause"]["text"] == "context of use suspended in unit 0003"
    assert all("delete" not in c["cause"]["text"] for c in by_section.values())


def test_a_replacement_reads_replaced_with_its_replacement_of(units: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "diff", units / "0001", units / "0002")
    assert result.code == 1, result.err
    assert "cause: context of use replaced (replacementOf " in result.out and ") in unit 0002" in result.out
    assert "operation 'replace'" not in result.out


def _leaf(section: tuple[Heading, ...], *, operation: str = "new", title: str | None = None,
          backbone: str = UNIT_FILE, target: Target | None = None, leaf_id: str = "c1") -> Leaf:
    return Leaf(leaf_id, operation, None, None, None, None, title, None, target, backbone, section, (), None, None, True)


def test_a_v4_module_1_context_of_use_takes_its_sections_title() -> None:
    heading = Heading("m1-section", (("section", "1.13"),))
    code, title = heading_code_title(heading, "jp")
    assert code == "1.13" and title  # the JP Module 1 table's title for 1.13
    untitled = _leaf((Heading("m1"), heading))
    assert leaf_section_code(untitled, "jp") == "1.13"
    assert leaf_label(untitled, "jp") == f"1.13 {title}"  # no document title: the code's title
    assert leaf_label(_leaf((Heading("contextOfUse", (("code", "xx_9"),)),), title="Other")) == "xx_9 Other"


def test_lifecycle_words_per_format() -> None:
    prior = Target("../0001/submissionunit.xml#c0", "0001", UNIT_FILE, "c0")
    assert lifecycle_text(_leaf((), operation="delete", target=prior), "0003") == "context of use suspended in unit 0003"
    assert lifecycle_text(_leaf((), operation="replace", target=prior), "0002") == (
        "context of use replaced (replacementOf c0) in unit 0002")
    resent = Target("../0001/submissionunit.xml#c1", "0001", UNIT_FILE, "c1")
    assert lifecycle_text(_leaf((), operation="replace", target=resent), "0002") == "context of use resent in unit 0002"
    assert lifecycle_text(_leaf((), operation="delete", backbone="index.xml"), "0002") == "operation 'delete' in sequence 0002"


def test_older_eu_dtd_heading_has_its_title_in_viewer_and_diff() -> None:
    """EU M1 1.3/1.4's m1-3-1-pim (the Emselex sample) is "1.3.1 SPC, Labelling and Package Leaflet", not "1.3.1 pim"."""
    pim = Heading("m1-3-1-pim")
    assert heading_code_title(pim, "eu") == ("1.3.1", "SPC, Labelling and Package Leaflet")
    assert headings.label(pim, "eu") == "1.3.1 SPC, Labelling and Package Leaflet"
    untitled = _leaf((Heading("m1-eu"), Heading("m1-3-pi"), pim), backbone="m1/eu/eu-regional.xml")
    assert leaf_label(untitled, "eu") == "1.3.1 SPC, Labelling and Package Leaflet"
