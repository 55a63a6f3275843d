"""Envelope rules: sequence number vs folder, related sequence, EU UUID and procedure, field formats."""

from __future__ import annotations

import re
import uuid

from ectd_builder.check.context import SeqRun
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
        run.report(
            "envelope-uuid-mismatch", f"envelopes carry different identifiers: {', '.join(sorted(set(ids)))}", where
        )


def _procedure(run: SeqRun, where: str | None) -> None:
    for env in run.seq.envelopes:
        if env.region != "eu" or env.attr("procedure@type") != "centralised":
            continue
        country = env.attr("envelope@country")
        if country not in _EMA_COUNTRIES:
            run.report(
                "envelope-procedure",
                f"centralised procedure with an envelope for '{country}' (expected ema)",
                where,
                line=env.line,
            )
