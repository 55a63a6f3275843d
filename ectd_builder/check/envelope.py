"""Envelope rules: sequence number vs folder, related sequence, EU UUID and procedure, field formats."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from ectd_builder.check.context import SeqRun
from ectd_builder.errors import EctdError
from ectd_builder.sequence.model import SEQUENCE_RE, Envelope, SequenceDoc

# Submission units whose related sequence is the sequence itself (EU S11; CN 4.2.11 via S10).
_SELF_RELATED = {"eu": ("initial", "reformat"), "cn": ("cnsqt1", "cnsqt4")}
_UNIT_ATTR = {"eu": "submission-unit@type", "cn": "sequence-type@code"}
_EMA_COUNTRIES = ("ema", "emea")


def _where(run: SeqRun) -> str | None:
    return run.in_seq(run.seq.regional.path) if run.seq.regional is not None else None


def check_envelopes(run: SeqRun) -> None:
    where = _where(run)
    for env in run.seq.envelopes:
        stated = env.sequence
        if stated is not None and SEQUENCE_RE.match(run.name) and stated != run.name:
            run.report(
                "seq-envelope-mismatch",
                f"envelope sequence number '{stated}' differs from the folder name '{run.name}'",
                where,
                line=env.line,
            )
        _related(run, env, where)
        _formats(run, env, where)
    _uuids(run, where)
    _procedure(run, where)


def _related(run: SeqRun, env: Envelope, where: str | None) -> None:
    own = run.number
    if own is None or not env.related_sequences:
        return
    unit = env.attr(_UNIT_ATTR.get(env.region, ""))
    self_related = unit in _SELF_RELATED.get(env.region, ())
    for rel in env.related_sequences:
        if not SEQUENCE_RE.match(rel):
            run.report(
                "envelope-related-sequence",
                f"related-sequence '{rel}' is not a four-digit number",
                where,
                line=env.line,
            )
        elif self_related and rel != own:
            run.report(
                "envelope-related-sequence",
                f"related-sequence '{rel}' should be the sequence's own number {own} for a '{unit}' unit",
                where,
                line=env.line,
            )
        elif unit is not None and not self_related and rel >= own:
            run.report(
                "envelope-related-sequence",
                f"related-sequence '{rel}' is not an earlier sequence than {own}",
                where,
                line=env.line,
            )
        elif unit is None and rel > own:
            run.report(
                "envelope-related-sequence",
                f"related-sequence '{rel}' is later than the sequence itself ({own})",
                where,
                line=env.line,
            )


def _formats(run: SeqRun, env: Envelope, where: str | None) -> None:
    for crit in run.crit.rules("envelope-field-format"):
        name = str(crit.params["field"])
        value = env.get(name)
        if value is not None and not re.match(str(crit.params["pattern"]), value):
            run.report(
                "envelope-field-format",
                f"envelope {name} '{value[:80]}': {crit.title}",
                where,
                line=env.line,
                only=crit,
            )


def envelope_uuids(seq: SequenceDoc) -> list[str]:
    return [e.identifier for e in seq.envelopes if e.identifier is not None]


def _uuids(run: SeqRun, where: str | None) -> None:
    ids = envelope_uuids(run.seq)
    for value in dict.fromkeys(ids):
        try:
            uuid.UUID(value)
        except ValueError:
            run.report("envelope-uuid-syntax", f"envelope identifier '{value}' is not a well-formed UUID", where)
    if len(set(ids)) > 1:
        run.report("envelope-uuid-mismatch", f"envelopes carry different identifiers: {', '.join(sorted(set(ids)))}", where)


def _procedure(run: SeqRun, where: str | None) -> None:
    """EU 14.x: the envelopes a procedure needs (one criterion per rule, chosen by ``params.rule``)."""
    envelopes = tuple(e for e in run.seq.envelopes if e.region == "eu")
    if not envelopes:
        return
    for crit in run.crit.rules("envelope-procedure"):
        name = str(crit.params.get("rule", "centralised-ema"))
        rule = _PROCEDURE_RULES.get(name)
        if rule is None:
            raise EctdError(
                f"criterion {crit.id}: unknown envelope-procedure rule '{name}'",
                hint=f"use one of: {', '.join(_PROCEDURE_RULES)}",
            )
        for message, line in rule(run, envelopes):
            run.report("envelope-procedure", message, where, line=line, only=crit)


Finding = tuple[str, int | None]


def _country(env: Envelope) -> str:
    country = env.attr("envelope@country") or ""
    return "ema" if country in _EMA_COUNTRIES else country


def _procedure_type(envelopes: tuple[Envelope, ...]) -> str | None:
    return next((t for t in (e.attr("procedure@type") for e in envelopes) if t), None)


def _is_cep(envelopes: tuple[Envelope, ...]) -> bool:
    """A certificate-of-suitability submission goes to the EDQM alone (EU 14.x)."""
    return any(e.attr("submission@type") == "cep" for e in envelopes)


def _centralised_ema(run: SeqRun, envelopes: tuple[Envelope, ...]) -> list[Finding]:
    return [
        (f"centralised procedure with an envelope for '{_country(e)}' (expected ema)", e.line)
        for e in envelopes
        if e.attr("procedure@type") == "centralised" and _country(e) != "ema"
    ]


def _national_single(run: SeqRun, envelopes: tuple[Envelope, ...]) -> list[Finding]:
    if _procedure_type(envelopes) != "national" or _is_cep(envelopes):
        return []
    found: list[Finding] = []
    if len(envelopes) > 1:
        countries = ", ".join(_country(e) for e in envelopes)
        found.append((f"national procedure with {len(envelopes)} envelopes ({countries}); expected one", envelopes[1].line))
    found += [
        (f"national procedure with an envelope for '{_country(e)}' (expected one member state)", e.line)
        for e in envelopes
        if _country(e) in _NOT_MEMBER_STATES
    ]
    return found


def _mrp_dcp_countries(run: SeqRun, envelopes: tuple[Envelope, ...]) -> list[Finding]:
    procedure = _procedure_type(envelopes)
    if procedure not in ("mutual-recognition", "decentralised") or _is_cep(envelopes):
        return []
    return [
        (f"{procedure} procedure with an envelope for '{_country(e)}' (expected member-state envelopes)", e.line)
        for e in envelopes
        if _country(e) in _NOT_MEMBER_STATES
    ]


def _specific_has_envelope(run: SeqRun, envelopes: tuple[Envelope, ...]) -> list[Finding]:
    have = {_country(e) for e in envelopes}
    found: dict[str, Finding] = {}
    regional = run.seq.regional.path if run.seq.regional is not None else None
    for backbone, section, _count, line in run.seq.headings:
        if backbone != regional or not section or section[-1].element != "specific":
            continue
        country = dict(section[-1].attributes).get("country", "")
        country = "ema" if country in _EMA_COUNTRIES else country
        if country and country != "common" and country not in have and country not in found:
            listed = ", ".join(sorted(have))
            found[country] = (f"specific section for '{country}' but no envelope for it (envelopes: {listed})", line)
    return list(found.values())


def _cep_edqm(run: SeqRun, envelopes: tuple[Envelope, ...]) -> list[Finding]:
    if not _is_cep(envelopes):
        return []
    countries = [_country(e) for e in envelopes]
    if countries == ["edqm"]:
        return []
    return [(f"CEP submission with envelopes for {', '.join(countries)} (expected a single edqm envelope)", envelopes[0].line)]


_NOT_MEMBER_STATES = ("ema", "edqm")
_PROCEDURE_RULES: dict[str, Callable[[SeqRun, tuple[Envelope, ...]], list[Finding]]] = {
    "centralised-ema": _centralised_ema,
    "national-single": _national_single,
    "mrp-dcp-countries": _mrp_dcp_countries,
    "specific-country-envelope": _specific_has_envelope,
    "cep-edqm": _cep_edqm,
}
