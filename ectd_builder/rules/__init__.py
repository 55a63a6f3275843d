"""Jurisdiction profiles and the rule engine behind ``ectd validate -j``.

Public API:

- :func:`run_rules` applies each jurisdiction's rules to a loaded dossier and returns problems
  (each with ``jurisdiction`` set and a ``file:line:col`` location);
- :func:`rule_catalog` lists every rule (for SARIF drivers and ``ectd requirements``);
- :func:`load_profile` and :data:`JURISDICTIONS` give the jurisdiction facts.
"""

from __future__ import annotations

from ectd_builder.jurisdiction.profiles import (
    JURISDICTIONS,
    Profile,
    load_profile,
    parse_jurisdictions,
)
from ectd_builder.rules.engine import rule_catalog, run_rules

__all__ = ["JURISDICTIONS", "Profile", "load_profile", "parse_jurisdictions", "rule_catalog", "run_rules"]
