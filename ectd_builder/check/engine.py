"""``ectd check``: validate a sequence or an application against the criteria of its region.

Pipeline per sequence: read the backbones -> folder and backbone-file checks -> schema validation
against the standards store -> one parallel pass over the files (MD5 + PDF checks from the same
read) -> leaf, envelope and tree checks; then the lifecycle is replayed across the application.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ectd_builder.check import (
    envelope,
    files,
    leaves,
    lifecycle,
    lowest,
    structure,
    v4,
    vocab,
)
from ectd_builder.check.context import Findings, SeqRun, effective_number
from ectd_builder.check.filekind import refuse_special_backbones
from ectd_builder.check.packs import criteria_for
from ectd_builder.check.pdfcheck import LinkTargets
from ectd_builder.check.scan import FileProgress, scan_files
from ectd_builder.check.xmlsafe import parse_file
from ectd_builder.ectd import standards
from ectd_builder.ectd.model import REGIONS as JURISDICTION_REGION
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction import regional_folders
from ectd_builder.problems import NotRun, Outcome, RuleInfo
from ectd_builder.sequence import schemas
from ectd_builder.sequence.model import SEQUENCE_RE, SequenceDoc
from ectd_builder.sequence.reader import (
    is_sequence_folder,
    read_application,
    read_sequence,
)

CheckProgress = Callable[[str, int, int, str], None]  # (phase, done, total, label): the CLI draws it

SCHEMA_CHECK = "schema validation of"  # NotRun.check prefix: a backbone whose schema check did not run


def schema_not_run(outcome: Outcome) -> tuple[NotRun, ...]:
    """The schema checks that could not run (store missing a file, schema version unknown).

    ``ectd check`` exits 2 when there is any: the run could not judge the backbones."""
    return tuple(n for n in outcome.not_run if n.check.startswith(SCHEMA_CHECK))


@dataclass(frozen=True)
class CheckOptions:
    region: str | None = None  # us | eu | jp | cn; detected from the backbone when None
    criteria: str | None = None  # pack name or YAML file; the region's pack when None
    standards: Path | None = None  # store folder; resolved like every command when None
    workers: int | None = None  # hashing threads; one per core when None
    history: Path | None = None  # frozen application (submissions/ema) whose earlier sequences the lifecycle resolves
    progress: CheckProgress | None = None  # told of each sequence begun and each file hashed; never of problems


def check_path(path: Path, options: CheckOptions = CheckOptions()) -> Outcome:
    """Check a sequence folder (holds ``index.xml``) or an application folder (holds ``NNNN``).

    A folder that holds no ``NNNN`` folders but other sequence folders (such as a collection of
    samples) has each of them checked on its own, with no lifecycle across them.
    """
    path = Path(path)
    if options.region is not None and options.region not in regional_folders():
        raise EctdError(f"unknown region '{options.region}'", hint=f"use one of: {', '.join(regional_folders())}")
    if not path.is_dir():
        raise EctdError(
            f"'{path}' is not a folder", hint="give a sequence folder (with index.xml) or an application folder"
        )
    refuse_special_backbones(path)
    store = standards.resolve_store(options.standards)
    built = _build_applications(path)
    if built:  # the tool's own build folder, <out>/<jurisdiction>/NNNN: each application on its own
        return _merged([check_path(app, replace(options, history=_history_of(options.history, app.name))) for app in built])
    if v4.is_v4(path):  # eCTD v4.0 unit or application: its own reader and checks
        return v4.check_v4_path(path, store)
    findings = Findings()
    rules: dict[str, RuleInfo] = {}
    if is_sequence_folder(path):
        _check_one(path, store, options, findings, rules)
    else:
        app = read_application(path)
        if app.sequences:
            misnamed = [read_sequence(path / n) for n in app.other_folders if is_sequence_folder(path / n)]
            history = [*app.sequences, *misnamed]  # a misnamed sequence folder is checked, never skipped
            runs = {s.name: _run(s, path, f"{path.name}/", options, findings) for s in history}
            history += frozen_history(options.history, history)
            _other_folders(runs[app.sequences[0].name], app.other_folders, {s.name for s in misnamed})
            _check_runs(runs, history, store, options, rules, whole=True)
        else:
            loose = sorted(c for c in path.iterdir() if c.is_dir() and is_sequence_folder(c))
            if not loose:
                raise EctdError(
                    f"'{path}' holds no index.xml and no NNNN sequence folders",
                    hint="give a sequence folder or an application folder",
                )
            for child in loose:  # a folder of unrelated sequences: each is checked on its own
                _check_one(child, store, options, findings, rules)
    return Outcome(tuple(findings.problems), tuple(findings.not_run), tuple(rules[k] for k in sorted(rules)))


def _build_applications(path: Path) -> list[Path]:
    """The ``<jurisdiction>`` folders of a build folder that hold ``NNNN`` sequence folders."""
    if is_sequence_folder(path) or any(SEQUENCE_RE.match(c.name) for c in path.iterdir()):
        return []
    return [
        c
        for c in sorted(path.iterdir())
        if c.name in JURISDICTION_REGION and c.is_dir() and any(SEQUENCE_RE.match(s.name) and s.is_dir() for s in c.iterdir())
    ]


def _history_of(history: Path | None, jurisdiction: str) -> Path | None:
    """For one application of a build folder: ``DIR/<jurisdiction>`` when ``DIR`` is a history of
    several (``submissions``), ``DIR`` itself when it is one application, ``None`` when it has none."""
    if history is None or (history / jurisdiction).is_dir():
        return None if history is None else history / jurisdiction
    return history if any(SEQUENCE_RE.match(c.name) for c in history.iterdir()) else None


def frozen_history(history: Path | None, checked: list[SequenceDoc]) -> list[SequenceDoc]:
    """The sequences of the frozen application ``history`` that come before every checked one
    (``ectd check build/ema/0001 --history submissions/ema``): lifecycle targets are resolved in
    them; they are not checked themselves."""
    if history is None:
        return []
    refuse_special_backbones(history, depth=1)
    frozen = read_application(history).sequences if history.is_dir() else ()
    if not frozen:
        raise EctdError(
            f"--history '{history}' holds no NNNN sequence folders",
            hint="give the frozen application folder, e.g. submissions/ema (or submissions for a build folder)",
        )
    names = {s.name for s in checked}
    first = min((effective_number(s) or s.name for s in checked), default="9999")
    return [s for s in frozen if s.name not in names and (effective_number(s) or s.name) < first]


def _merged(outcomes: list[Outcome]) -> Outcome:
    rules = {r.code: r for o in outcomes for r in o.rules}
    return Outcome(
        tuple(p for o in outcomes for p in o.problems),
        tuple(n for o in outcomes for n in o.not_run),
        tuple(rules[k] for k in sorted(rules)),
    )


def _other_folders(run: SeqRun, names: tuple[str, ...], sequences: set[str]) -> None:
    """Folders of the application that are not sequence folders (``draft``, ``0003-old``): reported."""
    for name in names:
        if name not in sequences:
            run.report(
                "app-folder-extra",
                f"folder '{name}' in the application is not a sequence folder (four digits, with index.xml)",
                name,
                hint="remove it, or rename a sequence folder to its four-digit sequence number",
            )


def _check_one(path: Path, store: Path, options: CheckOptions, findings: Findings, rules: dict[str, RuleInfo]) -> None:
    """One sequence folder, with its earlier siblings as lifecycle history."""
    seq = read_sequence(path)
    history = [seq, *_earlier_siblings(path.parent, seq)]
    history += frozen_history(options.history, history)
    runs = {seq.name: _run(seq, path.parent, "", options, findings)}
    _check_runs(runs, history, store, options, rules, whole=False)


def _check_runs(
    runs: dict[str, SeqRun],
    history: list[SequenceDoc],
    store: Path,
    options: CheckOptions,
    rules: dict[str, RuleInfo],
    *,
    whole: bool,
) -> None:
    for done, run in enumerate(runs.values()):
        if options.progress is not None:
            options.progress("sequences", done, len(runs), run.display(run.name) or run.name)
        _check_sequence(run, store, options)
    if options.progress is not None:
        options.progress("sequences", len(runs), len(runs), "lifecycle")
    lifecycle.check_lifecycle(history, runs, whole=whole)
    lifecycle.check_numbering(history, runs, whole=whole)
    for run in runs.values():
        for info in run.crit.rule_infos():
            rules.setdefault(info.code, info)


def _earlier_siblings(app: Path, seq: SequenceDoc) -> list[SequenceDoc]:
    """Earlier sequences beside a checked sequence: history for its lifecycle checks (backbones only)."""
    number = effective_number(seq)
    if number is None:
        return []
    out = []
    try:
        children = sorted(app.iterdir())
    except OSError:
        return []
    for child in children:
        if child.is_dir() and SEQUENCE_RE.match(child.name) and child.name < number and child.name != seq.name:
            out.append(read_sequence(child))
    return out


def _run(seq: SequenceDoc, app: Path, prefix: str, options: CheckOptions, findings: Findings) -> SeqRun:
    region = options.region or seq.region or _region_of_build(app)
    return SeqRun(seq, app, prefix, criteria_for(region, options.criteria), region, findings)


def _region_of_build(app: Path) -> str | None:
    """The region of the tool's own output, ``<out>/<jurisdiction>/NNNN``, when the backbone does
    not name one (a PMDA eCTD v3.2.2 sequence without Module 1 files has no regional backbone)."""
    return JURISDICTION_REGION.get(app.name)


def _check_sequence(run: SeqRun, store: Path, options: CheckOptions) -> None:
    structure.check_folder_name(run)
    structure.check_backbone_files(run)
    if run.seq.index is None:
        return  # nothing else can be judged without index.xml
    structure.check_index_md5(run)
    structure.check_util_files(run)
    _validate_schemas(run, store)
    _heading_models(run, store)
    items = leaves.pdf_items(run)
    run.scans = scan_files(items, LinkTargets(run.app), options.workers, _file_progress(options.progress, run))
    leaves.check_leaf_attributes(run)
    leaves.check_leaf_files(run)
    leaves.check_node_extensions(run)
    leaves.check_headings(run)
    _pdf_problems(run)
    envelope.check_envelopes(run)
    vocab.check_code_lists(run, store)
    found, dirs = structure.walk(run.seq.folder)
    referenced = {lf.file for lf in run.seq.leaves if lf.file}
    structure.check_tree(run, found, dirs, referenced)
    files.check_symlinks(run)
    files.check_contents(run, found)
    planned = {lf.file.split("/", 1)[1] for lf in run.seq.leaves if lf.file and lf.file.startswith(run.name + "/")}
    structure.check_names(run, set(found) | planned)


def _file_progress(progress: CheckProgress | None, run: SeqRun) -> FileProgress | None:
    """The files phase of one sequence, as the run's progress callback sees it."""
    if progress is None:
        return None
    phase = f"{run.display(run.name)} files"
    return lambda done, total, rel: progress(phase, done, total, rel)


