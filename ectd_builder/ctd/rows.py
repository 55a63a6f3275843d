"""The CTD table's row models with the ``heading_only`` flag (read late: they need pydantic).

A heading-only row names a heading the viewer and diff title (Module 1 headings of a region,
Modules 2.2, 2.4-2.7, 4 and 5) but no place for an attachment: :mod:`ectd_builder.ctd.table`
leaves such rows out of every lookup an attachment goes through. Such a row cannot carry
attachment purposes, a folder or a default file name.
"""

from __future__ import annotations

from pydantic import model_validator

from ectd_builder.jurisdiction.ctd_rows import M1File, M1Row, SectionRow, SectionsFile
from ectd_builder.jurisdiction.profile_file import bad


def _no_place(heading_only: bool, *fields: tuple[str, object]) -> None:
    used = [name for name, value in fields if value]
    if heading_only and used:
        raise bad(f"a heading_only row cannot have {', '.join(used)} (attachments never resolve to it)")


class TableSectionRow(SectionRow):
    heading_only: bool = False

    @model_validator(mode="after")
    def _heading_only_has_no_place(self) -> TableSectionRow:
        _no_place(self.heading_only, ("folder", self.folder), ("file", self.file))
        return self


class TableSectionsFile(SectionsFile):
    sections: list[TableSectionRow]  # type: ignore[assignment]


class TableM1Row(M1Row):
    heading_only: bool = False
    source: str | None = None  # where the title was read (verified rows)
    dtd: tuple[str, ...] = ()  # older EU M1 DTD versions that alone define the heading (m1-3-1-pim)

    @model_validator(mode="after")
    def _heading_only_has_no_place(self) -> TableM1Row:
        _no_place(self.heading_only, ("purposes", self.purposes), ("folder", self.folder), ("form_type", self.form_type))
        return self


class TableM1File(M1File):
    regions: dict[str, list[TableM1Row]]  # type: ignore[assignment]
