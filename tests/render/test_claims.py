"""Conclusions about batches are computed from the data: compliant batches, deviations, qualified levels."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ectd_builder.dossier import load_dossier
from ectd_builder.render.api import build_model, write
from ectd_builder.render.plan import plan_documents
from tests.rules.builder import T, mutated, write_dossier

Change = Callable[[dict[str, Any]], None]


def S(d: dict[str, Any]) -> dict[str, Any]:
    return d["substances"][0]


def paragraphs(tmp_path: Path, key: str, jurisdiction: str = "ema", *changes: Change) -> list[str]:
    """The paragraphs (plain text) of document ``key`` of the rule tests' base dossier with ``changes``."""

    def change(d: dict[str, Any]) -> None:
        for c in changes:
            c(d)

    loaded = load_dossier(write_dossier(mutated(change), tmp_path))
    assert loaded.dossier is not None, [p.message for p in loaded.problems]
    doc = next(d for d in plan_documents(loaded.dossier, jurisdiction) if d.key == key)
    model, _ = build_model(loaded.dossier, doc)
    out = write(model, "html").decode("utf-8")
    return [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p[^>]*>(.*?)</p>", out, flags=re.DOTALL)]


def out_of_spec(d: dict[str, Any]) -> None:
    S(d)["batches"][0]["results"][0]["value"] = 0.21


def against_version_1(d: dict[str, Any]) -> None:
    spec = S(d)["specification"]
    spec["version"] = "2"
    spec["earlier_versions"] = [
        {"version": "1", "criteria": [{"test": "DS-T-IMP-A", "release": {"max": 0.50, "unit": "%"}}]}
    ]
    batch = S(d)["batches"][0]
    batch.update(specification_version="1", process_version="v1", uses=["nonclinical"])
    batch["results"][0]["value"] = 0.31


def test_all_batches_comply(tmp_path: Path) -> None:
    assert "Results of 3 batches (DS-B1, DS-B2, DS-B3) comply with the specification." in paragraphs(
        tmp_path, "3.2.S.4.4:API"
    )


def test_a_batch_out_of_specification_is_named_with_test_value_and_criterion(tmp_path: Path) -> None:
    text = paragraphs(tmp_path, "3.2.S.4.4:API", "ema", out_of_spec)
    assert "Results of 2 batches (DS-B2, DS-B3) comply with the specification." in text
    assert (
        "Batch DS-B1 (stability, clinical) does not comply with the specification: Impurity A 0.21% (NMT 0.15%)."
        in text
    )
    assert not any("3 batches" in p for p in text)


def test_a_batch_tested_against_an_earlier_version_says_so(tmp_path: Path) -> None:
    text = paragraphs(tmp_path, "3.2.S.4.4:API", "ema", against_version_1)
    assert (
        "Batch DS-B1 (nonclinical; process version v1; tested against specification version 1) complies with that "
        "version of the specification. Against the current specification: Impurity A 0.31% (NMT 0.15%)."
    ) in text


def test_the_justification_of_a_result_is_printed(tmp_path: Path) -> None:
    def justify(d: dict[str, Any]) -> None:
        S(d)["batches"][0]["results"][0]["justification"] = T("Laboratory error excluded (INV-7).")

    text = paragraphs(tmp_path, "3.2.S.4.4:API", "ema", out_of_spec, justify)
    assert "Justification (Impurity A): Laboratory error excluded (INV-7)." in text


@pytest.mark.parametrize(
    ("jurisdiction", "key", "sentence"),
    [
        (
            "pmda",
            "2.3.S:API",
            (
                "ロットDS-B1（非臨床試験、製法v1、第1版規格により試験）は当該版の規格に適合した。"
                "現行の規格に対する結果は次のとおりである：Impurity A（日本語） 0.31%（規格値：0.15%以下）。"
            ),
        ),
        (
            "nmpa",
            "3.2.S.4.4:API",
            (
                "批次DS-B1（非临床研究；工艺v1；按第1版质量标准检验）符合该版质量标准。"
                "按现行质量标准，结果如下：Impurity A（中文） 0.31%（限度：不得过0.15%）。"
            ),
        ),
    ],
)
def test_the_sentences_are_japanese_and_chinese(tmp_path: Path, jurisdiction: str, key: str, sentence: str) -> None:
    text = paragraphs(tmp_path, key, jurisdiction, against_version_1)
    assert sentence in text
    assert any(p.startswith(("2ロット（DS-B2、DS-B3）", "2批（DS-B2、DS-B3）")) for p in text)


def test_validation_batches_are_judged_too(tmp_path: Path) -> None:
    def pv_batches(d: dict[str, Any]) -> None:
        S(d)["process_validation"]["studies"][0]["batches"] = ["DS-B1", "DS-B2", "DS-B3"]

    assert "Results of the validation batches (DS-B1, DS-B2, DS-B3) comply with the specification." in paragraphs(
        tmp_path / "ok", "3.2.S.2.5:API", "ema", pv_batches
    )
    text = paragraphs(tmp_path / "oos", "3.2.S.2.5:API", "ema", pv_batches, out_of_spec)
    assert "Results of the validation batches (DS-B2, DS-B3) comply with the specification." in text
    assert any(p.startswith("Batch DS-B1 (stability, clinical) does not comply") for p in text)


def test_qualified_levels_are_compared_with_limit_and_batches(tmp_path: Path) -> None:
    def qualified(level: float) -> Change:
        def run(d: dict[str, Any]) -> None:
            S(d)["impurities"][0].update(qualified_level={"value": level, "unit": "%"}, qualification=T("Tox study."))

        return run

    text = paragraphs(tmp_path / "a", "3.2.S.3.2:API", "ema", qualified(0.20))
    assert "The acceptance criterion for Impurity A (NMT 0.15%) does not exceed the qualified level of 0.2%." in text
    assert "The highest batch result for Impurity A is 0.08% (batch DS-B1)." in text
    text = paragraphs(tmp_path / "b", "3.2.S.3.2:API", "ema", qualified(0.10), out_of_spec)
    assert "The acceptance criterion for Impurity A (NMT 0.15%) exceeds the qualified level of 0.1%." in text
    assert "Batch results for Impurity A above the qualified level of 0.1%: DS-B1 0.21%." in text


def rows(tmp_path: Path, key: str, *changes: Change) -> list[list[str]]:
    """The table rows (cell texts) of document ``key``."""

    def change(d: dict[str, Any]) -> None:
        for c in changes:
            c(d)

    loaded = load_dossier(write_dossier(mutated(change), tmp_path))
    assert loaded.dossier is not None
    doc = next(d for d in plan_documents(loaded.dossier, "ema") if d.key == key)
    out = write(build_model(loaded.dossier, doc)[0], "html").decode("utf-8")
    cell = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", flags=re.DOTALL)
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in cell.findall(tr)]
        for tr in re.findall(r"<tr>(.*?)</tr>", out, flags=re.DOTALL)
    ]