def _usable_schema(store: Path, choice: schemas.SchemaChoice) -> tuple[Path | None, str, str | None]:
    """The schema file ``choice`` names, or why it cannot be used and the command that fixes it."""
    if choice.set_name is None or choice.file_name is None:
        return None, choice.reason, None
    schema = standards.locate(store, choice.set_name, choice.file_name)
    if schema is None:
        reason = f"{choice.set_name}/{choice.file_name} is not in the standards store {store}"
    elif not _companions(store, choice.set_name):
        reason = f"{choice.set_name} is incomplete in the standards store {store}"
    else:
        return schema, "", None
    return None, reason, standards.fix_command(store)


def _validate_schemas(run: SeqRun, store: Path) -> None:
    for backbone, key in ((run.seq.index, "index-invalid"), (run.seq.regional, "regional-invalid")):
        if backbone is None:
            continue
        shown = run.display(run.in_seq(backbone.path))
        choice = schemas.choose(backbone)
        schema, reason, fix = _usable_schema(store, choice)
        if schema is None:
            run.skip(f"{SCHEMA_CHECK} {shown}", reason, fix, run.in_seq(backbone.path))
            continue
        tree, _err = parse_file(run.seq.folder / backbone.path)
        if tree is None:
            continue  # already reported by the backbone-file checks
        for error in schemas.validate(tree, schema):
            run.report(
                key,
                f"{backbone.path} is not valid against {choice.set_name}/{choice.file_name}: {error.message}",
                run.in_seq(backbone.path),
                line=error.line,
            )


