"""Render every example dossier for every jurisdiction and print pages per second.

Usage: .venv/bin/python bench/render_speed.py [--formats pdf,docx,html] [EXAMPLE ...]
Prints one line per example x jurisdiction and a total; never asserts timings.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ectd_builder.dossier import load_dossier  # noqa: E402
from ectd_builder.render.api import render_all  # noqa: E402

JURISDICTIONS = ("fda", "ema", "pmda", "nmpa")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("examples", nargs="*", help="example names (default: all under examples/)")
    parser.add_argument("--formats", default="pdf")
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))
    names = args.examples or sorted(p.name for p in (ROOT / "examples").iterdir() if (p / "dossier.yaml").is_file())
    total_pages = total_docs = 0
    total_time = 0.0
    print(f"{'example':<10} {'j':<5} {'docs':>5} {'pages':>6} {'seconds':>8} {'pages/s':>8}")
    for name in names:
        loaded = load_dossier(ROOT / "examples" / name / "dossier.yaml")
        if loaded.dossier is None:
            print(f"{name}: does not load ({len(loaded.problems)} problems)")
            continue
        for j in JURISDICTIONS:
            start = time.perf_counter()
            rendered = render_all(loaded.dossier, j, formats)
            elapsed = time.perf_counter() - start
            pages = sum(len(PdfReader(io.BytesIO(r.data)).pages) for r in rendered if r.fmt == "pdf")
            docs = len({r.doc.key for r in rendered})
            total_pages += pages
            total_docs += docs
            total_time += elapsed
            print(f"{name:<10} {j:<5} {docs:>5} {pages:>6} {elapsed:>8.2f} {pages / elapsed:>8.1f}")
    if total_time:
        print(
            f"total: {total_docs} documents, {total_pages} pages in {total_time:.1f} s = "
            f"{total_pages / total_time:.1f} pages/s, {total_docs / total_time:.2f} documents/s ({','.join(formats)})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
