"""Plan a sequence against the history: new, replace (bytes changed), delete (document gone)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

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


def plan(measured: list[Measured], history: History, region: str) -> tuple[list[Leaf], list[Measured]]:
    """Leaves of the new sequence and the files it must carry (only new and changed ones)."""
    leaves: list[Leaf] = []
    carried: list[Measured] = []
    live = dict(history.current)
    for m in measured:
        p = m.placed
        old = live.pop(p.id, None)
        if old is not None and old.checksum == m.md5:
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
