"""Schema errors read the same after the message helpers were shared: code, message and hint of
each kind of pydantic error the mapper words (bounds, lengths, empty text, wrong types, patterns,
choices). The expected texts are those the mapper gave before the refactor."""

from __future__ import annotations

from typing import Any

import pytest
from ectd_builder.dossier.model import FdaApplication, Quantity, Site, SpecTest, StabilityStudy, StorageCondition
from ectd_builder.dossier.schema_errors import validation_problems
from ectd_builder.dossier.yamlload import Positions
from pydantic import BaseModel, ValidationError

SITE: dict[str, Any] = {
    "id": "S1",
    "name": "Plant",
    "address": {"street": "a", "city": "b", "country": "DE"},
    "roles": ["testing"],
}
STUDY: dict[str, Any] = {
    "id": "ST",
    "condition": {"kind": "long_term", "temperature": {"value": 25, "unit": "°C"}},
    "container": "HDPE",
    "batches": ["B1"],
    "timepoints": [0, 3],
}
TEST = {"id": "T", "test": "Assay", "category": "assay", "method": "M", "release": {"text": "ok"}}
CASES: dict[str, tuple[type[BaseModel], dict[str, Any], str]] = {
    "too long": (FdaApplication, {"description": "x" * 129}, "description"),
    "empty text": (Site, {**SITE, "name": ""}, "name.en"),
    "empty list": (Site, {**SITE, "roles": []}, "roles"),
    "not finite": (Quantity, {"value": float("nan"), "unit": "mg"}, "value"),
    "below ge months": (StabilityStudy, {**STUDY, "timepoints": [-3, 3]}, "timepoints[0]"),
    "above le months": (StabilityStudy, {**STUDY, "timepoints": [0, 9999]}, "timepoints[1]"),
    "below ge": (SpecTest, {**TEST, "decimals": -1}, "decimals"),
    "above le": (SpecTest, {**TEST, "decimals": 9}, "decimals"),
    "text for number": (Quantity, {"value": "ten", "unit": "mg"}, "value"),
    "list for number": (Quantity, {"value": [1], "unit": "mg"}, "value"),
    "mapping for number": (Quantity, {"value": {"a": 1}, "unit": "mg"}, "value"),
    "pattern": (Site, {**SITE, "address": {**SITE["address"], "country": "Germany"}}, "address.country"),
    "choice": (StorageCondition, {**STUDY["condition"], "orientation": "uprigth"}, "orientation"),
}


def problem_at(root: type[BaseModel], data: dict[str, Any], path: str) -> tuple[str, str, str | None]:
    try:
        root.model_validate(data)
    except ValidationError as exc:
        found = [p for p in validation_problems(root, exc, Positions()) if p.path == path]
        assert len(found) == 1, [(p.path, p.message) for p in validation_problems(root, exc, Positions())]
        return found[0].code, found[0].message, found[0].hint
    raise AssertionError("valid")


EXPECTED = {
    "too long": ("schema-value", "'description' is longer than 128 characters.", "Shorten the text."),
    "empty text": ("schema-value", "'en' is empty.", "Write the text, or remove the field."),
    "empty list": ("schema-value", "'roles' needs at least 1 entry.", "Add the missing entries."),
    "not finite": (
        "value-not-finite",
        "'value' is the number nan, not a finite number.",
        "Write a number such as 12.5; .nan and .inf are not values a dossier can state.",
    ),
    "below ge months": (
        "value-out-of-bounds",
        "'timepoints' is the number -3, below the lowest value allowed (0.0).",
        "Write a value of at least 0.0.",
    ),
    "above le months": (
        "value-out-of-bounds",
        "'timepoints' is the number 9999, above the highest value allowed (240.0).",
        "Write a value of at most 240.0; stability time points are in months.",
    ),
    "below ge": (
        "value-out-of-bounds",
        "'decimals' is the number -1, below the lowest value allowed (0).",
        "Write a value of at least 0.",
    ),
    "above le": (
        "value-out-of-bounds",
        "'decimals' is the number 9, above the highest value allowed (6).",
        "Write a value of at most 6.",
    ),
    "text for number": (
        "schema-type",
        "'value' should be a number, but is the text 'ten'.",
        "Write the number without its unit; units go in the 'unit' field.",
    ),
    "list for number": ("schema-type", "'value' should be a number, but is a list.", "Write a number here."),
    "mapping for number": ("schema-type", "'value' should be a number, but is a mapping.", "Write a number here."),
    "pattern": (
        "schema-format",
        "The text 'Germany' is not valid for 'country'.",
        "Write a two-letter ISO 3166 country code in capitals, e.g. DE.",
    ),
    "choice": (
        "schema-value",
        "The text 'uprigth' is not an allowed value for 'orientation'.",
        "Did you mean 'upright'? Allowed values: upright, inverted, horizontal.",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_schema_error_wording(name: str) -> None:
    root, data, path = CASES[name]
    assert problem_at(root, data, path) == EXPECTED[name]
