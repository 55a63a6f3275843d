"""Dossier loading: YAML with positions, includes, schema and reference checks, typed model.

The names below are loaded on first use, so that importing a light submodule (for example
``ectd_builder.dossier.yamlload``) does not build the pydantic model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ectd_builder.dossier.loader import DOSSIER_FILE, LoadResult, find_dossier_file, load_dossier
    from ectd_builder.dossier.model import Dossier

__all__ = ["DOSSIER_FILE", "Dossier", "LoadResult", "find_dossier_file", "load_dossier"]


def __getattr__(name: str) -> Any:
    if name == "Dossier":
        from ectd_builder.dossier import model

        return model.Dossier
    if name in __all__:
        from ectd_builder.dossier import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'ectd_builder.dossier' has no attribute '{name}'")
