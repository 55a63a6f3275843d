"""A killed build leaves no partial sequence; the next build cleans up after it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from plain import documents, request

from ectd_builder.ectd import atomic
from ectd_builder.ectd.build import build_sequence

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from plain import PlannedFile, pdf, request
    from ectd_builder.ectd.build import build_sequence

    files = [PlannedFile(f"doc-{{i}}", "3.2.R", f"Document {{i}}", data=pdf(str(i)) * 2000) for i in range(60)]
    state = {{"told": False}}

    def progress(done, total, label):
        if done > len(files) and label.endswith(".pdf"):
            if not state["told"]:
                print("writing", flush=True)
                state["told"] = True
            time.sleep(0.2)

    build_sequence(request("ema", Path({base!r}), Path({store!r}), files), progress)
    print("finished", flush=True)
    """
)


def test_killed_build_leaves_nothing_partial(tmp_path: Path, store: Path) -> None:
    script = SCRIPT.format(tests=str(Path(__file__).resolve().parent), base=str(tmp_path), store=str(store))
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline().strip()
            assert line == "writing"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
    out = tmp_path / "build" / "ema"
    assert not (out / "0000").exists()
    assert [p.name for p in out.iterdir() if atomic.TMP_MARK in p.name]  # the dead build's scratch folder
    result = build_sequence(request("ema", tmp_path, store, documents()))
    assert result.path == out / "0000"
    assert sorted(p.name for p in out.iterdir()) == [".lock", "0000"]
