"""``ectd render`` end to end on the mini dossier."""

from __future__ import annotations

import shutil

import docx
from ectd_builder.cli.main import app
from typer.testing import CliRunner

from .conftest import MINI
from .pdfcheck import check_pdf

runner = CliRunner()


def test_render_writes_every_planned_document(tmp_path, monkeypatch):
    from ectd_builder.render import figures
    from ectd_builder.render.stability import Drawn

    # figures are tested in test_render.py; skipping matplotlib here keeps this end-to-end run fast
    # (--jobs 1: the patch is seen only in this process, not by worker processes)
    monkeypatch.setattr(figures, "render_figure", lambda *a, **k: Drawn(b"\x89PNG", b"", 10, 5, ()))
    dossier = tmp_path / "mini"
    shutil.copytree(MINI.parent, dossier)
    result = runner.invoke(app, ["render", str(dossier), "-j", "nmpa", "--format", "html", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    out = dossier / "build" / "render" / "nmpa"
    files = sorted(out.rglob("*.html"))
    assert len(files) == 51
    assert (out / "m3" / "3.2.S.4.1" / "specification-minicillin.html").is_file()
    assert "wrote 51 HTML" in result.output and "51 documents for nmpa" in result.output
    # a second run replaces the folder whole (no stale files)
    (out / "stale.txt").write_text("x")
    assert runner.invoke(app, ["render", str(dossier), "-j", "nmpa", "--format", "html", "--jobs", "1"]).exit_code == 0
    assert not (out / "stale.txt").exists()


def test_render_pdf_and_docx_with_reference_document(tmp_path, monkeypatch):
    # a one-document plan keeps this test fast; the full plan is covered above
    from ectd_builder.render import api

    real = api.plan_documents
    monkeypatch.setattr(api, "plan_documents", lambda d, j: [x for x in real(d, j) if x.key == "3.2.S.4.1:minicillin"])
    reference = tmp_path / "company.docx"
    docx.Document().save(reference)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "render",
            str(MINI),
            "-j",
            "pmda",
            "--format",
            "pdf,docx",
            "--out",
            str(out),
            "--reference-docx",
            str(reference),
        ],
    )
    assert result.exit_code == 0, result.output
    check_pdf((out / "m3" / "3.2.S.4.1" / "specification-minicillin.pdf").read_bytes())
    assert (
        docx.Document(out / "m3" / "3.2.S.4.1" / "specification-minicillin.docx").paragraphs[0].style.name
        == "Heading 1"
    )


def test_strict_fails_on_missing_translations(tmp_path, monkeypatch):
    from ectd_builder.render import api

    real = api.plan_documents
    monkeypatch.setattr(api, "plan_documents", lambda d, j: [x for x in real(d, j) if x.key == "2.3.P:mini-tab"])
    result = runner.invoke(
        app, ["render", str(MINI), "-j", "pmda", "--format", "html", "--out", str(tmp_path), "--strict"]
    )
    assert result.exit_code == 1
    assert "REN001" in result.output
    # the warning points at the untranslated text in the YAML (file:line:col), not at the document
    text = MINI.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if "A simple direct-compression formulation." in t)
    assert f"dossier.yaml:{line}:" in result.output


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["render", str(MINI), "-j", "xyz"]).exit_code == 2
    assert runner.invoke(app, ["render", str(MINI), "-j", "fda", "--format", "rtf"]).exit_code == 2
    assert runner.invoke(app, ["render", str(tmp_path), "-j", "fda"]).exit_code == 2
    missing = tmp_path / "nope.docx"
    assert runner.invoke(app, ["render", str(MINI), "-j", "fda", "--reference-docx", str(missing)]).exit_code == 2
