"""Build speed: every jurisdiction on the examples and on a large synthetic dossier, against ``cp -r``.

    .venv/bin/python bench/build_speed.py [--standards DIR] [--files 1100] [--mb 1.0] [--skip-examples] [--skip-synthetic]

The synthetic dossier (>= 1,000 attachments, >= 1 GB) is generated in a temporary folder and
deleted afterwards. Each build is compared with ``cp -r`` of the same attachment files (the page
cache is warm for both). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ectd_builder.ectd import standards
from ectd_builder.ectd.build import build_sequence
from ectd_builder.ectd.model import BuildRequest, CnEnvelope, EuEnvelope, FdaEnvelope, JpEnvelope, PlannedFile

JURISDICTIONS = ("fda", "ema", "pmda", "nmpa")
REPO = Path(__file__).resolve().parents[1]
SECTIONS = ("3.2.S.2.2", "3.2.S.4.4", "3.2.S.7.3", "3.2.P.3.3", "3.2.P.5.4", "3.2.P.8.3", "3.2.R", "3.3")
SUBSTANCE = {"substance": "benchmarkinib", "manufacturer": "Bench Chemicals"}
PRODUCT = {"product_name": "Benchmarkinib tablets", "dosage_form": "tablet", "manufacturer": "Bench Pharma"}

ENVELOPES = {
    "fda": FdaEnvelope("123456789", "Bench Pharma", "Benchmark", (("Bench", "fdaact1", (("+1-555-0100", "fdatnt1"),), ("b@example.com",)),),
                       "123456", "fdaat1", "fdast1", "fdasst3"),
    "ema": EuEnvelope("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "centralised", ("ema",), "EU-EMA", "maa", "initial", "Bench Pharma",
                      "Benchmark", ("benchmarkinib",), "Benchmark", procedure_tracking=("EMEA/H/C/000000",)),
    "pmda": JpEnvelope("benchmark"),
    "nmpa": CnEnvelope("x202600001", "cnapt2", "cnprt1", "1234567890", "cnrat1", "cnsqt1", "benchmark", "Bench", "+86-10-0", "b@example.com"),
}


def _keys(section: str) -> dict[str, str]:
    if section.startswith("3.2.S"):
        return SUBSTANCE
    if section.startswith("3.2.P"):
        return PRODUCT
    return {}


def make_synthetic(folder: Path, count: int, size_mb: float) -> list[PlannedFile]:
    """``count`` attachment files of ``size_mb`` each, spread over Module 3 sections and Module 1."""
    folder.mkdir(parents=True)
    block = os.urandom(1 << 20)
    size = int(size_mb * (1 << 20))
    files: list[PlannedFile] = []
    for i in range(count):
        path = folder / f"doc-{i:05d}.pdf"
        with path.open("wb") as fh:
            fh.write(b"%PDF-1.4\n%" + str(i).encode() + b"\n")
            left = size
            while left > 0:
                fh.write(block[: min(left, len(block))])
                left -= len(block)
        section = "cover-letter" if i == 0 else SECTIONS[i % len(SECTIONS)]
        files.append(PlannedFile(f"att-{i:05d}", section, f"Attachment {i}", file_stem=f"doc-{i:05d}", source=path, **_keys(section)))
    return files


def time_cp(src: Path, dst: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["cp", "-r", str(src), str(dst)], check=True)
    elapsed = time.perf_counter() - start
    shutil.rmtree(dst)
    return elapsed


def time_md5sum(src: Path) -> float:
    """The checksum work every build must do at least once (MD5 of every byte)."""
    start = time.perf_counter()
    files = sorted(str(p) for p in src.iterdir())
    for i in range(0, len(files), 200):
        subprocess.run(["md5sum", *files[i : i + 200]], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_synthetic(store: Path, count: int, size_mb: float) -> None:
    with tempfile.TemporaryDirectory(prefix="ectd-bench-") as tmp:
        base = Path(tmp)
        files = make_synthetic(base / "attachments", count, size_mb)
        total = sum(f.source.stat().st_size for f in files if f.source)
        print(f"synthetic dossier: {count} attachments, {total / 1e9:.2f} GB")
        time_cp(base / "attachments", base / "warm")  # warm the page cache once
        md5 = time_md5sum(base / "attachments")
        print(f"  md5sum of the same files (the floor: every leaf needs its MD5): {md5:.2f} s")
        for j in JURISDICTIONS:
            cp = time_cp(base / "attachments", base / "cp-copy")
            request = BuildRequest(j, tuple(files), ENVELOPES[j], base / "build", base / "submissions", store, epoch=1767225600)
            start = time.perf_counter()
            result = build_sequence(request)
            elapsed = time.perf_counter() - start
            leaves = sum(1 for leaf in result.leaves if leaf.operation != "delete")
            print(
                f"  {j:<5} {result.sequence}: {leaves:>5} leaves  build {elapsed:6.2f} s   cp -r {cp:6.2f} s   "
                f"ratio {elapsed / cp:4.2f}x   vs cp -r + md5sum {elapsed / (cp + md5):4.2f}x"
            )
            shutil.rmtree(result.path)


def bench_examples(store: Path) -> None:
    examples = sorted(p for p in (REPO / "examples").glob("*") if (p / "dossier.yaml").is_file())
    if not examples:
        print("examples: none with a dossier.yaml (skipped)")
        return
    from ectd_builder.dossier import load_dossier
    from ectd_builder.ectd.api import build_dossier, planned_files

    for example in examples:
        loaded = load_dossier(example)
        if not loaded.ok or loaded.dossier is None:
            print(f"example {example.name}: does not load ({len(loaded.problems)} problems) - skipped")
            continue
        with tempfile.TemporaryDirectory(prefix="ectd-bench-") as tmp:
            for j in loaded.dossier.jurisdictions:
                try:
                    start = time.perf_counter()
                    planned = planned_files(loaded.dossier, loaded.root, j)
                    rendered = time.perf_counter() - start
                    start = time.perf_counter()
                    result = build_dossier(loaded.dossier, loaded.root, j, store=store, out_root=Path(tmp), planned=planned)
                    assembled = time.perf_counter() - start
                except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
                    print(f"example {example.name} {j}: failed: {exc}")
                    continue
                src = Path(tmp) / "cp-src"
                shutil.copytree(result.path, src)
                cp = time_cp(src, Path(tmp) / "cp-dst")
                shutil.rmtree(src)
                leaves = sum(1 for leaf in result.leaves if leaf.operation != "delete")
                print(
                    f"example {example.name:<8} {j:<5} {leaves:>4} leaves {result.size / 1e6:6.1f} MB  rendering {rendered:6.2f} s  "
                    f"assembly {assembled:5.2f} s   cp -r {cp:5.3f} s   assembly/cp {assembled / max(cp, 1e-6):5.1f}x"
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--standards", type=Path, default=None)
    parser.add_argument("--files", type=int, default=1100)
    parser.add_argument("--mb", type=float, default=1.0, help="size of each synthetic attachment in MiB")
    parser.add_argument("--skip-examples", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()
    store = args.standards or (REPO.parent / "shared" / "standards")
    store = standards.resolve_store(store)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    if not args.skip_examples:
        bench_examples(store)
    if not args.skip_synthetic:
        bench_synthetic(store, args.files, args.mb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
