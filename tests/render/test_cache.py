"""The render cache: a hit writes nothing, and every kind of input change is a miss with new bytes.

Each test counts the writer calls (``api.write``) and the figure drawings, in one process
(``jobs`` 1 and ``--jobs 1``: workers do not see monkeypatches).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace

import ectd_builder
import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.render import api, fonts, stability
from ectd_builder.render.api import render_all
from ectd_builder.render.cache import RenderCache, use_cache
from ectd_builder.render.environment import packaged_templates
from ectd_builder.render.parallel import Job, Settings, render_job
from ectd_builder.render.plan import plan_documents

from tests.cli_helpers import run_cli

from .conftest import MINI

SECTIONS = ("2.3.S", "3.2.S.4.2", "3.2.S.7.3", "3.2.P.5.1")  # a summary, methods, a figure, a table
HPLC = "Assay and related substances by HPLC"


@pytest.fixture
def writes(monkeypatch) -> list[str]:
    """The formats written by the real writer, one entry per call."""
    seen: list[str] = []
    real = api.write

    def counting(model, fmt, **kwargs):
        seen.append(fmt)
        return real(model, fmt, **kwargs)

    monkeypatch.setattr(api, "write", counting)
    return seen


@pytest.fixture
def draws(monkeypatch) -> list[int]:
    """One entry per figure drawn by matplotlib (the per-process memo emptied first)."""
    seen: list[int] = []
    real = stability._draw_and_export
    monkeypatch.setattr(stability, "_DRAWN", stability.OrderedDict())
    monkeypatch.setattr(stability, "_draw_and_export", lambda *a: seen.append(1) or real(*a))
    return seen


def _render(dossier, cache: RenderCache | None, jurisdiction: str = "fda", formats=("pdf",), **kwargs):
    with use_cache(cache):
        out = render_all(dossier, jurisdiction, formats, only=lambda d: d.section in SECTIONS, jobs=1, **kwargs)
    return {(r.doc.key, r.fmt): hashlib.sha256(r.data).hexdigest() for r in out}, [p for r in out for p in r.problems]


def _doc(dossier, section: str, jurisdiction: str = "fda"):
    return next(d for d in plan_documents(dossier, jurisdiction) if d.section == section)


def _job(dossier, cache: RenderCache, doc) -> str:
    outcome = render_job(Settings(dossier, cache=cache), Job(doc, ("pdf",)))
    assert outcome.error is None, outcome.error
    return hashlib.sha256(outcome.data).hexdigest()


def test_an_unchanged_document_is_a_hit_and_its_bytes_are_those_without_the_cache(mini, tmp_path, writes, draws):
    cache = RenderCache(tmp_path / "cache")
    cold, cold_problems = _render(mini, cache, formats=("pdf", "docx", "html"))
    assert len(writes) == len([key for key in cold if key[1] != "provenance"]) >= 12 and draws
    writes.clear()
    draws.clear()
    stability._DRAWN.clear()  # a new process: only the disk cache remains
    warm, warm_problems = _render(mini, cache, formats=("pdf", "docx", "html"))
    assert writes == [] and draws == []
    assert warm == cold and warm_problems == cold_problems
    stability._DRAWN.clear()
    assert _render(mini, None, formats=("pdf", "docx", "html")) == (cold, cold_problems)


def test_a_changed_value_re_renders_only_the_documents_that_show_it(tmp_path, writes):
    folder = tmp_path / "mini"
    shutil.copytree(MINI.parent, folder)
    cache = RenderCache(tmp_path / "cache")
    before, _ = _render(load_dossier(folder / "dossier.yaml").dossier, cache)
    text = (folder / "dossier.yaml").read_text(encoding="utf-8")
    assert HPLC in text
    (folder / "dossier.yaml").write_text(text.replace(HPLC, HPLC.replace("HPLC", "UPLC")), encoding="utf-8")
    writes.clear()
    after, _ = _render(load_dossier(folder / "dossier.yaml").dossier, cache)
    changed = {key for key in after if after[key] != before[key]}
    assert ("3.2.S.4.2:minicillin:m-hplc", "pdf") in changed
    assert 0 < len(writes) == len(changed) < len(after)


def test_a_changed_template_is_a_miss_with_new_bytes(mini, tmp_path, writes):
    cache = RenderCache(tmp_path / "cache")
    doc = _doc(mini, "3.2.P.5.1")
    before, _ = _render(mini, cache)
    user = tmp_path / "templates" / "common" / doc.template
    user.parent.mkdir(parents=True)
    source = (packaged_templates() / "common" / doc.template).read_text(encoding="utf-8")
    user.write_text(source + "\n<p>An added paragraph.</p>\n", encoding="utf-8")
    writes.clear()
    after, _ = _render(mini, cache, templates_dir=tmp_path / "templates")
    key = (doc.key, "pdf")
    assert after[key] != before[key] and writes == ["pdf"]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: replace(d, language="ja"), id="language"),
        pytest.param(lambda d: replace(d, page="a4"), id="jurisdiction-page-fact"),
    ],
)
def test_a_changed_document_setting_is_a_miss_with_new_bytes(mini, tmp_path, writes, change):
    cache = RenderCache(tmp_path / "cache")
    doc = _doc(mini, "3.2.S.4.1")
    first = _job(mini, cache, doc)
    assert _job(mini, cache, doc) == first and writes == ["pdf"]
    assert _job(mini, cache, change(doc)) != first and writes == ["pdf", "pdf"]


def test_a_changed_font_is_a_miss_with_new_bytes(mini, tmp_path, writes, monkeypatch):
    cache = RenderCache(tmp_path / "cache")
    doc = _doc(mini, "3.2.S.4.1")
    first = _job(mini, cache, doc)
    real = fonts.latin_fonts()
    mono = {style: replace(f, path=f.path.with_name(f.path.name.replace("Sans", "SansMono"))) for style, f in real.items()}
    assert all(f.path.is_file() for f in mono.values())
    monkeypatch.setattr(fonts, "latin_fonts", lambda: mono)
    assert _job(mini, cache, doc) != first and writes == ["pdf", "pdf"]


def test_a_new_tool_version_is_a_miss(mini, tmp_path, writes, monkeypatch):
    cache = RenderCache(tmp_path / "cache")
    doc = _doc(mini, "3.2.S.4.1")
    first = _job(mini, cache, doc)
    assert _job(mini, cache, doc) == first and writes == ["pdf"]
    monkeypatch.setattr(ectd_builder, "__version__", ectd_builder.__version__ + ".post1")
    assert _job(mini, cache, doc) and writes == ["pdf", "pdf"]


def test_the_cache_folder_follows_xdg_cache_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert RenderCache.default().root.is_relative_to(tmp_path / "xdg")
    out = tmp_path / "out"
    result = run_cli(capsys, "render", MINI.parent, "-j", "fda", "--format", "html", "--out", out, "--jobs", "1")
    assert result.code == 0, result.err
    entries = [p for p in (tmp_path / "xdg" / "ectd-builder").rglob("*") if p.is_file()]
    assert len(entries) >= len(list(out.rglob("*.html"))) > 0
    assert not [p for p in entries if p.name.startswith(".tmp-")]  # no half-written entry left


def test_no_cache_reads_and_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    args = ("render", MINI.parent, "-j", "fda", "--format", "html", "--jobs", "1")
    assert run_cli(capsys, *args, "--out", tmp_path / "cached").code == 0
    entries = [p for p in (tmp_path / "xdg").rglob("*") if p.is_file()]
    assert entries
    for entry in entries:  # a read of any entry would now show in the output
        entry.write_bytes(b"not a document\n{}\n")
    assert run_cli(capsys, *args, "--no-cache", "--out", tmp_path / "fresh").code == 0
    assert sorted(p.read_bytes() for p in entries) == [b"not a document\n{}\n"] * len(entries)
    assert sorted(p for p in (tmp_path / "xdg").rglob("*") if p.is_file()) == sorted(entries)
    for page in (tmp_path / "cached").rglob("*.html"):
        assert (tmp_path / "fresh" / page.relative_to(tmp_path / "cached")).read_bytes() == page.read_bytes()
