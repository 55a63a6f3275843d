"""Wall time of ``ectd render`` with one worker and with two, and their ratio (issue 16: <= 0.65).

Usage: .venv/bin/python bench/jobs_speed.py [EXAMPLE] [-j fda] [--formats pdf] [--jobs 1,2]

Each run renders every planned document of EXAMPLE for one jurisdiction through
``render_all(..., jobs=N)`` (the code ``ectd render --jobs N`` runs; N > 1 includes starting the
workers). The outputs of every run are compared by SHA-256 with those of the first run. Figures
are printed, never asserted: on a busy machine read the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ectd_builder.dossier import load_dossier  # noqa: E402
from ectd_builder.render.api import render_all  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("example", nargs="?", default="tablet")
    parser.add_argument("-j", "--jurisdiction", default="fda")
    parser.add_argument("--formats", default="pdf")
    parser.add_argument("--jobs", default="1,2", help="comma-separated worker counts, the first is the reference")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    loaded = load_dossier(ROOT / "examples" / args.example / "dossier.yaml")
    if loaded.dossier is None:
        print(f"{args.example}: does not load ({len(loaded.problems)} problems)")
        return 1
    formats = tuple(args.formats.split(","))
    counts = [int(n) for n in args.jobs.split(",")]
    print(f"{args.example} -j {args.jurisdiction} ({','.join(formats)}), {os.cpu_count()} cores")
    times: dict[int, float] = {}
    reference: list[str] | None = None
    for jobs in counts:
        start = time.perf_counter()
        rendered = render_all(loaded.dossier, args.jurisdiction, formats, jobs=jobs)
        times[jobs] = time.perf_counter() - start
        digests = [hashlib.sha256(r.data).hexdigest() for r in rendered]
        reference = reference or digests
        same = f"same bytes as --jobs {counts[0]}" if digests == reference else "DIFFERENT BYTES"
        print(f"--jobs {jobs}: {len(rendered)} files, {times[jobs]:.1f} s wall ({same})")
    first = times[counts[0]]
    for jobs in counts[1:]:
        print(f"ratio --jobs {jobs} / --jobs {counts[0]}: {times[jobs] / first:.2f} (issue 16 target for 2: <= 0.65)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
