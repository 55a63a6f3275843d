"""The six real EU sequences in ../shared/samples: read, checked without a crash, reported plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from ectd_builder.sequence.reader import read_sequence
from tests.check.check_builders import codes

LEAVES = {
    "eu-xenbilox-cdca-initial-maa-0000": 399,
    "eu-pas-gr-paraaminosalicylic-initial-maa-0000": 243,
    "eu-emselex-renewal-0000": 43,
    "eu-eylea-validation-response-0001": 29,
    "eu-pioglitazone-actavis-renewal-rsi-0030": 3,
    "eu-denosumab-validation-rtq-0001": 4,
}


def test_all_six_samples_found(samples_dir: Path) -> None:
    assert sorted(p.name for p in samples_dir.iterdir() if p.is_dir()) == sorted(LEAVES)


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_sample_checks_without_crash(name: str, samples_dir: Path, run_check) -> None:
    folder = samples_dir / name
    seq = read_sequence(folder)
    outcome = run_check(folder)
    found = codes(outcome)
    # DTD-valid against the official ICH and EU DTDs of the declared versions, and the checks ran.
    assert "EU-7.4" not in found and "EU-9.4" not in found
    assert not [n for n in outcome.not_run if "schema" in n.check]
    # Every leaf's file is absent (only the backbones were kept): each is reported missing.
    with_files = [
        lf for lf in seq.leaves if lf.operation != "delete" and lf.file and not lf.file.endswith("eu-regional.xml")
    ]
    missing = [p for p in outcome.problems if p.code == "EU-11.6"]
    assert len(missing) == len(with_files) > 0
    assert all(p.file and p.file.startswith(name + "/") and p.line for p in missing)


def test_dangling_references_into_absent_sequences(samples_dir: Path, run_check) -> None:
    outcome = run_check(samples_dir / "eu-eylea-validation-response-0001")
    dangling = [p for p in outcome.problems if p.code == "ICH-LC-4"]
    assert dangling and all("0000" in p.message and "not present" in p.message for p in dangling)


def test_wrong_modified_file_path_is_an_error(samples_dir: Path, run_check) -> None:
    # denosumab's regional leaves write "../0000/index.xml#..." from m1/eu: that is m1/0000/index.xml.
    outcome = run_check(samples_dir / "eu-denosumab-validation-rtq-0001")
    assert any(p.code == "EU-11.9" and "m1/0000/index.xml" in p.message for p in outcome.problems)


def test_sample_reader_values(samples_dir: Path) -> None:
    seq = read_sequence(samples_dir / "eu-eylea-validation-response-0001")
    assert seq.region == "eu"
    assert seq.dtd_versions == {"index.xml": "3.2", "m1/eu/eu-regional.xml": "1.4"}
    assert seq.envelopes[0].sequence == "0001" and seq.envelopes[0].related_sequences == ("0000",)
    keyed = [lf for lf in seq.leaves if lf.keys.get("substance") == "Aflibercept"]
    assert keyed and keyed[0].keys["product-name"] == "Eylea"
    assert "m3-2-a-2-adventitious-agents-safety-evaluation[" in keyed[0].section_key
    replace = next(lf for lf in seq.leaves if lf.operation == "replace" and lf.backbone == "index.xml")
    assert replace.target is not None and replace.target.sequence == "0000" and replace.target.backbone == "index.xml"
    m1 = next(lf for lf in seq.leaves if lf.backbone.startswith("m1/") and lf.target)
    assert m1.target.backbone == "m1/eu/eu-regional.xml"


def test_folder_of_unrelated_sequences_checks_each(samples_dir: Path, run_check) -> None:
    outcome = run_check(samples_dir)
    assert {p.file.split("/")[0] for p in outcome.problems if p.file} == set(LEAVES)
    assert "EU-13.2" not in {p.code for p in outcome.problems}  # no cross-talk between them
