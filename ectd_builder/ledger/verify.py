"""``ectd verify``: recompute the ledger's chain, its signatures and every frozen file's SHA-256.

One located problem per difference: the ledger line (``submissions/ledger.jsonl:N``) for what
changed in the ledger, the frozen file (``submissions/<j>/<NNNN>/<path>``) for what changed in
the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ectd_builder.errors import EctdError
from ectd_builder.ledger.chain import (
    BAD_SIGNATURE,
    EDITED,
    MALFORMED,
    REMOVED,
    REORDERED,
    UNEXPECTED_SIGNER,
    UNSIGNED,
    Line,
    chain_problems,
    read_lines,
    signature_problems,
    signing_note,
)
from ectd_builder.ledger.entry import SEQUENCE_RE, file_digests
from ectd_builder.ledger.store import HISTORY_DIR, ledger_path
from ectd_builder.problems import Outcome, Problem, Related, RuleInfo, Severity

FILE_CHANGED = "LEDGER-05"
FILE_ADDED = "LEDGER-06"
FILE_REMOVED = "LEDGER-07"
SEQUENCE_UNRECORDED = "LEDGER-08"
CHANGED_BEFORE_FREEZE = "LEDGER-12"

RULES = (
    RuleInfo(MALFORMED, "Malformed ledger line", "A line is not a complete ledger entry in the form ectd writes."),
    RuleInfo(REORDERED, "Ledger lines reordered", "A line's entry number is out of order."),
    RuleInfo(REMOVED, "Ledger line removed", "Entry numbers skip: lines were removed."),
    RuleInfo(EDITED, "Ledger line edited", "A line's SHA-256 is not the one the next line recorded: the chain breaks."),
    RuleInfo(FILE_CHANGED, "Frozen file changed", "A frozen file's SHA-256 differs from the one its freeze recorded."),
    RuleInfo(FILE_ADDED, "Frozen file added", "A file in a frozen sequence that its freeze did not record."),
    RuleInfo(FILE_REMOVED, "Frozen file removed", "A file its freeze recorded is missing from the frozen sequence."),
    RuleInfo(SEQUENCE_UNRECORDED, "Frozen sequence unrecorded or missing", "No freeze line for it, or no folder."),
    RuleInfo(BAD_SIGNATURE, "Ledger signature does not verify", "A signed line changed after it was signed."),
    RuleInfo(UNEXPECTED_SIGNER, "Ledger line not signed by a given key", "With --public-key: unsigned, or another key's."),
    RuleInfo(CHANGED_BEFORE_FREEZE, "Sequence changed between build and freeze", "Freeze and build record other files."),
    RuleInfo(UNSIGNED, "Ledger lines unsigned", "How far the lines are signed.", default_severity=Severity.INFO),
)

FILE_HINT = "frozen history is never changed: restore the sequence from the copy that was submitted"


def verify_ledger(root: Path, *, public_keys: Sequence[Path] = ()) -> Outcome:
    """Every difference between the ledger, its chain and signatures, and ``root/submissions``."""
    from ectd_builder.ledger.signing import load_public_key, raw_public

    keys = [raw_public(load_public_key(path)) for path in public_keys]  # a bad key file: EctdError, exit 2
    path = ledger_path(root)
    shown = path.as_posix()
    lines = read_lines(_read(path)) if path.is_file() else []
    signed, not_run = signature_problems(lines, shown, keys)
    bad = {p.line for p in signed if p.code == BAD_SIGNATURE and p.line is not None}
    problems = chain_problems(lines, shown, bad) + signed + history_problems(root, lines, shown) + build_problems(lines, shown)
    note = signing_note(lines, shown, keys)
    if not path.is_file():
        note = Problem(UNSIGNED, Severity.INFO, "there is no ledger yet: 'ectd build' and 'ectd freeze' start it", shown)
    return Outcome(tuple(problems + ([note] if note else [])), tuple(not_run), RULES)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise EctdError(f"cannot read the ledger {path}: {exc.strerror or exc}", hint="check its permissions") from None


def history_problems(root: Path, lines: Sequence[Line], shown: str) -> list[Problem]:
    """Each frozen sequence against its (last) freeze line, and frozen sequences no line records."""
    freezes: dict[tuple[str, str], Line] = {}
    for line in lines:
        if line.data is not None and line.data["action"] == "freeze":
            freezes[(line.data["jurisdiction"], line.data["sequence"])] = line
    problems: list[Problem] = []
    history = root / HISTORY_DIR
    for (jurisdiction, sequence), line in sorted(freezes.items()):
        problems.extend(_sequence_problems(history / jurisdiction / sequence, line, shown))
    for folder in _frozen_folders(history):
        if (folder.parent.name, folder.name) not in freezes:
            problems.append(Problem(
                SEQUENCE_UNRECORDED, Severity.ERROR,
                f"frozen sequence {folder.parent.name} {folder.name} is not recorded in the ledger",
                folder.as_posix(),
                hint="a sequence frozen before the ledger existed, or put there by hand: only 'ectd freeze' records one",
            ))
    return problems


def build_problems(lines: Sequence[Line], shown: str) -> list[Problem]:
    """Each freeze against the last build line of the same sequence before it: the files must match."""
    built: dict[tuple[str, str], Line] = {}
    problems: list[Problem] = []
    for line in lines:
        if line.data is None:
            continue
        key = (line.data["jurisdiction"], line.data["sequence"])
        if line.data["action"] == "build":
            built[key] = line
        elif key in built:
            problems.extend(_changed_before_freeze(built[key], line, shown))
    return problems


def _changed_before_freeze(build: Line, freeze: Line, shown: str) -> list[Problem]:
    before: dict[str, str] = (build.data or {})["files"]
    after: dict[str, str] = (freeze.data or {})["files"]
    changed = sorted(rel for rel in set(before) | set(after) if before.get(rel) != after.get(rel))
    if not changed:
        return []
    names = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
    message = f"the sequence changed between its build (line {build.number}) and this freeze: {names}"
    related = (Related(shown, build.number, None, "the build line of the same sequence"),)
    hint = "a built sequence is frozen as it was built: build it again and freeze that"
    return [Problem(CHANGED_BEFORE_FREEZE, Severity.ERROR, message, shown, freeze.number, hint=hint, related=related)]


def _frozen_folders(history: Path) -> list[Path]:
    if not history.is_dir():
        return []
    return sorted(
        seq for app in history.iterdir() if app.is_dir() and not app.name.startswith(".")
        for seq in app.iterdir() if seq.is_dir() and SEQUENCE_RE.match(seq.name)
    )


def _sequence_problems(folder: Path, line: Line, shown: str) -> list[Problem]:
    data: dict[str, Any] = line.data or {}
    at = (Related(shown, line.number, None, "the freeze line that recorded the sequence's files"),)
    if not folder.is_dir():
        message = f"frozen sequence {data['jurisdiction']} {data['sequence']} is missing from {folder.parent.as_posix()}"
        return [Problem(SEQUENCE_UNRECORDED, Severity.ERROR, message, shown, line.number, hint=FILE_HINT)]
    recorded: dict[str, str] = data["files"]
    try:
        actual = file_digests(folder)
    except OSError as exc:
        message = f"frozen sequence {data['jurisdiction']} {data['sequence']} cannot be read: {exc.strerror or exc}"
        where = Path(exc.filename).as_posix() if exc.filename else folder.as_posix()
        return [Problem(FILE_CHANGED, Severity.ERROR, message, where, hint="give ectd read access to submissions/", related=at)]
    problems: list[Problem] = []
    for rel in sorted(set(recorded) | set(actual)):
        code, message = _difference(rel, recorded.get(rel), actual.get(rel))
        if code:
            problems.append(Problem(code, Severity.ERROR, message, (folder / rel).as_posix(), hint=FILE_HINT, related=at))
    return problems


def _difference(rel: str, recorded: str | None, actual: str | None) -> tuple[str, str]:
    if recorded == actual:
        return "", ""
    if recorded is None:
        return FILE_ADDED, f"{rel} was added to the frozen sequence after it was frozen"
    if actual is None:
        return FILE_REMOVED, f"{rel} was removed from the frozen sequence after it was frozen"
    return FILE_CHANGED, f"{rel} changed after it was frozen (SHA-256 {actual[:12]}..., recorded {recorded[:12]}...)"
