"""Project-wide guarantees: the core stays free of CLI libraries, printing and exits."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import ectd_builder
from ectd_builder.cli.main import COMMAND_MODULES

PACKAGE = Path(ectd_builder.__file__).parent


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="ectd_builder."):
        if info.name.startswith("ectd_builder.cli"):
            continue
        names.append(info.name)
    return sorted(names)


def test_core_imports_neither_typer_nor_rich() -> None:
    modules = _core_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"core modules pulled in: {out}"


def test_core_never_prints_or_exits() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "cli" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                owner = getattr(getattr(func, "value", None), "id", "")
                if name == "print" and isinstance(func, ast.Name) and not _is_main_guard(tree, node):
                    offenders.append(f"{path}:{node.lineno} print()")
                if name == "exit" and owner == "sys":
                    offenders.append(f"{path}:{node.lineno} sys.exit()")
    assert offenders == []


def _is_main_guard(tree: ast.Module, call: ast.Call) -> bool:
    for node in tree.body:
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            if any(n is call for n in ast.walk(node)):
                return True
    return False


def test_every_command_module_imports_and_registers() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"ectd_builder.cli.{name}")
        assert callable(module.register), name


def test_cli_start_up_stays_light() -> None:
    """`ectd --help` must not pay for scipy, matplotlib, pydantic models or the renderer."""
    code = (
        "import sys, ectd_builder.cli.main\n"
        "heavy = ('scipy', 'matplotlib', 'fpdf', 'docx', 'pydantic', 'jinja2', 'pypdf')\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"importing the CLI pulled in: {out}"


def test_every_listed_jurisdiction_has_its_profile() -> None:
    """The one list of jurisdictions (jurisdictions/index.yaml) and the profiles agree."""
    from ectd_builder.jurisdiction import region_codes, region_folders
    from ectd_builder.jurisdiction.profiles import load_profile

    assert region_codes() == ("fda", "ema", "pmda", "nmpa")
    for j in region_codes():
        assert load_profile(j).id == j and region_folders()[j]


def test_cli_and_core_agree_on_diff_formats() -> None:
    from ectd_builder.cli.diff import FORMATS as cli_formats
    from ectd_builder.diff.formats import FORMATS as core_formats

    assert cli_formats == core_formats
