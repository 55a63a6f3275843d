"""``ectd changes --format html``: a self-contained page for reviewers, one table per region.

Every value from the dossier or the rule files is escaped (``html.escape``), so a dossier text
cannot inject markup into the page."""

from __future__ import annotations

from html import escape

from ectd_builder.changes.api import ChangeReport, Filing, Item
from ectd_builder.changes.words import code_words, describe, show
from ectd_builder.report.changes_text import summary

_STYLE = """body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:2em}
th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}th{background:#eee}
td.pending{background:#fde2e2}code{font-size:90%}"""
_HEAD = ("where", "what", "old", "new", "category", "source", "filing")


def _cells(item: Item, region: str) -> list[tuple[str, str]]:
    cat = item.categories[region]
    where = f"{item.file}:{item.line}:{item.col}" if item.file else "(not located)"
    note = f" Note: {cat.note}" if cat.note else ""
    return [
        ("", f"<code>{escape(where)}</code>"),
        ("", escape(describe(item.change))),
        ("", escape(show(item.change.old))),
        ("", escape(show(item.change.new))),
        ("pending" if cat.category is None else "", escape(code_words(cat))),
        ("", escape(cat.source + note)),
        ("", escape(cat.filing)),
    ]


def _row(cells: list[tuple[str, str]]) -> str:
    return "<tr>" + "".join(f'<td class="{c}">{v}</td>' if c else f"<td>{v}</td>" for c, v in cells) + "</tr>"


def _table(report: ChangeReport, region: str, filing: Filing) -> list[str]:
    base = report.baselines[region]
    out = [
        f"<h2>{escape(region)}</h2>",
        f"<p>Since sequence {escape(base.sequence)} (<code>{escape(str(base.path))}</code>). "
        f"Proposed filing: <strong>{escape(filing.filing)}</strong></p>",
    ]
    if filing.grouping:
        out.append(f"<p>Grouping: {escape(filing.grouping)}</p>")
    items = [i for i in report.items if region in i.categories]
    if not items:
        out.append("<p>No changes.</p>")
        return out
    out.append("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in _HEAD) + "</tr></thead><tbody>")
    out.extend(_row(_cells(i, region)) for i in items)
    out.append("</tbody></table>")
    return out


def render_changes_html(report: ChangeReport) -> str:
    body = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', "<title>ectd changes</title>",
            f"<style>{_STYLE}</style></head><body>", "<h1>Changes in the process knowledge</h1>",
            f"<p>{escape(summary(report))}</p>"]
    for region, filing in report.filings.items():
        body.extend(_table(report, region, filing))
    body.append("</body></html>")
    return "\n".join(body) + "\n"
