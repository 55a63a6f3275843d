"""The published JSON Schemas are generated from the model and must not drift from it."""

from __future__ import annotations

import json

import jsonschema
import yaml

from ectd_builder.dossier.schema_export import published_schemas
from ectd_builder.resources import data_dir


def _plain(data: object) -> object:
    """YAML dates become strings, as an editor's JSON Schema validator sees them."""
    return json.loads(json.dumps(data, default=str))


def test_published_schemas_match_the_model() -> None:
    for name, text in published_schemas().items():
        published = data_dir("schemas") / name
        assert published.read_text(encoding="utf-8") == text, (
            f"schemas/{name} is out of date: run 'make schemas' (python -m ectd_builder.dossier.schema_export)"
        )


def test_published_schema_accepts_the_examples(examples_dir) -> None:
    schemas = {n: json.loads(t) for n, t in published_schemas().items()}
    for dossier_file in sorted(examples_dir.glob("*/dossier.yaml")):
        data = _plain(yaml.safe_load(dossier_file.read_text(encoding="utf-8")))
        jsonschema.validate(data, schemas["dossier.schema.json"])
        for include in data.get("include", []):
            fragment = _plain(yaml.safe_load((dossier_file.parent / include).read_text(encoding="utf-8")))
            jsonschema.validate(fragment, schemas["fragment.schema.json"])


def test_schema_rejects_an_unknown_key() -> None:
    schema = json.loads(published_schemas()["fragment.schema.json"])
    validator = jsonschema.Draft202012Validator(schema)
    errors = list(validator.iter_errors({"sites": [{"id": "S", "nmae": "x"}]}))
    assert errors
