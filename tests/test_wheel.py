"""A non-editable install (the built wheel) finds its templates, schemas, profiles and examples.

The wheel is built and installed into a fresh virtual environment; the dependencies are borrowed
from the test environment through a ``.pth`` file so the test needs no network.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(REPO)],
        check=True,
        capture_output=True,
    )
    [wheel] = list(dist.glob("ectd_builder-*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], check=True, capture_output=True, text=True
    ).stdout.strip()
    (Path(site) / "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q", str(wheel)], check=True, capture_output=True)
    return env_dir


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    return subprocess.run([str(env_dir / "bin" / "ectd"), *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_installed_package_is_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import ectd_builder, ectd_builder.resources as r; print(ectd_builder.__file__); "
         "print(*(r.data_dir(n) for n in ('templates', 'schemas', 'jurisdictions', 'examples')), sep='\\n')"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout.splitlines()
    assert str(installed) in out[0]
    for folder in out[1:]:
        assert str(installed) in folder and Path(folder).is_dir(), folder
        assert any(Path(folder).iterdir()), f"{folder} is empty in the wheel"


def test_installed_cli_inits_and_validates(installed: Path, tmp_path: Path) -> None:
    assert _run(installed, "--version", cwd=tmp_path).returncode == 0
    created = _run(installed, "init", "mine", "--example", "tablet", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    checked = _run(installed, "validate", "mine", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
