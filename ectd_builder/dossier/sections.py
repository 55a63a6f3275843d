"""Which CTD section codes an attachment may name (delegates to the CTD table)."""

from __future__ import annotations

import re

_MODULE1 = re.compile(r"^1(\.\d+){0,4}$")


def is_known_section(code: str) -> bool:
    """True for a Module 2.3/3 section of the CTD table or a regional Module 1 code."""
    from ectd_builder import ctd

    if _MODULE1.match(code):
        return True
    return bool(ctd.is_known(code))
