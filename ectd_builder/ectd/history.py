"""Read the frozen history of one application (``submissions/<j>/NNNN``) into the current leaf state."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ectd_builder.ectd.backbone import XLINK_ICH, XLINK_W3C
from ectd_builder.ectd.model import Heading
from ectd_builder.ectd.placement import REGIONAL_FILE
from ectd_builder.ectd.schemas import safe_parser
from ectd_builder.errors import EctdError

SEQUENCE_RE = re.compile(r"^\d{4}$")
_SKIP_ATTRS = {"ID", "{http://www.w3.org/XML/1998/namespace}lang"}


@dataclass(frozen=True)
class HistoryLeaf:
    """A leaf as submitted: where it lives (sequence + backbone file) and what it points at."""

    sequence: str
    backbone_file: str  # relative to the sequence folder: index.xml or m1/<r>/<r>-regional.xml
    id: str
    operation: str
    title: str
    checksum: str
    href: str | None  # relative to the sequence folder
    modified_file: str | None
    placement: tuple[Heading, ...]

    @property
    def backbone(self) -> str:
        return "index" if self.backbone_file == "index.xml" else "regional"


@dataclass
class History:
    sequences: list[str] = field(default_factory=list)
    current: dict[str, HistoryLeaf] = field(default_factory=dict)  # leaf ID -> latest live leaf
    leaves: list[HistoryLeaf] = field(default_factory=list)

    @property
    def last(self) -> str | None:
        return self.sequences[-1] if self.sequences else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read_backbone(seq_dir: Path, rel: str, skip_root: bool) -> list[HistoryLeaf]:
    path = seq_dir / rel
    try:
        root = etree.parse(str(path), safe_parser()).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise EctdError(f"cannot read {path}: {exc}", hint="the history folder must hold complete, well-formed sequences") from exc
    base = str(Path(rel).parent).replace("\\", "/")
    out: list[HistoryLeaf] = []
    for el in root.iter("{*}leaf", "leaf"):
        chain: list[Heading] = []
        for anc in reversed(list(el.iterancestors())):
            if anc is root:
                continue
            attrs = tuple(sorted((k, v) for k, v in anc.attrib.items() if k not in _SKIP_ATTRS))
            chain.append(Heading(_local(anc.tag), attrs))
        if skip_root and chain and chain[0].element == _local(root.tag):
            chain = chain[1:]
        href = el.get(f"{{{XLINK_ICH}}}href") or el.get(f"{{{XLINK_W3C}}}href")
        if href is not None and base not in ("", "."):
            href = f"{base}/{href}"
        title_el = el.find("{*}title")
        if title_el is None:
            title_el = el.find("title")
        out.append(
            HistoryLeaf(
                sequence=seq_dir.name,
                backbone_file=rel,
                id=el.get("ID", ""),
                operation=el.get("operation", ""),
                title=(title_el.text or "").strip() if title_el is not None else "",
                checksum=(el.get("checksum") or "").lower(),
                href=_normal(href),
                modified_file=el.get("modified-file"),
                placement=tuple(chain),
            )
        )
    return out


def _normal(href: str | None) -> str | None:
    if href is None:
        return None
    parts: list[str] = []
    for part in href.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def _target_id(modified_file: str | None) -> str | None:
    if not modified_file or "#" not in modified_file:
        return None
    return modified_file.rsplit("#", 1)[1]


def read_history(app_dir: Path, region: str) -> History:
    """Apply every frozen sequence in order; ``current`` ends up with the live leaves by ID."""
    history = History()
    if not app_dir.is_dir():
        return history
    history.sequences = sorted(p.name for p in app_dir.iterdir() if p.is_dir() and SEQUENCE_RE.match(p.name))
    regional = REGIONAL_FILE.get(region)
    for seq in history.sequences:
        seq_dir = app_dir / seq
        if not (seq_dir / "index.xml").is_file():
            raise EctdError(f"{seq_dir} has no index.xml", hint="the history holds only complete frozen sequences")
        leaves = _read_backbone(seq_dir, "index.xml", skip_root=False)
        if regional and (seq_dir / regional).is_file():
            leaves += _read_backbone(seq_dir, regional, skip_root=False)
        for leaf in leaves:
            history.leaves.append(leaf)
            if regional and leaf.href == regional:
                continue  # the regional backbone itself is re-issued in every sequence
            target = _target_id(leaf.modified_file)
            if leaf.operation in ("replace", "delete", "append") and target:
                history.current.pop(target, None)
            if leaf.operation != "delete":
                history.current[leaf.id] = leaf
    return history
