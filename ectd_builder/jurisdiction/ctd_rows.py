"""Typed rows of the CTD tables (ctd/sections.yaml, ctd/m1.yaml), read with :func:`jurisdiction.load.load`.

A row's fields are those of the light dataclass the CTD table keeps (:class:`ectd_builder.ctd.table.Section`,
:class:`~ectd_builder.ctd.table.M1Section` without its region), which is built from the row as it is.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class SectionRow(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    element: str
    parent: str | None
    folder: str = ""
    titles: dict[str, str]
    repeat: str | None = None
    lowest: bool
    file: str | None = None
    ja_verified: bool = False
    zh_verified: bool = False


class SectionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sources: dict[str, str]
    sections: list[SectionRow]


class M1Row(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    title: str
    purposes: tuple[str, ...] = ()
    path: tuple[str, ...] = ()
    folder: str = ""
    specific: bool = False
    form_type: str | None = None
    verified: bool = False


class M1File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sources: dict[str, str]
    regions: dict[str, list[M1Row]]
