"""Numbers for documents: printed as written in the YAML, or reported to a test's decimals.

:func:`source_span` marks a printed value with where it was written (``<span data-source=...>``),
which the XHTML parser turns into :attr:`~ectd_builder.render.model.Run.source`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from markupsafe import Markup

from ectd_builder.dossier.provenance import Source

DASH = "–"


def fmt_num(value: float | None, decimals: int | None = None, text: str | None = None) -> str:
    """A number for a document.

    ``text`` is the number as written in the YAML (``95.0``, ``0.20``): it is printed as is, so a
    limit is never looser on paper than as registered. With ``decimals`` (a specification test's
    reporting precision) exactly that many decimals, rounded half up from the written text
    (conventional rounding, as ICH Q3A/Q3B reporting uses; reference/module3-domain.md marks this
    [K], not checked against the guideline text). Without ``text`` (computed values):
    no trailing .0 on whole numbers, up to 6 significant digits.
    """
    if value is None:
        return DASH
    written = text if text is not None and _agrees(text, value) else None
    if decimals is not None:
        exact = Decimal(written) if written is not None else Decimal(repr(float(value)))
        try:
            return format(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")
        except InvalidOperation:  # more digits than decimal arithmetic holds (absurdly large values)
            return f"{value:.{decimals}f}"
    if written is not None:
        return written
    if float(value).is_integer() and abs(value) < 1e12:
        return str(int(value))
    return f"{value:.6g}"


def _agrees(text: str, value: float) -> bool:
    """The written text means the value (guards against YAML 1.1 readings such as octal ``010``)."""
    try:
        return float(text) == float(value)
    except ValueError:
        return False


def source_span(text: str, source: Source | None) -> str:
    """``text`` marked with where it came from (``<span data-source=...>``), or plain when unknown."""
    if source is None:
        return text
    return Markup('<span data-source="{}">{}</span>').format(str(source), text)
