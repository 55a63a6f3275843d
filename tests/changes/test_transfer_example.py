"""The worked tech-transfer example (examples/tablet-transfer): each of its five changes classified
in each region, with the category and where it came from."""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.changes.api import ChangeReport, Item, changes_since

from tests.changes.helpers import REGIONS, load

# (change kind, entity) -> region -> (category, origin, rule or declaring field, EU code)
SITE = ("manufacturer.added", "product:quorvatinib-tablets/manufacturer:site-galway-cdmo")
SCALE_25 = ("batch_formula.batch_size.increased", "product:quorvatinib-tablets/batch_formula:str-25")
SCALE_50 = ("batch_formula.batch_size.increased", "product:quorvatinib-tablets/batch_formula:str-50")
CPP = ("parameter.par.widened", "parameter:p-rc-force")
SPEC = ("test.release.tightened", "test:t-dp-imp-f")

EXPECTED = {
    SITE: {
        "fda": ("CBE-30", "rule", "fda-dp-site-added", None),
        "ema": ("IB", "rule", "ema-dp-site-added", "B.II.b.1.c"),
        "pmda": ("partial_change", "rule", "pmda-site-added", None),
        "nmpa": ("major", "rule", "nmpa-dp-site-added", None),
    },
    SCALE_25: {
        "fda": ("AR", "rule", "fda-scale-up-to-10", None),
        "ema": ("IA", "rule", "ema-dp-scale-up-to-10", "B.II.b.4.a"),
        "pmda": ("minor_change", "rule", "pmda-batch-size", None),
        "nmpa": ("minor", "rule", "nmpa-scale-up-to-10", None),
    },
    CPP: {  # an established condition: the dossier's declared categories win over the rules
        "fda": ("CBE-30", "declared", "ec.reporting", None),
        "ema": ("IB", "declared", "ec.reporting", None),
        "pmda": ("partial_change", "declared", "ec.reporting", None),
        "nmpa": ("moderate", "declared", "ec.reporting", None),
    },
    SPEC: {
        "fda": ("AR", "rule", "fda-limit-tightened", None),
        "ema": ("IA", "rule", "ema-dp-spec-tightened", "B.II.d.1.a"),
        "pmda": ("partial_change", "declared", "jp_change_class", None),  # the application form's marking
        "nmpa": ("minor", "rule", "nmpa-limit-tightened", None),
    },
}
EXPECTED[SCALE_50] = EXPECTED[SCALE_25]


@pytest.fixture(scope="module")
def report(transferred: Path) -> ChangeReport:
    return changes_since(load(transferred), transferred, list(REGIONS))


def _item(report: ChangeReport, key: tuple[str, str]) -> Item:
    found = [i for i in report.items if (i.change.kind, i.change.entity) == key]
    assert len(found) == 1, [(i.change.kind, i.change.entity) for i in report.items]
    return found[0]


def test_exactly_the_changes_of_the_transfer(report: ChangeReport) -> None:
    # the editorial change (step 1's description) and the prose quoting the scale are not facts
    assert sorted((i.change.kind, i.change.entity) for i in report.items) == sorted(EXPECTED)
    assert report.pending == 0


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda k: k[1].rsplit(":", 1)[1])
@pytest.mark.parametrize("region", REGIONS)
def test_category_and_its_origin(report: ChangeReport, key: tuple[str, str], region: str) -> None:
    category, origin, source, code = EXPECTED[key][region]
    cat = _item(report, key).categories[region]
    assert (cat.category, cat.origin, cat.code) == (category, origin, code)
    if origin == "rule":
        assert cat.rule == source and cat.reference and cat.verified is False
    else:
        assert cat.reference == source and cat.at is not None
        assert cat.at[0].endswith("product/quorvatinib-tablets.yaml") and "declared in the dossier" in cat.source


def test_each_change_points_at_its_new_state(report: ChangeReport, transferred: Path) -> None:
    lines = (transferred / "product" / "quorvatinib-tablets.yaml").read_text(encoding="utf-8").splitlines()
    expect = {SITE: "site: site-galway-cdmo", SCALE_25: "3200000", CPP: "par: {low: 50, high: 120", SPEC: "release: {max: 0.15"}
    for key, text in expect.items():
        item = _item(report, key)
        assert item.file is not None and item.file.endswith("quorvatinib-tablets.yaml")
        assert item.line is not None and text in lines[item.line - 1], (key, lines[item.line - 1])
    assert _item(report, CPP).change.old == {"low": 60.0, "high": 120.0, "unit": "kN"}
    assert _item(report, SPEC).change.new == {"max": 0.15, "unit": "%"}
    assert _item(report, SCALE_25).change.attributes["fold"] == 2.0


def test_the_eu_site_code_as_the_2026_guidelines_number_it(report: ChangeReport) -> None:
    ema = _item(report, SITE).categories["ema"]
    assert ema.renumbered is not None and (ema.renumbered.code, ema.renumbered.verified) == ("Q.II.b.1", True)
    assert "ema.europa.eu" in ema.renumbered.source
    assert _item(report, SPEC).categories["ema"].renumbered is None  # no confirmed 2026 number


def test_the_site_facts_travel_with_the_manufacturer_change(report: ChangeReport) -> None:
    site = _item(report, SITE).change
    assert site.new["site_facts"]["name"] == "Corrib Contract Pharma Ltd."
    assert site.attributes["roles"] == ["drug_product_manufacture", "testing"]
    assert not [i for i in report.items if i.change.entity == "site:site-galway-cdmo"]


def test_proposed_filings(report: ChangeReport) -> None:
    f = report.filings
    assert (f["fda"].category, f["ema"].category, f["pmda"].category, f["nmpa"].category) == (
        "CBE-30", "IB", "partial_change", "major",
    )
    assert f["ema"].codes == ("B.II.b.1.c", "B.II.b.4.a", "B.II.d.1.a") and f["ema"].grouping
    assert f["fda"].filing.startswith("Supplement - changes being effected in 30 days")
    assert all(x.classified == 5 and x.pending == 0 for x in f.values())
