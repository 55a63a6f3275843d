"""Links in a built sequence: real link annotations whose targets are files of the application
folder (this sequence, or the earlier one that keeps an unchanged document in force), render
problems on the build path, and the two bug paths of a build (exit 3).

The small render dossier (tests/render/fixtures/mini) is built with real rendering; to keep the
test fast the plan holds only the drug substance's control documents (3.2.S.3.2, 3.2.S.4.x),
which link to each other and to the per-method documents.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from ectd_builder.check.engine import CheckOptions, check_path
from ectd_builder.dossier import load_dossier
from ectd_builder.ectd import api
from ectd_builder.render import links as render_links
from ectd_builder.render import plan as render_plan
from tests.cli_helpers import run_cli

MINI = Path(__file__).resolve().parents[1] / "render" / "fixtures" / "mini"
SECTIONS = ("3.2.S.3.2", "3.2.S.4.1", "3.2.S.4.2", "3.2.S.4.4", "3.2.S.4.5")
JUSTIFICATION = "justification: {en: Limits follow ICH Q6A and batch data."


@pytest.fixture()
def small_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = render_plan.plan_documents

    def plan(dossier: object, jurisdiction: str) -> list[render_plan.PlannedDocument]:
        return [d for d in whole(dossier, jurisdiction) if d.section in SECTIONS]

    monkeypatch.setattr(render_plan, "plan_documents", plan)
    monkeypatch.setattr(render_links, "plan_documents", plan)


@pytest.fixture()
def dossier_dir(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


def _build(root: Path, store: Path) -> api.BuildResult:
    loaded = load_dossier(root)
    assert loaded.dossier is not None
    return api.build_dossier(loaded.dossier, loaded.root, "ema", store=store)


def _file_links(app: Path, seq: str) -> list[tuple[str, int, str]]:
    """(linking file, page, resolved target) of every GoToR link in the PDFs of ``seq``."""
    found = []
    for pdf in sorted((app / seq).rglob("*.pdf")):
        rel = pdf.relative_to(app).as_posix()
        for number, page in enumerate(PdfReader(pdf).pages, start=1):
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A")
                if action is not None and action.get("/S") == "/GoToR":
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), str(action["/F"])))
                    found.append((rel, number, target))
    return found


def _resolve_inside(app: Path, links: list[tuple[str, int, str]]) -> None:
    assert links, "no file links in the built PDFs"
    for rel, number, target in links:
        assert not target.startswith(".."), f"{rel} page {number} links outside the application: {target}"
        assert (app / target).is_file(), f"{rel} page {number} links to a missing file {target}"


def _broken(app: Path, store: Path) -> list[str]:
    outcome = check_path(app, CheckOptions(standards=store))
    return [f"{p.file}: {p.message}" for p in outcome.problems if "link" in p.message]


def test_built_links_resolve_in_this_and_an_earlier_sequence(dossier_dir: Path, store: Path, small_plan: None) -> None:
    first = _build(dossier_dir, store)
    built = dossier_dir / "build" / "ema"
    links = _file_links(built, "0000")
    _resolve_inside(built, links)
    assert {t.split("/")[0] for _, _, t in links} == {"0000"}
    assert any("32s42" in t for _, _, t in links), "method references link to the method documents"
    assert not [p for p in first.problems if p.code == "REN003"]
    assert _broken(built, store) == []

    api.freeze_sequence(dossier_dir, "ema", "0000")
    yaml = dossier_dir / "dossier.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace(JUSTIFICATION, JUSTIFICATION[:-1] + " and stability data."), encoding="utf-8")
    second = _build(dossier_dir, store)
    assert [leaf.operation for leaf in second.leaves if leaf.key.startswith("document:")] == ["replace"]
    app = dossier_dir / "submissions" / "ema"
    shutil.copytree(second.path, app / second.sequence)  # the application as a reviewer gets it
    links = _file_links(app, "0001")
    _resolve_inside(app, links)
    assert {t.split("/")[0] for _, _, t in links} == {"0000"}, "unchanged targets are linked where they stay in force"
    assert _broken(app, store) == []


def test_a_broken_link_is_reported_by_check_with_file_and_page(dossier_dir: Path, store: Path, small_plan: None) -> None:
    result = _build(dossier_dir, store)
    built = dossier_dir / "build" / "ema"
    rel, number, target = next(link for link in _file_links(built, "0000") if "32s3-charac" in link[2])
    (built / target).unlink()
    broken = _broken(built, store)
    name = posixpath.basename(target)
    assert any(f"{rel}: page {number} links to " in msg and name in msg and "does not exist" in msg for msg in broken), broken
    assert result.sequence == "0000"


def test_a_link_to_an_unplanned_document_is_ren003_at_the_template_line(tmp_path: Path, small_plan: None) -> None:
    from ectd_builder.render.api import build_model

    templates = tmp_path / "templates" / "common" / "m3"
    templates.mkdir(parents=True)
    (templates / "3.2.S.4.5.xhtml.j2").write_text(
        '<h1>{{ doc.title }}</h1>\n<p>plain</p>\n<p>{{ link_to("3.2.S.4.2", "m-gone") }}</p>\n', encoding="utf-8"
    )
    loaded = load_dossier(MINI)
    assert loaded.dossier is not None
    doc = next(d for d in render_plan.plan_documents(loaded.dossier, "ema") if d.section == "3.2.S.4.5")
    model, problems = build_model(loaded.dossier, doc, templates_dir=tmp_path / "templates")
    found = [p for p in problems if p.code == "REN003"]
    assert len(found) == 1
    assert found[0].file is not None and found[0].file.endswith("3.2.S.4.5.xhtml.j2") and found[0].line == 3
    assert "m-gone" in found[0].message
    assert not any(getattr(r, "href", None) for b in model.blocks for r in getattr(b, "runs", ())), "printed without a link"


def test_render_problems_reach_the_build_output(
    dossier_dir: Path,
    store: Path,
    small_plan: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    templates = dossier_dir / "templates" / "common" / "m3"
    templates.mkdir(parents=True)
    (templates / "3.2.S.4.5.xhtml.j2").write_text('<h1>{{ doc.title }}</h1>\n<p>{{ link_to("3.2.S.4.2", "m-gone") }}</p>\n', encoding="utf-8")
    loaded = load_dossier(dossier_dir)
    assert loaded.dossier is not None
    from dataclasses import replace

    from ectd_builder.render import parallel

    original = parallel.render_job

    def with_templates(settings: parallel.Settings, job: parallel.Job) -> parallel.Outcome:
        return original(replace(settings, templates_dir=dossier_dir / "templates"), job)

    monkeypatch.setattr(parallel, "render_job", with_templates)
    out = run_cli(
        capsys, "build", str(dossier_dir), "-j", "ema", "--standards", str(store), "--out", str(tmp_path / "out"), "--jobs", "1", "--force"
    )
    assert out.code == 1, out.err
    assert "REN003" in out.out and "3.2.S.4.5.xhtml.j2" in out.out
    assert (tmp_path / "out" / "ema" / "0000" / "index.xml").is_file()


def test_an_invalid_generated_backbone_is_a_bug_exit_3(
    dossier_dir: Path, store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ectd_builder.ectd import build as ectd_build

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(api, "renderer_available", lambda: False)
    monkeypatch.setattr(ectd_build.schemas, "validate", lambda *a, **k: ["element 'x' is not expected"])
    out = run_cli(capsys, "build", str(dossier_dir), "-j", "ema", "--standards", str(store), "--out", str(tmp_path / "out"), "--force")
    assert out.code == 3, out.err
    assert "not valid against the official schema" in out.err and "bug" in out.err


def test_two_documents_on_one_output_path_is_a_bug_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ectd_builder.render import api as render_api
    from ectd_builder.render import outputs

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(outputs, "relative_path", lambda item: Path("m3") / "same.pdf")
    one = [x for x in _whole_plan(_mini(), "ema") if x.section == "3.2.S.4.5"]
    monkeypatch.setattr(render_api, "plan_documents", lambda d, j: one * 2)
    out = run_cli(capsys, "render", str(MINI), "-j", "ema", "--out", str(tmp_path / "out"))
    assert out.code == 3, out.err
    assert "two documents would be written" in out.err


_whole_plan = render_plan.plan_documents


def _mini() -> object:
    loaded = load_dossier(MINI)
    assert loaded.dossier is not None
    return loaded.dossier
