"""check_pdf: active content, encryption, broken structure and version, one finding code each.

Every hostile case (tests/rules/hostile_pdf.py, built here with pypdf) has a passing counterpart;
``ectd check`` reports the new active-content codes under the pack's JavaScript criterion.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.check.pdfactions import ACTIVE_KEY
from ectd_builder.check.pdfcheck import SAFETY_CODES, check_pdf
from ectd_builder.rules.attachments import FINDING_RULES, codes

from tests.check.check_builders import good_seq, write_sequence
from tests.rules.hostile_pdf import CASES, LAUNCH, open_action, pdf


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_reports_exactly_its_code(name: str) -> None:
    data, expected = CASES[name]
    found = {f.what for f in check_pdf(data)} & SAFETY_CODES
    assert found == ({expected} if expected else set()), [(f.what, f.message) for f in check_pdf(data)]


def test_active_content_maps_to_the_javascript_check_key_and_names_the_target() -> None:
    [finding] = [f for f in check_pdf(CASES["open-launch"][0]) if f.what == "action-launch"]
    assert finding.key == ACTIVE_KEY
    assert finding.message == "the document's open action launches an application or file: cmd.exe"
    [field] = [f for f in check_pdf(CASES["field-submit"][0]) if f.what == "action-submit-form"]
    assert field.message == "form field 'send' submits form data: https://example.com/collect"


def test_check_pdf_never_raises_on_truncations() -> None:
    data = CASES["field-aa-js"][0]
    for cut in range(0, len(data), max(1, len(data) // 60)):
        assert isinstance(check_pdf(data[:cut]), list)


def test_every_safety_code_is_an_error_of_one_attachment_rule() -> None:
    reported = [code for rule_id in FINDING_RULES for code in codes(rule_id)]
    assert sorted(reported) == sorted(SAFETY_CODES)


def test_ectd_check_reports_a_launch_open_action(tmp_path: Path, standards_dir: Path, pdfs, run_check) -> None:
    seq = good_seq("eu", pdfs=pdfs)
    seq.index_docs[0].data = pdf(open_action(LAUNCH))
    outcome = run_check(write_sequence(tmp_path, seq, standards_dir))
    hits = [p for p in outcome.problems if p.code == "ICH-PDF-4"]
    assert len(hits) == 1 and "launches an application or file: cmd.exe" in hits[0].message
    assert hits[0].file and hits[0].file.startswith("0000")
