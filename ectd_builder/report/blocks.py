"""Styled command output as data. Formatters in report/ return these; the CLI prints them.

A style is a name, not a colour: ``heading``, ``dim``, ``warning``, ``error``, ``ok`` or ``""``
(plain). The CLI maps each name to terminal colours; pipes and files get the text alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple


class Span(NamedTuple):
    text: str
    style: str = ""


Line = tuple[Span, ...]
Cell = str | Span


def line(text: str, style: str = "") -> Line:
    """A line in one style."""
    return (Span(text, style),)


class Column(NamedTuple):
    name: str
    no_wrap: bool = False  # keep the column's values on one line


@dataclass(frozen=True)
class Table:
    """A titled table; the CLI lays it out to the terminal's width."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    show_lines: bool = False


Block = Line | Table


def line_text(block: Line) -> str:
    return "".join(span.text for span in block)


def plain_text(lines: Iterable[Line]) -> str:
    """Lines without their styles, one per line (for files, pipes and tests)."""
    return "".join(line_text(b) + "\n" for b in lines)
