"""The facts of a loaded dossier: keyed by entity id, each value located where it was written."""

from __future__ import annotations

import json

from ectd_builder.changes.facts import collect_facts
from ectd_builder.changes.record import Declared, record_to_json
from ectd_builder.dossier.model import Dossier

from tests.changes.helpers import TABLET

PRODUCT = "product/quorvatinib-tablets.yaml"


def _line(rel: str, line: int) -> str:
    return (TABLET / rel).read_text(encoding="utf-8").splitlines()[line - 1]


def test_each_kind_of_fact_is_recorded(tablet: Dossier) -> None:
    kinds = {e.kind for e in collect_facts(tablet).entities.values()}
    assert kinds == {
        "site", "manufacturer", "step", "parameter", "ipc", "material", "test", "container_component",
        "stability", "batch_formula", "excipient", "method",
    }


def test_values_and_where_they_were_written(tablet: Dossier) -> None:
    ents = collect_facts(tablet).entities
    force = ents["parameter:p-rc-force"]
    assert force.attributes == {"owner": "product", "step": "dp-s3", "classification": "CPP"}
    assert force.fields["par"].value == {"low": 60.0, "high": 120.0, "unit": "kN"}
    at = force.fields["par"].at
    assert at is not None and at[0] == PRODUCT  # located at its first part:
    assert _line(PRODUCT, at[1])[at[2] - 1 :].startswith("60, high: 120")
    name = force.fields["name"]
    assert name.value.startswith("Specific roll force") and name.at is not None  # texts in English
    size = ents["product:quorvatinib-tablets/batch_formula:str-25"].fields["batch_size"]
    assert size.value == {"value": 1600000.0, "unit": "tablets"}
    assert ents["test:t-dp-imp-f"].fields["release"].value == {"max": 0.2, "unit": "%"}
    assert ents["product:quorvatinib-tablets/stability"].fields["shelf_life"].value == {"value": 24.0, "unit": "months"}


def test_declared_categories(tablet: Dossier) -> None:
    ents = collect_facts(tablet).entities
    force = ents["parameter:p-rc-force"].declared
    assert {r: d.category for r, d in force.items()} == {
        "fda": "CBE-30", "ema": "IB", "pmda": "partial_change", "nmpa": "moderate",
    }
    assert force["fda"].via == "ec.reporting" and force["fda"].at is not None and force["fda"].at[0] == PRODUCT
    # PMDA: ec.reporting wins over the application form's marking; without an EC the marking is the declaration
    gap = ents["parameter:p-rc-gap"].declared
    assert list(gap) == ["pmda"] and gap["pmda"] == Declared("minor_change", "jp_change_class", gap["pmda"].at)
    assert ents["product:quorvatinib-tablets/batch_formula:str-25"].declared == {}


def test_manufacturers_carry_their_site_roles(tablet: Dossier) -> None:
    ents = collect_facts(tablet).entities
    m = ents["product:quorvatinib-tablets/manufacturer:site-loerrach-dp"]
    assert m.attributes["owner"] == "product" and "drug_product_manufacture" in m.attributes["roles"]
    assert m.fields["site"].value == "site-loerrach-dp"
    assert ents["site:site-loerrach-dp"].fields["address"].value.endswith("Lörrach, Baden-Württemberg, DE")


def test_prose_is_not_a_fact(tablet: Dossier) -> None:
    body = json.loads(record_to_json(collect_facts(tablet)))["entities"]
    names = {name for ent in body.values() for name in ent["fields"]}
    assert not names & {"description", "batch_scale", "justification", "reprocessing"}
    assert all(ent["kind"] != "process" for ent in body.values())
