"""`ectd build --ectd-version 4.0`: which jurisdictions and histories may take a v4.0 unit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.ectd.api import build_dossier, check_ectd_version, resolve_ectd_version
from ectd_builder.errors import EctdError


def _copy(examples_dir: Path, tmp_path: Path) -> Path:
    root = tmp_path / "tablet"
    shutil.copytree(examples_dir / "tablet", root)
    return root


def test_fda_v4_build_writes_a_submission_unit(examples_dir: Path, standards_dir: Path, tmp_path: Path) -> None:
    root = _copy(examples_dir, tmp_path)
    loaded = load_dossier(root)
    assert loaded.dossier is not None
    result = build_dossier(loaded.dossier, root, "fda", store=standards_dir, render=False, ectd_version="4.0")
    assert (result.path / "submissionunit.xml").is_file()
    assert (result.path / "sha256.txt").is_file()
    assert not (result.path / "index.xml").exists()
    assert any("schema check did not run" in note for note in result.notes)


@pytest.mark.parametrize("jurisdiction", ["ema", "nmpa"])
def test_v4_is_refused_where_the_tool_does_not_build_it(jurisdiction: str, tmp_path: Path) -> None:
    with pytest.raises(EctdError, match="does not take eCTD v4.0"):
        check_ectd_version(tmp_path, jurisdiction, "4.0")


def test_an_application_with_a_frozen_history_stays_on_its_version(tmp_path: Path) -> None:
    (tmp_path / "submissions" / "pmda" / "0000").mkdir(parents=True)
    (tmp_path / "submissions" / "pmda" / "0000" / "index.xml").write_text("<ectd/>")
    with pytest.raises(
        EctdError, match=r"holds frozen eCTD v3.2.2 sequences: an application with a history stays on its eCTD version"
    ):
        check_ectd_version(tmp_path, "pmda", "4.0")
    check_ectd_version(tmp_path, "pmda", "3.2.2")  # its own version stays allowed
    version, why = resolve_ectd_version(tmp_path, "pmda", None)
    assert version == "3.2.2" and why is not None and "holds frozen v3.2.2 sequences" in why
    check_ectd_version(tmp_path / "new", "pmda", "4.0")  # a new application may start on v4.0


def test_pmda_new_application_defaults_to_v4_and_fda_to_v3(tmp_path: Path) -> None:
    assert resolve_ectd_version(tmp_path, "pmda", None) == ("4.0", "built as eCTD v4.0, the default for a new pmda application")
    assert resolve_ectd_version(tmp_path, "fda", None) == ("3.2.2", None)
    assert resolve_ectd_version(tmp_path, "pmda", "3.2.2") == ("3.2.2", None)


def test_an_unknown_version_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EctdError, match="unknown eCTD version"):
        check_ectd_version(tmp_path, "fda", "3.3")
