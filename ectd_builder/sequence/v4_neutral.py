"""eCTD v4.0 units as format-neutral :mod:`~ectd_builder.sequence.model` values (for view, diff).

Each context of use becomes a :class:`~ectd_builder.sequence.model.Leaf` of backbone
``submissionunit.xml`` whose ``id`` is the context-of-use UUID. Lifecycle in v3.2.2 terms: a first
context of use is ``new``; one resent with the same id, or one with ``replacementOf``, is
``replace`` of the one it updates (``delete`` when its status is ``suspended``). The leaf's file is
its (first) document, found by UUID in this or an earlier unit. ICH codes (``ich_3.2.p.5.1``) are
placed under their CTD headings (heading-only rows of the CTD table included, so ``ich_5.3.1.1``
too). A regional code is mapped back to its Module 1 section through the region's v4.0 code table
(the profile's ``ectd_v4.context_of_use``, read with :func:`ectd_builder.ectd4.codes.facts_for`):
PMDA's ``jp_1.13`` is placed under ``m1`` / ``m1-section [section: 1.13]``, which the viewer titles
from the region's Module 1 table ("1.13 その他"). Other codes go under a ``contextOfUse`` heading
keyed by the code.
"""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path

from ectd_builder.ctd import table
from ectd_builder.sequence.model import Application, Heading, Leaf, SequenceDoc, Target
from ectd_builder.sequence.v4 import UNIT_FILE, V4ContextOfUse, V4Document, V4Unit, read_unit, read_v4_application
from ectd_builder.sequence.v4_model import V4Keyword

_REGION_ARCS = {"2.16.840.1.113883.3.989.5.1.1": "eu", "2.16.840.1.113883.3.989.5.1.2": "us",
                "2.16.840.1.113883.3.989.5.1.3": "jp"}


M1_SECTION = "m1-section"  # a Module 1 heading named by its regional section number (attribute ``section``)


@cache
def _by_lower() -> dict[str, table.Section]:
    return {s.code.lower(): s for s in table.headings()}


@cache
def _regional_sections(region: str) -> dict[str, str]:
    """Regional context-of-use code -> Module 1 section of ``region`` (``{"jp_1.13": "1.13"}``)."""
    from ectd_builder.ectd4.codes import facts_for  # noqa: PLC0415 - pydantic on first use only
    from ectd_builder.errors import EctdError  # noqa: PLC0415
    from ectd_builder.jurisdiction import region_folders  # noqa: PLC0415

    jurisdiction = next((j for j, folder in region_folders().items() if folder == region), None)
    if jurisdiction is None:
        return {}
    try:
        facts = facts_for(jurisdiction)
    except EctdError:  # no v4.0 facts for the region: its codes stay as they are
        return {}
    return {fact.value: section for section, fact in facts.region.context_of_use.items() if section.startswith("1")}


def headings_for(code: str, attrs: tuple[tuple[str, str], ...], region: str | None = None) -> tuple[Heading, ...]:
    """CTD headings of an ICH context-of-use code, Module 1 headings of a regional one, else one
    ``contextOfUse`` heading keyed by the code."""
    known = _by_lower().get(code.partition("_")[2].lower()) if code.startswith("ich_") else None
    if known is not None:
        line = [Heading(s.element) for s in table.heading_lineage(known.code)]
        return (*line[:-1], Heading(line[-1].element, attrs))
    section = _regional_sections(region).get(code) if region else None
    if section is not None:
        return (Heading("m1"), Heading(M1_SECTION, (("section", section), *attrs)))
    return (Heading("contextOfUse", (("code", code), *attrs)),)


def region_of(unit: V4Unit) -> str | None:
    for system in (unit.code_system, unit.submission_code_system, unit.application_code_code_system):
        for arc, region in _REGION_ARCS.items():
            if system.startswith(arc + "."):
                return region
    return None


def application(app_dir: Path) -> Application:
    units, _problems = read_v4_application(app_dir)
    return Application(Path(app_dir), tuple(sequence_docs(units)))


def sequence_doc(unit_dir: Path) -> SequenceDoc:
    """One unit folder, with its earlier siblings as history for lifecycle targets."""
    unit_dir = Path(unit_dir)
    units, _problems = read_v4_application(unit_dir.parent)
    for doc in sequence_docs(units):
        if doc.name == unit_dir.name:
            return doc
    unit, _ = read_unit(unit_dir)
    return sequence_docs([unit])[0] if unit is not None else _empty(unit_dir)


def _empty(unit_dir: Path) -> SequenceDoc:
    return SequenceDoc(unit_dir, unit_dir.name, None, None, None, (), (), (), ())


def sequence_docs(units: list[V4Unit]) -> list[SequenceDoc]:
    """Units (in lifecycle order) -> sequences with leaves and lifecycle targets."""
    last_seen: dict[str, str] = {}  # context-of-use id -> unit folder where it was last sent
    docs: dict[str, tuple[str, V4Document]] = {}
    keywords: dict[tuple[str, str], V4Keyword] = {}
    out = []
    for unit in units:
        for d in unit.documents:
            docs.setdefault(d.id, (unit.path.name, d))
        keywords.update({(k.code, k.code_system): k for k in unit.keywords})
        region = region_of(unit)
        leaves = [_leaf(unit.path.name, c, last_seen, docs, keywords, region) for c in unit.contexts]
        for cou in unit.contexts:
            last_seen[cou.id] = unit.path.name
        out.append(SequenceDoc(unit.path, unit.path.name, region, None, None, (), tuple(leaves), (), ()))
    return out


def _leaf(name: str, cou: V4ContextOfUse, last_seen: dict[str, str],
          docs: dict[str, tuple[str, V4Document]], keywords: dict[tuple[str, str], V4Keyword],
          region: str | None = None) -> Leaf:
    prior = cou.id if cou.id in last_seen else cou.replaces
    operation = ("delete" if cou.status == "suspended" else "replace") if prior else "new"
    target = None
    if prior:
        seq = last_seen.get(prior)
        target = Target(f"../{seq or '?'}/{UNIT_FILE}#{prior}", seq, UNIT_FILE if seq else None, prior)
    found = docs.get(cou.document_ids[0]) if cou.document_ids else None
    doc = found[1] if found else None
    href = doc.href if doc else None
    file = posixpath.normpath(posixpath.join(found[0], doc.href)) if found and doc and doc.href else None
    attrs = tuple(sorted(("keyword", keywords[k].display_name or k[0]) if k in keywords else ("keyword", k[0])
                         for k in cou.keywords))
    return Leaf(
        id=cou.id, operation=operation, href=href, file=file if file and not file.startswith("..") else None,
        checksum=doc.checksum if doc else None, checksum_type="sha256" if doc else None,
        title=doc.title if doc else None, modified_file=target.raw if target else None, target=target,
        backbone=UNIT_FILE, section=headings_for(cou.code, attrs, region), node_extensions=(),
        lang=doc.language if doc else None, line=cou.line, in_lowest_heading=True,
        attributes=(("priority", str(cou.priority)), ("status", cou.status)),
    )
