"""A real EU application (backbones from /work/shared/samples) reconstructed with a placeholder file
per leaf and checksums that match, and a small dossier whose attachments continue some of its leaves."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import minidossier
from plain import pdf

PIOGLITAZONE = "eu-pioglitazone-actavis-renewal-rsi-0030"  # replaces leaves of a 0000 that is not there
PAS_GR = "eu-pas-gr-paraaminosalicylic-initial-maa-0000"  # EU M1 1.4 initial MAA, 289 leaves
EMSELEX = "eu-emselex-renewal-0000"  # EU M1 1.3: m1-3-1-pim, which EU M1 3.x has no more
_LEAF = re.compile(rb"<leaf\b[^>]*>")
_HREF = re.compile(rb'xlink:href="([^"]+)"')
_SUM = re.compile(rb'checksum="[0-9a-fA-F]*"')


def _md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def _fill(seq: Path, backbone: str) -> None:
    """Write a placeholder for every leaf of ``backbone`` and put its MD5 in the leaf (bytes kept otherwise)."""
    path = seq / backbone

    def fixed(tag: re.Match[bytes]) -> bytes:
        href = _HREF.search(tag.group(0))
        if href is None:
            return tag.group(0)
        target = path.parent / href.group(1).decode()
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf(href.group(1).decode("ascii", "replace")))
        return _SUM.sub(f'checksum="{_md5(target.read_bytes())}"'.encode(), tag.group(0))

    path.write_bytes(_LEAF.sub(fixed, path.read_bytes()))


def reconstruct(samples: Path, name: str, into: Path, number: str = "0000") -> Path:
    """``into/NNNN``: the sample's backbones with every file they list, as the other tool made them."""
    seq = into / number
    shutil.copytree(samples / name, seq, ignore=shutil.ignore_patterns("LISTING.txt"))
    _fill(seq, "m1/eu/eu-regional.xml")  # first: index.xml lists the regional backbone's checksum
    _fill(seq, "index.xml")
    (seq / "index-md5.txt").write_text(_md5((seq / "index.xml").read_bytes()), encoding="ascii")
    return into


# Attachments continuing pas-gr leaves: the form by title, a regional certificate by file name, the cover
# letter as the only leaf of its section; the literature and batch records match nothing.
ATTACHMENTS = (
    ("cover-eu", "1.0", "Cover letter", "[ema]"),
    ("form", "1.2", "Application Form", "[ema]"),
    ("ce", "3.2.R", "CE certificate of the spoon", "[ema]"),
    ("lit", "3.3", "Key literature", "[ema]"),
)


def write_dossier(root: Path) -> Path:
    (root / "attachments").mkdir(parents=True, exist_ok=True)
    lines = []
    for key, section, title, where in ATTACHMENTS:
        name = "regional-ce" if key == "ce" else key
        (root / "attachments" / f"{name}.pdf").write_bytes(pdf(f"{key} ours"))
        lines.append(
            f'  - {{id: {key}, file: attachments/{name}.pdf, section: "{section}", title: {title}, jurisdictions: {where}}}'
        )
    text = minidossier.DOSSIER.replace("{attachments}", "\n".join(lines))
    text = text.replace("jurisdictions: [fda, ema, pmda, nmpa]", "jurisdictions: [ema, fda]")
    (root / "dossier.yaml").write_text(text, encoding="utf-8")
    return root
