"""Parsing of the ``-j`` option shared by several commands."""

from __future__ import annotations

from ectd_builder.cli.common import fail

JURISDICTIONS = ("fda", "ema", "pmda", "nmpa")


def parse_jurisdictions(value: str, *, allow_all: bool = True) -> list[str]:
    """``fda,ema`` -> ["fda", "ema"]; ``all`` -> every jurisdiction; unknown ids exit 2."""
    items = [v.strip().lower() for v in value.split(",") if v.strip()]
    if allow_all and items == ["all"]:
        return list(JURISDICTIONS)
    unknown = [i for i in items if i not in JURISDICTIONS]
    if unknown or not items:
        raise fail(
            f"unknown jurisdiction '{', '.join(unknown) or value}'",
            f"use one or more of: {', '.join(JURISDICTIONS)}" + (" (or all)" if allow_all else ""),
        )
    return list(dict.fromkeys(items))
