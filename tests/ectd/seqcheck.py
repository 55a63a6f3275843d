"""Checks of a built sequence against the official files (shared by the assembly tests)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from lxml import etree

XLINK = "{http://www.w3c.org/1999/xlink}href"
XLINK_W3C = "{http://www.w3.org/1999/xlink}href"
LIMITS = {"fda": 150, "ema": 180, "nmpa": 180, "pmda": 230}
REGIONAL = {"fda": "m1/us/us-regional.xml", "ema": "m1/eu/eu-regional.xml", "nmpa": "m1/cn/cn-regional.xml"}


def parse(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser)


class _Standins(etree.Resolver):
    def resolve(self, url: str, pubid: str, context: object) -> object:
        name = url.rsplit("/", 1)[-1]
        if name in ("xlink.xsd", "xml.xsd"):
            from ectd_builder.sequence.schemas import STANDINS

            return self.resolve_filename(str(STANDINS / name), context)
        return None


def official_errors(tree: etree._ElementTree, standards_dir: Path, jurisdiction: str | None) -> list[str]:
    """Validate against the official file in ../shared/standards (None = the ICH index.xml DTD)."""
    if jurisdiction is None:
        validator = etree.DTD(str(standards_dir / "ich-ectd-3.2" / "ich-ectd-3-2.dtd"))
    elif jurisdiction == "fda":
        validator = etree.DTD(str(standards_dir / "fda-m1-3.3" / "us-regional-v3-3.dtd"))
    elif jurisdiction == "ema":
        validator = etree.DTD(str(standards_dir / "eu-m1-3.1" / "eu-regional.dtd"))
    else:
        parser = etree.XMLParser(no_network=True)
        parser.resolvers.add(_Standins())
        validator = etree.XMLSchema(etree.parse(str(standards_dir / "cn-m1-1.0" / "cn-regional-1-0.xsd"), parser))
    ok = validator.validate(tree)
    return [] if ok else [str(e) for e in validator.error_log]


def check_sequence(seq: Path, jurisdiction: str, standards_dir: Path) -> dict[str, str]:
    """Validate backbones, recompute every checksum, check names and path lengths. Returns ID -> operation."""
    index = parse(seq / "index.xml")
    assert official_errors(index, standards_dir, None) == []
    assert index.docinfo.system_url == "util/dtd/ich-ectd-3-2.dtd"
    assert (seq / "index-md5.txt").read_text().strip() == hashlib.md5((seq / "index.xml").read_bytes()).hexdigest()
    backbones = [(Path("index.xml"), index)]
    if jurisdiction in REGIONAL:
        regional = parse(seq / REGIONAL[jurisdiction])
        assert official_errors(regional, standards_dir, jurisdiction) == []
        backbones.append((Path(REGIONAL[jurisdiction]), regional))
    else:
        assert not list(seq.rglob("jp-regional.xml"))
    operations: dict[str, str] = {}
    referenced = {"index.xml", "index-md5.txt"}
    for rel, tree in backbones:
        for leaf in tree.getroot().iter("{*}leaf", "leaf"):
            operations[leaf.get("ID")] = leaf.get("operation")
            href = leaf.get(XLINK) or leaf.get(XLINK_W3C)
            if href is None:
                assert leaf.get("operation") == "delete" and leaf.get("modified-file")
                continue
            target = (seq / rel.parent / href).resolve()
            assert hashlib.md5(target.read_bytes()).hexdigest() == leaf.get("checksum"), href
            referenced.add(target.relative_to(seq.resolve()).as_posix())
    for path in seq.rglob("*"):
        rel = path.relative_to(seq).as_posix()
        for part in rel.split("/"):
            assert len(part) <= 64 and part == part.lower(), rel
            assert all(c.isalnum() or c in "-." for c in part), rel
        if path.is_file():
            assert len(f"{seq.name}/{rel}") <= LIMITS[jurisdiction], rel
            if not rel.startswith("util/"):
                assert rel in referenced, f"unreferenced file {rel}"
    return operations
