"""Conclusion sentences computed from the data: batches comply, validation batches, qualified levels.

Templates never assert these conclusions: they print what these functions derive, through
:mod:`ectd_builder.dossier.compliance` (the decision the validation rules use too), in the
document language. Where the data disagree with the specification, the sentence names the batch,
the test, the result and the criterion.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ectd_builder.dossier.compliance import (
    BatchCompliance,
    Deviation,
    batch_compliance,
    qualification,
)
from ectd_builder.render.context import _unit_sep, fmt_num

if TYPE_CHECKING:
    from ectd_builder.render.context import RenderContext


class Claims:
    """What a template may conclude about an owner's batches (``claims`` in templates)."""

    def __init__(self, ctx: RenderContext) -> None:
        self._ctx = ctx

    # -- pieces ----------------------------------------------------------------------------------
    def _join(self, items: Sequence[str], sep: str = "claim_sep") -> Markup:
        """Items joined with the language's separator; text is escaped, marked-up values are kept."""
        return escape(self._ctx.label(sep)).join(items)

    def _value(self, value: float, decimals: int | None, unit: str | None) -> str:
        number = fmt_num(value, decimals)
        return f"{number}{_unit_sep(unit)}{self._ctx.unit(unit)}" if unit else number

    def _result(self, d: Deviation) -> str:
        """A deviating result as reported (the test's decimals, else as written), marked with its source."""
        if d.result is None or d.value is None:
            return self._value(d.value or 0.0, d.test.decimals, d.criterion.unit)
        number = self._ctx.value(d.result, "value", decimals=d.test.decimals)
        unit = d.criterion.unit
        return Markup("{}{}{}").format(number, _unit_sep(unit), self._ctx.unit(unit)) if unit else number

    def _use(self, use: str) -> str:
        word = self._ctx.enum(use)
        if self._ctx.doc.language == "en" and word[1:2].islower():
            return word[:1].lower() + word[1:]
        return word

    def _head(self, bc: BatchCompliance) -> str:
        b = bc.batch
        details = [", ".join(self._use(u) for u in b.uses)]
        if b.process_version:
            details.append(self._ctx.label("batch_detail_process", version=b.process_version))
        if bc.earlier and bc.known_version:
            details.append(self._ctx.label("batch_detail_spec", version=bc.version))
        return self._ctx.label("batch_head", number=b.number, details=self._join(details))

    def _items(self, deviations: Sequence[Deviation]) -> Markup:
        ctx = self._ctx
        return self._join(
            [
                ctx.label(
                    "deviation_item",
                    test=ctx.text(d.test.test, "test"),
                    value=self._result(d)
                    if d.value is not None
                    else ctx.text(d.text, "result"),
                    criterion=ctx.criterion(d.criterion),
                )
                for d in deviations
            ]
        )

    def _justifications(self, deviations: Sequence[Deviation]) -> list[str]:
        ctx = self._ctx
        return [
            ctx.label(
                "deviation_justification",
                test=ctx.text(d.test.test, "test"),
                text=ctx.text(d.justification, "result.justification"),
            )
            for d in deviations
            if d.justification is not None
        ]

    def _batch(self, bc: BatchCompliance) -> list[str]:
        ctx, head = self._ctx, self._head(bc)
        out = []
        if bc.failures:
            key = "batch_fails_earlier" if bc.earlier and bc.known_version else "batch_fails"
            out.append(ctx.label(key, head=head, results=self._items(bc.failures)))
            if bc.beyond_current:
                out.append(ctx.label("batch_beyond_current", results=self._items(bc.beyond_current)))
        elif bc.beyond_current:
            out.append(
                ctx.label(
                    "batch_meets_earlier",
                    head=head,
                    results=self._items(bc.beyond_current),
                )
            )
        return out + self._justifications(bc.failures)

    def _summary(self, judged: Sequence[BatchCompliance], one: str, many: str) -> list[Markup]:
        ctx = self._ctx
        good = [bc.batch.number for bc in judged if bc.complies]
        out = []
        if good:
            numbers = self._join(good, "number_sep")
            out.append(ctx.label(one if len(good) == 1 else many, count=len(good), numbers=numbers))
        for bc in judged:
            if not bc.complies:
                out.extend(self._batch(bc))
        return [escape(sentence) for sentence in out]

    # -- claims ----------------------------------------------------------------------------------
    def batches(self, owner: Any) -> list[Markup]:
        """The batch-analysis conclusion for a drug substance or product (one sentence per paragraph)."""
        if not owner.batches:
            return [escape(self._ctx.label("batches_none"))]
        judged = batch_compliance(owner.specification, owner.batches)
        return self._summary(judged, "batches_summary_one", "batches_summary")

    def validation(self, owner: Any, study: Any) -> list[Markup]:
        """What the batches of a process validation study show against the specification."""
        ids = set(study.batches)
        judged = [bc for bc in batch_compliance(owner.specification, owner.batches) if bc.batch.id in ids]
        # while validation is only a scheme, its study batches are not validation batches
        done = owner.process_validation is None or owner.process_validation.status == "completed"
        key = "pv_batches_comply" if done else "pv_scheme_batches_comply"
        return self._summary(judged, key, key) if judged else []

    def qualification(self, owner: Any) -> list[Markup]:
        """For each test limiting an impurity with a qualified level: limit and batch levels against it."""
        ctx = self._ctx
        impurities = {i.id: i for o in (*ctx.dossier.substances, *ctx.dossier.products) for i in o.impurities}
        out = []
        for test in owner.specification.tests:
            imp = impurities.get(test.impurity or "")
            q = qualification(test, imp, owner.batches) if imp is not None else None
            if q is None:
                continue
            unit, k = test.release.unit, test.decimals
            name = ctx.text(test.test, "test")
            level = self._value(q.qualified, k, unit)
            key = "qual_within" if q.limit_within else "qual_exceeds"
            out.append(ctx.label(key, test=name, criterion=ctx.criterion(q.limit), level=level))
            if q.highest is not None and q.highest_batch is not None:
                value = self._value(q.highest, k, unit)
                out.append(
                    ctx.label(
                        "qual_highest",
                        test=name,
                        value=value,
                        batch=q.highest_batch.number,
                    )
                )
            if q.above:
                items = self._join([f"{b.number} {self._value(v, k, unit)}" for b, v in q.above])
                out.append(ctx.label("qual_above", test=name, level=level, items=items))
        return [escape(sentence) for sentence in out]