def _heading_models(run: SeqRun, store: Path) -> None:
    """The DTD content model of each backbone, for the lowest-level heading rule (EU 10.1)."""
    for backbone in (run.seq.index, run.seq.regional):
        if backbone is None:
            continue
        choice = schemas.choose(backbone)
        model = None
        if choice.set_name and choice.file_name and _companions(store, choice.set_name):
            model = lowest.model_for(store, choice.set_name, choice.file_name)
        if model is not None:
            run.heading_models[backbone.path] = model
        elif any(leaf.backbone == backbone.path for leaf in run.seq.leaves):
            run.skip(
                f"lowest-level headings of {run.display(run.in_seq(backbone.path))} from the schema",
                "no schema content model for this backbone (unknown version or not in the store); "
                "judged from the headings present in the backbone instead",
                rel_app=run.in_seq(backbone.path),
            )


def _companions(store: Path, set_name: str) -> bool:
    """EU DTDs pull in their .mod files: those must be present (and verified) too."""
    if not set_name.startswith("eu-m1-"):
        return True
    return all(standards.locate(store, set_name, f) is not None for f in ("eu-envelope.mod", "eu-leaf.mod"))


def _pdf_problems(run: SeqRun) -> None:
    for rel, scan in sorted(run.scans.items()):
        for finding in scan.pdf or ():
            run.report(finding.key, finding.message, rel)
