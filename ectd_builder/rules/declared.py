"""EC-03: an established condition's PMDA category and the application form's marking of the same
control must agree (:mod:`ectd_builder.changes.conflicts`); each conflict is an error at both lines."""

from __future__ import annotations

from collections.abc import Iterator

from ectd_builder.changes.conflicts import pmda_conflicts
from ectd_builder.rules.engine import Context, Finding, rule


@rule("EC-03")
def ec_03(ctx: Context) -> Iterator[Finding]:
    if ctx.jurisdiction != "pmda":  # only PMDA has two ways to declare: reported once, under -j pmda
        return
    for c in pmda_conflicts(ctx.dossier):
        yield Finding(
            f"{c.what} declares PMDA category {c.declared} in ec.reporting.pmda but {c.marking} in jp_change_class",
            c.ec_path,
            related=(c.marking_path, f"jp_change_class: {c.marking}"),
        )
        yield Finding(
            f"{c.what} declares PMDA category {c.marking} in jp_change_class but {c.declared} in ec.reporting.pmda",
            c.marking_path,
            related=(c.ec_path, f"ec.reporting.pmda: {c.declared}"),
        )
