"""What cover letters and envelope data say, checked against the dossier (rule DRIFT-07).

Checked texts: the envelope description of the jurisdiction's application, the titles of its
cover-letter and application-form attachments, and the text of the cover-letter PDFs themselves.
Checked statements: strengths ("25 mg and 50 mg film-coated tablets"), application numbers
("NDA 219874", "EMEA/H/C/006512", "x202600123") and FDA establishment identifiers ("FEI 3011905247").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ectd_builder.rules.drift_match import DataPath, drifts
from ectd_builder.rules.drift_subjects import strength_subjects

if TYPE_CHECKING:
    from ectd_builder.dossier.model import Attachment, Dossier

_LETTERS = {"cover_letter", "application_form"}
_LETTER_SECTIONS = {"1.0", "1.2", "cover-letter"}  # 1.2: US cover letters, EU application form
# (region, pattern, application field): numbers a letter or envelope may name.
NUMBERS = (
    (
        "fda",
        re.compile(r"\b(?:NDA|ANDA|BLA|IND|New Drug Application|Biologics License Application)\s*(?:No\.\s*)?(\d{6})(?!\d)"),
        "application_number",
    ),
    ("nmpa", re.compile(r"(?<![A-Za-z0-9])([xyls]\d{9})(?!\d)"), "application_id"),
    ("ema", re.compile(r"\b(EMEA/H/C/\d{4,6})(?!\d)"), "procedure_tracking"),
)
_FEI = re.compile(r"\bFEI\s*(?:No\.\s*|number\s*)?(\d{7,10})(?!\d)")


@dataclass(frozen=True)
class Claim:
    """One statement of a letter that disagrees with the dossier: where, what, and against what."""

    start: int
    end: int
    message: str
    related: DataPath
    related_what: str


def envelope_texts(d: Dossier, jurisdiction: str, language: str) -> Iterator[tuple[DataPath, str, str]]:
    """(data path, text, language) of the envelope description and letter titles for ``jurisdiction``.

    Localised texts are read in ``language``, the one its Module 1 is written in.
    """
    app = getattr(d.applications, jurisdiction, None)
    description = getattr(app, "description", None)
    if isinstance(description, str):
        yield ("applications", jurisdiction, "description"), description, _language(description)
    elif isinstance(description, dict) and language in description:
        yield ("applications", jurisdiction, "description", language), description[language], language
    for i, a in letters(d, jurisdiction):
        title: Mapping[Any, str] = a.title
        if language in title:
            yield ("attachments", i, "title", language), title[language], language


def letters(d: Dossier, jurisdiction: str) -> Iterator[tuple[int, Attachment]]:
    for i, a in enumerate(d.attachments):
        letter = a.kind in _LETTERS or a.section in _LETTER_SECTIONS
        if letter and (not a.jurisdictions or jurisdiction in a.jurisdictions):
            yield i, a


def letter_pages(root: Path | None, a: Attachment) -> list[str]:
    """The text of each page of a letter PDF; empty when it cannot be read (the loader reports that)."""
    if root is None or not a.file.lower().endswith(".pdf"):
        return []
    path = root / a.file
    try:
        stat = path.stat()
    except OSError:
        return []
    return list(_pdf_text(str(path), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=16)
def _pdf_text(path: str, mtime: int, size: int) -> tuple[str, ...]:
    try:
        from pypdf import PdfReader

        pages = [page.extract_text() or "" for page in PdfReader(path).pages]
    except Exception:  # noqa: BLE001 - a damaged attachment is the loader's finding, not this rule's
        return ()
    # CID fonts may come out with NUL bytes between characters; line breaks are only layout.
    return tuple(re.sub(r"\s+", " ", page.replace("\x00", "")) for page in pages)


def claims(d: Dossier, text: str, language: str) -> Iterator[Claim]:
    """Strengths, application numbers and FEI numbers of ``text`` that the dossier does not have."""
    for drift in drifts(text, language, list(strength_subjects(d))):
        first = drift.subjects[0]
        values = ", ".join(v.shown for v in first.values)
        q = drift.quantity
        yield Claim(q.start, q.end, f"'{q.written}' as a strength, but the strengths are {values}", first.values[0].path,
                    "the strengths")
    for region, pattern, key in NUMBERS:
        app = getattr(d.applications, region, None)
        if app is None:
            continue
        registered = getattr(app, key)
        known = registered if isinstance(registered, list) else [registered]
        for m in pattern.finditer(text):
            if m.group(1) not in known:
                yield Claim(
                    m.start(1),
                    m.end(1),
                    f"application '{m.group(1)}', but the {region.upper()} application data say {', '.join(known) or 'none'}",
                    ("applications", region, key),
                    f"the {region.upper()} application data",
                )
    feis = {s.identifiers.fei: k for k, s in enumerate(d.sites) if s.identifiers.fei}
    for m in _FEI.finditer(text):
        if feis and m.group(1) not in feis:
            yield Claim(
                m.start(1),
                m.end(1),
                f"FEI {m.group(1)}, but no site of the dossier has it (sites: {', '.join(sorted(feis))})",
                ("sites", next(iter(feis.values())), "identifiers", "fei"),
                "the sites' FEI numbers",
            )


def _language(text: str) -> str:
    if re.search(r"[\u3040-\u30ff]", text):
        return "ja"
    return "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"
