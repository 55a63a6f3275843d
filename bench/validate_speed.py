"""Benchmark: how fast `ectd validate` loads and checks a large dossier.

Builds a synthetic dossier from tests/dossier/base with many batches and stability series,
then times load_dossier (YAML with positions + includes + schema + references) and prints
values per second and the ratio to a bare yaml.safe_load of the same files.

    .venv/bin/python bench/validate_speed.py [--batches 2000]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from ectd_builder.dossier import load_dossier

BASE = Path(__file__).resolve().parents[1] / "tests" / "dossier" / "base"


def _grow(root: Path, batches: int) -> None:
    path = root / "substance.yaml"
    text = path.read_text(encoding="utf-8")
    extra = []
    for i in range(batches):
        extra.append(
            f"      - id: B-X{i:05d}\n        number: X{i:05d}\n        site: SITE-API\n        manufactured: 2025-03-01\n"
            f"        size: {{value: 50, unit: kg}}\n        scale: production\n        uses: [clinical]\n        results:\n"
            + "".join(f"          - {{test: T-ASSAY, value: {99 + (i % 10) / 10}}}\n" for _ in range(5))
        )
    marker = "    container_closure:"
    path.write_text(text.replace(marker, "".join(extra) + marker, 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "d"
        shutil.copytree(BASE, root)
        _grow(root, args.batches)
        files = sorted(root.glob("*.yaml"))
        size = sum(f.stat().st_size for f in files)
        t0 = time.perf_counter()
        for f in files:
            yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        bare = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = load_dossier(root)
        full = time.perf_counter() - t0
        values = len(result.positions.values)
        errors = sum(1 for p in result.problems if p.severity.value == "error")
        print(f"dossier: {size / 1e6:.1f} MB YAML, {values:,} values, {errors} errors")
        print(f"yaml.safe_load (C):   {bare:.2f} s")
        print(f"ectd load + validate: {full:.2f} s  ({values / full:,.0f} values/s)")
        print(f"ratio to bare YAML parse: {full / bare:.1f}x")


if __name__ == "__main__":
    main()
