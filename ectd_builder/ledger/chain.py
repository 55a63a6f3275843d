"""The ledger's own integrity: every line well formed, in order (``n``), chained (``prev``) and,
when signed, signed by a key that verifies it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ectd_builder.ledger.entry import GENESIS, line_hash, parse_line
from ectd_builder.problems import NotRun, Problem, Related, Severity

MALFORMED = "LEDGER-01"
REORDERED = "LEDGER-02"
REMOVED = "LEDGER-03"
EDITED = "LEDGER-04"
BAD_SIGNATURE = "LEDGER-09"
UNEXPECTED_SIGNER = "LEDGER-10"
UNSIGNED = "LEDGER-11"

VERIFY_HINT = "the ledger is append-only: restore it from a copy you trust (e.g. version control), then run 'ectd verify' again"


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the file
    raw: bytes
    data: dict[str, Any] | None  # None: malformed
    error: str = ""


def read_lines(content: bytes) -> list[Line]:
    """The ledger's lines; a last line without its newline is incomplete, hence malformed."""
    parts = content.split(b"\n")
    complete, tail = parts[:-1], parts[-1]
    lines = [_line(i, raw) for i, raw in enumerate(complete, start=1)]
    if tail:
        why = "incomplete line (no newline at the end): a write was cut short or the file edited"
        lines.append(Line(len(complete) + 1, tail, None, why))
    return lines


def _line(number: int, raw: bytes) -> Line:
    if not raw.strip():
        return Line(number, raw, None, "empty line")
    data, error = parse_line(raw)
    return Line(number, raw, data, error)


def _problem(
    code: str, file: str, line: int, message: str, *, hint: str = VERIFY_HINT, related: tuple[Related, ...] = ()
) -> Problem:
    return Problem(code, Severity.ERROR, message, file, line, hint=hint, related=related)


def chain_problems(lines: Sequence[Line], file: str, signed_bad: set[int]) -> list[Problem]:
    """Malformed, reordered, removed and edited lines; an edit already found by its bad signature
    (``signed_bad``, line numbers) is not reported twice."""
    problems: list[Problem] = []
    present = {line.data["n"] for line in lines if line.data is not None}
    last_n = 0
    before: Line | None = None
    for line in lines:
        if line.data is None:
            problems.append(_problem(MALFORMED, file, line.number, f"malformed ledger line: {line.error}"))
            last_n += 1
        else:
            problems.extend(_order(line, last_n, present, file))
            if line.data["n"] == last_n + 1:
                problems.extend(_link(before, line, file, signed_bad))
            last_n = max(last_n, line.data["n"])
        before = line
    return problems


def _order(line: Line, last_n: int, present: set[int], file: str) -> list[Problem]:
    assert line.data is not None
    n = line.data["n"]
    if n == last_n + 1:
        return []
    if n == last_n:
        return [_problem(REORDERED, file, line.number, f"a second line for entry {n}: a line was inserted or copied")]
    if n < last_n:
        return [_problem(REORDERED, file, line.number, f"line holds entry {n}, but stands after entry {last_n}: reordered")]
    missing = range(last_n + 1, n)
    if any(m in present for m in missing):
        return [_problem(REORDERED, file, line.number, f"line holds entry {n}, but entry {last_n + 1} comes later: reordered")]
    which = f"entry {missing[0]}" if len(missing) == 1 else f"entries {missing[0]}-{missing[-1]}"
    return [_problem(REMOVED, file, line.number, f"{which} of the ledger removed before this line (it holds entry {n})")]


def _link(before: Line | None, line: Line, file: str, signed_bad: set[int]) -> list[Problem]:
    """The ``prev`` of a line that is in order, against the line before it (or the genesis value)."""
    assert line.data is not None
    if before is None:
        if line.data["prev"] == GENESIS:
            return []
        return [_problem(EDITED, file, line.number, "the first line's prev is not the genesis value (64 zeros): it was edited")]
    if before.data is None or before.data["n"] != line.data["n"] - 1 or before.number in signed_bad:
        return []  # a malformed, misplaced or badly signed line before it is reported already
    if line.data["prev"] == line_hash(before.raw):
        return []
    related = (Related(file, line.number, None, "the next line, which recorded the line's earlier SHA-256 as its prev"),)
    message = f"line was edited after it was written: its SHA-256 is not the one line {line.number} recorded (the chain breaks)"
    return [_problem(EDITED, file, before.number, message, related=related)]


def signature_problems(lines: Sequence[Line], file: str, public_keys: Sequence[str]) -> tuple[list[Problem], list[NotRun]]:
    """Bad signatures; with ``public_keys`` (raw base64), unsigned lines and lines signed by other
    keys too; and a note saying how far the lines are signed."""
    from ectd_builder.ledger.signing import crypto_available, key_id, signature_error

    valid = [line for line in lines if line.data is not None]
    signed = [line for line in valid if "signature" in (line.data or {})]
    if signed and not crypto_available():
        reason = "the 'cryptography' package is not installed"
        return [], [NotRun("ledger signatures", reason, "pip install cryptography", file)]
    problems: list[Problem] = []
    for line in signed:
        assert line.data is not None
        error = signature_error(line.data)
        signer = str(line.data["signature"].get("key")) if isinstance(line.data["signature"], dict) else ""
        if error is not None:
            problems.append(_problem(BAD_SIGNATURE, file, line.number, error))
        elif public_keys and signer not in public_keys:
            message = f"line is signed by key {key_id(signer)}, which is none of the given public keys"
            hint = "give the public key of everyone allowed to build or freeze (--public-key, repeatable)"
            problems.append(_problem(UNEXPECTED_SIGNER, file, line.number, message, hint=hint))
    if public_keys:
        problems.extend(_problem(UNEXPECTED_SIGNER, file, line.number, "line is unsigned, but --public-key asks for signed lines",
                                 hint="sign builds and freezes with --key") for line in valid if line not in signed)
    return problems, []


def signing_note(lines: Sequence[Line], file: str, public_keys: Sequence[str]) -> Problem | None:
    """An info note on how far the lines are signed (None when every line was checked against a given key)."""
    valid = [line for line in lines if line.data is not None]
    signed = sum(1 for line in valid if "signature" in (line.data or {}))
    if not valid or (public_keys and signed == len(valid)):
        return None
    if signed == 0:
        message = "lines are unsigned: the chain shows changes, but not who made the builds and freezes"
    elif signed < len(valid):
        message = f"{len(valid) - signed} of {len(valid)} lines are unsigned"
    else:
        message = "signatures verify against the keys written in the lines; --public-key checks who signed"
    hint = "sign builds and freezes with --key KEY.pem; check the signer with 'ectd verify --public-key KEY.pub.pem'"
    return Problem(UNSIGNED, Severity.INFO, message, file, hint=hint)