def test_the_batch_table_gives_process_and_specification_versions(tmp_path: Path) -> None:
    table = rows(tmp_path / "v", "3.2.S.4.4:API", against_version_1)
    assert table[0] == [
        "Batch",
        "Process version",
        "Spec. version",
        "Batch size",
        "Scale",
        "Site",
        "Manufactured",
        "Use",
    ]
    assert table[1][:3] == ["DS-B1", "v1", "1"] and table[1][-2:] == ["2026-06-01", "Nonclinical"]
    assert table[2][:3] == ["DS-B2", "–", "Current"]
    plain = rows(tmp_path / "plain", "3.2.S.4.4:API")
    assert plain[0][:3] == ["Batch", "Process version", "Batch size"]


def test_a_result_reported_as_not_complying_is_named(tmp_path: Path) -> None:
    def fails(d: dict[str, Any]) -> None:
        S(d)["batches"][2]["results"].append({"test": "DS-T-ID", "text": T("Does not comply")})

    text = paragraphs(tmp_path, "3.2.S.4.4:API", "ema", fails)
    assert "Results of 2 batches (DS-B1, DS-B2) comply with the specification." in text
    assert (
        "Batch DS-B3 (stability, clinical) does not comply with the specification: Identification (IR) Does not "
        "comply (Conforms)."
    ) in text


def test_batches_of_a_validation_scheme_are_not_called_validation_batches(tmp_path: Path) -> None:
    key = "3.2.P.3.5:" + load_dossier(write_dossier(mutated(lambda d: None), tmp_path / "probe")).dossier.products[0].id  # type: ignore[union-attr]

    def status(value: str) -> Change:
        def change(d: dict[str, Any]) -> None:
            product = d["products"][0]
            product["process_validation"]["status"] = value
            product["process_validation"]["studies"][0]["batches"] = [b["id"] for b in product["batches"]]

        return change

    scheme, completed = status("scheme"), status("completed")

    pending = " ".join(paragraphs(tmp_path / "s", key, "ema", scheme))
    done = " ".join(paragraphs(tmp_path / "c", key, "ema", completed))
    assert "they support, but are not, the process validation" in pending and "validation batches" not in pending
    assert "Results of the validation batches" in done
