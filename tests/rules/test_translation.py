"""TR-01: each untranslated text a Chinese document would show is a warning at its own line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ectd_builder.dossier import load_dossier
from ectd_builder.dossier.text import is_translated
from ectd_builder.problems import Severity
from ectd_builder.rules.engine import run_rules

from tests.rules.builder import mutated, write_dossier


def _method(d: dict[str, Any], mid: str) -> dict[str, Any]:
    return next(m for m in d["methods"] if m["id"] == mid)


def _localise(d: dict[str, Any]) -> None:
    """Technique and compendial reference are localised texts: a plain string is English only."""
    for m in d["methods"]:
        for name in ("technique", "compendial"):
            if isinstance(m.get(name), str):
                m[name] = {"en": m[name], "ja": f"{m[name]}（日本語）", "zh": f"{m[name]}（中文）"}


def _untranslate(d: dict[str, Any]) -> None:
    _localise(d)
    _method(d, "M-VIS")["principle"] = {"en": "The tablets are inspected against a white background."}
    _method(d, "M-VIS")["title"] = {"en": "Visual inspection", "ja": "目視検査"}


def _plain_method_texts(d: dict[str, Any]) -> None:
    _localise(d)
    _method(d, "M-VIS")["technique"] = "Visual inspection under daylight"  # a plain string is English
    _method(d, "M-IR")["compendial"] = {"en": "Ph. Eur. 2.2.24", "ja": "Ph. Eur. 2.2.24"}


def _tr01(tmp_path: Path, change: Any, jurisdiction: str = "nmpa") -> tuple[list[Any], list[str]]:
    folder = write_dossier(mutated(change), tmp_path)
    result = load_dossier(folder.parent)
    assert result.dossier is not None, [p.message for p in result.problems]
    found = [p for p in run_rules(result, [jurisdiction]) if p.code == "TR-01"]
    return found, folder.read_text(encoding="utf-8").splitlines()


def test_every_untranslated_field_is_a_warning_at_its_line(tmp_path: Path) -> None:
    found, lines = _tr01(tmp_path, _untranslate)
    index = next(i for i, m in enumerate(mutated(_untranslate)["methods"]) if m["id"] == "M-VIS")
    assert [(p.severity, p.path, p.message) for p in found] == [
        (
            Severity.WARNING,
            f"methods[{index}].title",
            (
                f"analytical procedure M-VIS: methods[{index}].title has no 'zh' text; the Chinese documents "
                'would show the English "Visual inspection"'
            ),
        ),
        (
            Severity.WARNING,
            f"methods[{index}].principle",
            (
                f"analytical procedure M-VIS: methods[{index}].principle has no 'zh' text; the Chinese documents "
                'would show the English "The tablets are inspected against a white backgro…"'
            ),
        ),
    ]
    title, principle = found
    assert principle.file and principle.file.endswith("dossier.yaml")
    assert lines[principle.line - 1][principle.col - 1 :].lstrip("{ ").startswith("en: The tablets are inspected")
    assert "Visual inspection" in lines[title.line - 1]
    assert principle.hint == "Add 'zh: ...' next to 'en:' in this field."


def test_a_fully_translated_dossier_and_english_jurisdictions_pass(tmp_path: Path) -> None:
    assert _tr01(tmp_path / "a", _localise)[0] == []
    assert _tr01(tmp_path / "b", _localise, "pmda")[0] == []
    assert _tr01(tmp_path / "c", _untranslate, "fda")[0] == []
    assert _tr01(tmp_path / "d", _plain_method_texts, "ema")[0] == []


def test_technique_and_compendial_reference_are_checked_at_their_line(tmp_path: Path) -> None:
    found, lines = _tr01(tmp_path, _plain_method_texts)
    data = mutated(_plain_method_texts)
    vis = next(i for i, m in enumerate(data["methods"]) if m["id"] == "M-VIS")
    ir = next(i for i, m in enumerate(data["methods"]) if m["id"] == "M-IR")
    assert [(p.severity, p.path) for p in found] == [
        (Severity.WARNING, f"methods[{vis}].technique"),
        (Severity.WARNING, f"methods[{ir}].compendial"),
    ]
    technique, compendial = found
    assert technique.message == (
        f"analytical procedure M-VIS: methods[{vis}].technique has no 'zh' text; the Chinese documents "
        'would show the English "Visual inspection under daylight"'
    )
    assert lines[technique.line - 1].strip() == "technique: Visual inspection under daylight"
    assert lines[technique.line - 1][technique.col - 1 :] == "Visual inspection under daylight"
    assert lines[compendial.line - 1].strip() == "en: Ph. Eur. 2.2.24"


def test_pmda_documents_need_the_japanese_text(tmp_path: Path) -> None:
    """PMDA writes Module 2 in Japanese (module_languages m2: ja): TR-01 asks for 'ja', not 'zh'."""
    found, lines = _tr01(tmp_path, _plain_method_texts, "pmda")
    vis = next(i for i, m in enumerate(mutated(_plain_method_texts)["methods"]) if m["id"] == "M-VIS")
    assert [(p.path, p.message) for p in found] == [
        (
            f"methods[{vis}].technique",
            f"analytical procedure M-VIS: methods[{vis}].technique has no 'ja' text; the Japanese documents "
            'would show the English "Visual inspection under daylight"',
        )
    ]  # the compendial reference has its 'ja' text
    assert lines[found[0].line - 1].strip() == "technique: Visual inspection under daylight"
    assert found[0].hint == "Add 'ja: ...' next to 'en:' in this field."


def test_one_translation_test_for_renderer_and_rules() -> None:
    assert is_translated({"en": "White tablet", "zh": "白色片"}, "zh")
    assert not is_translated({"en": "White tablet"}, "zh")
    assert not is_translated({"en": "White tablet", "zh": "  "}, "zh")
    assert is_translated({"en": "< 0.05 %"}, "zh")  # language-neutral: reads the same in Chinese
    assert is_translated(None, "zh")
