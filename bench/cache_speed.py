"""Incremental builds: cold, no-op and one-change ``ectd build`` with the render cache (issue 16 item 3).

Usage: .venv/bin/python bench/cache_speed.py [EXAMPLE] [-j fda] [--jobs 1]

The example is copied to a temporary folder with an empty cache (``XDG_CACHE_HOME`` pointed
there), then built three times through the CLI, each into its own ``--out``:

1. cold: an empty cache;
2. no-op: nothing changed;
3. one change: the English title of the first method in ``methods.yaml`` changed.

It prints the wall times and the ratios no-op/cold (issue 16: <= 0.10, aim 0.05) and
one-change/cold (<= 0.30), and checks that the no-op build's files are byte-identical to the
cold build's and that the one-change build differs from it. Figures are printed, never asserted:
on a busy machine read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TITLE = re.compile(r'(title: \{en: ")([^"]+)(")')


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix == ".pdf"
    }


def _build(dossier: Path, out: Path, jurisdiction: str, jobs: int, env: dict[str, str]) -> float:
    command = [sys.executable, "-c", "from ectd_builder.cli.main import main; main()", "build", str(dossier), "-j", jurisdiction,
               "--out", str(out), "--jobs", str(jobs), "--sequence", "0000"]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"build failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def _change_a_method_title(dossier: Path) -> str:
    methods = dossier / "methods.yaml"
    text = methods.read_text(encoding="utf-8")
    match = TITLE.search(text)
    if match is None:
        raise SystemExit(f"{methods}: no English method title found")
    methods.write_text(text[: match.start(2)] + match.group(2) + " (revised)" + text[match.end(2):], encoding="utf-8")
    return match.group(2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("example", nargs="?", default="tablet")
    parser.add_argument("-j", "--jurisdiction", default="fda")
    parser.add_argument("--jobs", type=int, default=1, help="--jobs of each build (default 1)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ectd-cache-bench-") as tmp:
        work = Path(tmp)
        dossier = work / args.example
        shutil.copytree(ROOT / "examples" / args.example, dossier)
        env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "SOURCE_DATE_EPOCH": "1767225600",
               "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        print(f"{args.example} -j {args.jurisdiction} --jobs {args.jobs}, {os.cpu_count()} cores, cache in {work / 'cache'}")
        cold = _build(dossier, work / "cold", args.jurisdiction, args.jobs, env)
        noop = _build(dossier, work / "noop", args.jurisdiction, args.jobs, env)
        title = _change_a_method_title(dossier)
        change = _build(dossier, work / "change", args.jurisdiction, args.jobs, env)
        base, same, changed = (_digests(work / name) for name in ("cold", "noop", "change"))
        differ = sorted(k for k in base if changed.get(k) != base[k])
        print(f"cold:       {cold:7.1f} s ({len(base)} PDF files)")
        print(f"no-op:      {noop:7.1f} s ({'same bytes as cold' if same == base else 'DIFFERENT BYTES'})")
        print(f"one change: {change:7.1f} s (method title '{title}': {len(differ)} PDF files differ)")
        print(f"ratio no-op/cold:      {noop / cold:.2f} (issue 16: <= 0.10, aim 0.05)")
        print(f"ratio one-change/cold: {change / cold:.2f} (issue 16: <= 0.30)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
