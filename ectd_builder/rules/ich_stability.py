"""Stability rules: ICH Q1A(R2), Q1B, Q1E, Q5C, WHO climatic zones and ChP 9001 (NMPA)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ectd_builder.rules.engine import Context, Finding, rule
from ectd_builder.rules.helpers import SpecOwner, fmt, owners, substances, text
from ectd_builder.rules.stability_text import (
    change_text,
    governing_text,
    says_no_significant_change,
)
from ectd_builder.rules.tables import table
from ectd_builder.stability.decision import first_change, significant_change
from ectd_builder.stability.evaluate import condition_matches, evaluate_owner
from ectd_builder.stability.facts import stability_facts

if TYPE_CHECKING:
    from ectd_builder.dossier.model import Batch, StabilityStudy, StorageCondition


def _temp(c: StorageCondition) -> float:
    return c.temperature.value


def _rh(c: StorageCondition) -> float | None:
    return c.humidity.value if c.humidity is not None else None


def _matches(c: StorageCondition, want: dict[str, Any]) -> bool:
    return condition_matches(c, want)


def _studies(owner: SpecOwner, kind: str) -> list[tuple[int, StabilityStudy]]:
    return [(i, s) for i, s in enumerate(owner.item.stability.studies) if s.condition.kind == kind]


def _data_months(study: StabilityStudy) -> float:
    return max(study.timepoints, default=0.0)


def _minimum(ctx: Context) -> dict[str, int]:
    kind = "generic" if ctx.dossier.product.application_kind == "generic" else "new"
    return ctx.profile.stability_minimum.get(kind, ctx.profile.stability_minimum["new"])


def _batches(ctx: Context) -> dict[str, Batch]:
    return {b.id: b for o in owners(ctx.dossier) for b in o.item.batches}


def _stab_path(owner: SpecOwner, *rest: str | int) -> tuple[str | int, ...]:
    return (*owner.path, "stability", *rest)


def _small_molecule(ctx: Context) -> bool:
    return ctx.dossier.product.modality == "small_molecule"


# --------------------------------------------------------------------------------------------


@rule("STAB-01")
def stab_01(ctx: Context) -> Iterator[Finding]:
    need = _minimum(ctx)
    batches = _batches(ctx)
    for owner in owners(ctx.dossier):
        ids = sorted({b for _, s in _studies(owner, "long_term") for b in s.batches})
        scaled = [b for b in ids if b in batches and batches[b].scale in ("pilot", "production")]
        want_scaled = need["pilot_or_larger"] if owner.kind == "product" else need["batches"]
        if len(ids) < need["batches"]:
            message = (
                f"long-term stability data of the {owner.label} cover {len(ids)} batch(es); "
                f"{ctx.profile.id.upper()} expects at least {need['batches']} primary batches"
            )
        elif len(scaled) < want_scaled:
            message = (
                f"only {len(scaled)} of the {len(ids)} stability batches of the {owner.label} are at pilot or "
                f"production scale; at least {want_scaled} are expected"
            )
        else:
            continue
        yield Finding(message, _stab_path(owner, "studies"))


@rule("STAB-02")
def stab_02(ctx: Context) -> Iterator[Finding]:
    need = _minimum(ctx)
    for owner in owners(ctx.dossier, modality="small_molecule"):  # biologics: STAB-06 (Q5C)
        category = owner.item.stability.storage_category
        lt = _studies(owner, "long_term")
        longest = max((_data_months(s) for _, s in lt), default=0.0)
        if longest < need["long_term_months"]:
            yield Finding(
                f"long-term data of the {owner.label} cover {fmt(longest)} months; at least "
                f"{need['long_term_months']} months are expected at submission",
                _stab_path(owner, "studies"),
            )
        accel = table("q1a")["storage"][category]["accelerated"]
        if accel is None:
            continue
        acc = [(i, s) for i, s in _studies(owner, "accelerated") if _matches(s.condition, accel)]
        got = max((_data_months(s) for _, s in acc), default=0.0)
        if got < need["accelerated_months"]:
            cond = f"{accel['temperature_c']} °C / {accel.get('humidity_rh', '-')}% RH"
            yield Finding(
                f"accelerated data ({cond}) of the {owner.label} cover {fmt(got)} months; at least "
                f"{need['accelerated_months']} months are expected for {category.replace('_', ' ')} storage",
                _stab_path(owner, "studies"),
            )


def _changed(owner: SpecOwner, study: StabilityStudy) -> bool:
    """ICH Q1A(R2) significant change in ``study`` (the stability engine's definition)."""
    tests = {t.id: t for t in owner.spec.tests}
    pct = stability_facts().assay_change_pct
    return significant_change(study, tests, product=owner.kind == "product", assay_change_pct=pct) is not None


@rule("STAB-03")
def stab_03(ctx: Context) -> Iterator[Finding]:
    q1a = table("q1a")
    inter = q1a["storage"]["room_temperature"]["intermediate"]
    for owner in owners(ctx.dossier):
        if owner.item.stability.storage_category != "room_temperature":
            continue
        lt = [s for _, s in _studies(owner, "long_term")]
        if any(_matches(s.condition, inter) for s in lt):
            continue  # long term already at 30/65: no intermediate condition
        changed = [i for i, s in _studies(owner, "accelerated") if _changed(owner, s)]
        if not changed:
            continue
        got = max((_data_months(s) for _, s in _studies(owner, "intermediate")), default=0.0)
        if got < q1a["minimum"]["intermediate_months"]:
            yield Finding(
                f"accelerated data of the {owner.label} show a significant change, but intermediate data "
                f"(30 °C / 65% RH) cover {fmt(got)} months; {q1a['minimum']['intermediate_months']} are expected",
                _stab_path(owner, "studies", changed[0]),
            )


@rule("STAB-04")
def stab_04(ctx: Context) -> Iterator[Finding]:
    for owner in owners(ctx.dossier):
        ev = evaluate_owner(ctx.dossier, owner.item, substance=owner.kind == "substance")
        if ev.claim is None or ev.proposed_months is None or ev.supported is True:
            continue
        what = ev.claim.replace("_", " ")
        gov = ev.governing
        if gov is None:
            yield Finding(
                f"the proposed {what} of the {owner.label} is {fmt(ev.proposed_months)} months, but there are no "
                "long-term data to support it",
                _stab_path(owner, ev.claim),
            )
            continue
        yield Finding(
            f"the proposed {what} of the {owner.label} is {fmt(ev.proposed_months)} months, but the data support "
            f"{fmt(gov.supported_months)} months: {governing_text(owner, gov)}",
            _stab_path(owner, ev.claim),
        )


@rule("STAB-11")
def stab_11(ctx: Context) -> Iterator[Finding]:
    pct = stability_facts().assay_change_pct
    for owner in owners(ctx.dossier):
        stab = owner.item.stability
        lang = says_no_significant_change(stab.summary)
        if lang is None:
            continue
        tests = {t.id: t for t in owner.spec.tests}
        studies = [s for s in stab.studies if s.condition.kind in ("long_term", "intermediate", "accelerated")]
        found = first_change(studies, tests, product=owner.kind == "product", assay_change_pct=pct)
        if found is not None:
            yield Finding(
                f"the stability summary of the {owner.label} ({lang}) says no significant change occurred, but "
                f"{change_text(owner, found, pct)}",
                _stab_path(owner, "summary"),
            )


@rule("STAB-05")
def stab_05(ctx: Context) -> Iterator[Finding]:
    zones = table("q1a")["zones"]
    for owner in owners(ctx.dossier):
        if owner.item.stability.storage_category != "room_temperature":
            continue
        lt = [s.condition for _, s in _studies(owner, "long_term")]
        for z, zone in enumerate(ctx.dossier.product.target_zones):
            want = zones[zone]
            covered = any(
                _temp(c) >= want["temperature_c"] - 0.5 and (_rh(c) or 0) >= want["humidity_rh"] - 0.5 for c in lt
            )
            if not covered:
                yield Finding(
                    f"target climatic zone {zone} needs long-term data at {want['temperature_c']} °C / "
                    f"{want['humidity_rh']}% RH or harsher; the {owner.label} has none",
                    ("product", "target_zones", z),
                )


@rule("STAB-06")
def stab_06(ctx: Context) -> Iterator[Finding]:
    q5c = table("q1a")["q5c"]
    for owner in owners(ctx.dossier, modality="biologic"):
        lt = _studies(owner, "long_term")
        ids = {b for _, s in lt for b in s.batches}
        longest = max((_data_months(s) for _, s in lt), default=0.0)
        if len(ids) < q5c["batches"] or longest < q5c["min_months_at_submission"]:
            yield Finding(
                f"real-time data of the {owner.label} cover {len(ids)} batch(es) and {fmt(longest)} months; "
                f"ICH Q5C expects at least {q5c['batches']} batches and {q5c['min_months_at_submission']} months",
                _stab_path(owner, "studies"),
            )


def _expected_pulls(until: float) -> list[float]:
    freq = table("q1a")["frequency"]
    pulls = [float(m) for m in freq["long_term_months_first_year"]]
    m = 12.0
    while m + freq["long_term_interval_year_2"] <= 24:
        m += freq["long_term_interval_year_2"]
        pulls.append(m)
    while m + 12 <= until:
        m += 12
        pulls.append(m)
    return [p for p in pulls if p <= until]


@rule("STAB-07")
def stab_07(ctx: Context) -> Iterator[Finding]:
    for owner in owners(ctx.dossier):
        for i, study in _studies(owner, "long_term"):
            done = set(study.timepoints) | set(study.planned_timepoints)
            until = max(done, default=0.0)
            missing = [p for p in _expected_pulls(until) if p not in done]
            if missing:
                yield Finding(
                    f"long-term study {study.id} of the {owner.label} has no pull at {', '.join(fmt(p) for p in missing)} months",
                    _stab_path(owner, "studies", i, "timepoints"),
                )


@rule("STAB-08")
def stab_08(ctx: Context) -> Iterator[Finding]:
    need = int(table("q1a")["frequency"]["accelerated_min_points"])
    for owner in owners(ctx.dossier):
        for i, study in _studies(owner, "accelerated"):
            points = sorted(set(study.timepoints) | set(study.planned_timepoints))
            if len(points) < need or 0 not in study.timepoints:
                yield Finding(
                    f"accelerated study {study.id} of the {owner.label} has time points "
                    f"{', '.join(fmt(p) for p in points)}; at least {need} including 0 are expected",
                    _stab_path(owner, "studies", i, "timepoints"),
                )


@rule("STAB-09")
def stab_09(ctx: Context) -> Iterator[Finding]:
    for owner in owners(ctx.dossier, modality="small_molecule"):
        stab = owner.item.stability
        narrative = text(stab.stress_studies).lower()
        if not _studies(owner, "photostability") and "q1b" not in narrative and "photostab" not in narrative:
            yield Finding(f"the {owner.label} has no photostability study", _stab_path(owner, "studies"))


@rule("STAB-10")
def stab_10(ctx: Context) -> Iterator[Finding]:
    accepted = ctx.profile.stability_long_term
    for owner in owners(ctx.dossier):
        lt = [s.condition for _, s in _studies(owner, "long_term")]
        freezer = any(float(w["temperature_c"]) <= -20 for w in accepted)
        colder = any(_temp(c) < -20 and freezer for c in lt)  # below -20 °C: case by case (Q1A 2.1.7.3)
        if lt and not colder and not any(_matches(c, want) for c in lt for want in accepted):
            shown = "; ".join(
                f"{fmt(_temp(c))} °C" + (f" / {fmt(_rh(c) or 0)}% RH" if _rh(c) is not None else "") for c in lt
            )
            yield Finding(
                f"no long-term condition of the {owner.label} ({shown}) is one {ctx.profile.id.upper()} lists",
                _stab_path(owner, "studies"),
            )


@rule("STAB-CN-01")
def stab_cn_01(ctx: Context) -> Iterator[Finding]:
    if not _small_molecule(ctx):
        return  # ChP 9001 covers chemical drugs; biologics follow the CDE biologics stability guideline
    tests = ctx.profile.value("stress_tests", [])
    for owner in substances(ctx.dossier):
        stab = owner.item.stability
        narrative = text(stab.stress_studies, "zh") + " " + text(stab.stress_studies)
        stress = [s.condition for _, s in _studies(owner, "stress")]
        light = bool(_studies(owner, "photostability"))
        missing = []
        for t in tests:
            if "lux" in t:
                ok = light or str(t["lux"]) in narrative
            elif "humidity_rh" in t:
                ok = any((_rh(c) or 0) >= t["humidity_rh"] - 0.5 for c in stress) or f"{t['humidity_rh']}%" in narrative
            else:
                ok = any(_temp(c) >= t["temperature_c"] - 0.5 for c in stress) or f"{t['temperature_c']}" in narrative
            if not ok:
                missing.append(t["name"])
        if missing:
            yield Finding(
                f"the {owner.label} has no influencing-factor data for: {', '.join(missing)}",
                _stab_path(owner, "studies"),
            )
