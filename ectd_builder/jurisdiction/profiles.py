"""Jurisdiction profiles: what FDA, EMA, PMDA and NMPA ask for, read from ``jurisdictions/<id>.yaml``.

Each profile file holds ``facts``; every fact has a ``value``, the ``source`` it comes from and a
``verified`` flag (plus an optional ``note``). Facts that could not be verified are kept in
:attr:`Profile.unverified` so commands can show them. ``rules`` maps rule ids to severities.
A defective profile raises :class:`~ectd_builder.errors.EctdError` naming ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.datafile import DataFile, read_data_file
from ectd_builder.resources import data_dir

JURISDICTIONS = ("fda", "ema", "pmda", "nmpa")
REGIONS = {"fda": "us", "ema": "eu", "pmda": "jp", "nmpa": "cn"}
SEVERITIES = ("error", "warning", "info", "off")
LANGUAGES = ("en", "ja", "zh")
PAGE_SIZES = ("a4", "letter")  # names the renderers know (ISO 216 A4, US Letter)


@dataclass(frozen=True)
class Fact:
    """One fact of a profile with its provenance."""

    key: str
    value: Any
    source: str
    verified: bool
    note: str | None = None


@dataclass(frozen=True)
class RegionalItem:
    """Content a region asks for in 3.2.R, with the attachment kinds that provide it.

    ``required`` items make validation fail when a dossier lacks them (rule R-01); the others are
    provided where they apply. ``scope`` says whether one document per drug product, per drug
    substance or per dossier is expected. ``guidance`` is for authors (``ectd requirements``) and
    never printed in a document.
    """

    id: str
    title: dict[str, str]
    kinds: tuple[str, ...]
    scope: str
    required: bool
    source: str
    verified: bool
    section: str = "3.2.R"
    guidance: str | None = None
    when: str | None = None  # required only for subjects meeting this condition (REGIONAL_CONDITIONS)


@dataclass(frozen=True, eq=False)
class Profile:
    """Facts a jurisdiction's rules and builders act on. ``raw`` keeps the whole file."""

    id: str
    agency: str
    region: str
    ectd_versions: tuple[str, ...]
    m1_spec_version: str
    m1_backbone: str | None
    first_sequence: int
    max_path_length: int
    max_name_length: int
    module_languages: dict[str, str]
    pharmacopoeia: tuple[str, ...]
    excipient_compendia: tuple[str, ...]
    stability_long_term: tuple[dict[str, float], ...]
    climatic_zones: tuple[str, ...]
    regional_requirements: tuple[RegionalItem, ...]
    master_file_system: dict[str, Any]
    q12_reporting_categories: tuple[dict[str, str], ...]
    site_identifiers: tuple[str, ...]
    stability_minimum: dict[str, dict[str, int]]
    facts: dict[str, Fact] = field(repr=False)
    rule_severity: dict[str, str] = field(repr=False)
    unverified: tuple[Fact, ...] = field(repr=False)
    raw: dict[str, Any] = field(repr=False)
    source_file: Path = field(repr=False)

    def language(self, module: str) -> str:
        """Language the given module (``m1``, ``m2``, ``m3``) must be written in."""
        return self.module_languages.get(module, "en")

    def fact(self, key: str) -> Fact | None:
        return self.facts.get(key)

    def value(self, key: str, default: Any = None) -> Any:
        found = self.facts.get(key)
        return found.value if found is not None else default

    @property
    def regional_3_2_r(self) -> tuple[str, ...]:
        """The English titles of what the region asks for in 3.2.R."""
        return tuple(item.title["en"] for item in self.regional_requirements)


Check = Callable[[Any], str | None]


def _str(v: Any) -> str | None:
    return None if isinstance(v, str) and v.strip() else "expected non-empty text"


def _opt_str(v: Any) -> str | None:
    return None if v is None else _str(v)


def _int(lo: int, hi: int) -> Check:
    def check(v: Any) -> str | None:
        ok = isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi
        return None if ok else f"expected a whole number from {lo} to {hi}"

    return check


def _str_list(v: Any) -> str | None:
    ok = isinstance(v, list) and v and all(isinstance(x, str) and x for x in v)
    return None if ok else "expected a non-empty list of texts"


