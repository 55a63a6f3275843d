"""File-name limits come from the profile facts passed in, not from constants in naming.py."""

from __future__ import annotations

from ectd_builder.ectd import naming
from ectd_builder.jurisdiction.profiles import load_profile


def test_rules_from_profile_facts() -> None:
    fda = naming.NameRules.from_facts(load_profile("fda").facts)
    assert fda.max_name == load_profile("fda").max_name_length
    assert fda.max_path == load_profile("fda").max_path_length
    assert naming.check_name("stability-data.pdf", fda) is None
    assert naming.check_name("stability_data.pdf", fda) == "'stability_data.pdf' uses characters other than a-z, 0-9 and '-'"


def test_nmpa_allows_underscore_because_its_profile_says_so() -> None:
    nmpa = naming.NameRules.from_facts(load_profile("nmpa").facts)
    assert naming.check_name("stability_data.pdf", nmpa) is None
    assert naming.check_name("Stability_data.pdf", nmpa) is not None


def test_a_shorter_limit_in_the_facts_is_applied() -> None:
    facts: dict[str, object] = dict(load_profile("ema").facts)
    facts["max_name_length"] = 20  # plain values are accepted as well as Fact objects
    rules = naming.NameRules.from_facts(facts)
    assert naming.check_name("a" * 17 + ".pdf", rules) == f"'{'a' * 17}.pdf' is longer than 20 characters"
    assert naming.check_name("a" * 16 + ".pdf", rules) is None
    assert len(naming.file_name("a very long stability summary title", "pdf", rules=rules)) <= 20


def test_path_limit_from_the_profile() -> None:
    fda = naming.NameRules.from_facts(load_profile("fda").facts)
    assert fda.max_path is not None
    assert naming.check_path("m3/" + "a" * (fda.max_path - 3), fda) is None
    assert "at most" in (naming.check_path("m3/" + "a" * (fda.max_path - 2), fda) or "")
