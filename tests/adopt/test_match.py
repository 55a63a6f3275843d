"""The matcher alone: section first, then title, file name, or the only leaf; never a guess."""

from __future__ import annotations

from ectd_builder.adopt.match import FILE_NAME, ONLY, TITLE, Side, match, normalise, section_of
from ectd_builder.ectd.model import Heading


def _side(ref: str, section: str, title: str, *names: str) -> Side:
    return Side(ref, section, title, frozenset(names))


def test_normalise_ignores_case_punctuation_and_spacing() -> None:
    assert normalise("  Application-Form_(v2) ") == normalise("application form v2") == "application form v2"


def test_section_skips_country_and_keeps_the_pi_doc_type() -> None:
    cover = (Heading("m1-eu"), Heading("m1-0-cover"), Heading("specific", (("country", "emea"),)))
    spc = (Heading("m1-eu"), Heading("m1-3-pi"), Heading("m1-3-1-spc-label-pl"), Heading("pi-doc", (("type", "spc"),)))
    assert section_of(cover) == "m1-0-cover"
    assert section_of(spc) == "m1-3-1-spc-label-pl[spc]"


def test_title_then_file_name_then_only_leaf() -> None:
    ours = [
        _side("a", "s1", "Batch Formula", "x"),
        _side("b", "s1", "Something else", "process validation"),
        _side("c", "s2", "Cover letter", "cover"),
    ]
    theirs = [
        _side("0000/index.xml#1", "s1", "batch formula", "bf"),
        _side("0000/index.xml#2", "s1", "Process Validation and/or Evaluation", "process validation"),
        _side("0000/index.xml#3", "s2", "Cover letter (0000) - Initial MAA", "emea cover weu"),
        _side("0000/index.xml#4", "s3", "Elsewhere", "y"),
    ]
    found = match(ours, theirs)
    assert [(m.ours.ref, m.theirs.ref, m.reason) for m in found.matches] == [
        ("a", "0000/index.xml#1", TITLE),
        ("b", "0000/index.xml#2", FILE_NAME),
        ("c", "0000/index.xml#3", ONLY),
    ]
    assert [t.ref for t in found.unmatched_theirs] == ["0000/index.xml#4"]
    assert found.unmatched_ours == []


def test_a_shared_title_matches_nothing() -> None:
    ours = [_side("a", "s1", "Certificate"), _side("b", "s1", "Other")]
    theirs = [_side("0000/index.xml#1", "s1", "Certificate"), _side("0000/index.xml#2", "s1", "certificate")]
    found = match(ours, theirs)
    assert found.matches == []
    assert [o.ref for o in found.unmatched_ours] == ["a", "b"]
