"""The ``-j`` option shared by several commands (parsing lives in the core jurisdiction.profiles module)."""

from __future__ import annotations

from ectd_builder.cli.common import fail
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction import region_codes


def parse_jurisdictions(value: str, *, allow_all: bool = True) -> list[str]:
    """``fda,ema`` -> ["fda", "ema"]; ``all`` -> every jurisdiction (when allowed); bad ids exit 2."""
    if not allow_all and value.strip().lower() == "all":
        raise fail("this command takes one jurisdiction, not 'all'", f"use one of: {', '.join(region_codes())}")
    from ectd_builder.jurisdiction.profiles import parse_jurisdictions as _parse

    try:
        return list(_parse(value))
    except EctdError as exc:
        raise fail(exc.message, exc.hint) from None
