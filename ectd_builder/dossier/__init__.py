"""Dossier loading: YAML with positions, includes, schema and reference checks, typed model."""

from ectd_builder.dossier.loader import DOSSIER_FILE, LoadResult, find_dossier_file, load_dossier
from ectd_builder.dossier.model import Dossier

__all__ = ["DOSSIER_FILE", "Dossier", "LoadResult", "find_dossier_file", "load_dossier"]
