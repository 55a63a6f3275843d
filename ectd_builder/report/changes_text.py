"""``ectd changes`` as text: ``(style, line)`` pairs; the CLI colours them by style."""

from __future__ import annotations

from collections.abc import Iterator

from ectd_builder.changes.api import ChangeReport, Item
from ectd_builder.changes.words import code_words, describe, show


def _where(item: Item) -> str:
    if item.file is None:
        return "(not located)"
    return f"{item.file}:{item.line}:{item.col}"


def _item_lines(item: Item) -> Iterator[tuple[str, str]]:
    yield "change", f"{_where(item)}: {describe(item.change)}"
    yield "dim", f"    old: {show(item.change.old)}"
    yield "dim", f"    new: {show(item.change.new)}"
    for j, cat in item.categories.items():
        if cat.category is None:
            yield "pending", f"    {j}: needs assessment ({cat.source})"
            continue
        yield "category", f"    {j}: {code_words(cat)} - {cat.source}"
        if cat.note:
            yield "dim", f"        note: {cat.note}"


def changes_text_lines(report: ChangeReport) -> Iterator[tuple[str, str]]:
    """The report: baselines, each change with its old and new values and category per region, the filings."""
    since = ", ".join(f"{j} {b.sequence} ({b.path})" for j, b in report.baselines.items())
    yield "heading", f"changes since {since}"
    for item in report.items:
        yield from _item_lines(item)
    yield "heading", "proposed filings"
    for j, f in report.filings.items():
        yield ("pending" if f.pending else "category"), f"  {j}: {f.filing}"
        if f.grouping:
            yield "dim", f"    grouping: {f.grouping}"
    yield "summary", summary(report)


def summary(report: ChangeReport) -> str:
    n = len(report.items)
    if not n:
        return "no changes in the process knowledge"
    return f"{n} change{'s' if n != 1 else ''}; {report.pending} need{'s' if report.pending == 1 else ''} assessment"


def render_changes_text(report: ChangeReport) -> str:
    return "\n".join(line for _, line in changes_text_lines(report)) + "\n"
