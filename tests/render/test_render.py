"""Templates -> document model -> PDF/DOCX/HTML on the mini dossier and the examples."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import docx
import pytest
from ectd_builder.errors import EctdError
from ectd_builder.render import api, figures, fonts
from ectd_builder.render.api import build_model, render_all, render_document
from ectd_builder.render.context import MISSING_TRANSLATION
from ectd_builder.render.errors import FontNotFoundError
from ectd_builder.render.model import Figure, Heading, Table, to_data
from ectd_builder.render.plan import plan_documents
from ectd_builder.render.stability import Drawn

from ..conftest import REGEN_GOLDEN
from .conftest import HERE, JURISDICTIONS, MINI, example_names
from .pdfcheck import check_pdf, text_of

GOLDEN = HERE / "golden"
GOLDEN_DOCS = [
    ("ema", "2.3.S:minicillin"),
    ("ema", "3.2.S.2.2:minicillin"),
    ("ema", "3.2.S.4.1:minicillin"),
    ("ema", "3.2.P.1:mini-tab"),
    ("ema", "3.2.P.4.5:mini-tab:exc-lactose"),
    ("ema", "3.2.P.8.3:mini-tab"),
    ("fda", "3.2.R"),
    ("nmpa", "2.3.P:mini-tab"),
    ("nmpa", "3.2.P.8.3:mini-tab"),
    ("pmda", "2.3.S:minicillin"),
]


def planned(dossier, jurisdiction, key):
    return next(d for d in plan_documents(dossier, jurisdiction) if d.key == key)


def golden_data(model) -> dict:
    data = to_data(model)
    # images: key and size only (PNG bytes depend on the matplotlib/freetype build)
    data["images"] = [{"key": img["key"], "size": img["size"]} for img in data["images"]]
    return data


@pytest.mark.parametrize("jurisdiction, key", GOLDEN_DOCS)
def test_document_model_golden(mini, jurisdiction, key):
    model, _ = build_model(mini, planned(mini, jurisdiction, key))
    got = json.dumps(golden_data(model), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = GOLDEN / f"{jurisdiction}-{key.replace(':', '_')}.json"
    if REGEN_GOLDEN or not path.exists():
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{path.name} differs; ECTD_REGEN_GOLDEN=1 regenerates"


def test_stability_document_states_the_q1e_evaluation(mini):
    model, _ = build_model(mini, planned(mini, "ema", "3.2.P.8.3:mini-tab"))
    text = json.dumps(to_data(model.blocks))
    assert "one-sided 95 % confidence bound" in text
    assert "The data support a shelf life of 24 months." in text
    assert "Common slope" in text or "Pooled" in text or "Per batch" in text
    figures = [b for b in model.blocks if isinstance(b, Figure)]
    assert len(figures) == 3 and {f.src for f in figures} == {i.key for i in model.images}


def test_nmpa_documents_are_chinese(mini):
    model, problems = build_model(mini, planned(mini, "nmpa", "3.2.S.4.1:minicillin"))
    assert model.language == "zh" and not problems
    table = next(b for b in model.blocks if isinstance(b, Table))
    assert [c.runs[0].text for c in table.head[0].cells] == [
        "检验项目",
        "检验方法",
        "可接受标准（放行）",
        "可接受标准（复验）",  # minicillin has a retest period
    ]
    assert "".join(r.text for r in table.body[1].cells[2].runs) == "98.0–102.0%"  # as written in the YAML


def test_missing_translation_is_reported_and_falls_back_to_english(mini):
    model, problems = build_model(mini, planned(mini, "pmda", "2.3.P:mini-tab"))
    missing = [p for p in problems if p.code == MISSING_TRANSLATION]
    assert missing and all(p.jurisdiction == "pmda" and "'ja'" in p.message for p in missing)
    assert "A simple direct-compression formulation." in json.dumps(to_data(model.blocks), ensure_ascii=False)
    # the fully translated Chinese version reports nothing
    assert not build_model(mini, planned(mini, "nmpa", "2.3.P:mini-tab"))[1]


MINI_SAMPLE = {
    "fda": {"3.2.S.4.1:minicillin"},
    "ema": {"2.3.P:mini-tab"},
    "pmda": {"2.3.P:mini-tab", "3.2.S.4.1:minicillin"},
    "nmpa": {"3.2.P.8.3:mini-tab"},
}


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_mini_renders_pdf_docx_html(mini, jurisdiction):
    keys = MINI_SAMPLE[jurisdiction]
    out = render_all(mini, jurisdiction, ("pdf", "docx", "html"), only=lambda d: d.key in keys)
    assert len(out) == 4 * len(keys)  # pdf, docx, html and the provenance map beside the html
    for item in out:
        if item.fmt == "pdf":
            reader = check_pdf(item.data)
            text = text_of(reader)
            if item.doc.language == "zh":
                assert "迷你西林" in text
            if item.doc.language == "ja":
                assert "ミニシリン" in text
            assert reader.outline[0].title == item.doc.title
            assert reader.metadata.creation_date.date().isoformat() == "2026-03-01"
        elif item.fmt == "docx":
            document = docx.Document(io.BytesIO(item.data))
            assert document.paragraphs[0].style.name == "Heading 1"
            assert document.paragraphs[0].text == item.doc.title
        elif item.fmt == "html":
            assert item.data.startswith(b"<!DOCTYPE html>")
        else:
            assert item.fmt == "provenance" and item.data.startswith(b"{")


def test_rendering_twice_gives_identical_bytes(mini):
    with_figures = planned(mini, "nmpa", "3.2.P.8.3:mini-tab")
    assert render_document(mini, with_figures, "pdf") == render_document(mini, with_figures, "pdf")
    doc = planned(mini, "ema", "3.2.S.4.1:minicillin")
    for fmt in ("docx", "html"):
        assert render_document(mini, doc, fmt) == render_document(mini, doc, fmt), fmt


def test_identical_bytes_in_a_fresh_process(mini, tmp_path):
    doc = planned(mini, "pmda", "2.3.S:minicillin")
    script = (
        "import sys; from pathlib import Path; from ectd_builder.dossier import load_dossier;"
        "from ectd_builder.render.api import render_document; from ectd_builder.render.plan import plan_documents;"
        f"d = load_dossier(Path({str(MINI)!r})).dossier;"
        f"doc = next(x for x in plan_documents(d, 'pmda') if x.key == {doc.key!r});"
        "sys.stdout.buffer.write(render_document(d, doc, 'pdf'))"
    )
    fresh = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True).stdout
    assert fresh == render_document(mini, doc, "pdf")


def test_missing_cjk_font_names_the_fix(mini, monkeypatch):
    monkeypatch.delenv("ECTD_CJK_FONT", raising=False)
    monkeypatch.setattr(fonts, "_package_cjk", lambda: None)
    monkeypatch.setattr(fonts, "_SYSTEM_CJK", ())
    fonts._find_cjk_cached.cache_clear()
    try:
        with pytest.raises(FontNotFoundError) as info:
            render_document(mini, planned(mini, "nmpa", "3.2.S.1.1:minicillin"), "pdf")
        assert "noto-cjk-sans-otc noto-cjk-sans-jp-bold" in info.value.hint and "fonts-noto-cjk" in info.value.hint
        # English documents need no CJK font
        check_pdf(render_document(mini, planned(mini, "fda", "3.2.S.1.1:minicillin"), "pdf"))
    finally:
        fonts._find_cjk_cached.cache_clear()


def test_user_templates_and_labels_override(mini, tmp_path):
    (tmp_path / "zh" / "m3").mkdir(parents=True)
    (tmp_path / "zh" / "m3" / "3.2.S.4.1.xhtml.j2").write_text(
        "<h1>{{ doc.title }}</h1><p>公司模板 {{ L.col_test }}</p>", encoding="utf-8"
    )
    (tmp_path / "zh" / "labels.yaml").write_text('col_test: "试验项目"\n', encoding="utf-8")
    model, _ = build_model(mini, planned(mini, "nmpa", "3.2.S.4.1:minicillin"), templates_dir=tmp_path)
    assert to_data(model.blocks)[1]["runs"][0]["text"] == "公司模板 试验项目"
    # other documents still come from the packaged templates
    other, _ = build_model(mini, planned(mini, "nmpa", "3.2.S.1.1:minicillin"), templates_dir=tmp_path)
    assert isinstance(other.blocks[0], Heading)


@pytest.mark.parametrize(
    "body, message",
    [
        ("{{ ''.__class__.__mro__ }}", "unsafe"),
        ("{{ dossier.nope }}", "nope"),
        ("<script>x</script>", "vocabulary"),
    ],
)
def test_bad_user_templates_are_clear_errors(mini, tmp_path, body, message):
    (tmp_path / "common" / "m3").mkdir(parents=True)
    (tmp_path / "common" / "m3" / "3.2.S.1.1.xhtml.j2").write_text(body, encoding="utf-8")
    with pytest.raises(EctdError, match=message):
        build_model(mini, planned(mini, "ema", "3.2.S.1.1:minicillin"), templates_dir=tmp_path)


@pytest.fixture()
def no_figures(monkeypatch):
    """Skip matplotlib where a test only needs the templates to run (figures are tested above)."""
    monkeypatch.setattr(figures, "render_figure", lambda *a, **k: Drawn(b"\x89PNG", b"", 10, 5, ()))


@pytest.mark.parametrize("name", example_names())
def test_every_example_document_renders_for_every_jurisdiction(load_example, name, no_figures):
    dossier = load_example(name)
    internal_ids = _internal_ids(dossier)
    for jurisdiction in JURISDICTIONS:
        for doc in plan_documents(dossier, jurisdiction):
            model, problems = build_model(dossier, doc)
            assert isinstance(model.blocks[0], Heading) and model.blocks[0].text == doc.title
            assert len(model.blocks) > 1, doc.key
            if doc.language == "en":
                assert not problems, (doc.key, problems[:2])
            words = set(re.split(r"[\s,;:()（）：，、]+", json.dumps(to_data(model), ensure_ascii=False)))
            assert not words & internal_ids, f"{doc.key} shows internal ids: {sorted(words & internal_ids)[:5]}"


def _internal_ids(dossier) -> set[str]:
    """Ids a reader must never see (names are rendered instead); substance ids are often the INN."""
    ids = {p.id for owner in (*dossier.substances, *dossier.products) for s in owner.process.steps for p in s.parameters}
    ids |= {c.id for owner in (*dossier.substances, *dossier.products) for s in owner.process.steps for c in s.controls}
    ids |= {t.id for owner in (*dossier.substances, *dossier.products) for t in owner.specification.tests}
    ids |= {m.id for m in dossier.methods} | {e.id for e in dossier.excipients}
    for owner in (*dossier.substances, *dossier.products):
        for intermediate in owner.process.intermediates:
            ids |= {intermediate.id} | {t.id for t in intermediate.tests}
    return {i for i in ids if "-" in i}  # plain words such as 'lactose' may legitimately appear in prose


# sections rendered to PDF and read back per jurisdiction: long tables, Japanese, Chinese (figures:
# the mini dossier's 3.2.P.8.3 above)
PDF_SAMPLE = {
    "fda": ("3.2.S.7.1", "3.2.S.2.2"),
    "ema": ("3.2.S.4.4", "3.2.P.5.1"),
    "pmda": ("2.3.S",),
    "nmpa": ("2.3.P", "3.2.P.1"),
}


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_example_pdfs_read_back(load_example, name, jurisdiction):
    dossier = load_example(name)
    sample = PDF_SAMPLE[jurisdiction]
    rendered = render_all(dossier, jurisdiction, ("pdf",), only=lambda d: d.section in sample)
    assert {r.doc.section for r in rendered} == set(sample)
    for item in rendered:
        reader = check_pdf(item.data)
        text = text_of(reader)
        if item.doc.language == "zh":
            assert sum("\u4e00" <= ch <= "\u9fff" for ch in text) > 20, item.doc.key
        assert item.doc.title.replace(" ", "")[:20] in text


def test_page_sizes(mini):
    letter = render_document(mini, planned(mini, "fda", "3.2.S.1.1:minicillin"), "pdf")
    a4 = render_document(mini, planned(mini, "ema", "3.2.S.1.1:minicillin"), "pdf")
    assert round(float(check_pdf(letter).pages[0].mediabox.width)) == 612
    assert round(float(check_pdf(a4).pages[0].mediabox.width)) == 595


def test_api_rejects_unknown_format(mini):
    with pytest.raises(EctdError, match="unknown output format"):
        api.write(build_model(mini, planned(mini, "ema", "3.2.S.1.1:minicillin"))[0], "rtf")


def test_attachments_at_the_section_are_listed(mini):
    ema, _ = build_model(mini, planned(mini, "ema", "3.2.S.2.2:minicillin"))
    nmpa, _ = build_model(mini, planned(mini, "nmpa", "3.2.S.2.2:minicillin"))
    assert "Flow diagram of the minicillin synthesis" in json.dumps(to_data(ema.blocks))
    assert "迷你西林合成工艺流程图" not in json.dumps(to_data(nmpa.blocks), ensure_ascii=False)


def test_control_strategy_names_controls_not_ids(examples_dir) -> None:
    """Control-strategy tables say which parameter or in-process control (and step), never an id."""
    from ectd_builder.dossier import load_dossier

    dossier = load_dossier(examples_dir / "tablet").dossier
    product = dossier.products[0]
    refs = {ref for link in product.development.control_strategy for ref in link.controls}
    param_ids = {p.id for s in product.process.steps for p in s.parameters}
    assert refs & param_ids, "the example links CQAs to process parameters"
    doc = next(d for d in plan_documents(dossier, "pmda") if d.key == f"2.3.P:{product.id}")
    model, _ = build_model(dossier, doc)
    text = json.dumps(to_data(model), ensure_ascii=False)
    assert "工程パラメータ" in text
    assert not [r for r in refs & param_ids if f'"{r}"' in text or f" {r} " in text or f">{r}<" in text]
