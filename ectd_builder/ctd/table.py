"""Load the CTD table from its data files and answer questions about sections."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ectd_builder.errors import EctdError


def ctd_rows() -> Any:
    """The typed row models of sections.yaml / m1.yaml (imported late: they need pydantic)."""
    from ectd_builder.ctd import rows  # noqa: PLC0415

    return rows


_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Section:
    """One Module 2.3 / Module 3 heading of the ICH eCTD v3.2.2 backbone."""

    code: str
    element: str
    parent: str | None
    folder: str
    titles: dict[str, str]
    repeat: str | None
    lowest: bool
    file: str | None = None
    ja_verified: bool = False
    zh_verified: bool = False
    heading_only: bool = False  # a heading to title, never a place for an attachment

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles["en"]


@dataclass(frozen=True)
class M1Section:
    """A Module 1 place for attachments in one region."""

    region: str
    code: str
    purposes: tuple[str, ...]
    path: tuple[str, ...]
    folder: str
    title: str
    specific: bool = False
    form_type: str | None = None
    verified: bool = False
    heading_only: bool = False  # a heading to title (1.3 Product information), never an attachment's place
    source: str | None = None  # where the title was read (verified rows)
    dtd: tuple[str, ...] = ()  # older DTD versions that alone define the heading; () = the current one


def _read(name: str, model: Any) -> Any:
    # imported here: the CLI starts without pydantic, and the loader imports the CTD table
    from ectd_builder.jurisdiction.load import load_or_raise  # noqa: PLC0415

    return load_or_raise(_HERE / name, model)


@cache
def _all() -> dict[str, Section]:
    """Every row of sections.yaml by code, heading-only rows included."""
    table: dict[str, Section] = {}
    for row in _read("sections.yaml", ctd_rows().TableSectionsFile).sections:
        if row.code in table:
            raise EctdError(
                f"{_HERE / 'sections.yaml'}: duplicate CTD code {row.code}",
                hint="give each section row its own code, or reinstall ectd-builder if you did not edit the table",
            )
        table[row.code] = Section(**dict(row))
    return table


@cache
def _table() -> dict[str, Section]:
    """The sections an attachment may name (heading-only rows left out)."""
    return {code: s for code, s in _all().items() if not s.heading_only}


@cache
def _m1_all() -> dict[str, tuple[M1Section, ...]]:
    data = _read("m1.yaml", ctd_rows().TableM1File)
    return {region: tuple(M1Section(region=region, **dict(row)) for row in rows) for region, rows in data.regions.items()}


@cache
def _m1() -> dict[str, tuple[M1Section, ...]]:
    return {region: tuple(r for r in rows if not r.heading_only) for region, rows in _m1_all().items()}


def headings() -> list[Section]:
    """Every Module 2-5 heading of the table in backbone order, heading-only rows included (for titles)."""
    return list(_all().values())


def heading_for_element(element: str) -> Section | None:
    """The table row (heading-only rows included) naming this backbone element."""
    return next((s for s in _all().values() if s.element == element), None)


def heading_lineage(code: str) -> list[Section]:
    """Like :func:`lineage` over every row, heading-only rows included."""
    chain = [_all()[code]]
    while chain[0].parent is not None:
        chain.insert(0, _all()[chain[0].parent])
    return chain


def m1_headings(region: str) -> tuple[M1Section, ...]:
    """Every Module 1 row of ``region`` in CTD order, heading-only rows included (for titles)."""
    return _m1_all().get(region, ())


def sections() -> list[Section]:
    """All Module 2.3 / Module 3 sections in backbone (document) order."""
    return list(_table().values())


def is_known(code: str) -> bool:
    return code in _table()


def section(code: str) -> Section:
    """The section with this code (``KeyError`` naming the code when unknown)."""
    try:
        return _table()[code]
    except KeyError:
        raise KeyError(f"unknown CTD section '{code}'") from None


def section_for_element(element: str) -> Section | None:
    for entry in _table().values():
        if entry.element == element:
            return entry
    return None


def children(code: str | None) -> list[Section]:
    """Direct child sections of ``code`` (``None``: the module roots), in backbone order."""
    return [s for s in _table().values() if s.parent == code]


def lineage(code: str) -> list[Section]:
    """The section and its ancestors, root first."""
    chain = [section(code)]
    while chain[0].parent is not None:
        chain.insert(0, section(chain[0].parent))
    return chain


def m1_sections(region: str) -> tuple[M1Section, ...]:
    """The Module 1 places of ``region`` an attachment may name (heading-only rows left out)."""
    return _m1().get(region, ())


def m1_section(region: str, code_or_purpose: str) -> M1Section | None:
    """The Module 1 place in ``region`` for a regional code ("1.2") or a purpose ("cover-letter")."""
    wanted = code_or_purpose.strip().lower()
    for entry in m1_sections(region):
        if entry.code.lower() == wanted:
            return entry
    for entry in m1_sections(region):
        if wanted in entry.purposes:
            return entry
    return None


def m1_purposes() -> set[str]:
    """Every region-neutral Module 1 purpose (``cover-letter``, ``application-form``, ...)."""
    return {purpose for rows in _m1().values() for row in rows for purpose in row.purposes}
