"""Crash logs for real bugs (exit 3): the traceback goes to a file, the terminal gets two lines."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from ectd_builder import __version__


def crash_dir() -> Path:
    """``<user cache dir>/ectd-builder/crashes`` (platformdirs: honours XDG_CACHE_HOME on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ectd-builder", appauthor=False)) / "crashes"


def write_crash_log(exc: BaseException, argv: Sequence[str]) -> Path | None:
    """Write the traceback with version and arguments; the log's path, or None if it cannot be written."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        f"ectd-builder {__version__}, Python {platform.python_version()} on {platform.platform()}",
        f"command: ectd {' '.join(argv)}",
        f"time: {stamp}",
        "",
        *traceback.format_exception(type(exc), exc, exc.__traceback__),
    ]
    try:
        folder = crash_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}-{os.getpid()}.log"
        path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
    except OSError:
        return None
    return path


def arguments(argv: Sequence[str] | None) -> list[str]:
    return list(argv) if argv is not None else sys.argv[1:]
