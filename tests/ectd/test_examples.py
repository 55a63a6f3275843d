"""Every example dossier, every jurisdiction it targets: a valid sequence with correct checksums.

The documents are planned by the real ``plan_documents``; their bytes come from a stub so that
this test checks the assembly in seconds (rendering has its own tests and ``bench/render_speed.py``;
``bench/build_speed.py`` builds the examples with real rendering).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.ectd import api
from ectd_builder.ectd.api import build_dossier
from seqcheck import check_sequence

EXAMPLES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "examples").glob("*") if (p / "dossier.yaml").is_file())


def _stub_pdf(settings: Any, job: Any) -> Any:
    """Stands in for rendering one document (the build renders in process with jobs=1)."""
    from ectd_builder.render.parallel import Outcome

    data = f"%PDF-1.4\n% {job.doc.key} {job.doc.language}\n%%EOF\n".encode()
    return Outcome(tuple((fmt, data) for fmt in job.formats))


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_builds_for_every_jurisdiction(
    name: str, examples_dir: Path, store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not api.renderer_available():
        pytest.skip("renderer not importable: example documents cannot be planned")
    import ectd_builder.render.parallel as render_parallel

    monkeypatch.setattr(render_parallel, "render_job", _stub_pdf)
    loaded = load_dossier(examples_dir / name)
    if not loaded.ok or loaded.dossier is None:
        pytest.skip(f"example {name} does not load yet ({len(loaded.problems)} problems): assembly not checked")
    for j in loaded.dossier.jurisdictions:
        result = build_dossier(loaded.dossier, loaded.root, j, store=store, out_root=tmp_path, ectd_version="3.2.2")
        assert result.path == tmp_path / j / result.sequence
        operations = check_sequence(result.path, j, store)
        assert set(operations.values()) == {"new"}
        assert result.count("new") >= 20
        assert not any(n.startswith("renderer not available") for n in result.notes)


@pytest.mark.parametrize("name", ["tablet"])
def test_example_builds_for_pmda_as_v4_by_default(
    name: str, examples_dir: Path, store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not api.renderer_available():
        pytest.skip("renderer not importable: example documents cannot be planned")
    import ectd_builder.render.parallel as render_parallel
    from ectd_builder.check.v4 import check_v4_path

    monkeypatch.setattr(render_parallel, "render_job", _stub_pdf)
    loaded = load_dossier(examples_dir / name)
    assert loaded.dossier is not None
    result = build_dossier(loaded.dossier, loaded.root, "pmda", store=store, out_root=tmp_path)
    assert (result.path / "submissionunit.xml").is_file() and not (result.path / "index.xml").exists()
    assert result.count("new") >= 20
    assert check_v4_path(result.path).problems == ()
