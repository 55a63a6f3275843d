"""Where a piece of a YAML text value was written: ``file:line:col`` of a quote inside a string.

The loader records where each value starts. A rule about one number inside a long narrative
wants the number's own position, so this module reads the file again from the value's start and
finds the quoted characters there (YAML folding may have turned a space of the value into a line
break and indentation in the file). When the quote cannot be found as written (escapes in a
double-quoted string, an unreadable file), the value's start is the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ectd_builder.dossier.yamlload import Mark
from ectd_builder.problems import Related

Location = tuple[str | None, int | None, int | None]


@dataclass(frozen=True)
class Quote:
    """Characters ``start:end`` of the text ``value`` (one language of a narrative)."""

    value: str
    start: int
    end: int


@lru_cache(maxsize=32)
def _read(file: str, stamp: tuple[int, int]) -> tuple[str, tuple[int, ...]] | None:
    try:
        text = Path(file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return text, tuple(starts)


def _source(file: str) -> tuple[str, tuple[int, ...]] | None:
    try:
        stat = Path(file).stat()
    except OSError:
        return None
    return _read(file, (stat.st_mtime_ns, stat.st_size))


def _offset_to_mark(file: str, starts: tuple[int, ...], offset: int) -> Mark:
    lo, hi = 0, len(starts) - 1
    while lo < hi:  # the last line start at or before offset
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return Mark(file, lo + 1, offset - starts[lo] + 1)


def quote_mark(mark: Mark, quote: Quote) -> Mark:
    """The position of ``quote`` in the file, given where its text value starts (``mark``)."""
    source = _source(mark.file)
    piece = quote.value[quote.start : quote.end]
    if source is None or not piece.strip():
        return mark
    text, starts = source
    if mark.line > len(starts):
        return mark
    begin = starts[mark.line - 1] + mark.col - 1
    occurrence = quote.value[: quote.start].count(piece)  # earlier copies of the same characters
    pattern = re.compile(r"\s+".join(re.escape(part) for part in piece.split()))
    for n, found in enumerate(pattern.finditer(text, begin)):
        if n == occurrence:
            return _offset_to_mark(mark.file, starts, found.start())
    return mark


def place(positions: Any, finding: Any, at: Location) -> tuple[Location, str, tuple[Related, ...]]:
    """A finding's location, message and related locations, refined by its quote and related path.

    ``at`` is where the finding's data path points. With a ``quote`` the location moves to the
    quoted characters; with ``related`` (a data path and what stands there) the message names that
    place as ``file:line:col`` and the problem lists it as a related location.
    """
    message: str = finding.message
    values = getattr(positions, "values", None)
    if not isinstance(values, dict):
        return at, message, ()
    quote: Quote | None = getattr(finding, "quote", None)
    mark = values.get(tuple(finding.path))
    if quote is not None and mark is not None:
        found = quote_mark(mark, quote)
        at = (found.file, found.line, found.col)
    related: tuple[Any, str] | None = getattr(finding, "related", None)
    if related is None:
        return at, message, ()
    other = positions.value(tuple(related[0]))
    if other is None:
        return at, message, ()
    where = Related(other.file, other.line, other.col, related[1])
    return at, f"{message} ({related[1]} at {where.location})", (where,)
