"""Where the packaged data folders (templates, schemas, jurisdictions, examples) live.

From a source checkout they sit at the top of the repository; in a built wheel they are
copied into ``ectd_builder/_data``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``name`` (``templates``, ``schemas``, ``jurisdictions``, ``examples``)."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
