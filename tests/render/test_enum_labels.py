"""Model values print as labels in the document language; a value without a label is a render problem."""

from __future__ import annotations

import json
import typing

import pytest
from ectd_builder.dossier.model import ReportingCategories
from ectd_builder.problems import Severity
from ectd_builder.render import figures
from ectd_builder.render.api import build_model
from ectd_builder.render.context import MISSING_LABEL, RenderContext
from ectd_builder.render.environment import labels
from ectd_builder.render.model import to_data
from ectd_builder.render.plan import plan_documents
from ectd_builder.render.stability import Drawn

from .conftest import example_names

LANGUAGES = ("en", "ja", "zh")


def _planned(dossier, jurisdiction: str, key: str):
    return next(d for d in plan_documents(dossier, jurisdiction) if d.key == key)


def _context(dossier, jurisdiction: str) -> RenderContext:
    doc = _planned(dossier, jurisdiction, "3.2.S.2.2:minicillin")
    return RenderContext(dossier, doc, labels(doc.language), jurisdiction=jurisdiction)


@pytest.mark.parametrize(
    ("jurisdiction", "value", "label"),
    [
        ("pmda", "partial_change", "partial change approval application"),  # PMDA Module 3 is English
        ("nmpa", "major", "重大变更"),
        ("nmpa", "moderate", "中等变更"),
        ("nmpa", "minor", "微小变更"),
    ],
)
def test_reporting_categories_print_as_regional_names(mini, jurisdiction: str, value: str, label: str) -> None:
    ctx = _context(mini, jurisdiction)
    assert ctx.enum(value, f"reporting.{jurisdiction}") == label
    assert ctx.problems == []


def test_japanese_names_of_the_pmda_categories() -> None:
    ja = labels("ja")
    assert [ja[f"enum.reporting.pmda.{v}"] for v in ("partial_change", "moderate_change", "minor_change")] == [
        "一部変更承認申請",
        "中等度変更事項",
        "軽微変更届出",
    ]


def test_every_reporting_category_has_a_label_in_every_language() -> None:
    for region, field in ReportingCategories.model_fields.items():
        values = [v for arg in typing.get_args(field.annotation) for v in typing.get_args(arg)]
        assert values, region
        for language in LANGUAGES:
            own = labels(language)
            missing = [v for v in values if f"enum.reporting.{region}.{v}" not in own]
            assert missing == [], (language, region)


def test_a_value_without_a_label_is_a_render_problem(mini) -> None:
    ctx = _context(mini, "nmpa")
    assert ctx.enum("teleported") == "teleported"
    assert ctx.enum("teleported") == "teleported"  # reported once per document
    assert [(p.code, p.severity, p.file, p.message) for p in ctx.problems] == [
        (
            MISSING_LABEL,
            Severity.WARNING,
            "templates/zh/labels.yaml",
            "3.2.S.2.2:minicillin: the value 'teleported' has no label 'enum.teleported'; it was printed as written",
        )
    ]
    assert ctx.enum("CPP") == "关键工艺参数" and len(ctx.problems) == 1  # a labelled value is not reported


@pytest.mark.parametrize(
    ("jurisdiction", "shown", "raw"),
    [("nmpa", "是（中等变更）", "moderate"), ("pmda", "Yes (partial change approval application)", "partial_change")],
)
def test_documents_show_the_label_not_the_value(mini, jurisdiction: str, shown: str, raw: str) -> None:
    model, problems = build_model(mini, _planned(mini, jurisdiction, "3.2.S.2.2:minicillin"))
    text = json.dumps(to_data(model.blocks), ensure_ascii=False)
    assert f'"text": "{shown}"' in text  # the whole cell, with the language's own brackets
    assert f"({raw})" not in text and f"（{raw}）" not in text
    assert [p for p in problems if p.code == MISSING_LABEL] == []


@pytest.mark.parametrize("name", example_names())
def test_no_example_document_prints_a_value_without_its_label(load_example, name: str, monkeypatch) -> None:
    monkeypatch.setattr(figures, "render_figure", lambda *a, **k: Drawn(b"\x89PNG", b"", 10, 5, ()))  # templates only
    dossier = load_example(name)
    unlabelled = []
    for jurisdiction in ("pmda", "nmpa"):  # the Japanese and Chinese documents
        for doc in plan_documents(dossier, jurisdiction):
            if doc.language != "en":
                unlabelled += [p.message for p in build_model(dossier, doc)[1] if p.code == MISSING_LABEL]
    assert unlabelled == []
