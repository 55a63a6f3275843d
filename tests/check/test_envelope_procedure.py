"""EU envelope rules 14.1-14.4: the envelopes a procedure needs, each failing and passing at its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ectd_builder.problems import Outcome
from tests.check.check_builders import Doc, eu_regional_xml, good_seq, write_sequence

REGIONAL = "m1/eu/eu-regional.xml"


def _build(
    tmp_path: Path,
    standards_dir: Path,
    pdfs: dict[str, bytes],
    *,
    countries: tuple[str, ...],
    procedure: str = "centralised",
    submission: str = "maa",
    specific: str = "ema",
) -> tuple[Path, bytes]:
    seq = good_seq("eu", pdfs=pdfs)
    seq.regional_docs = [
        Doc(
            "cover",
            [("m1-0-cover", {}), ("specific", {"country": specific})],
            "Cover letter",
            f"10-cover/{specific}/cover.pdf",
            pdfs["cover"],
        )
    ]
    folder = write_sequence(tmp_path, seq, standards_dir, countries=countries)
    xml = eu_regional_xml(seq, countries=countries)
    xml = xml.replace(b'<procedure type="centralised"/>', f'<procedure type="{procedure}"/>'.encode())
    xml = xml.replace(b'<submission type="maa">', f'<submission type="{submission}">'.encode())
    (folder / REGIONAL).write_bytes(xml)
    return folder, xml


def _line_of(xml: bytes, needle: bytes, nth: int = 0) -> int:
    at = -1
    for _ in range(nth + 1):
        at = xml.index(needle, at + 1)
    return xml[:at].count(b"\n") + 1


def _hits(outcome: Outcome, code: str) -> list[tuple[str | None, int | None]]:
    return [(p.file, p.line) for p in outcome.problems if p.code == code]


@pytest.fixture
def build(tmp_path: Path, standards_dir: Path, pdfs: dict[str, bytes]) -> Callable[..., tuple[Path, bytes]]:
    return lambda **kw: _build(tmp_path, standards_dir, pdfs, **kw)


def test_centralised_procedure_needs_the_ema_envelope(build, run_check) -> None:
    folder, xml = build(countries=("de",), specific="de")
    assert _hits(run_check(folder), "EU-14.1") == [(f"0000/{REGIONAL}", _line_of(xml, b"<envelope "))]
    folder, _ = build(countries=("emea",), specific="emea")  # the EMA's code before M1 3.0 is the same agency
    assert _hits(run_check(folder), "EU-14.1") == []


def test_mutual_recognition_has_member_state_envelopes_only(build, run_check) -> None:
    folder, xml = build(countries=("de", "ema"), procedure="mutual-recognition", specific="de")
    assert _hits(run_check(folder), "EU-14.2") == [(f"0000/{REGIONAL}", _line_of(xml, b"<envelope ", 1))]
    folder, _ = build(countries=("de", "fr"), procedure="decentralised", specific="de")
    assert _hits(run_check(folder), "EU-14.2") == []


def test_national_procedure_has_one_envelope(build, run_check) -> None:
    folder, xml = build(countries=("de", "fr"), procedure="national", specific="de")
    outcome = run_check(folder)
    assert _hits(outcome, "EU-14.3") == [(f"0000/{REGIONAL}", _line_of(xml, b"<envelope ", 1))]
    assert "2 envelopes (de, fr)" in next(p.message for p in outcome.problems if p.code == "EU-14.3")
    folder, _ = build(countries=("de",), procedure="national", specific="de")
    assert _hits(run_check(folder), "EU-14.3") == []


def test_country_specific_section_needs_its_envelope(build, run_check) -> None:
    folder, xml = build(countries=("de",), procedure="national", specific="fr")
    outcome = run_check(folder)
    assert _hits(outcome, "EU-14.4") == [(f"0000/{REGIONAL}", _line_of(xml, b'<specific country="fr"'))]
    folder, _ = build(countries=("ema",), specific="ema")
    assert _hits(run_check(folder), "EU-14.4") == []
    folder, _ = build(countries=("de",), procedure="national", specific="common")  # common needs no envelope
    assert _hits(run_check(folder), "EU-14.4") == []


def test_cep_submission_has_a_single_edqm_envelope(build, run_check) -> None:
    folder, xml = build(countries=("ema",), submission="cep", specific="ema")
    assert _hits(run_check(folder), "EU-14.4-CEP") == [(f"0000/{REGIONAL}", _line_of(xml, b"<envelope "))]
    folder, _ = build(countries=("edqm",), procedure="national", submission="cep", specific="edqm")
    outcome = run_check(folder)
    assert _hits(outcome, "EU-14.4-CEP") == []
    assert _hits(outcome, "EU-14.3") == []  # edqm is not a member state, but a CEP is the exception


def test_the_real_centralised_samples_pass_every_procedure_rule(shared_dir: Path, run_check) -> None:
    samples = sorted((shared_dir / "samples").glob("eu-*"))
    if not samples:
        pytest.skip("../shared/samples holds no EU sequence")
    for sample in samples:
        found = {p.code for p in run_check(sample).problems if p.code.startswith("EU-14")}
        assert found == set(), (sample.name, found)
