"""Every model class is pinned by the committed JSON Schemas (``schemas/``): its fields, their
order, which are required, and its title and description.

``test_schema_sync`` checks the generated text against the committed files; this test checks that
the committed files cover every class the model exports, so a refactor of the model (shared bases,
generic id types) cannot change a class that the published schema does not show.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

import ectd_builder.dossier.model as model
import pytest
from ectd_builder.resources import data_dir
from pydantic import BaseModel


def _golden() -> dict[str, dict[str, Any]]:
    """Class name -> its object schema, from the committed dossier and fragment schemas."""
    out: dict[str, dict[str, Any]] = {}
    for name, root in (("dossier.schema.json", "Dossier"), ("fragment.schema.json", "Fragment")):
        schema = json.loads((data_dir("schemas") / name).read_text(encoding="utf-8"))
        out.update(schema.get("$defs", {}))
        out[root] = {k: v for k, v in schema.items() if k not in ("$defs", "$schema", "$id", "title")}
    return out


def _models() -> list[type[BaseModel]]:
    found = [getattr(model, n) for n in model.__all__]
    return [c for c in found if inspect.isclass(c) and issubclass(c, BaseModel) and c.__name__ != "Collections"]


GOLDEN = _golden()


@pytest.mark.parametrize("cls", _models(), ids=lambda c: c.__name__)
def test_model_fields_match_the_committed_schema(cls: type[BaseModel]) -> None:
    pinned = GOLDEN.get(cls.__name__)
    assert pinned is not None, f"{cls.__name__} is not in schemas/: run 'make schemas' and review the diff"
    assert list(cls.model_fields) == list(pinned.get("properties", {})), "fields or their order changed"
    required = [n for n, f in cls.model_fields.items() if f.is_required()]
    assert required == pinned.get("required", []), "required fields changed"
    doc = inspect.cleandoc(cls.__doc__) if cls.__doc__ else None
    assert doc == pinned.get("description"), "description (class docstring) changed"


def test_golden_pins_id_patterns() -> None:
    site = GOLDEN["Site"]["properties"]["id"]
    assert site["pattern"] == "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
    assert GOLDEN["Site"]["required"][:2] == ["id", "name"]
