"""Where does the time of one ``ectd build`` go? Per stage, by sampling the running build.

    .venv/bin/python bench/profile_build.py [EXAMPLE] [-j fda] [--interval-ms 2] [--out DIR]

The build runs in this process through the real CLI (``ectd build EXAMPLE -j J --out DIR``). A
thread samples the main thread's stack every ``--interval-ms`` and books each sample to one stage,
from the innermost frame outwards: the first frame whose file matches a stage pattern decides. The
stages are those of issue 16: load, rules, plan, template, layout, PDF write, fonts, DOCX, HTML,
figures, hashing, backbone (and "other" with the module named). Figures are printed, never
asserted; on a busy machine read the shares, not the seconds.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]

# (substring of the frame's file path, optional function-name prefixes, stage); first match wins,
# scanning the stack from the innermost frame outwards.
STAGE_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("/ectd_builder/", ("_md5", "md5", "sha", "_sha", "checksum", "_checksum", "digest", "_digest", "file_hash"), "hashing"),
    ("/hashlib", (), "hashing"),
    ("/fpdf/svg.py", (), "figures: SVG into PDF (fpdf2)"),
    ("/matplotlib/", (), "figures: matplotlib"),
    ("/render/figures.py", (), "figures: other"),
    ("/render/stability.py", (), "figures: other"),
    ("/fontTools/", (), "fonts"),
    ("/render/fonts.py", (), "fonts"),
    ("/render/pdf_fonts.py", (), "fonts"),
    ("/fpdf/output.py", (), "PDF write"),
    ("/fpdf/", ("output", "_put", "_out"), "PDF write"),
    ("/fpdf/", (), "layout"),
    ("/render/pdf_layout.py", (), "layout"),
    ("/render/pdf_table.py", (), "layout"),
    ("/render/linebreak.py", (), "layout"),
    ("/render/pdf_toc.py", (), "PDF write"),
    ("/render/pdf.py", (), "layout"),
    ("/docx/", (), "DOCX"),
    ("/render/docx.py", (), "DOCX"),
    ("/render/html.py", (), "HTML"),
    ("/render/xhtml.py", (), "HTML"),
    ("/jinja2/", (), "template"),
    ("/render/environment.py", (), "template"),
    ("/render/context.py", (), "template"),
    ("/render/", (), "plan"),
    ("/rules/", (), "rules"),
    ("/stability/", (), "rules"),
    ("/pypdf/", (), "attachment read"),
    ("/ectd_builder/ectd/backbone.py", (), "backbone"),
    ("/ectd_builder/ectd4/", (), "backbone"),
    ("/ectd_builder/check/", (), "self-check"),
    ("/ectd_builder/sequence/", (), "self-check"),
    ("/lxml/", (), "backbone"),
    ("/yaml/", (), "load"),
    ("/pydantic", (), "load"),
    ("/ectd_builder/dossier/", (), "load"),
)


def stage_of(frame: FrameType | None) -> str:
    """The stage a sample belongs to (see STAGE_RULES), else ``other: <innermost project module>``."""
    innermost_project = None
    while frame is not None:
        path = frame.f_code.co_filename.replace("\\", "/")
        name = frame.f_code.co_name
        for pattern, prefixes, stage in STAGE_RULES:
            if pattern in path and (not prefixes or name.startswith(prefixes)):
                return stage
        if innermost_project is None and "/ectd_builder/" in path:
            innermost_project = path.split("/ectd_builder/", 1)[1]
        frame = frame.f_back
    return f"other: {innermost_project or 'startup/import'}"


class Sampler(threading.Thread):
    """Samples one thread's stack at a fixed interval and counts samples per stage."""

    def __init__(self, target_ident: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.target_ident = target_ident
        self.interval = interval
        self.counts: collections.Counter[str] = collections.Counter()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            frame = sys._current_frames().get(self.target_ident)
            self.counts[stage_of(frame)] += 1
            time.sleep(self.interval)


def run_build(example: Path, jurisdiction: str, out: Path) -> int:
    from ectd_builder.cli.main import app

    try:
        app(["build", str(example), "-j", jurisdiction, "--out", str(out)], standalone_mode=False)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("example", nargs="?", default="tablet")
    parser.add_argument("-j", "--jurisdiction", default="fda")
    parser.add_argument("--interval-ms", type=float, default=2.0)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    example = ROOT / "examples" / args.example
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "build"
        sampler = Sampler(threading.get_ident(), args.interval_ms / 1000)
        start, cpu = time.perf_counter(), time.process_time()
        sampler.start()
        code = run_build(example, args.jurisdiction, out)
        sampler.stop.set()
        sampler.join()
        wall, cpu_used = time.perf_counter() - start, time.process_time() - cpu
    total = sum(sampler.counts.values()) or 1
    head = f"ectd build {args.example} -j {args.jurisdiction}: exit {code}"
    print(f"{head}, {wall:.1f} s wall, {cpu_used:.1f} s CPU, {total} samples")
    print(f"{'stage':<44} {'share':>6} {'~seconds':>9}")
    for stage, count in sampler.counts.most_common():
        print(f"{stage:<44} {100 * count / total:5.1f}% {wall * count / total:9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
