"""Plan a sequence against the history: new, replace (bytes changed), delete (document gone).

A region may list Module 1 sections whose documents do not follow document lifecycle (the
profile fact ``always_new_sections``, e.g. the EU cover letter 1.0): their leaves go into every
sequence with operation ``new``, and the earlier ones stay in force (never replaced or deleted).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ectd_builder import ctd
from ectd_builder.ectd.history import History, HistoryLeaf
from ectd_builder.ectd.model import Leaf
from ectd_builder.ectd.placement import REGIONAL_FILE, Placed


@dataclass(frozen=True)
class Measured:
    placed: Placed
    md5: str
    size: int


def modified_file(target: HistoryLeaf, backbone_file: str) -> str:
    """``../NNNN/index.xml#ID`` (or the regional equivalent), relative to the new backbone file."""
    here = posixpath.dirname(backbone_file)
    up = "../" * (here.count("/") + 1 if here else 0)
    return f"{up}../{target.sequence}/{target.backbone_file}#{target.id}"


def _backbone_file(backbone: str, region: str) -> str:
    return "index.xml" if backbone == "index" else REGIONAL_FILE[region]


def always_new_sections(jurisdiction: str) -> frozenset[str]:
    """The Module 1 codes whose leaves are new in every sequence (profile fact ``always_new_sections``)."""
    from ectd_builder.jurisdiction.profiles import load_profile

    return frozenset(str(code) for code in load_profile(jurisdiction).value("always_new_sections", ()))


def _is_always_new(p: Placed, region: str, always_new: frozenset[str]) -> bool:
    if not always_new or p.backbone != "regional":
        return False
    found = ctd.m1_section(region, p.planned.section)
    return found is not None and found.code in always_new


def plan(
    measured: list[Measured], history: History, region: str, always_new: frozenset[str] = frozenset()
) -> tuple[list[Leaf], list[Measured]]:
    """Leaves of the new sequence and the files it must carry (only new and changed ones).

    Documents at an ``always_new`` Module 1 code are carried as ``new`` even when unchanged."""
    leaves: list[Leaf] = []
    carried: list[Measured] = []
    live = dict(history.current)
    for m in measured:
        p = m.placed
        old = live.pop(p.id, None)
        if _is_always_new(p, region, always_new):
            old = None  # a new leaf each sequence; the earlier ones stay in force
        elif old is not None and old.checksum == m.md5:
            continue  # unchanged: stays valid from the earlier sequence
        backbone_file = _backbone_file(p.backbone, region)
        leaves.append(
            Leaf(
                id=p.id,
                key=p.planned.key,
                title=" ".join(p.planned.title.split()),
                operation="new" if old is None else "replace",
                placement=p.placement,
                backbone=p.backbone,
                href=p.rel,
                checksum=m.md5,
                size=m.size,
                language=p.planned.language,
                modified_file=None if old is None else modified_file(old, backbone_file),
            )
        )
        carried.append(m)
    for gone in sorted(live.values(), key=lambda h: (h.backbone_file, h.id)):
        leaves.append(
            Leaf(
                id=gone.id,
                key=f"deleted:{gone.id}",
                title=gone.title,
                operation="delete",
                placement=gone.placement,
                backbone=gone.backbone,
                href=None,
                checksum=gone.checksum,
                modified_file=modified_file(gone, gone.backbone_file),
            )
        )
    return leaves, carried