def _purposes(v: Any) -> str | None:
    """A list (possibly empty) of region-neutral Module 1 purposes known to the CTD table."""
    from ectd_builder import ctd

    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        return "expected a list of Module 1 purposes"
    unknown = [x for x in v if x not in ctd.m1_purposes()]
    return f"unknown Module 1 purpose '{unknown[0]}'" if unknown else None


def _languages(v: Any) -> str | None:
    if not isinstance(v, dict) or set(v) != {"m1", "m2", "m3"}:
        return "expected a mapping with exactly m1, m2, m3"
    bad = sorted(str(x) for x in v.values() if x not in LANGUAGES)
    return f"unknown language(s) {', '.join(bad)}; use {', '.join(LANGUAGES)}" if bad else None


def _conditions(v: Any) -> str | None:
    if not isinstance(v, list) or not v:
        return "expected a non-empty list of {temperature_c, humidity_rh} conditions"
    for item in v:
        if not isinstance(item, dict) or "temperature_c" not in item or set(item) - {"temperature_c", "humidity_rh"}:
            return "each condition needs temperature_c and may have humidity_rh"
    return None


def _page_size(v: Any) -> str | None:
    return None if v in PAGE_SIZES else f"expected one of {', '.join(PAGE_SIZES)}"


REGIONAL_KEYS = {"id", "title", "kinds", "scope", "required", "source", "verified", "guidance", "when"}
REGIONAL_OPTIONAL = {"guidance", "when"}
REGIONAL_SCOPES = ("product", "substance", "dossier")
# Conditions a required item may depend on (evaluated in rules/regional_content.py).
REGIONAL_CONDITIONS = ("process_validation_not_completed",)


def _regional_items(v: Any) -> str | None:
    """A list (possibly empty) of 3.2.R items: id, title (en, ja, zh), kinds, scope, required, source, verified."""
    from typing import get_args

    from ectd_builder.dossier.model import AttachmentKind

    if not isinstance(v, list):
        return "expected a list of 3.2.R items"
    kinds = set(get_args(AttachmentKind))
    for n, item in enumerate(v):
        where = f"item {n + 1}"
        if not isinstance(item, dict):
            return f"{where}: expected a mapping with {', '.join(sorted(REGIONAL_KEYS - REGIONAL_OPTIONAL))}"
        unknown = sorted(set(item) - REGIONAL_KEYS)
        missing = sorted(REGIONAL_KEYS - REGIONAL_OPTIONAL - set(item))
        if unknown or missing:
            return f"{where}: unknown key '{unknown[0]}'" if unknown else f"{where}: missing {', '.join(missing)}"
        title = item["title"]
        if not isinstance(title, dict) or set(title) != set(LANGUAGES) or any(_str(t) for t in title.values()):
            return f"{where} ({item['id']}): title needs en, ja and zh texts"
        bad = [k for k in item["kinds"] or [None] if k not in kinds] if isinstance(item["kinds"], list) else [None]
        if bad:
            return f"{where} ({item['id']}): kinds must be a non-empty list of attachment kinds ({', '.join(sorted(kinds))})"
        if item.get("when") is not None and (item["when"] not in REGIONAL_CONDITIONS or item["scope"] != "product"):
            return f"{where} ({item['id']}): when must be one of {', '.join(REGIONAL_CONDITIONS)} (product scope)"
        if item["scope"] not in REGIONAL_SCOPES:
            return f"{where} ({item['id']}): scope must be one of {', '.join(REGIONAL_SCOPES)}"
        if not isinstance(item["required"], bool) or not isinstance(item["verified"], bool):
            return f"{where} ({item['id']}): required and verified must be true or false"
        if _str(item["source"]) or _opt_str(item.get("guidance")) or _str(item["id"]):
            return f"{where}: id, source (and guidance, if given) must be non-empty texts"
    return None


def _regional(v: list[dict[str, Any]]) -> tuple[RegionalItem, ...]:
    return tuple(
        RegionalItem(
            id=item["id"],
            title=dict(item["title"]),
            kinds=tuple(item["kinds"]),
            scope=item["scope"],
            required=item["required"],
            source=item["source"],
            verified=item["verified"],
            guidance=item.get("guidance"),
            when=item.get("when"),
        )
        for item in v
    )


