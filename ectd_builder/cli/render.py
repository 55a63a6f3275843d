"""``ectd render``: Module 3 and the Quality Overall Summary as PDF, DOCX and HTML."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from ectd_builder.cli.build import JOBS, NO_CACHE, render_cache
from ectd_builder.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    fail,
    print_blocks,
    print_report,
    stderr_console,
)
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction import region_codes
from ectd_builder.problems import Severity

FORMATS = ("pdf", "docx", "html")


def _formats(value: str) -> list[str]:
    chosen = [v.strip().lower() for v in value.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in FORMATS]
    if unknown or not chosen:
        raise fail(
            f"unknown format '{','.join(unknown) or value}'", f"use a comma-separated list of: {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(chosen))


def render_command(
    dossier: Path = typer.Argument(Path("."), help="Dossier folder or dossier.yaml (default: current folder)."),
    jurisdiction: str = typer.Option(..., "-j", "--jurisdiction", help="fda, ema, pmda or nmpa."),
    fmt: str = typer.Option("pdf", "--format", help="Output formats, comma-separated: pdf,docx,html."),
    out: Path | None = typer.Option(None, "--out", help="Output folder (default: DOSSIER/build/render/<j>/)."),
    templates: Path | None = typer.Option(
        None, "--templates", help="Folder with your own templates (<lang>/ or common/)."
    ),
    reference_docx: Path | None = typer.Option(
        None, "--reference-docx", help="DOCX whose styles the DOCX output uses."
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings (e.g. missing translations)."),
    jobs: int | None = JOBS,
    no_cache: bool = NO_CACHE,
) -> None:
    """Render Module 3 and the Module 2.3 Quality Overall Summary for one jurisdiction."""
    from ectd_builder.render.parallel import WorkerDied, default_jobs

    try:
        with render_cache(no_cache):
            code = _render(
                dossier, jurisdiction, fmt, out, templates, reference_docx, strict, jobs or default_jobs()
            )
    except WorkerDied as exc:  # a located problem: the document the worker was rendering
        print_report([exc.problem], "text")
        raise typer.Exit(EXIT_PROBLEMS) from exc
    except EctdError as exc:
        raise fail(exc.message, exc.hint) from exc
    raise typer.Exit(code)


def _render(
    dossier: Path,
    jurisdiction: str,
    fmt: str,
    out: Path | None,
    templates: Path | None,
    reference_docx: Path | None,
    strict: bool,
    jobs: int = 1,
) -> int:
    from ectd_builder.dossier import find_dossier_file, load_dossier
    from ectd_builder.render.api import render_all
    from ectd_builder.render.outputs import write_outputs
    from ectd_builder.report.render import render_summary

    j = jurisdiction.strip().lower()
    known = region_codes()
    if j not in known:
        raise fail(f"unknown jurisdiction '{jurisdiction}'", f"use one of: {', '.join(known)}")
    formats = _formats(fmt)
    source = find_dossier_file(dossier)
    if reference_docx is not None and not reference_docx.is_file():
        raise fail(f"reference document '{reference_docx}' does not exist")
    loaded = load_dossier(source)
    if not loaded.ok:
        print_report(loaded.problems, "text")
        stderr_console().print(
            Text("error: the dossier has errors; fix them before rendering (see `ectd validate`)", style="bold red")
        )
        return EXIT_PROBLEMS
    target = out or source.parent / "build" / "render" / j
    _check_target(target, source.parent)

    err = stderr_console()
    with Progress(
        TextColumn("rendering"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, doc: object) -> None:
            bar.update(task, completed=done, total=total, description=getattr(doc, "key", ""))

        rendered = render_all(
            loaded.dossier,
            j,
            formats,
            templates_dir=templates,
            reference_docx=reference_docx,
            progress=progress,
            jobs=jobs,
        )
    written = write_outputs(rendered, target)
    problems = [p for r in rendered for p in r.problems]
    if problems:
        print_report(problems, "text")
    size = sum(path.stat().st_size for path in written)
    print_blocks(render_summary(rendered, formats, size, target, j))
    failing = any(p.severity is Severity.ERROR for p in problems) or (strict and problems)
    return EXIT_PROBLEMS if failing else EXIT_OK


def _check_target(target: Path, root: Path) -> None:
    """Refuse an unusable output folder before anything is rendered (exit 2, not a traceback)."""
    from ectd_builder.ectd import atomic
    from ectd_builder.ectd.api import HISTORY_DIR

    atomic.ensure_not_above(target, root, "render output")
    atomic.ensure_outside(target, root / HISTORY_DIR, "render output")
    atomic.ensure_writable(target, "render output")
    atomic.ensure_replaceable(target, ("m2", "m3"), "render output")  # the layout of render/outputs.py


def register(app: typer.Typer) -> None:
    app.command("render")(render_command)
