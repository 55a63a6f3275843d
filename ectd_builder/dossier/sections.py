"""Which CTD section an attachment may name: Module 2.3/3 codes from the CTD table, and Module 1
codes (or region-neutral purposes such as ``cover-letter``) that exist in each target region."""

from __future__ import annotations

import re

REGION_OF = {"fda": "us", "ema": "eu", "pmda": "jp", "nmpa": "cn"}
_MODULE1 = re.compile(r"^1(\.\d+){0,4}$")


def is_module1(code: str) -> bool:
    from ectd_builder import ctd

    return bool(_MODULE1.match(code)) or code.strip().lower() in ctd.m1_purposes()


def is_known_section(code: str) -> bool:
    """True for a Module 2.3/3 section of the CTD table or a Module 1 code/purpose of any region."""
    from ectd_builder import ctd

    if ctd.is_known(code):
        return True
    return is_module1(code) and any(ctd.m1_section(region, code) is not None for region in REGION_OF.values())


def regions_without(code: str, jurisdictions: list[str]) -> list[str]:
    """The jurisdictions whose regional Module 1 has no place for ``code``."""
    from ectd_builder import ctd

    if not is_module1(code):
        return []
    return [j for j in jurisdictions if j in REGION_OF and ctd.m1_section(REGION_OF[j], code) is None]
