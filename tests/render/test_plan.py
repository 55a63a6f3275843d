"""The document plan: ICH granularity, stable keys, languages from the jurisdiction profile."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from ectd_builder.ctd import section
from ectd_builder.render.environment import packaged_templates
from ectd_builder.render.plan import plan_documents, product_excipients

from .conftest import JURISDICTIONS, example_names

STEM = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_plan_of_every_example(load_example, name, jurisdiction):
    dossier = load_example(name)
    docs = plan_documents(dossier, jurisdiction)
    keys = [d.key for d in docs]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    for doc in docs:
        assert section(doc.section).lowest, doc.section
        assert (packaged_templates() / "common" / doc.template).is_file(), doc.template
        assert STEM.match(doc.file_stem) and len(doc.file_stem) <= 60, doc.file_stem
        assert doc.jurisdiction == jurisdiction
        if section(doc.section).repeat == "substance":
            assert doc.subject.substance and doc.subject.manufacturer
        if doc.section.startswith("3.2.P") and doc.section != "3.2.P":
            assert doc.subject.product_name and doc.subject.dosage_form
        if doc.section.startswith("3.2.P.4"):
            assert doc.subject.excipient
    # one 3.2.S block per substance, 3.2.P.4.1 per excipient of each product, QOS first
    assert docs[0].section == "2.3.intro"
    assert sum(d.section == "3.2.S.4.1" for d in docs) == len(dossier.substances)
    assert sum(d.section == "3.2.P.4.1" for d in docs) == sum(
        len(product_excipients(dossier, p)) for p in dossier.products
    )
    assert sum(d.section == "3.2.R" for d in docs) == 1


def test_languages_follow_the_profile(mini):
    by_j = {j: plan_documents(mini, j) for j in JURISDICTIONS}
    assert {d.language for d in by_j["fda"]} == {"en"} and {d.language for d in by_j["ema"]} == {"en"}
    assert {d.language for d in by_j["nmpa"]} == {"zh"}
    assert {d.language for d in by_j["pmda"] if d.section.startswith("2.")} == {"ja"}
    assert {d.language for d in by_j["pmda"] if d.section.startswith("3.")} == {"en"}
    assert {d.page for d in by_j["fda"]} == {"letter"} and {d.page for d in by_j["ema"]} == {"a4"}


def test_granularity_of_the_mini_dossier(mini):
    docs = {d.key: d for d in plan_documents(mini, "ema")}
    # one document per analytical procedure of the specification
    assert {k for k in docs if k.startswith("3.2.S.4.2:")} == {
        "3.2.S.4.2:minicillin:m-visual",
        "3.2.S.4.2:minicillin:m-hplc",
    }
    # 3.2.P.4.5 only for the excipient of animal origin, 3.2.P.4.2/4.3 only with an own specification
    assert "3.2.P.4.5:mini-tab:exc-lactose" in docs and "3.2.P.4.5:mini-tab:exc-mgst" not in docs
    assert not any(k.startswith("3.2.P.4.2") for k in docs)
    # no appendices in the mini dossier: no 3.2.A and no 2.3.A
    assert not any(d.section.startswith(("3.2.A", "2.3.A")) for d in docs.values())
    spec = docs["3.2.S.4.1:minicillin"]
    assert spec.subject.substance == "minicillin" and spec.subject.manufacturer == "Alpha API Works"
    assert spec.title == "3.2.S.4.1 Specification (Minicillin)"
    assert docs["3.2.P.4.1:mini-tab:exc-lactose"].subject.excipient == "Lactose monohydrate"


def test_keys_are_stable_across_jurisdictions_and_languages(mini):
    keys = {j: [d.key for d in plan_documents(mini, j)] for j in JURISDICTIONS}
    assert keys["fda"] == keys["ema"] == keys["pmda"] == keys["nmpa"]
    titles = {d.key: d.title for d in plan_documents(mini, "nmpa")}
    assert titles["3.2.S.4.1:minicillin"] == "3.2.S.4.1 质量标准（迷你西林）"
