"""What a jurisdiction asks for, as plain data (for ``ectd requirements``)."""

from __future__ import annotations

from typing import Any

from ectd_builder.jurisdiction.profiles import Profile
from ectd_builder.rules.engine import all_rules, severity_for
from ectd_builder.rules.tables import TABLES, table


def ich_tables() -> list[dict[str, Any]]:
    """The ICH data tables the rules use, with their source and verified flag."""
    out = []
    for name in TABLES:
        data = table(name)
        entry = {"table": name, "source": data["source"], "verified": data["verified"]}
        if data.get("note"):
            entry["note"] = data["note"]
        out.append(entry)
    return out


def notices(profile: Profile) -> list[str]:
    """Plain statements a user must see first (e.g. what the tool does not produce)."""
    out = []
    backbone = profile.fact("m1_backbone")
    if backbone is not None and backbone.value is None:
        out.append(backbone.note or "the regional Module 1 backbone is not produced")
    return out


def requirements_data(profile: Profile) -> dict[str, Any]:
    """Facts (with sources and verified flags), unverified facts and the rules that apply."""
    facts = [
        {
            "key": f.key,
            "value": f.value,
            "source": f.source,
            "verified": f.verified,
            **({"note": f.note} if f.note else {}),
        }
        for f in profile.facts.values()
    ]
    regional = [
        {
            "id": r.id,
            "title": r.title["en"],
            "section": r.section,
            "kinds": list(r.kinds),
            "scope": r.scope,
            "required": r.required,
            "source": r.source,
            "verified": r.verified,
            **({"guidance": r.guidance} if r.guidance else {}),
        }
        for r in profile.regional_requirements
    ]
    rules = []
    for r in all_rules():
        severity = severity_for(r, profile)
        if severity is not None:
            rules.append({"id": r.id, "severity": severity.value, "title": r.title, "reference": r.reference})
    return {
        "jurisdiction": profile.id,
        "region": profile.region,
        "agency": profile.agency,
        "notices": notices(profile),
        "facts": facts,
        "regional_3_2_r": regional,
        "unverified": [
            {"key": f.key, "source": f.source, **({"note": f.note} if f.note else {})} for f in profile.unverified
        ],
        "rules": rules,
        "ich_tables": ich_tables(),
    }
