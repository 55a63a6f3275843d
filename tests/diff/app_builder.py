"""Build a small three-sequence EU application with the project's own builder (attachments only).

0000: flow diagram, batch certificate, regional batch record (all new)
0001: flow diagram changed (replace), a new validation summary (new)
0002: batch certificate removed from the dossier (delete)
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter

from ectd_builder.dossier import load_dossier
from ectd_builder.ectd.api import build_dossier, freeze_sequence

BASE = Path(__file__).resolve().parents[1] / "dossier" / "base"

EXTRA = """
  - id: ATT-BATCH
    file: attachments/batch.pdf
    section: 3.2.S.4.4
    title: Batch analysis certificate
    substance: DS-TEST
  - id: ATT-EBR
    file: attachments/ebr.pdf
    section: 3.2.R
    title: Executed batch record
"""
NEW_IN_0001 = """
  - id: ATT-VAL
    file: attachments/validation.pdf
    section: 3.2.S.2.5
    title: Process validation summary
    substance: DS-TEST
"""


def pdf(text: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    writer.pdf_header = b"%PDF-1.4"
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@dataclass(frozen=True)
class App:
    dossier: Path
    submissions: Path  # submissions/ema: the application folder


def _build_and_freeze(root: Path, store: Path) -> str:
    loaded = load_dossier(root)
    assert loaded.dossier is not None, [p.message for p in loaded.problems]
    result = build_dossier(loaded.dossier, root, "ema", store=store, render=False)
    sequence = result.sequence
    freeze_sequence(root, "ema", sequence)
    return sequence


def make_application(tmp: Path, store: Path) -> App:
    root = tmp / "dossier"
    shutil.copytree(BASE, root)
    text = (root / "dossier.yaml").read_text(encoding="utf-8")
    (root / "dossier.yaml").write_text(text.rstrip("\n") + EXTRA, encoding="utf-8")
    att = root / "attachments"
    (att / "flow.pdf").write_bytes(pdf("Flow diagram"))
    (att / "batch.pdf").write_bytes(pdf("Batch analysis certificate"))
    (att / "ebr.pdf").write_bytes(pdf("Executed batch record"))
    _build_and_freeze(root, store)
    (att / "flow.pdf").write_bytes(pdf("Flow diagram, revised"))
    (att / "validation.pdf").write_bytes(pdf("Process validation summary"))
    text = (root / "dossier.yaml").read_text(encoding="utf-8")
    (root / "dossier.yaml").write_text(text.rstrip("\n") + NEW_IN_0001, encoding="utf-8")
    _build_and_freeze(root, store)
    text = (root / "dossier.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: ATT-BATCH")
    end = text.index("  - id: ATT-EBR")
    (root / "dossier.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    _build_and_freeze(root, store)
    return App(root, root / "submissions" / "ema")
