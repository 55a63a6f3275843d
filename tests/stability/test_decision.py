"""The Q1E Appendix A decision tree: which case applies and how far it lets the period extend."""

from __future__ import annotations

import pytest

from ectd_builder.errors import EctdError
from ectd_builder.rules.tables import table
from ectd_builder.stability.decision import case_key
from ectd_builder.stability.facts import stability_facts


@pytest.mark.parametrize(
    "category, outcome, statistics, biologic, data, expected",
    [
        ("room_temperature", "no_significant_change", True, False, 12, 24),  # 2X
        ("room_temperature", "no_significant_change", True, False, 24, 36),  # X + 12 caps 2X = 48
        ("room_temperature", "no_significant_change", False, False, 12, 18),  # 1.5X without statistics
        ("room_temperature", "significant_change_accelerated", True, False, 12, 18),  # 1.5X, at most +6
        ("room_temperature", "significant_change_accelerated", True, False, 24, 30),
        ("room_temperature", "significant_change_accelerated", False, False, 12, 15),  # X + 3
        ("room_temperature", "significant_change_intermediate", True, False, 12, 12),  # none
        ("room_temperature", "significant_change_no_intermediate", True, False, 12, 12),
        ("room_temperature", "no_accelerated_data", True, False, 12, 12),
        ("refrigerated", "no_significant_change", True, False, 12, 18),
        ("refrigerated", "no_significant_change", False, False, 12, 15),
        ("refrigerated", "significant_change_accelerated", True, False, 12, 12),
        ("refrigerated", "no_accelerated_data", True, False, 12, 12),
        ("frozen", "no_significant_change", True, False, 12, 12),
        ("room_temperature", "no_significant_change", True, True, 12, 12),  # ICH Q5C
        ("refrigerated", "no_significant_change", True, True, 18, 18),
    ],
)
def test_extrapolation_limits(category, outcome, statistics, biologic, data, expected):
    key = case_key(category, outcome, statistics=statistics, biologic=biologic)
    assert stability_facts().case(key).limit(float(data)) == expected


def test_every_case_carries_its_source_and_verified_flag():
    section = table("q1a")["q1e"]
    for name in ("confidence", "two_sided_confidence", "pooling_alpha", "min_points_per_batch"):
        assert section[name]["source"] and isinstance(section[name]["verified"], bool)
    for key, entry in section["extrapolation"].items():
        assert entry["source"].startswith("ICH"), key
        assert isinstance(entry["verified"], bool)
    assert stability_facts().levels.pooling_alpha == 0.25
    assert stability_facts().levels.confidence == 0.95
    assert stability_facts().assay_change_pct == 5.0


def test_unknown_case_is_an_error_naming_the_file():
    with pytest.raises(EctdError, match=r"q1a.yaml: q1e.extrapolation has no entry 'nowhere'"):
        stability_facts().case("nowhere")
