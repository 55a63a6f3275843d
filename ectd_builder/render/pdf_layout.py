"""Layout decisions of the PDF writer that need measuring: table column widths, keep-with-next.

Column widths: a column is never narrower than the widest piece of text in it that may not be
broken (a batch number, a number with its unit, an identifier; see :mod:`linebreak`). The
template's relative widths are kept where they leave room for that, and the other columns give
up width in proportion to what they have above their own minimum.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fpdf import FPDF
from fpdf.enums import WrapMode

from ectd_builder.render.linebreak import unbreakable_pieces

BODY = "body"  # font family names inside the PDF writer
CJK = "cjk"
TEXT_PT = 10.5
CAPTION_PT = 9.5
TABLE_PT = 9.0
TABLE_PADDING = 1.2  # mm inside each cell

# the widest pieces (by character count) measured per cell; a cheap stand-in for measuring all
_PIECES_MEASURED = 4


def line_count(pdf: FPDF, width: float, line_h: float, text: str) -> int:
    """How many lines ``text`` takes in a cell ``width`` wide (current font; nothing is drawn)."""
    lines = pdf.multi_cell(width, line_h, text, dry_run=True, output="LINES", wrapmode=WrapMode.WORD)
    return len(lines) if isinstance(lines, list) else 1


def widest_piece(text: str, measure: Callable[[str], float]) -> float:
    """Width of the widest unbreakable piece of a prepared ``text``."""
    pieces = sorted(set(unbreakable_pieces(text)), key=len, reverse=True)[:_PIECES_MEASURED]
    return max((measure(p) for p in pieces), default=0.0)


def fit_columns(widths: Sequence[float], minimums: Sequence[float], total: float) -> tuple[float, ...]:
    """Absolute column widths summing to ``total``: the relative ``widths``, each at least its minimum.

    When the minimums alone exceed ``total`` something must break: the narrowest columns (numbers,
    batch numbers) keep their minimum as long as the others keep at least half of theirs, and the
    others share what is left in proportion to their minimums.
    """
    share = sum(widths) or 1.0
    wanted = [total * w / share for w in widths]
    need = sum(minimums)
    if need >= total:
        return _squeeze(minimums, total) if need else tuple(wanted)
    fixed = [False] * len(wanted)
    while True:
        free = total - sum(m for m, f in zip(minimums, fixed, strict=True) if f)
        loose = sum(w for w, f in zip(wanted, fixed, strict=True) if not f) or 1.0
        result = [m if f else w * free / loose for w, m, f in zip(wanted, minimums, fixed, strict=True)]
        short = [i for i, (r, m) in enumerate(zip(result, minimums, strict=True)) if not fixed[i] and r < m - 1e-9]
        if not short:
            return tuple(result)
        for i in short:
            fixed[i] = True


def _squeeze(minimums: Sequence[float], total: float) -> tuple[float, ...]:
    kept: set[int] = set()
    left = total
    for i in sorted(range(len(minimums)), key=lambda i: minimums[i]):
        others = sum(m for j, m in enumerate(minimums) if j not in kept and j != i)
        if left - minimums[i] < 0.5 * others:
            break
        kept.add(i)
        left -= minimums[i]
    share = sum(m for j, m in enumerate(minimums) if j not in kept) or 1.0
    return tuple(m if i in kept else left * m / share for i, m in enumerate(minimums))
