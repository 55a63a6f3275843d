"""Which CTD section an attachment may name: Module 2.3/3 codes from the CTD table, and Module 1
codes (or region-neutral purposes such as ``cover-letter``) that exist in each target region.

The regional folder of each jurisdiction comes from :func:`ectd_builder.jurisdiction.region_folders`
(``jurisdictions/index.yaml``), read inside the functions so importing this module stays light.
"""

from __future__ import annotations

import re

_MODULE1 = re.compile(r"^1(\.\d+){0,4}$")


def _region_of() -> dict[str, str]:
    from ectd_builder.jurisdiction import region_folders  # noqa: PLC0415 - the index is read on first use

    return region_folders()


def is_module1(code: str) -> bool:
    from ectd_builder import ctd

    return bool(_MODULE1.match(code)) or code.strip().lower() in ctd.m1_purposes()


def is_known_section(code: str) -> bool:
    """True for a Module 2.3/3 section of the CTD table or a Module 1 code/purpose of any region."""
    from ectd_builder import ctd

    if ctd.is_known(code):
        return True
    return is_module1(code) and any(ctd.m1_section(region, code) is not None for region in _region_of().values())


def regions_without(code: str, jurisdictions: list[str]) -> list[str]:
    """The jurisdictions whose regional Module 1 has no place for ``code``."""
    from ectd_builder import ctd

    if not is_module1(code):
        return []
    region_of = _region_of()
    return [j for j in jurisdictions if j in region_of and ctd.m1_section(region_of[j], code) is None]
