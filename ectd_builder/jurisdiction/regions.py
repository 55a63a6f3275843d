"""The one list of the jurisdictions the tool knows, from ``jurisdictions/index.yaml``.

``region_codes()`` gives the jurisdiction ids in order (``fda``, ``ema``, ``pmda``, ``nmpa``),
``region_folders()`` each one's regional folder code (``us``, ``eu``, ``jp``, ``cn``). Importing this
module is light (the CLI starts with it); the index is read, with :func:`jurisdiction.load.load`, on
first use.
"""

from __future__ import annotations

from functools import cache

from ectd_builder.resources import data_dir


@cache
def _index() -> tuple[tuple[str, str], ...]:
    from ectd_builder.jurisdiction.load import load_or_raise  # noqa: PLC0415 - pydantic on first use only
    from ectd_builder.jurisdiction.profile_file import RegionIndex  # noqa: PLC0415

    index = load_or_raise(data_dir("jurisdictions") / "index.yaml", RegionIndex)
    return tuple((entry.id, entry.region) for entry in index.jurisdictions)


def region_codes() -> tuple[str, ...]:
    """The jurisdiction ids in index order: what ``-j all`` means."""
    return tuple(pid for pid, _ in _index())


def region_folders() -> dict[str, str]:
    """``{jurisdiction id: regional folder code}`` in index order, e.g. ``{"fda": "us", ...}``."""
    return dict(_index())


def regional_folders() -> tuple[str, ...]:
    """The regional folder codes in index order (``us``, ``eu``, ``jp``, ``cn``)."""
    return tuple(folder for _, folder in _index())
