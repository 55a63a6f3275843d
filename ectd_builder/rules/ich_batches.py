"""Batch analysis rules (ICH Q6A, M4Q 3.2.S.4.4 / 3.2.P.5.4): every result outside its criterion is reported."""

from __future__ import annotations

from collections.abc import Iterator

from ectd_builder.dossier.compliance import BatchCompliance, Deviation, batch_compliance
from ectd_builder.problems import Severity
from ectd_builder.rules.engine import Context, Finding, rule
from ectd_builder.rules.helpers import DataPath, SpecOwner, fmt, owners, text


def _num(x: float, decimals: int | None) -> str:
    return fmt(x) if decimals is None else f"{x:.{decimals}f}"


def _limits(d: Deviation) -> str:
    c, k = d.criterion, d.test.decimals
    unit = f" {c.unit}" if c.unit else ""
    if c.min is not None and c.max is not None:
        return f"{_num(c.min, k)}–{_num(c.max, k)}{unit}"
    if c.max is not None:
        return f"NMT {_num(c.max, k)}{unit}"
    if c.min is not None:
        return f"NLT {_num(c.min, k)}{unit}"
    return text(c.text)


def _result(d: Deviation) -> str:
    if d.value is None:
        return f"{text(d.test.test)} reported '{text(d.text)}'"
    unit = f" {d.criterion.unit}" if d.criterion.unit else ""
    return f"{text(d.test.test)} {_num(d.value, d.test.decimals)}{unit}"


def _path(owner: SpecOwner, bc: BatchCompliance, d: Deviation) -> DataPath:
    field = "value" if d.value is not None else "text"
    return (*owner.path, "batches", bc.index, "results", d.result_index, field)


def _findings(owner: SpecOwner, bc: BatchCompliance) -> Iterator[Finding]:
    number = bc.batch.number
    if not bc.known_version:
        known = ", ".join(v.version for v in owner.spec.earlier_versions) or "none"
        yield Finding(
            f"batch {number} was tested against specification version '{bc.version}', which the specification of the "
            f"{owner.label} does not list (earlier versions: {known}); its results are judged against the current one",
            (*owner.path, "batches", bc.index, "specification_version"),
            hint="Add the version under specification.earlier_versions (with the criteria that differed), or correct "
            "the batch's specification_version.",
        )
    against = f"specification version {bc.version}" if bc.earlier and bc.known_version else "the specification"
    for d in bc.failures:
        justified = d.justification is not None
        yield Finding(
            f"batch {number}: {_result(d)} is outside the release criterion of {against} "
            f"({_limits(d)})" + ("; the result carries a justification" if justified else ""),
            _path(owner, bc, d),
            severity=Severity.WARNING if justified else None,
        )
    for d in bc.beyond_current:
        yield Finding(
            f"batch {number}: {_result(d)} is outside the current release criterion "
            f"({_limits(d)}); it meets specification version {bc.version}, against which the batch was tested",
            _path(owner, bc, d),
            severity=Severity.WARNING,
        )


@rule("BATCH-01")
def batch_01(ctx: Context) -> Iterator[Finding]:
    for owner in owners(ctx.dossier):
        yield from _foreign_tests(owner)
        for bc in batch_compliance(owner.spec, owner.item.batches):
            yield from _findings(owner, bc)


def _foreign_tests(owner: SpecOwner) -> Iterator[Finding]:
    """Earlier versions can only change or omit tests of this specification."""
    own = {t.id for t in owner.spec.tests}
    for v, version in enumerate(owner.spec.earlier_versions):
        where = (*owner.path, "specification", "earlier_versions", v)
        named = [((*where, "criteria", c, "test"), crit.test) for c, crit in enumerate(version.criteria)]
        named += [((*where, "omitted", o), test) for o, test in enumerate(version.omitted)]
        for path, test in named:
            if test not in own:
                yield Finding(
                    f"specification version {version.version} of the {owner.label} names test '{test}', which is not "
                    f"a test of this specification",
                    path,
                    hint="Earlier versions list only the criteria of this specification's tests that differed, and "
                    "the tests they did not contain.",
                )
