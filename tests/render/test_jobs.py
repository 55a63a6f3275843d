"""``--jobs``: documents rendered in worker processes are byte-identical to those of one process,
problems come back in document order, and a worker that dies is a located problem, not a hang."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from ectd_builder.render.api import render_all
from ectd_builder.render.parallel import WORKER_DIED, Job, Settings, WorkerDied, render_pool
from ectd_builder.render.plan import plan_documents

from tests.cli_helpers import run_cli

from .conftest import MINI

# a sample of the mini plan: Module 2.3, a method, a figure (stability) and a table-heavy document
SECTIONS = ("2.3.S", "3.2.S.4.2", "3.2.S.7.3", "3.2.P.5.1", "3.2.P.8.3")


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def _wanted(doc) -> bool:
    return doc.section in SECTIONS


def test_two_workers_render_the_bytes_of_one_process_in_document_order(mini) -> None:
    one = render_all(mini, "pmda", ("pdf", "docx", "html"), only=_wanted, jobs=1)
    two = render_all(mini, "pmda", ("pdf", "docx", "html"), only=_wanted, jobs=2)
    assert len({r.doc.key for r in one}) >= 4
    assert [(r.doc.key, r.fmt) for r in two] == [(r.doc.key, r.fmt) for r in one]
    assert [hashlib.sha256(r.data).hexdigest() for r in two] == [hashlib.sha256(r.data).hexdigest() for r in one]
    assert [r.problems for r in two] == [r.problems for r in one]


def test_progress_is_reported_once_per_document_in_order(mini) -> None:
    docs = [d for d in plan_documents(mini, "fda") if _wanted(d)]
    seen: list[tuple[int, int, str]] = []
    render_all(mini, "fda", ("html",), only=_wanted, jobs=2, progress=lambda i, n, d: seen.append((i, n, d.key)))
    assert seen == [(i, len(docs), d.key) for i, d in enumerate(docs, start=1)]


class _DiesWhenUnpickled:
    """A dossier that ends the worker process receiving it (as a segfault or an OOM kill would)."""

    def __reduce__(self):
        return (os._exit, (7,))


def test_a_worker_that_dies_is_a_located_problem(mini) -> None:
    docs = [d for d in plan_documents(mini, "fda") if _wanted(d)][:2]
    with pytest.raises(WorkerDied) as caught, render_pool(Settings(_DiesWhenUnpickled()), 2, len(docs)) as pool:
        pool.run([Job(d) for d in docs])
    problem = caught.value.problem
    assert problem.code == WORKER_DIED and problem.severity.value == "error"
    assert problem.path == f"document:{docs[0].key}" and problem.file == docs[0].template
    assert "--jobs 1" in (problem.hint or "")


def test_jobs_must_be_positive(mini) -> None:
    from ectd_builder.errors import EctdError

    with pytest.raises(EctdError, match="--jobs"), render_pool(Settings(mini), 0):
        pass


@pytest.mark.parametrize("command", ["build", "render"])
def test_cli_jobs_1_and_2_write_the_same_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], standards_dir: Path, command: str
) -> None:
    dossier = tmp_path / "mini"
    shutil.copytree(MINI.parent, dossier)
    trees = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        extra = ["--standards", str(standards_dir), "--force"] if command == "build" else ["--format", "pdf,html"]
        result = run_cli(capsys, command, str(dossier), "-j", "fda", "--out", str(out), "--jobs", jobs, *extra)
        assert result.code in (0, 1), result.err
        trees.append(_digests(out))
    assert len(trees[0]) > 20
    assert trees[1] == trees[0]


def test_cli_refuses_jobs_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "render", str(MINI.parent), "-j", "fda", "--out", str(tmp_path / "out"), "--jobs", "0")
    assert result.code == 2 and "--jobs" in result.err
