"""``submissions/ledger.jsonl``: appended one whole line at a time, by one writer at a time.

The writer holds an exclusive ``flock`` on the ledger itself (waiting up to
:data:`LOCK_SECONDS`), writes the line and its newline with one ``write`` and ``fsync``\\ s it.
A write that falls short (a full disk) is cut back, so a reader never sees half a line.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ectd_builder import __version__
from ectd_builder.ectd4.version import HISTORY_DIR
from ectd_builder.errors import EctdError
from ectd_builder.ledger.entry import GENESIS, LEDGER_FORMAT, LEDGER_NAME, canonical, file_digests, line_hash
from ectd_builder.ledger.revision import dossier_revision

try:  # POSIX; elsewhere appends are not locked
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SECONDS = 30.0


def ledger_path(root: Path) -> Path:
    return root / HISTORY_DIR / LEDGER_NAME


def append_event(
    root: Path,
    action: str,
    jurisdiction: str,
    sequence: str,
    sequence_dir: Path,
    *,
    key: Path | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Append one line for a ``build`` or ``freeze`` of ``sequence_dir``; returns the line's fields.

    ``key`` is a PEM Ed25519 private key that signs the line (see :mod:`ectd_builder.ledger.signing`);
    ``now`` (default: the current UTC time) is written as ``at``.
    """
    signer = _signer(key)
    entry: dict[str, Any] = {
        "ledger": LEDGER_FORMAT,
        "action": action,
        "jurisdiction": jurisdiction,
        "sequence": sequence,
        "files": file_digests(sequence_dir),
        "dossier": dossier_revision(root),
        "tool": f"ectd-builder {__version__}",
        "at": (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    path = ledger_path(root)
    with _locked(path) as fd:
        count, last = _tail(fd, path)
        entry.update(n=count + 1, prev=line_hash(last) if last is not None else GENESIS)
        if signer is not None:
            from ectd_builder.ledger.signing import sign

            entry = sign(entry, signer)
        _write_line(fd, canonical(entry) + b"\n", path)
    return entry


def check_appendable(root: Path, *, key: Path | None = None) -> None:
    """Refuse early (EctdError) what would make :func:`append_event` fail: a bad ``key`` or a ledger
    that ends in an incomplete line. ``ectd freeze`` calls it before the sequence is moved."""
    _signer(key)
    path = ledger_path(root)
    if path.is_file():
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell():
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    raise _incomplete(path)


def _incomplete(path: Path) -> EctdError:
    return EctdError(
        f"{path} ends in an incomplete line; the ledger was changed by something other than ectd",
        hint="run 'ectd verify' to see what changed; the ledger is never rewritten by ectd",
    )


def _signer(key: Path | None) -> Any:
    if key is None:
        return None
    from ectd_builder.ledger.signing import load_private_key

    return load_private_key(key)  # before anything is written: a bad key changes nothing


@contextmanager
def _locked(path: Path) -> Iterator[int]:
    """The ledger opened for appending, held exclusively for the duration."""
    created = not path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        why = exc.strerror or exc
        raise EctdError(f"cannot open the ledger {path}: {why}", hint="fix the permissions of submissions/") from None
    try:
        if created:
            _fsync_dir(path.parent)
        _lock(fd, path)
        yield fd
    finally:
        os.close(fd)  # closing releases the lock


def _lock(fd: int, path: Path) -> None:
    if fcntl is None:
        return
    deadline = time.monotonic() + LOCK_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise EctdError(
                    f"{path} is being written by another ectd process (waited {LOCK_SECONDS:.0f} s)",
                    hint="wait for the other build or freeze to finish, then run this one again",
                ) from None
            time.sleep(0.05)


def _tail(fd: int, path: Path) -> tuple[int, bytes | None]:
    """How many lines the ledger holds and its last line (without the newline)."""
    size = os.fstat(fd).st_size
    data = os.pread(fd, size, 0) if size else b""
    if data and not data.endswith(b"\n"):
        raise _incomplete(path)
    lines = data.splitlines()
    return len(lines), (lines[-1] if lines else None)


def _write_line(fd: int, line: bytes, path: Path) -> None:
    size = os.fstat(fd).st_size
    try:
        written = os.write(fd, line)
        if written != len(line):
            raise OSError(f"only {written} of {len(line)} bytes were written")
        os.fsync(fd)
    except OSError as exc:
        os.ftruncate(fd, size)  # never leave half a line
        raise EctdError(f"cannot append to {path}: {exc}", hint="free disk space or fix the permissions") from None


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
