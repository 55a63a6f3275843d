"""Render the documents of one build in a :class:`~ectd_builder.render.parallel.RenderPool`.

Two passes, each as one batch of jobs so that the workers share it: a document the history
holds is first rendered as submitted, and kept when its bytes are the frozen file's (its links
stay as submitted); every other document is then rendered at its final place (see :mod:`ectd_builder.ectd.layout`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from ectd_builder.render.links import Layout, document_key
from ectd_builder.render.parallel import Job, Outcome, RenderPool
from ectd_builder.render.plan import PlannedDocument

StepProgress = Callable[[int, int, str], None]  # (done, total, label)


class BuildLayout(Protocol):
    """What a build's sequence layout answers (:class:`ectd_builder.ectd.layout.SequenceLayout`)."""

    @property
    def old(self) -> Mapping[str, tuple[str, str]]: ...

    def as_submitted(self) -> dict[str, str]: ...

    def final(self, reused: Iterable[str]) -> dict[str, str]: ...

    def unchanged(self, key: str, md5: str) -> bool: ...


def _step(progress: StepProgress | None, total: int, suffix: str) -> Callable[[int, int, PlannedDocument], None] | None:
    if progress is None:
        return None
    return lambda done, _n, doc: progress(done, total, f"render {doc.section}{suffix}")


def render_for_build(
    pool: RenderPool,
    docs: Sequence[PlannedDocument],
    layout: BuildLayout,
    reused: Iterable[str],
    progress: StepProgress | None = None,
) -> list[Outcome]:
    """The PDF outcome of every document of ``docs``, in that order, linked at its place in the build."""
    held = [doc for doc in docs if document_key(doc) in layout.old]
    first = pool.run([Job(doc, ("pdf",), Layout(layout.as_submitted(), built=True)) for doc in held],
                     _step(progress, len(docs), " (as submitted)"))
    kept = {
        doc.key: outcome
        for doc, outcome in zip(held, first, strict=True)
        if layout.unchanged(document_key(doc), hashlib.md5(outcome.data, usedforsecurity=False).hexdigest())
    }
    final = Layout(layout.final([*reused, *(f"document:{key}" for key in kept)]), built=True)
    again = [doc for doc in docs if doc.key not in kept]
    second = dict(zip((d.key for d in again), pool.run([Job(d, ("pdf",), final) for d in again],
                                                        _step(progress, len(docs), "")), strict=True))
    if progress is not None:
        progress(len(docs), len(docs), "rendered")
    return [kept.get(doc.key) or second[doc.key] for doc in docs]
