"""Rule R-01: 3.2.R content a jurisdiction requires (profile data) is attached, else a located error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ectd_builder.dossier import load_dossier
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.profiles import load_profile, parse_profile, profile_path
from ectd_builder.problems import Severity
from ectd_builder.rules import run_rules

from .builder import mutated, write_dossier

NMPA_ITEMS = {
    "ATT-CN-PV": ("process validation protocol and report", "pv_report or pv_scheme"),
    "ATT-CN-EBR": ("executed batch records", "executed_batch_record"),
    "ATT-CN-MVR": ("analytical method validation reports", "method_validation_package"),
    "ATT-CN-CHROM": ("stability study chromatograms", "stability_chromatograms"),
}


def _r01(change: Callable[[dict[str, Any]], None], tmp_path: Path, jurisdiction: str) -> tuple[Path, list[Any]]:
    path = write_dossier(mutated(change), tmp_path)
    result = load_dossier(path.parent)
    assert result.dossier is not None, [p.message for p in result.problems]
    return path, [p for p in run_rules(result, [jurisdiction]) if p.code == "R-01"]


def _without(*ids: str) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        d["attachments"] = [a for a in d["attachments"] if a["id"] not in ids]

    return change


def _attachments_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if line.startswith("attachments:")) + 1


def test_the_complete_dossier_passes_for_nmpa(tmp_path: Path) -> None:
    assert _r01(lambda d: None, tmp_path, "nmpa")[1] == []


@pytest.mark.parametrize("att_id", sorted(NMPA_ITEMS))
def test_missing_nmpa_content_is_an_error_naming_what_where_and_the_line(att_id: str, tmp_path: Path) -> None:
    path, fired = _r01(_without(att_id), tmp_path, "nmpa")
    assert len(fired) == 1, [p.message for p in fired]
    problem = fired[0]
    title, kinds = NMPA_ITEMS[att_id]
    assert problem.severity is Severity.ERROR and problem.jurisdiction == "nmpa"
    assert f"NMPA requires {title}" in problem.message
    assert "in 3.2.R" in problem.message and f"kind {kinds}" in problem.message
    assert problem.file == str(path) or problem.file.endswith("dossier.yaml")
    assert problem.line == _attachments_line(path) + 1  # the first entry of the attachments list
    assert "section: 3.2.R" in (problem.hint or "") and "jurisdictions: [nmpa]" in (problem.hint or "")


def test_an_attachment_of_the_wrong_kind_or_section_does_not_count(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        for a in d["attachments"]:
            if a["id"] == "ATT-CN-CHROM":
                a["kind"] = "report"
            if a["id"] == "ATT-CN-MVR":
                a["section"] = "3.2.P.5.3"

    _, fired = _r01(change, tmp_path, "nmpa")
    assert sorted(p.message.split(" for ")[0] for p in fired) == [
        "NMPA requires analytical method validation reports",
        "NMPA requires stability study chromatograms",
    ]


def test_an_attachment_for_another_region_does_not_count(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        next(a for a in d["attachments"] if a["id"] == "ATT-CN-EBR")["jurisdictions"] = ["fda"]

    _, fired = _r01(change, tmp_path, "nmpa")
    assert [p.message.split(" for ")[0] for p in fired] == ["NMPA requires executed batch records"]


def test_fda_executed_batch_records_are_a_warning(tmp_path: Path) -> None:
    path, fired = _r01(_without("ATT-EBR"), tmp_path, "fda")
    assert [(p.severity, p.line) for p in fired] == [(Severity.WARNING, _attachments_line(path) + 1)]
    assert "FDA requires executed batch records for the drug product" in fired[0].message


def test_pmda_requires_no_3_2_r_content(tmp_path: Path) -> None:
    assert _r01(_without(*NMPA_ITEMS, "ATT-EBR"), tmp_path, "pmda")[1] == []


def test_requirements_are_profile_data_with_source_and_verified() -> None:
    nmpa = load_profile("nmpa")
    required = [r for r in nmpa.regional_requirements if r.required]
    assert [r.id for r in required] == [
        "process-validation",
        "executed-batch-records",
        "method-validation-reports",
        "stability-chromatograms",
    ]
    for item in nmpa.regional_requirements:
        assert item.source and isinstance(item.verified, bool) and set(item.title) == {"en", "ja", "zh"}
    assert nmpa.regional_3_2_r[0] == "Process validation protocol and report"
    assert load_profile("pmda").regional_requirements == ()


def test_a_profile_item_with_an_unknown_kind_is_a_located_error(tmp_path: Path) -> None:
    text = profile_path("nmpa").read_text(encoding="utf-8")
    bad = text.replace("kinds: [stability_chromatograms]", "kinds: [chromatograms]", 1)
    assert bad != text
    target = tmp_path / "nmpa.yaml"
    target.write_text(bad, encoding="utf-8")
    with pytest.raises(EctdError) as caught:
        parse_profile(target, expected_id="nmpa")
    message = str(caught.value)
    line = text[: text.index("- id: stability-chromatograms")].count("\n") + 1  # the item with the bad kind
    assert f"nmpa.yaml:{line}:" in message
    assert "stability-chromatograms" in message and "kinds must be" in message


def test_without_an_attachments_list_the_error_points_at_the_dossier_file(tmp_path: Path) -> None:
    path, fired = _r01(lambda d: d.pop("attachments"), tmp_path, "nmpa")
    assert len(fired) == 4
    assert {(p.file, p.line, p.col) for p in fired} == {(str(path), 1, 1)}


def _pv_scheme(attach: bool) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        pv = d["products"][0]["process_validation"]
        pv.update(status="scheme", scheme={"en": "Scheme PVS-1", "ja": "スキーム", "zh": "方案"})
        if attach:
            d["attachments"].append(
                {
                    "id": "ATT-EU-PVS",
                    "file": "att/pvs.pdf",
                    "section": "3.2.R",
                    "title": {"en": "Process validation scheme", "ja": "スキーム", "zh": "方案"},
                    "jurisdictions": ["ema"],
                    "kind": "pv_scheme",
                }
            )

    return change


def test_ema_needs_the_scheme_document_only_while_validation_is_not_completed(tmp_path: Path) -> None:
    path, fired = _r01(_pv_scheme(attach=False), tmp_path / "a", "ema")
    assert [(p.severity, p.line) for p in fired] == [(Severity.ERROR, _attachments_line(path) + 1)]
    assert "EMA requires process validation scheme for the drug product" in fired[0].message
    assert _r01(_pv_scheme(attach=True), tmp_path / "b", "ema")[1] == []
    assert _r01(lambda d: None, tmp_path / "c", "ema")[1] == []  # validation completed: no scheme needed


def test_every_profile_condition_has_an_implementation() -> None:
    from ectd_builder.jurisdiction.profiles import REGIONAL_CONDITIONS
    from ectd_builder.rules.regional_content import CONDITIONS

    assert set(CONDITIONS) == set(REGIONAL_CONDITIONS)
