"""Moved to :mod:`ectd_builder.jurisdiction.profiles`; this shim keeps old imports working until they are swept."""

from ectd_builder.jurisdiction.profiles import (  # noqa: F401
    FACT_KEYS,
    JURISDICTIONS,
    LANGUAGES,
    PAGE_SIZES,
    REGIONAL_CONDITIONS,
    REGIONAL_KEYS,
    REGIONAL_OPTIONAL,
    REGIONAL_SCOPES,
    SEVERITIES,
    Profile,
    RegionalItem,
    load_profile,
    parse_jurisdictions,
    parse_profile,
    profile_facts,
    profile_path,
    read_profile,
)
