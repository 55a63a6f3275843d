"""``ectd check`` for eCTD v4.0: a submission unit folder or an application of unit folders.

Reads through :mod:`ectd_builder.sequence.v4` (the one v4.0 reader), then checks each unit: document
files exist and match their SHA-256, ``sha256.txt`` matches ``submissionunit.xml``, statuses, keyword
references, controlled vocabularies and the XSD (the last two say they did not run when the store
has no v4.0 package). Criteria come from ``criteria/v4.yaml``; problems carry ``file:line``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ectd_builder.check.filekind import file_hexdigest, read_head
from ectd_builder.check.packs import CRITERIA_DIR, CriteriaSet, Criterion, load_pack_file
from ectd_builder.check.v4_cv import code_problems, load_vocabularies
from ectd_builder.problems import NotRun, Outcome, Problem, Severity
from ectd_builder.sequence.v4 import (
    CHECKSUM_FILE,
    STATUSES,
    UNIT_FILE,
    V4Unit,
    is_v4_unit,
    read_unit,
    read_v4_application,
    resolve,
)

V4_CHECK_KEYS = frozenset(
    """
    v4-unit-missing v4-unit-malformed v4-root v4-element-missing v4-value-invalid v4-docref-missing
    v4-replaces-missing v4-file-missing v4-checksum v4-sha256-file v4-status v4-keyword-undefined
    v4-code-unknown v4-invalid v4-checksum-algorithm v4-lifecycle-state
    """.split()
)
CV_CHECK = "controlled-vocabulary check of"
XSD_CHECK = "schema validation of"  # same prefix as engine.SCHEMA_CHECK: exit 2 when it did not run


@cache
def v4_criteria() -> CriteriaSet:
    """The v4.0 criteria set from ``criteria/v4.yaml``, read like every pack (each defect located)."""
    pack = load_pack_file(CRITERIA_DIR / "v4.yaml", V4_CHECK_KEYS)
    by_check: dict[str, list[Criterion]] = {}
    for crit in pack.criteria:
        for key in crit.checks:
            by_check.setdefault(key, []).append(crit)
    return CriteriaSet("v4", {k: tuple(v) for k, v in by_check.items()})


def is_v4(path: Path) -> bool:
    """A v4.0 unit folder, or an application folder whose numbered folders are v4.0 units."""
    path = Path(path)
    return is_v4_unit(path) or any(c.is_dir() and c.name.isdigit() and is_v4_unit(c) for c in _children(path))


def check_v4_path(path: Path, store: Path | None = None) -> Outcome:
    """Check a v4.0 unit (with its earlier siblings as history) or a v4.0 application."""
    path = Path(path)
    single = is_v4_unit(path)
    app = path.parent if single else path
    units, read_problems = read_v4_application(app)
    mine = {path.name} if single else {u.path.name for u in units} | {c.name for c in _children(app)}
    return _check(path, units, read_problems, mine, single, store, "" if single else f"{app.name}/")


def check_v4_unit(unit_dir: Path, history: list[V4Unit], store: Path | None = None) -> Outcome:
    """Check the unit folder ``unit_dir`` (any name, e.g. a build's temporary folder) after the
    already read ``history`` units (in lifecycle order, e.g. the frozen ``submissions/<j>``)."""
    unit_dir = Path(unit_dir)
    unit, read_problems = read_unit(unit_dir)
    units = [*history, unit] if unit is not None else list(history)
    read_problems = read_problems + [p for p in resolve(units) if (p.file or "").split("/")[0] == unit_dir.name]
    return _check(unit_dir, units, read_problems, {unit_dir.name}, True, store, "")


def _check(
    path: Path, units: list[V4Unit], read_problems: list[Problem], mine: set[str], single: bool, store: Path | None, prefix: str
) -> Outcome:
    crit = v4_criteria()
    problems = [p for p in read_problems if (p.file or "").split("/")[0] in mine]
    not_run: list[NotRun] = []
    defined: set[tuple[str, str]] = set()
    for unit in units:  # keywords defined in this or an earlier unit
        defined |= {(k.code, k.code_system) for k in unit.keywords}
        if unit.path.name in mine:
            problems += _unit_problems(unit, defined)
            cv_problems, cv_not_run = _cv_check(unit, store)
            problems += cv_problems
            not_run += cv_not_run
    problems += [p for p in _lifecycle_state(units) if (p.file or "").split("/")[0] in mine]
    if single and not any(u.path.name == path.name for u in units) and not problems:
        problems.append(
            Problem(
                "v4-unit-malformed",
                crit.rules("v4-unit-malformed")[0].severity,
                f"{UNIT_FILE} could not be read",
                file=f"{path.name}/{UNIT_FILE}",
            )
        )
    out = [q.at(f"{prefix}{q.file}" if q.file else None, q.line, q.col) for p in problems for q in _rekey(p, crit)]
    infos = {c.id: c.rule_info() for crits in crit.by_check.values() for c in crits}
    return Outcome(tuple(out), tuple(dict.fromkeys(not_run)), tuple(infos[k] for k in sorted(infos)))


def _children(path: Path) -> list[Path]:
    try:
        return sorted(c for c in path.iterdir() if c.is_dir())
    except OSError:
        return []


def _rekey(problem: Problem, crit: CriteriaSet) -> list[Problem]:
    """A problem keyed by check key -> one problem per criterion covering it."""
    return crit.problems(problem.code, problem.message, file=problem.file, line=problem.line, hint=problem.hint)


def _unit_problems(unit: V4Unit, defined: set[tuple[str, str]]) -> list[Problem]:
    shown = f"{unit.path.name}/{UNIT_FILE}"
    out = _sha256_file(unit)
    for doc in unit.documents:
        out += _document_file(unit, doc.href, doc.checksum, doc.checksum_algorithm, doc.line, shown)
    for cou in unit.contexts:
        if cou.status and cou.status not in STATUSES:
            out.append(
                _p("v4-status", f"contextOfUse {cou.id}: statusCode '{cou.status}' is not active or suspended", shown, cou.line)
            )
        for code, system in cou.keywords:
            if (code, system) not in defined:
                out.append(
                    _p(
                        "v4-keyword-undefined",
                        f"contextOfUse {cou.id} ({cou.code}) names keyword "
                        f"'{code}' ({system}), which no keywordDefinition defines",
                        shown,
                        cou.line,
                    )
                )
    return out


def _lifecycle_state(units: list[V4Unit]) -> list[Problem]:
    """Lifecycle events on contexts of use that are no longer in force: suspending one that was
    already suspended or replaced, and replacing one that was (a replacementOf to an id never sent
    is ICH-V4-07). ``units`` are in lifecycle order."""
    out: list[Problem] = []
    live: set[str] = set()
    ended: dict[str, str] = {}  # context-of-use id -> how and where it left force
    for unit in units:
        shown = f"{unit.path.name}/{UNIT_FILE}"
        for cou in unit.contexts:
            if cou.replaces and cou.replaces in ended:
                out.append(_p("v4-lifecycle-state", f"contextOfUse {cou.id} ({cou.code}) replaces {cou.replaces}, which is "
                              f"no longer in force ({ended[cou.replaces]})", shown, cou.replaces_line or cou.line,
                              hint="replace the context of use in force now"))
            elif cou.replaces:
                live.discard(cou.replaces)
                ended[cou.replaces] = f"replaced in {shown}"
            if cou.status == "suspended":
                if cou.id in ended:
                    out.append(_p("v4-lifecycle-state", f"contextOfUse {cou.id} ({cou.code}) is suspended, but it is no "
                                  f"longer in force ({ended[cou.id]})", shown, cou.line,
                                  hint="suspend only a context of use in force; leave this one out of the unit"))
                elif cou.id not in live:
                    out.append(_p("v4-lifecycle-state", f"contextOfUse {cou.id} ({cou.code}) is suspended in the unit that "
                                  "first sends it", shown, cou.line, hint="suspend a context of use sent by an earlier unit"))
                live.discard(cou.id)
                ended.setdefault(cou.id, f"suspended in {shown}")
            else:
                live.add(cou.id)
    return out


def _p(key: str, message: str, file: str, line: int | None, hint: str | None = None) -> Problem:
    return Problem(key, Severity.ERROR, message, file=file, line=line, hint=hint)


def _sha256_file(unit: V4Unit) -> list[Problem]:
    where = unit.path / CHECKSUM_FILE
    shown = f"{unit.path.name}/{CHECKSUM_FILE}"
    if not where.is_file():
        return [
            _p(
                "v4-sha256-file",
                f"{CHECKSUM_FILE} is missing beside {UNIT_FILE}",
                shown,
                None,
                hint=f"write the lowercase hex SHA-256 of {UNIT_FILE} into {CHECKSUM_FILE}",
            )
        ]
    found = read_head(where).decode("ascii", errors="replace").strip().split()[:1]
    actual = file_hexdigest(unit.path / UNIT_FILE, "sha256")
    if found != [actual]:
        return [
            _p(
                "v4-sha256-file",
                f"{CHECKSUM_FILE} holds {found[0] if found else '(nothing)'}, the SHA-256 of {UNIT_FILE} is {actual}",
                shown,
                1,
            )
        ]
    return []


def _document_file(unit: V4Unit, href: str, checksum: str, algorithm: str, line: int, shown: str) -> list[Problem]:
    if algorithm and algorithm.upper() != "SHA256":
        return [_p("v4-checksum-algorithm", f"integrityCheckAlgorithm is '{algorithm}', expected SHA256", shown, line)]
    target = (unit.path / href).resolve() if href else None
    if target is None or not target.is_relative_to(unit.path.parent.resolve()) or not target.is_file():
        return [
            _p(
                "v4-file-missing",
                f"document file '{href}' does not exist in {unit.path.name}/",
                shown,
                line,
                hint="reference a file of the unit folder by its relative path",
            )
        ]
    actual = file_hexdigest(target, "sha256")
    if checksum != actual:
        return [_p("v4-checksum", f"integrityCheck of '{href}' is {checksum or '(empty)'}, its SHA-256 is {actual}", shown, line)]
    return []


def _cv_check(unit: V4Unit, store: Path | None) -> tuple[list[Problem], list[NotRun]]:
    """Codes against the genericode lists of the store; what could not be checked is not-run."""
    shown = f"{unit.path.name}/{UNIT_FILE}"
    reason = f"the standards store {store} holds no eCTD v4.0 package" if store else "no standards store given"
    fix = "ectd standards import DIR  (DIR = the ICH and regional eCTD v4.0 packages)"
    not_run = [NotRun(f"{XSD_CHECK} {shown}", f"{reason} (PORP_IN000001UV.xsd)", fix, shown)]
    vocab = load_vocabularies(store)
    if vocab is None:
        return [], [*not_run, NotRun(f"{CV_CHECK} {shown}", f"{reason} (genericode controlled vocabularies)", fix, shown)]
    problems, uncovered = code_problems(unit, vocab)
    if uncovered or vocab.faults:
        why = "; ".join([f"no genericode list for code system {', '.join(uncovered)}"] if uncovered else [])
        why = "; ".join(x for x in (why, *(f"unreadable list {f}" for f in vocab.faults)) if x)
        not_run.append(NotRun(f"{CV_CHECK} {shown} (in part)", why, fix, shown))
    return problems, not_run
