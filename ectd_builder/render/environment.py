"""The Jinja environment: sandboxed, StrictUndefined, user templates before packaged ones.

Search path for a template ``m3/3.2.S.4.1.xhtml.j2`` in language ``zh``::

    <user>/zh/  <user>/common/  <packaged>/zh/  <packaged>/common/

Labels (fixed wording per language) come from ``labels.yaml`` in the same folders: packaged
English, then packaged ``<lang>``, then the user's ``<lang>`` file, each overriding the last.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ectd_builder.errors import EctdError
from ectd_builder.resources import data_dir


def packaged_templates() -> Path:
    return data_dir("templates")


def search_path(language: str, user_dir: Path | None) -> list[str]:
    roots = ([user_dir] if user_dir else []) + [packaged_templates()]
    paths: list[str] = []
    for root in roots:
        for sub in (language, "common"):
            folder = root / sub
            if folder.is_dir():
                paths.append(str(folder))
    return paths


@lru_cache(maxsize=16)
def environment(language: str, user_dir: Path | None = None) -> ImmutableSandboxedEnvironment:
    if user_dir is not None and not user_dir.is_dir():
        raise EctdError(
            f"templates folder '{user_dir}' does not exist", hint="pass --templates DIR with <lang>/ or common/ inside"
        )
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(search_path(language, user_dir)),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return env


@lru_cache(maxsize=16)
def labels(language: str, user_dir: Path | None = None) -> dict[str, str]:
    """Fixed wording for ``language`` (English first, then the language's own, then the user's)."""
    merged: dict[str, str] = {}
    files = [packaged_templates() / "en" / "labels.yaml", packaged_templates() / language / "labels.yaml"]
    if user_dir is not None:
        files.append(user_dir / language / "labels.yaml")
    for path in files:
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(data, dict):
                raise EctdError(f"{path}: labels must be a mapping of name to text")
            merged.update({str(k): str(v) for k, v in data.items()})
    return merged


def missing_labels(language: str) -> list[str]:
    """Label names the packaged English file has and the packaged ``language`` file lacks."""
    base = packaged_templates()
    english = yaml.safe_load((base / "en" / "labels.yaml").read_text(encoding="utf-8")) or {}
    path = base / language / "labels.yaml"
    own = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return sorted(set(english) - set(own or {}))
