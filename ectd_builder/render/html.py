"""Write the document model as one self-contained HTML file (review site, diffs)."""

from __future__ import annotations

import base64
from html import escape

from ectd_builder.render.model import (
    Document,
    Figure,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Table,
)

_CSS = """
body{font-family:"DejaVu Sans","Noto Sans CJK SC","Noto Sans CJK JP",sans-serif;font-size:11pt;
max-width:48em;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
h1{font-size:15pt}h2{font-size:13pt}h3{font-size:12pt}h4{font-size:11pt}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.2em;font-size:9.5pt}
th,td{border:1px solid #999;padding:3px 5px;vertical-align:top;text-align:left}
th{background:#e1e6ee}caption{caption-side:top;text-align:left;font-weight:bold;padding:.3em 0}
td.center,th.center{text-align:center}td.right,th.right{text-align:right}
p.note,p.small{font-size:9.5pt;color:#333}figure{text-align:center;margin:1em 0}
figcaption{font-style:italic;font-size:9.5pt}hr.page-break{border:0;border-top:1px dashed #ccc}
[data-source]{cursor:help}[data-source]:hover{background:#fff3bf;outline:1px dotted #b08800}
""".strip()


def write_html(doc: Document) -> bytes:
    lang = {"zh": "zh-CN", "ja": "ja"}.get(doc.language, "en")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(doc.title)}</title>",
        f'<meta name="subject" content="{escape(doc.subject)}">' if doc.subject else "",
        f'<meta name="date" content="{escape(doc.date)}">' if doc.date else "",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    for block in doc.blocks:
        parts.append(_block(doc, block))
    parts += ["</body>", "</html>", ""]
    return "\n".join(p for p in parts if p != "").encode("utf-8")


def _id(anchor: str | None) -> str:
    return f' id="{escape(anchor)}"' if anchor else ""


def _block(doc: Document, block: object) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}{_id(block.anchor)}>{runs_html(block.runs)}</h{block.level}>"
    if isinstance(block, Paragraph):
        klass = f' class="{block.style}"' if block.style != "body" else ""
        return f"<p{_id(block.anchor)}{klass}>{runs_html(block.runs)}</p>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{runs_html(item)}</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        image = doc.image(block.src)
        if image.svg:
            src = "data:image/svg+xml;base64," + base64.b64encode(image.svg).decode()
        else:
            src = "data:image/png;base64," + base64.b64encode(image.png).decode()
        cap = f"<figcaption>{runs_html(block.caption)}</figcaption>" if block.caption else ""
        return (
            f'<figure{_id(block.anchor)}><img src="{src}" alt="{escape(block.src)}" '
            f'style="width:{round(block.width * 100)}%">{cap}</figure>'
        )
    if isinstance(block, PageBreak):
        return '<hr class="page-break">'
    raise TypeError(type(block).__name__)


def _table(block: Table) -> str:
    out = [f"<table{_id(block.anchor)}>"]
    if block.caption:
        out.append(f"<caption>{runs_html(block.caption)}</caption>")
    if block.widths:
        total = sum(block.widths)
        out.append(
            "<colgroup>" + "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in block.widths) + "</colgroup>"
        )
    for section, rows in (("thead", block.head), ("tbody", block.body)):
        if not rows:
            continue
        out.append(f"<{section}>")
        for row in rows:
            cells = []
            for cell in row.cells:
                tag = "th" if cell.header else "td"
                span = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
                klass = f' class="{cell.align}"' if cell.align != "left" else ""
                cells.append(f"<{tag}{span}{klass}>{runs_html(cell.runs)}</{tag}>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append(f"</{section}>")
    out.append("</table>")
    return "".join(out)


def runs_html(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        if run.text == "\n":
            out.append("<br>")
            continue
        text = escape(run.text)
        for flag, tag in (("sub", "sub"), ("sup", "sup"), ("italic", "em"), ("bold", "strong")):
            if getattr(run, flag):
                text = f"<{tag}>{text}</{tag}>"
        if run.source:
            source = escape(run.source)
            text = f'<span data-source="{source}" title="{source}">{text}</span>'
        if run.href:
            text = f'<a href="{escape(run.href)}">{text}</a>'
        out.append(text)
    return "".join(out)
