"""How does ``ectd check`` scale with the number of leaves in one index.xml?

Writes synthetic EU sequences (``check_speed.build``: a valid index.xml whose leaves all sit in one
Module 5 heading, each pointing at a small PDF, plus the regional backbone and util files) with
1,000, 10,000 and 50,000 leaves (issue 16 item 5), and times ``check_path`` in-process on each (best of N runs).
Checking should be linear in leaves: the seconds-per-1,000-leaves column should stay flat (the last column: its ratio
to the smallest sequence's; well above 1 means a cost that grows faster than the leaves). The 50,000-leaf
sequence takes about 2 minutes to write and check on an idle 2-core machine.
Usage::

    .venv/bin/python bench/check_leaves.py [--leaves 1000,10000,50000] [--runs 2] [--standards DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is not a package: reuse check_speed.build

from check_speed import build

from ectd_builder.check.engine import CheckOptions, check_path

ROOT = Path(__file__).resolve().parents[1]


def time_check(folder: Path, store: Path, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        check_path(folder, CheckOptions(standards=store))
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument(
        "--standards", type=Path, default=Path(os.environ.get("ECTD_STANDARDS", ROOT.parent / "shared" / "standards"))
    )
    args = parser.parse_args()
    print(f"{'leaves':>7}  {'seconds':>8}  {'s per 1,000':>11}  {'vs first':>8}")
    first = None
    for count in (int(n) for n in args.leaves.split(",")):
        with tempfile.TemporaryDirectory(prefix="ectd-leaves-bench-") as tmp:
            folder = Path(tmp) / "0000"
            folder.mkdir()
            build(folder, max(1, count // 4000), count, args.standards)
            seconds = time_check(folder, args.standards, args.runs)
        per = seconds / count * 1000
        first = first or per
        print(f"{count:>7}  {seconds:>8.2f}  {per:>11.3f}  {per / first:>8.2f}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (a busy machine inflates every row)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
