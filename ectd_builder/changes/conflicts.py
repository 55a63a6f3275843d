"""Conflicting declared categories: the two PMDA reporting categories a dossier can declare for one
control (rule EC-03 of ``ectd validate`` reports each as an error at both lines).

A process parameter, in-process control or specification test can carry both an ICH Q12
established condition (``ec.reporting.pmda``) and the application form's marking
(``jp_change_class``). ``ectd changes`` files a change by the declared category (the EC's first),
so two different declarations would file it silently one way. An EC's ``moderate_change`` agrees
with the marking ``partial_change``: moderate-change items are partial-change matters on the form,
filed as a partial change application under the 40-business-day procedure
(``jurisdictions/variations/pmda.yaml``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ectd_builder.dossier.model import Dossier
from ectd_builder.dossier.text import text_in

DataPath = tuple[str | int, ...]
_AGREE = {("moderate_change", "partial_change")}  # (ec.reporting.pmda, jp_change_class) that are no conflict


@dataclass(frozen=True)
class Conflict:
    what: str  # e.g. "parameter 'Roll force'"
    path: DataPath  # the control
    declared: str  # ec.reporting.pmda
    marking: str  # jp_change_class

    @property
    def ec_path(self) -> DataPath:
        return (*self.path, "ec", "reporting", "pmda")

    @property
    def marking_path(self) -> DataPath:
        return (*self.path, "jp_change_class")


def _name(value: Any) -> str:
    return value if isinstance(value, str) else text_in(value)


def _controls(dossier: Dossier) -> Iterator[tuple[str, Any, DataPath]]:
    owners: list[tuple[Any, DataPath]] = [(s, ("substances", i)) for i, s in enumerate(dossier.substances)]
    owners += [(p, ("products", i)) for i, p in enumerate(dossier.products)]
    for owner, at in owners:
        for s, step in enumerate(owner.process.steps):
            for p, param in enumerate(step.parameters):
                yield f"parameter '{_name(param.name)}'", param, (*at, "process", "steps", s, "parameters", p)
            for c, ipc in enumerate(step.controls):
                yield f"in-process control '{_name(ipc.test)}'", ipc, (*at, "process", "steps", s, "controls", c)
        for k, test in enumerate(owner.specification.tests):
            yield f"test '{_name(test.test)}'", test, (*at, "specification", "tests", k)


def pmda_conflicts(dossier: Dossier) -> Iterator[Conflict]:
    """Each control whose ``ec.reporting.pmda`` and ``jp_change_class`` disagree."""
    for what, item, path in _controls(dossier):
        ec, marking = item.ec, item.jp_change_class
        declared = ec.reporting.pmda if ec is not None and ec.is_ec else None
        if declared is None or marking is None or declared == marking or (declared, marking) in _AGREE:
            continue
        yield Conflict(what, path, declared, marking)
