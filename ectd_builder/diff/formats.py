"""Diff reports: plain text lines (the CLI colours them), JSON and a self-contained HTML page."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from itertools import groupby

from ectd_builder.diff.model import Change, DiffResult, to_data

FORMATS = ("text", "json", "html")
# How a kind is named in a report, where it is not its own name.
_KIND_WORD = {"only-left": "only in {left}", "only-right": "only in {right}"}


def side_names(result: DiffResult) -> tuple[str, str]:
    """How the two sides are named in a report: A and B for paths, the jurisdiction ids otherwise."""
    return ("A", "B") if result.kind == "sequence" else (result.left, result.right)


def kind_word(result: DiffResult, kind: str) -> str:
    left, right = side_names(result)
    return _KIND_WORD.get(kind, kind).format(left=left, right=right)


def heading(result: DiffResult) -> str:
    if result.kind == "sequence":
        return f"A = {result.left}, B = {result.right}"
    return f"{result.left} <-> {result.right}"


def summary(result: DiffResult) -> str:
    compared = f"{result.compared} compared"
    if result.unread:
        compared += f"; {result.unread} file(s) missing or not read: compared by stated checksum only"
    if result.equal:
        return f"no differences ({compared})"
    counts = ", ".join(f"{n} {kind_word(result, k)}" for k, n in result.counts().items())
    return f"{len(result.changes)} difference(s): {counts} ({compared})"


def text_lines(result: DiffResult, *, max_rows: int = 12) -> Iterator[tuple[str, str]]:
    """``(style, line)`` pairs; style is a change kind, ``heading``, ``dim``, ``minus``, ``plus`` or ``summary``."""
    left, right = side_names(result)
    yield "heading", heading(result)
    for document, group in groupby(result.changes, key=lambda c: (c.section, c.document)):
        yield "heading", f"{document[1]}"
        for c in group:
            where = f" [{c.location}]" if c.location else ""
            if c.kind == "language":
                fact = f" [{c.cause.fact}]" if c.cause and c.cause.fact else ""
                yield (
                    c.kind,
                    f"  language: {left} {c.left}, {right} {c.right} (structure and table numbers compared, not text){fact}",
                )
                continue
            yield c.kind, f"  {kind_word(result, c.kind)}{where}: {c.detail}"
            if c.left is not None or c.right is not None:
                yield "dim", f"    {left}: {c.left if c.left is not None else '-'}"
                yield "dim", f"    {right}: {c.right if c.right is not None else '-'}"
            if c.cause is not None:
                fact = f" [{c.cause.fact}]" if c.cause.fact and c.cause.source else ""
                yield "dim", f"    cause: {c.cause.text}{fact}"
            rows = [r for r in c.lines if r.tag != "equal"]
            for r in rows[:max_rows]:
                if r.tag == "gap":
                    yield "dim", "    ..."
                    continue
                if r.left:
                    yield "minus", f"    - {r.left}"
                if r.right:
                    yield "plus", f"    + {r.right}"
            if len(rows) > max_rows:
                yield "dim", f"    ... {len(rows) - max_rows} more changed line(s); see --format html"
    sources = {c.cause.fact: c.cause.source for c in result.changes if c.cause and c.cause.fact and c.cause.source}
    if sources:
        yield "heading", "Sources of the profile facts named above"
        for fact in sorted(sources):
            yield "dim", f"  [{fact}] {sources[fact]}"
    for note in result.notes:
        yield "dim", f"note: {note}"
    yield "summary", summary(result)


def render_json(result: DiffResult) -> str:
    return json.dumps(to_data(result), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


_CSS = """
body{font:14px/1.45 system-ui,"DejaVu Sans",sans-serif;margin:20px;color:#1d2330;background:#f6f7fa}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:16px;margin:18px 0 6px}
.summary{color:#5d6679}
.doc{background:#fff;border:1px solid #d9dee8;border-radius:8px;padding:8px 12px;margin:10px 0}
.change{margin:6px 0;border-top:1px solid #eef0f4;padding-top:6px}
.kind{display:inline-block;font-size:12px;padding:0 7px;border-radius:9px;color:#fff;background:#5d6679}
.k-added,.k-only-right{background:#1d7a3a}
.k-deleted,.k-only-left{background:#b3261e}
.k-replaced,.k-value,.k-text{background:#a86a00}
.k-language,.k-requirement{background:#1f5fa8}
.k-moved,.k-retitled,.k-structure{background:#6a3fb3}
table.sbs{border-collapse:collapse;width:100%;table-layout:fixed;margin-top:6px}
table.sbs th{background:#eef0f4;text-align:left;padding:3px 6px}
table.sbs td{vertical-align:top;padding:2px 6px;border-bottom:1px solid #eef0f4;font-family:"DejaVu Sans Mono",monospace;
font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere}
tr.t-delete td.l,tr.t-replace td.l{background:#fde7e5}
tr.t-insert td.r,tr.t-replace td.r{background:#e3f4e6}
tr.t-gap td{color:#999;text-align:center}
.cause{color:#5d6679;font-size:13px}
.vals td{padding:1px 8px 1px 0;vertical-align:top}
"""


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _change_html(result: DiffResult, c: Change) -> str:
    left, right = side_names(result)
    parts = [
        f'<div class="change" data-kind="{_esc(c.kind)}">'
        f'<span class="kind k-{_esc(c.kind)}">{_esc(kind_word(result, c.kind))}</span> '
    ]
    if c.location:
        parts.append(f"<em>{_esc(c.location)}</em>: ")
    parts.append(_esc(c.detail))
    if c.left is not None or c.right is not None:
        parts.append(
            f'<table class="vals"><tr><td><strong>{_esc(left)}</strong></td>'
            f'<td>{_esc(c.left if c.left is not None else "-")}</td></tr>'
            f"<tr><td><strong>{_esc(right)}</strong></td>"
            f"<td>{_esc(c.right if c.right is not None else '-')}</td></tr></table>"
        )
    if c.cause is not None:
        src = f" (source: {_esc(c.cause.source)})" if c.cause.source else ""
        parts.append(f'<div class="cause">cause: {_esc(c.cause.text)}{src}</div>')
    if c.lines:
        parts.append(f'<table class="sbs"><tr><th>{_esc(left)}</th><th>{_esc(right)}</th></tr>')
        for r in c.lines:
            parts.append(f'<tr class="t-{r.tag}"><td class="l">{_esc(r.left)}</td><td class="r">{_esc(r.right)}</td></tr>')
        parts.append("</table>")
    parts.append("</div>")
    return "".join(parts)


def render_html(result: DiffResult) -> str:
    """One self-contained page: changes grouped by document, text side by side."""
    title = f"ectd diff: {heading(result)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body>",
        f'<h1>{_esc(title)}</h1><p class="summary">{_esc(summary(result))}</p>',
    ]
    for note in result.notes:
        out.append(f'<p class="summary">note: {_esc(note)}</p>')
    for (section, document), group in groupby(result.changes, key=lambda c: (c.section, c.document)):
        out.append(f'<div class="doc" data-section="{_esc(section)}"><h2>{_esc(document)}</h2>')
        out += [_change_html(result, c) for c in group]
        out.append("</div>")
    out.append("</body></html>\n")
    return "\n".join(out)
