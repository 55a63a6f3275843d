"""Each region's classification rules: a change a rule files and one it does not (needs assessment),
the dossier's declaration winning, and a damaged rule file as a located error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ectd_builder.changes.compare import Change
from ectd_builder.changes.record import Declared
from ectd_builder.changes.rules import NEEDS_ASSESSMENT, classify, load_rules, read_rules
from ectd_builder.errors import EctdError

from tests.changes.helpers import REGIONS


def _change(kind: str, **attributes: Any) -> Change:
    entity_kind = kind.split(".", 1)[0]
    field = kind.split(".")[1] if kind.count(".") == 2 else None
    return Change(kind, f"{entity_kind}:x", entity_kind, field, None, None, ("x.yaml", 1, 1), attributes)


# region -> (a change a rule files, (category, rule, code)), (a change no rule files)
CASES = {
    "fda": (
        (_change("parameter.par.widened", owner="product", classification="CPP"), ("PAS", "fda-cpp-range-widened", None)),
        _change("site.name.changed"),
    ),
    "ema": (
        (_change("manufacturer.added", owner="product", roles=["testing", "drug_product_manufacture"]),
         ("IB", "ema-dp-site-added", "B.II.b.1.c")),
        _change("parameter.nor.widened", owner="excipient"),  # the EU rules are written per owner
    ),
    "pmda": (
        (_change("method.technique.changed"), ("partial_change", "pmda-method-changed", None)),
        _change("ipc.criterion.tightened", owner="product"),
    ),
    "nmpa": (
        (_change("excipient.supplier.changed", owner="product"), ("minor", "nmpa-excipient-supplier", None)),
        _change("method.conditions.changed"),
    ),
}


@pytest.mark.parametrize("region", REGIONS)
def test_a_rule_files_the_change(region: str) -> None:
    (change, (category, rule, code)), _ = CASES[region]
    cat = classify(change, load_rules(region))
    assert (cat.category, cat.origin, cat.rule, cat.code) == (category, "rule", rule, code)
    assert cat.filing == load_rules(region).filing(category) != category
    assert cat.reference and cat.source.startswith(f"rule {rule} (")


@pytest.mark.parametrize("region", REGIONS)
def test_no_rule_means_needs_assessment(region: str) -> None:
    _, change = CASES[region]
    cat = classify(change, load_rules(region))
    assert (cat.category, cat.origin, cat.filing) == (None, NEEDS_ASSESSMENT, NEEDS_ASSESSMENT)
    assert cat.source == "no declared category and no rule matches: needs assessment"


@pytest.mark.parametrize("region", REGIONS)
def test_the_declared_category_wins(region: str) -> None:
    (change, _), _ = CASES[region]
    lowest = load_rules(region).categories[-1][0]
    declared = Change(change.kind, change.entity, change.entity_kind, change.field, None, None, change.at,
                      change.attributes, {region: Declared(lowest, "ec.reporting", ("p.yaml", 7, 9))})
    cat = classify(declared, load_rules(region))
    assert (cat.category, cat.origin, cat.rule, cat.at) == (lowest, "declared", None, ("p.yaml", 7, 9))
    assert cat.source == "declared in the dossier (ec.reporting at p.yaml:7:9)"


@pytest.mark.parametrize("region", REGIONS)
def test_every_shipped_rule_has_a_source_and_a_verified_flag(region: str) -> None:
    rules = load_rules(region)
    assert rules.rules and all(r.source.strip() for r in rules.rules)
    verified = {r.id for r in rules.rules if r.verified}
    assert verified <= {"pmda-spec-changed", "pmda-method-changed"}  # only what module3-domain.md marks [V]
    assert [rules.rank(c) for c, _ in rules.categories] == list(range(len(rules.categories)))


def test_first_matching_rule_wins() -> None:
    cpp = classify(_change("parameter.par.widened", classification="CPP"), load_rules("fda"))
    kpp = classify(_change("parameter.par.widened", classification="KPP"), load_rules("fda"))
    assert (cpp.rule, kpp.rule) == ("fda-cpp-range-widened", "fda-range-widened")


GOOD = """\
id: fda
categories:
  - {id: PAS, filing: prior approval}
  - {id: AR, filing: annual report}
rules:
  - id: r1
    match: {kind: test.added}
    category: AR
    source: somewhere
    verified: false
"""


def test_a_good_rule_file_reads(tmp_path: Path) -> None:
    path = tmp_path / "fda.yaml"
    path.write_text(GOOD, encoding="utf-8")
    rules = read_rules(path, "fda")
    assert [r.id for r in rules.rules] == ["r1"] and rules.rules[0].where == f"{path}:6:5"


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("id: fda", "id: ema", "1:5", "id must be 'fda'"),
        ("category: AR", "category: CBE-0", "8:15", "category 'CBE-0' is not one of PAS, AR"),
        ("    verified: false\n", "", "6:5", "The classification rules file lacks the required field 'verified'"),
        ("match: {kind: test.added}", "match: {owner: product}", "7:12", "match must be a mapping with at least 'kind'"),
        ("    source: somewhere\n", "    source: somewhere\n    sources: x\n", "10:5", "Unknown field 'sources'"),
        ("  - {id: AR, filing: annual report}", "  - [AR]", "4:5", "'categories' should be a"),
        ("    verified: false\n", "    verified: false\n    renumbered: {code: Q.1}\n", "11:5",
         "The classification rules file lacks the required field 'source'"),
    ],
)
def test_a_damaged_rule_file_is_located(tmp_path: Path, old: str, new: str, where: str, message: str) -> None:
    assert GOOD.count(old) == 1
    path = tmp_path / "fda.yaml"
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(EctdError) as caught:
        read_rules(path, "fda")
    assert f"{path}:{where}: {message}" in caught.value.message


def test_every_defect_of_a_rule_file_is_reported(tmp_path: Path) -> None:
    """Two damaged rules: both are located (the hand reader stopped at the first)."""
    path = tmp_path / "fda.yaml"
    path.write_text(GOOD.replace("category: AR", "category: CBE-0").replace("id: r1", "id: ''"), encoding="utf-8")
    with pytest.raises(EctdError) as caught:
        read_rules(path, "fda")
    assert caught.value.message.startswith("2 problems:")
    assert f"{path}:8:15: category 'CBE-0'" in caught.value.message and f"{path}:6:9: expected non-empty text" in caught.value.message
