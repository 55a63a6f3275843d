"""ATT-PDF-01..05: every PDF attachment is opened at validate time with the PDF checker of
``ectd check`` (:func:`ectd_builder.check.pdfcheck.check_pdf`), and each unsafe or unreadable
finding is an error at the line of the attachment's ``file:`` in the dossier.

Which finding codes each rule reports is data (``params.codes`` in ``catalogue.yaml``): active
content, encryption, broken structure, version. The other findings (bookmarks, fonts, page size,
links) are left to ``ectd check`` of the built sequence. A file over ``params.max_bytes`` of
ATT-PDF-05 is not opened: reading it would make validate slow and unbounded, and no agency accepts
a larger PDF. A missing, escaping or mislabelled file is the loader's finding
(``attachment-invalid``), so it is skipped here: the path is confined the same way and a file
without the ``%PDF-`` signature in its first 1024 bytes is not opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ectd_builder.check.pdfcheck import PdfFinding, check_pdf
from ectd_builder.dossier.confine import confine
from ectd_builder.rules.catalogue import entry
from ectd_builder.rules.engine import Context, Finding, rule, rules_from
from ectd_builder.rules.regional_content import applies

if TYPE_CHECKING:
    from ectd_builder.dossier.model import Attachment

FINDING_RULES = ("ATT-PDF-01", "ATT-PDF-02", "ATT-PDF-03", "ATT-PDF-04")
SIZE_RULE = "ATT-PDF-05"
_SIGNATURE = b"%PDF-"  # as the loader looks for it (dossier/loader.py ATTACHMENT_SUFFIXES)


def max_bytes() -> int:
    limit = entry(SIZE_RULE).params["max_bytes"]
    if not isinstance(limit, int):
        raise TypeError(f"{SIZE_RULE} params.max_bytes is not a whole number: {limit!r}")
    return limit


def codes(rule_id: str) -> frozenset[str]:
    listed = entry(rule_id).params["codes"]
    if not isinstance(listed, list):
        raise TypeError(f"{rule_id} params.codes is not a list of finding codes: {listed!r}")
    return frozenset(listed)


def _pdf_attachments(ctx: Context) -> Iterator[tuple[int, Attachment, Path]]:
    """(index, attachment, confined file) of each PDF attachment for this jurisdiction."""
    if ctx.root is None:
        return
    for i, att in enumerate(ctx.dossier.attachments):
        if applies(att, ctx.jurisdiction) and att.file.lower().endswith(".pdf"):
            path = confine(ctx.root, att.file).path
            if path is not None:
                yield i, att, path


def _scan(path: Path) -> tuple[PdfFinding, ...] | None:
    """The findings of the PDF at ``path``; None when it is over the size limit (not opened)."""
    try:
        stat = path.stat()
    except OSError:
        return ()  # gone since the loader looked: the loader's finding on the next run
    if stat.st_size > max_bytes():
        return None
    return _scan_cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _scan_cached(path: str, _mtime: int, _size: int) -> tuple[PdfFinding, ...]:
    """One read per file version for all the rules and jurisdictions of a run."""
    try:
        with open(path, "rb") as fh:
            if _SIGNATURE not in fh.read(1024):
                return ()  # not a PDF: the loader's finding
            fh.seek(0)
            return tuple(check_pdf(fh))
    except OSError:
        return ()


def _pdf_findings(ctx: Context, rule_id: str) -> Iterator[Finding]:
    reported = codes(rule_id)
    for i, att, path in _pdf_attachments(ctx):
        for found in _scan(path) or ():
            if found.what in reported:
                yield Finding(f"attachment '{att.file}': {found.message} [{found.what}]", ("attachments", i, "file"))


@rule(SIZE_RULE)
def _size(ctx: Context) -> Iterator[Finding]:
    limit = max_bytes()
    for i, att, path in _pdf_attachments(ctx):
        if _scan(path) is None:
            size = path.stat().st_size
            yield Finding(
                f"attachment '{att.file}' is {size / 2**20:.0f} MB, over the {limit / 2**20:.0f} MB limit: "
                "it is not opened, so it is not checked for active content, encryption or structure",
                ("attachments", i, "file"),
            )


rules_from(_pdf_findings, "rule_id", {rule_id: rule_id for rule_id in FINDING_RULES})