def _mapping_with(*keys: str) -> Check:
    def check(v: Any) -> str | None:
        if not isinstance(v, dict):
            return "expected a mapping"
        missing = [k for k in keys if k not in v]
        return f"missing key(s): {', '.join(missing)}" if missing else None

    return check


def _categories(v: Any) -> str | None:
    if not isinstance(v, list) or not v:
        return "expected a non-empty list of {id, label, q12}"
    q12 = {"prior-approval", "notification-moderate", "notification-low", "not-reported"}
    for item in v:
        if not isinstance(item, dict) or {"id", "label", "q12"} - set(item):
            return "each category needs id, label and q12"
        if item["q12"] not in q12:
            return f"q12 must be one of {', '.join(sorted(q12))}"
    return None


def _stability_minimum(v: Any) -> str | None:
    keys = {"batches", "pilot_or_larger", "long_term_months", "accelerated_months"}
    if not isinstance(v, dict) or "new" not in v:
        return "expected a mapping per application kind (at least 'new')"
    for kind, row in v.items():
        if not isinstance(row, dict) or set(row) != keys:
            return f"'{kind}' needs exactly {', '.join(sorted(keys))}"
    return None


def _code_table(v: Any) -> str | None:  # codes_* facts: jurisdiction/codes.py
    ok = isinstance(v, dict) and v and all(isinstance(c, str) and c.strip() for c in v.values())
    return None if ok else "expected a mapping of dossier words to codes (word: code)"


REQUIRED_FACTS: dict[str, Check] = {
    "agency": _str,
    "ectd_versions": _str_list,
    "m1_spec_version": _str,
    "m1_backbone": _opt_str,
    "first_sequence": _int(0, 9999),
    "max_path_length": _int(20, 1000),
    "max_name_length": _int(8, 255),
    "module_languages": _languages,
    "page_size": _page_size,
    "pharmacopoeia": _str_list,
    "excipient_compendia": _str_list,
    "stability_long_term": _conditions,
    "climatic_zones": _str_list,
    "regional_3_2_r": _regional_items,
    "master_file_system": _mapping_with("name", "kinds", "letter", "letter_kinds", "module1_section"),
    "q12_reporting_categories": _categories,
    "site_identifiers": _str_list,
    "module1_required": _purposes,
    "stability_minimum": _stability_minimum,
}
FACT_KEYS = {"value", "source", "verified", "note"}


def _read_fact(df: DataFile, key: str, body: Any) -> Fact:
    where = ("facts", key)
    if not isinstance(body, dict):
        raise df.error(where, "a fact must be a mapping with value, source and verified")
    unknown = sorted(set(body) - FACT_KEYS)
    if unknown:
        raise df.error((*where, unknown[0]), f"unknown field '{unknown[0]}' (allowed: {', '.join(sorted(FACT_KEYS))})")
    for needed in ("value", "source", "verified"):
        if needed not in body:
            raise df.error(where, f"fact '{key}' has no '{needed}'")
    if _str(body["source"]):
        raise df.error(
            (*where, "source"), f"fact '{key}' needs its source (guideline, notice or specification and version)"
        )
    if not isinstance(body["verified"], bool):
        raise df.error((*where, "verified"), "verified must be true or false")
    if body.get("note") is not None and _str(body["note"]):
        raise df.error((*where, "note"), "note must be text")
    check = REQUIRED_FACTS.get(key) or (_code_table if key.startswith("codes_") else None)
    problem = check(body["value"]) if check else None
    if problem:
        raise df.error((*where, "value"), f"fact '{key}': {problem}")
    return Fact(key, body["value"], body["source"].strip(), body["verified"], body.get("note"))


def _read_rules(df: DataFile, rules: Any) -> dict[str, str]:
    if rules is None:
        return {}
    if not isinstance(rules, dict):
        raise df.error(("rules",), "rules must map rule ids to error, warning, info or off")
    for rule_id, severity in rules.items():
        if severity not in SEVERITIES:
            raise df.error(("rules", rule_id), f"severity of {rule_id} must be one of {', '.join(SEVERITIES)}")
    return dict(rules)


