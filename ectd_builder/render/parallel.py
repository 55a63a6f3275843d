"""Render documents in worker processes: ``--jobs N`` of ``ectd build`` and ``ectd render``.

One :class:`Job` is one planned document in one or more formats at one link layout; its
:class:`Outcome` holds the bytes of each format and the problems met while filling it.
:func:`render_job` is the only code that renders a job, in this process (``jobs`` 1) and in the
workers alike, so the bytes do not depend on the number of workers.

The workers are *spawned*, deliberately: a forked child would inherit the locks of the parent's
threads (rich's progress refresher, the font prototype lock) and matplotlib's half-made state.
A spawned worker starts clean, receives the dossier pickled once with its source map (the pool's
initializer, :mod:`ectd_builder.render.portable`), parses
each font once (:mod:`ectd_builder.render.pdf_fonts`) and draws each figure once. Outcomes come
back in job order, whatever finishes first, so problems and provenance keep document order.
A worker that dies (killed, out of memory, a crash in a C library) breaks the pool: the run stops
with :class:`WorkerDied`, whose problem names the document, instead of waiting forever.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ectd_builder.errors import EctdError
from ectd_builder.problems import Problem, Severity
from ectd_builder.render.cache import RenderCache, active, use_cache
from ectd_builder.render.links import Layout
from ectd_builder.render.plan import PlannedDocument
from ectd_builder.render.portable import Packed, pack, unpack

WORKER_DIED = "REN020"
JobProgress = Callable[[int, int, PlannedDocument], None]  # (done, total, document)


@dataclass(frozen=True)
class Settings:
    """What every job of one run shares (sent to each worker once)."""

    dossier: Any
    templates_dir: Path | None = None
    reference_docx: Path | None = None
    locate: Any = None
    cache: RenderCache | None = field(default_factory=active)  # the run's render cache (None: off)


@dataclass(frozen=True)
class Job:
    doc: PlannedDocument
    formats: tuple[str, ...] = ("pdf",)
    layout: Layout | None = None  # None: the render output's layout


@dataclass(frozen=True)
class Outcome:
    outputs: tuple[tuple[str, bytes], ...]  # (format, bytes); "provenance" beside html
    problems: tuple[Problem, ...] = ()
    error: tuple[str, str | None] | None = None  # an EctdError's message and hint, raised again here

    @property
    def data(self) -> bytes:
        """The bytes of the first format."""
        return self.outputs[0][1]


class WorkerDied(EctdError):
    """A worker process ended while rendering a document; ``problem`` locates it."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message, hint=problem.hint)
        self.problem = problem


def render_job(settings: Settings, job: Job) -> Outcome:
    """Render ``job`` here: the document model once, then each format from it.

    The model is always rebuilt; figures and written bytes come from ``settings.cache`` when
    everything they depend on is unchanged (:mod:`ectd_builder.render.cache`)."""
    from ectd_builder.render.api import EXTENSIONS, build_model, write_cached
    from ectd_builder.render.provenance import provenance_json

    try:
        with use_cache(settings.cache):
            model, problems = build_model(
                settings.dossier, job.doc, templates_dir=settings.templates_dir, locate=settings.locate,
                layout=job.layout
            )
            outputs = [
                (fmt, write_cached(model, fmt, page=job.doc.page, reference_docx=settings.reference_docx,
                                   link_ext=None if fmt == "pdf" else EXTENSIONS[fmt]))
                for fmt in job.formats
            ]
    except EctdError as exc:  # pickled exceptions lose their hint: sent back as values
        return Outcome((), error=(exc.message, exc.hint))
    if "html" in job.formats:  # the provenance map goes beside the HTML (render output only)
        outputs.append(("provenance", provenance_json(model)))
    return Outcome(tuple(outputs), tuple(problems))


_WORKER: Settings | None = None


def _start_worker(packed: Packed, rest: tuple[Path | None, Path | None, Any, RenderCache | None]) -> None:
    global _WORKER
    _WORKER = Settings(unpack(packed), *rest)


def _in_worker(job: Job) -> Outcome:
    assert _WORKER is not None, "worker started without settings"
    return render_job(_WORKER, job)


def _died(job: Job, exc: BaseException) -> WorkerDied:
    doc = job.doc
    return WorkerDied(
        Problem(
            WORKER_DIED,
            Severity.ERROR,
            f"a render worker process died while rendering {doc.section} '{doc.title}' ({exc})",
            file=doc.template,
            path=f"document:{doc.key}",
            hint="rerun with --jobs 1 to render in one process; if it dies too, report the document",
            jurisdiction=doc.jurisdiction,
        )
    )


class RenderPool:
    """Runs jobs in this process (``workers`` 1) or in spawned worker processes."""

    def __init__(self, settings: Settings, executor: ProcessPoolExecutor | None) -> None:
        self.settings = settings
        self.executor = executor

    def run(self, jobs: Sequence[Job], progress: JobProgress | None = None) -> list[Outcome]:
        """The outcome of every job, in job order; ``progress`` after each, in that order."""
        if self.executor is None:
            pending: list[Future[Outcome] | None] = [None] * len(jobs)
        else:
            pending = [self.executor.submit(_in_worker, job) for job in jobs]
        out: list[Outcome] = []
        for done, (job, future) in enumerate(zip(jobs, pending, strict=True), start=1):
            outcome = render_job(self.settings, job) if future is None else self._result(job, future)
            if outcome.error is not None:
                raise EctdError(outcome.error[0], hint=outcome.error[1])
            out.append(outcome)
            if progress is not None:
                progress(done, len(jobs), job.doc)
        return out

    def _result(self, job: Job, future: Future[Outcome]) -> Outcome:
        try:
            return future.result()
        except BrokenProcessPool as exc:
            raise _died(job, exc) from exc


def default_jobs() -> int:
    """``--jobs`` default: the number of cores."""
    import os

    return os.cpu_count() or 1


@contextmanager
def render_pool(settings: Settings, jobs: int, tasks: int | None = None) -> Iterator[RenderPool]:
    """A pool of ``jobs`` workers (at most ``tasks``); ``jobs`` 1 renders in this process."""
    if jobs < 1:
        raise EctdError(f"--jobs must be 1 or more, not {jobs}")
    workers = min(jobs, tasks) if tasks is not None else jobs
    if workers <= 1:
        yield RenderPool(settings, None)
        return
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(pack(settings.dossier),
                  (settings.templates_dir, settings.reference_docx, settings.locate, settings.cache)),
    )
    try:
        yield RenderPool(settings, executor)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
