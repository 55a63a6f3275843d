"""``ectd build``: assemble the next eCTD sequence per jurisdiction (v3.2.2, or v4.0 for FDA and PMDA)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from ectd_builder.cli.common import EXIT_PROBLEMS, fail, print_report, stderr_console, stdout_console
from ectd_builder.cli.jurisdictions import parse_jurisdictions
from ectd_builder.problems import Problem, Severity

if TYPE_CHECKING:
    from ectd_builder.ectd.model import BuildResult
    from ectd_builder.render.parallel import WorkerDied


# ``--jobs`` of ``ectd build`` and ``ectd render``
JOBS = typer.Option(
    None, "--jobs", min=1, help="Worker processes that render documents (default: the number of cores; 1: in process)."
)
# ``--no-cache`` of ``ectd build`` and ``ectd render``
NO_CACHE = typer.Option(
    False, "--no-cache", help="Render every document again: neither read nor write the render cache (user cache folder)."
)


@contextmanager
def render_cache(no_cache: bool) -> Iterator[None]:
    """The render cache of this run: the user cache folder, or none with ``--no-cache``."""
    from ectd_builder.render.cache import RenderCache, use_cache

    with use_cache(None if no_cache else RenderCache.default()):
        yield


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"


@contextmanager
def _progress(jurisdiction: str) -> Iterator[object]:
    """A progress bar on a terminal (stderr); nothing in pipes and CI logs."""
    console = stderr_console()
    if not console.is_terminal:
        yield None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[label]}"),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        tasks: dict[str, object] = {}

        def step(phase: str, done: int, total: int, label: str) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(f"{jurisdiction} {phase}", total=total, label="")
            bar.update(tasks[phase], completed=done, total=total, label=label[-50:])  # type: ignore[arg-type]

        yield step


@contextmanager
def _located(kind: type[WorkerDied]) -> Iterator[None]:
    """A render worker that died: its located problem, exit 1 (the other errors pass through)."""
    try:
        yield
    except kind as exc:
        print_report([exc.problem], "text")
        raise typer.Exit(EXIT_PROBLEMS) from exc


def _summary(result: BuildResult) -> None:
    from ectd_builder.ectd.model import REGIONAL_KEY

    console = stdout_console()
    counts = ", ".join(f"{result.count(op)} {op}" for op in ("new", "replace", "delete"))
    leaves = sum(1 for leaf in result.leaves if leaf.operation != "delete" and leaf.key != REGIONAL_KEY)
    regional = next((f" + {leaf.href}" for leaf in result.leaves if leaf.key == REGIONAL_KEY), " (no regional backbone)")
    line = Text(f"{result.jurisdiction} {result.sequence}: ", style="bold")
    line.append(f"{leaves} document leaves ({counts}){regional}, {_size(result.size)} -> {result.path}")
    console.print(line)
    for note in result.notes:
        console.print(Text(f"  note: {note}", style="yellow"))


def _rule_gate(loaded: object, jurisdictions: list[str], force: bool) -> None:
    """Say which jurisdictions' rules report errors and stop before building anything, unless --force."""
    from ectd_builder.rules import run_rules

    failing = []
    for j in jurisdictions:
        errors = [p for p in run_rules(loaded, [j]) if p.severity is Severity.ERROR]
        if errors:
            failing.append(j)
            message = f"{j}: {len(errors)} rule error(s); 'ectd validate -j {j}' lists them"
            stderr_console().print(Text(message + ("; building anyway (--force)" if force else ""), style="yellow"))
    if failing and not force:
        stderr_console().print("build stopped: fix the rule errors, or build anyway with --force")
        raise typer.Exit(EXIT_PROBLEMS)


def build(
    dossier: Path = typer.Argument(Path("."), help="Dossier folder (or its dossier.yaml)."),
    jurisdiction: str = typer.Option(..., "--jurisdiction", "-j", help="fda, ema, pmda, nmpa (comma-separated) or all."),
    sequence: str | None = typer.Option(
        None, "--sequence", help="Sequence number NNNN (default: the next one after the history)."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Output folder (default: DOSSIER/build); sequences go to OUT/<j>/<NNNN>."
    ),
    standards_dir: Path | None = typer.Option(
        None, "--standards", help="Standards store (default: $ECTD_STANDARDS, else the user data folder)."
    ),
    force: bool = typer.Option(False, "--force", help="Build even when the rules report errors (default: refuse)."),
    strict: bool = typer.Option(
        False, "--strict", help="Refuse to build when the rules report errors: the default now, kept for old scripts."
    ),
    key: Path | None = typer.Option(None, "--key", help="PEM Ed25519 private key: sign the ledger lines."),
    ectd_version: str | None = typer.Option(
        None,
        "--ectd-version",
        help="3.2.2 or 4.0 (FDA, PMDA). Default: the version of the application's frozen history, else the "
        "jurisdiction's default for a new application (PMDA 4.0, the others 3.2.2).",
    ),
    jobs: int | None = JOBS,
    no_cache: bool = NO_CACHE,
) -> None:
    """Assemble the next eCTD sequence (v3.2.2) or submission unit (v4.0) per jurisdiction."""
    from ectd_builder.dossier import load_dossier  # imported here: keeps `ectd --help` fast
    from ectd_builder.ectd import standards
    from ectd_builder.ectd.api import build_dossier, check_build_target, check_ectd_version
    from ectd_builder.ledger import append_event, check_appendable
    from ectd_builder.render.parallel import WorkerDied, default_jobs

    wanted = parse_jurisdictions(jurisdiction)
    loaded = load_dossier(dossier)
    if not loaded.ok or loaded.dossier is None:
        print_report([p for p in loaded.problems if p.severity is Severity.ERROR], "text")
        stderr_console().print("build stopped: fix the dossier errors above (ectd validate shows them all)")
        raise typer.Exit(EXIT_PROBLEMS)
    targets = loaded.dossier.jurisdictions
    if jurisdiction.strip().lower() == "all":
        wanted = [j for j in wanted if j in targets]
    missing = [j for j in wanted if j not in targets]
    if missing:
        raise fail(
            f"the dossier does not target {', '.join(missing)}",
            f"add them to 'jurisdictions' in dossier.yaml or use -j {','.join(targets)}",
        )
    store = standards.resolve_store(standards_dir)
    for j in wanted:  # every jurisdiction's environment is checked before the first one renders
        check_ectd_version(loaded.root, j, ectd_version)
        check_build_target(loaded.root, j, store=store, out_root=out, sequence=sequence)
    check_appendable(loaded.root, key=key)  # a bad key or a damaged ledger stops the build before it renders
    _rule_gate(loaded, wanted, force and not strict)
    problems: list[Problem] = []
    for j in wanted:
        with _progress(j) as step, _located(WorkerDied), render_cache(no_cache):
            result = build_dossier(
                loaded.dossier,
                loaded.root,
                j,
                store=store,
                out_root=out,
                sequence=sequence,
                progress=step,  # type: ignore[arg-type]
                ectd_version=ectd_version,
                jobs=jobs or default_jobs(),
            )
        append_event(loaded.root, "build", j, result.sequence, result.path, key=key)
        _summary(result)
        problems += result.problems
    if problems:  # render problems (REN00x): the sequences are built; the documents need a look
        print_report(problems, "text")
    if any(p.severity is Severity.ERROR for p in problems):
        raise typer.Exit(EXIT_PROBLEMS)


def register(app: typer.Typer) -> None:
    app.command("build")(build)
