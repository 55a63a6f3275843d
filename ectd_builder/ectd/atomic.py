"""Atomic output: a lock per output folder, a temporary folder beside the target, a final rename."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from ectd_builder.errors import OutputBlocked

try:  # POSIX advisory locks die with the process, so a killed build never leaves a stale lock
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TMP_MARK = ".tmp-"
OLD_MARK = ".old-"


@contextlib.contextmanager
def output_lock(folder: Path, what: str) -> Iterator[None]:
    """Hold ``folder/.lock`` for the duration; a second holder is refused with a clear message."""
    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / ".lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise _held(lock_path, what) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"ectd build, process {os.getpid()}".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)


def _held(lock_path: Path, what: str) -> OutputBlocked:
    holder = lock_path.read_text(encoding="utf-8", errors="replace").strip() or "another process"
    return OutputBlocked(
        "locked",
        lock_path,
        f"{what} is already being written by {holder}",
        hint=f"wait for that build to finish (lock: {lock_path})",
    )


def ensure_unlocked(folder: Path, what: str) -> None:
    """Refuse early when another process holds ``folder/.lock`` (the lock is released again at once)."""
    lock_path = folder / ".lock"
    if fcntl is None or not lock_path.is_file():
        return
    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except OSError:
        return  # unreadable lock: ensure_writable or the build itself reports the folder
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise _held(lock_path, what) from None
    finally:
        os.close(fd)  # closing the descriptor releases a lock taken here


def ensure_writable(target: Path, what: str, *, file: bool = False) -> None:
    """Refuse early when the folder ``target`` (or, with ``file``, the file ``target``) cannot be
    created or written: a regular file in the way, or no write permission (``os.access``)."""
    probe = target.parent if file else target
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        raise OutputBlocked(
            "not-a-folder",
            probe,
            f"{what} {target} cannot be created: {probe} is a file, not a folder",
            hint=f"choose another location, or move the file {probe} away",
        )
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputBlocked(
            "unwritable",
            probe,
            f"{what} {target} is not writable ({probe} is read-only for this user)",
            hint="choose a writable location, or fix the folder's permissions",
        )


def ensure_outside(folder: Path, history: Path, what: str) -> None:
    """Refuse an output folder inside the frozen history (``submissions/``): history is never written."""
    if _within(folder, history):
        raise OutputBlocked(
            "history",
            folder,
            f"{what} {folder} is inside the frozen history {history}; submitted sequences are never written",
            hint="use an output folder outside submissions/ (the default is DOSSIER/build); 'ectd freeze' moves a build there",
        )


def ensure_not_above(folder: Path, source: Path, what: str) -> None:
    """Refuse an output folder that is replaced whole when it is, or holds, the dossier folder."""
    if _within(source, folder):
        raise OutputBlocked(
            "source",
            folder,
            f"{what} {folder} holds the dossier {source}; the output folder is replaced whole",
            hint="use a folder of its own for the output (the default is DOSSIER/build/render/<j>)",
        )


def _within(inner: Path, outer: Path) -> bool:
    """``inner`` is ``outer`` or lies inside it (links resolved)."""
    resolved, container = inner.resolve(), outer.resolve()
    return resolved == container or container in resolved.parents


def ensure_replaceable(folder: Path, markers: tuple[str, ...], what: str) -> None:
    """Refuse to replace a non-empty folder that holds none of ``markers`` (not an earlier output)."""
    if not folder.is_dir():
        return
    names = {entry.name for entry in folder.iterdir()}
    if names and not names & set(markers):
        raise OutputBlocked(
            "foreign",
            folder,
            f"{what} {folder} already holds other files (no {' or '.join(markers)} of an earlier output); "
            "the output folder is replaced whole",
            hint="use a new or empty folder, or the default DOSSIER/build/render/<j>",
        )


def clean_leftovers(folder: Path) -> None:
    """Remove temporary folders of builds that were killed (call while holding the lock)."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name.startswith(".") and (TMP_MARK in entry.name or OLD_MARK in entry.name) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


def temp_dir(target: Path) -> Path:
    tmp = target.parent / f".{target.name}{TMP_MARK}{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    return tmp


def publish(tmp: Path, target: Path) -> None:
    """Move the finished ``tmp`` into place; an earlier (unfrozen) build of ``target`` is swapped out."""
    if target.exists():
        old = target.parent / f".{target.name}{OLD_MARK}{os.getpid()}"
        os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, target)


def discard(tmp: Path) -> None:
    shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def staged(target: Path, what: str) -> Iterator[Path]:
    """Write ``target`` atomically: hold the lock of its folder, clear leftovers of killed builds,
    yield a temporary folder beside it, then publish it (or discard it when anything fails)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(target.parent, what):
        clean_leftovers(target.parent)
        tmp = temp_dir(target)
        try:
            yield tmp
            publish(tmp, target)
        except BaseException:
            discard(tmp)
            raise
