"""Issue 17 item 6: honest defaults of ``ectd standards import``, ``ectd init`` and ``ectd check``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ectd_builder.resources import data_dir

from tests.cli_helpers import run_cli


def test_standards_import_of_nothing_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "etc"
    (src / "passwd").parent.mkdir()
    (src / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    result = run_cli(capsys, "standards", "import", str(src), "--standards", str(tmp_path / "store"))
    assert result.code == 2, result.out + result.err
    assert "nothing imported" in result.err


def test_standards_import_of_the_shared_store_is_still_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, standards_dir: Path
) -> None:
    result = run_cli(capsys, "standards", "import", str(standards_dir), "--standards", str(tmp_path / "store"))
    assert result.code == 0, result.out + result.err


def test_init_schema_reference_works_outside_the_repository(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "new"
    assert run_cli(capsys, "init", str(target)).code == 0
    yamls = sorted(target.rglob("*.yaml"))
    assert yamls
    for path in yamls:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        found = re.fullmatch(r"# yaml-language-server: \$schema=file://(\S+)", first)
        assert found, f"{path.name}: {first}"
        schema = Path(found.group(1))
        assert schema.is_file() and schema.parent == data_dir("schemas").resolve()
    assert "../../schemas" not in (target / "dossier.yaml").read_text(encoding="utf-8")
