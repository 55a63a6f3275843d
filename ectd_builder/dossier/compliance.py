"""Whether batch results meet their acceptance criteria: the one decision rules and documents share.

A numeric result is judged as reported, that is rounded half-up to the test's ``decimals`` (the
ICH Q3A/Q3B convention), against the release criterion of the specification version the batch
was tested against (``Batch.specification_version``; the current specification when not given).
A batch tested against an earlier version is also compared with the current criteria, so that a
document can say both what the batch met then and where it lies outside the specification now.
Results given only as text (``Complies``, ``< 0.05``) are taken as reported, except a wording that
says the criterion was not met (``Does not comply``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ectd_builder.dossier.units import convert

if TYPE_CHECKING:
    from ectd_builder.dossier.model import (
        Batch,
        BatchResult,
        Criterion,
        Impurity,
        Specification,
        SpecTest,
    )
    from ectd_builder.dossier.types import LocalText, Quantity


# English result wordings that state a criterion was not met (compared case-insensitively, at the start).
NOT_MET = ("does not comply", "does not conform", "not conforming", "non-conforming", "out of specification")


def text_meets(text: LocalText) -> bool:
    """False when a result reported as text says that its criterion was not met."""
    words = (text.get("en") or next(iter(text.values()), "")).strip().lower()
    return not words.startswith(NOT_MET)


def reported(value: float, decimals: int | None) -> float:
    """The result as reported: rounded half-up to ``decimals`` (unchanged when None)."""
    if decimals is None:
        return value
    return float(Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def meets(value: float, criterion: Criterion, decimals: int | None = None) -> bool:
    """True when ``value``, as reported with ``decimals``, lies within the numeric limits of ``criterion``.

    A criterion without numeric limits (a wording only) is met by any number.
    """
    v = reported(value, decimals)
    return not ((criterion.min is not None and v < criterion.min) or (criterion.max is not None and v > criterion.max))


def criteria_of(spec: Specification, version: str | None) -> dict[str, Criterion] | None:
    """Release criteria by test id in specification ``version`` (None or the current version: the
    current criteria); None when the specification has no such version."""
    current = {t.id: t.release for t in spec.tests}
    if version is None or version == spec.version:
        return current
    earlier = next((v for v in spec.earlier_versions if v.version == version), None)
    if earlier is None:
        return None
    criteria = {**current, **{c.test: c.release for c in earlier.criteria}}
    for test_id in earlier.omitted:
        criteria.pop(test_id, None)
    return criteria


@dataclass(frozen=True)
class Deviation:
    """A batch result outside a criterion: a number (as reported) or a wording that says so."""

    result_index: int
    test: SpecTest
    value: float | None  # as reported; None for a result given as text
    criterion: Criterion
    justification: LocalText | None
    text: LocalText | None = None
    result: BatchResult | None = None  # the reported result itself (its written text prints as written)


@dataclass(frozen=True)
class BatchCompliance:
    """How one batch's results compare with its specification."""

    index: int
    batch: Batch
    version: str | None  # the version it was tested against, as the dossier names it
    known_version: bool
    earlier: bool  # tested against an earlier version than the current one
    failures: tuple[Deviation, ...]  # outside the criteria of the version it was tested against
    beyond_current: tuple[Deviation, ...]  # within that earlier version, outside the current criteria

    @property
    def complies(self) -> bool:
        """True when every numeric result meets the current specification."""
        return self.known_version and not self.failures and not self.beyond_current


def _deviations(batch: Batch, tests: dict[str, SpecTest], criteria: dict[str, Criterion]) -> tuple[Deviation, ...]:
    out = []
    for r, result in enumerate(batch.results):
        test, crit = tests.get(result.test), criteria.get(result.test)
        if test is None or crit is None:
            continue
        if result.value is not None and not meets(result.value, crit, test.decimals):
            out.append(Deviation(r, test, reported(result.value, test.decimals), crit, result.justification, None, result))
        elif result.value is None and result.text is not None and not text_meets(result.text):
            out.append(Deviation(r, test, None, crit, result.justification, result.text, result))
    return tuple(out)


def batch_compliance(spec: Specification, batches: Sequence[Batch]) -> list[BatchCompliance]:
    """Each batch of ``batches`` judged against ``spec`` (in the order given)."""
    tests = {t.id: t for t in spec.tests}
    current = {t.id: t.release for t in spec.tests}
    out = []
    for b, batch in enumerate(batches):
        version = batch.specification_version
        criteria = criteria_of(spec, version)
        earlier = version is not None and version != spec.version
        failures = _deviations(batch, tests, criteria if criteria is not None else current)
        failing = {d.result_index for d in failures}
        beyond = (
            tuple(d for d in _deviations(batch, tests, current) if d.result_index not in failing)
            if earlier and criteria is not None
            else ()
        )
        out.append(BatchCompliance(b, batch, version, criteria is not None, earlier, failures, beyond))
    return out


def in_unit(q: Quantity, unit: str | None) -> float | None:
    """``q`` expressed in ``unit``; None when the two are not of one dimension."""
    if unit is None:
        return None
    if q.unit == unit:
        return q.value
    try:
        return convert(q.value, q.unit, unit)
    except (KeyError, ValueError):
        return None


@dataclass(frozen=True)
class Qualification:
    """A specified impurity's upper limit and batch levels compared with its qualified level."""

    test: SpecTest
    impurity: Impurity
    qualified: float  # in the test's unit
    limit: Criterion  # the criterion with the highest upper limit (release or shelf life)
    highest: float | None  # the highest numeric batch result, as reported
    highest_batch: Batch | None
    above: tuple[tuple[Batch, float], ...]  # batch results above the qualified level

    @property
    def limit_within(self) -> bool:
        return self.limit.max is not None and self.limit.max <= self.qualified + 1e-9


def qualification(test: SpecTest, impurity: Impurity, batches: Iterable[Batch]) -> Qualification | None:
    """How the upper limit of ``test`` and the batch results compare with the impurity's qualified level;
    None when the test sets no upper limit or the qualified level is not in a comparable unit."""
    limits = [c for c in (test.release, test.shelf_life) if c is not None and c.max is not None]
    level = impurity.qualified_level
    qualified = in_unit(level, test.release.unit) if level is not None else None
    if qualified is None or not limits:
        return None
    levels = [
        (batch, reported(r.value, test.decimals))
        for batch in batches
        for r in batch.results
        if r.test == test.id and r.value is not None
    ]
    top = max(levels, key=lambda x: x[1], default=None)
    return Qualification(
        test=test,
        impurity=impurity,
        qualified=qualified,
        limit=max(limits, key=lambda c: c.max or 0.0),
        highest=top[1] if top else None,
        highest_batch=top[0] if top else None,
        above=tuple((b, v) for b, v in levels if v > qualified + 1e-9),
    )
