"""``ectd import-history`` end to end: exit 0 with the mapping shown, 2 when the input is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.cli import import_history as command
from ectd_builder.cli.main import app
from ectd_builder.ectd.placement import leaf_id

from tests.cli_helpers import run_cli


@pytest.fixture(autouse=True)
def _registered() -> None:
    """``import-history`` in the app even before cli/main.py lists it in COMMAND_MODULES."""
    if not any(c.name == "import-history" for c in app.registered_commands):
        command.register(app)


def test_import_shows_each_mapping_with_its_reason(capsys: pytest.CaptureFixture[str], pas_gr: Path, dossier: Path) -> None:
    result = run_cli(capsys, "import-history", str(pas_gr), "-j", "ema", "--dossier", str(dossier))
    assert result.code == 0, result.out + result.err
    lines = result.out.splitlines()
    assert lines[0] == f"ema: imported 0000 into {dossier / 'submissions' / 'ema'}; 4 of our documents continue their leaves"
    form = f"  attachment:form ({leaf_id('attachment:form')}) -> 0000/m1/eu/eu-regional.xml#ID00001319  [section+title]"
    assert form in lines
    assert "  unmatched ours: attachment:lit (m3-3-literature-references: Key literature) - new in the next build" in lines
    assert "  unmatched theirs: 284 leaf(s), kept in force (listed in the mapping)" in lines


def test_wrong_region_exits_2(capsys: pytest.CaptureFixture[str], pas_gr: Path, dossier: Path) -> None:
    result = run_cli(capsys, "import-history", str(pas_gr), "-j", "fda", "--dossier", str(dossier))
    assert result.code == 2
    assert "the sequence is for region 'eu', but -j fda is region 'us'" in result.err


def test_a_jurisdiction_the_dossier_does_not_target_exits_2(
    capsys: pytest.CaptureFixture[str], pas_gr: Path, dossier: Path
) -> None:
    result = run_cli(capsys, "import-history", str(pas_gr), "-j", "nmpa", "--dossier", str(dossier))
    assert result.code == 2
    assert "the dossier does not target nmpa" in result.err
    assert not (dossier / "submissions").exists()