def parse_profile(path: Path, expected_id: str | None = None) -> Profile:
    """Read and check one profile file."""
    df = read_data_file(path)
    data = df.data
    if not isinstance(data, dict):
        raise df.error((), "a profile must be a mapping with id, region, facts and rules")
    unknown = sorted(set(data) - {"id", "region", "facts", "rules", "ectd_v4"})  # ectd_v4: read by ectd4.codes
    if unknown:
        raise df.error((unknown[0],), f"unknown top-level key '{unknown[0]}'")
    pid = data.get("id")
    if pid not in JURISDICTIONS or (expected_id and pid != expected_id):
        raise df.error(("id",), f"id must be {expected_id or ' or '.join(JURISDICTIONS)}, not {pid!r}")
    if data.get("region") != REGIONS[pid]:
        raise df.error(("region",), f"region of {pid} must be '{REGIONS[pid]}'")
    raw_facts = data.get("facts")
    if not isinstance(raw_facts, dict):
        raise df.error(("facts",), "facts must be a mapping of fact name to {value, source, verified}")
    facts = {key: _read_fact(df, key, body) for key, body in raw_facts.items()}
    missing = [k for k in REQUIRED_FACTS if k not in facts]
    if missing:
        raise df.error(("facts",), f"missing fact(s): {', '.join(missing)}")
    v = {key: fact.value for key, fact in facts.items()}
    return Profile(
        id=pid,
        agency=v["agency"],
        region=data["region"],
        ectd_versions=tuple(v["ectd_versions"]),
        m1_spec_version=str(v["m1_spec_version"]),
        m1_backbone=v["m1_backbone"],
        first_sequence=v["first_sequence"],
        max_path_length=v["max_path_length"],
        max_name_length=v["max_name_length"],
        module_languages=dict(v["module_languages"]),
        pharmacopoeia=tuple(v["pharmacopoeia"]),
        excipient_compendia=tuple(v["excipient_compendia"]),
        stability_long_term=tuple(v["stability_long_term"]),
        climatic_zones=tuple(v["climatic_zones"]),
        regional_requirements=_regional(v["regional_3_2_r"]),
        master_file_system=dict(v["master_file_system"]),
        q12_reporting_categories=tuple(v["q12_reporting_categories"]),
        site_identifiers=tuple(v["site_identifiers"]),
        stability_minimum=dict(v["stability_minimum"]),
        facts=facts,
        rule_severity=_read_rules(df, data.get("rules")),
        unverified=tuple(f for f in facts.values() if not f.verified),
        raw=data,
        source_file=path,
    )


def profile_path(jurisdiction: str) -> Path:
    return data_dir("jurisdictions") / f"{jurisdiction}.yaml"


@cache
def load_profile(jurisdiction: str) -> Profile:
    """The profile of ``jurisdiction`` (fda, ema, pmda, nmpa); EctdError if unknown or defective."""
    key = jurisdiction.strip().lower()
    if key not in JURISDICTIONS:
        raise EctdError(
            f"unknown jurisdiction '{jurisdiction}'",
            hint=f"use one of: {', '.join(JURISDICTIONS)}",
        )
    return parse_profile(profile_path(key), expected_id=key)


def parse_jurisdictions(text: str) -> tuple[str, ...]:
    """``"fda,ema"`` -> ``("fda", "ema")``; ``all`` means every jurisdiction; unknown ids raise."""
    items = [t.strip().lower() for t in text.split(",") if t.strip()]
    if items == ["all"]:
        return JURISDICTIONS
    for item in items:
        if item not in JURISDICTIONS:
            raise EctdError(
                f"unknown jurisdiction '{item}'",
                hint=f"use one or more of: {', '.join(JURISDICTIONS)} (comma separated) or all",
            )
    if not items:
        raise EctdError("no jurisdiction given", hint=f"use one or more of: {', '.join(JURISDICTIONS)}")
    return tuple(dict.fromkeys(items))


def profile_facts(profile: Profile) -> Mapping[str, Fact]:
    """Facts in file order (for display)."""
    return profile.facts
