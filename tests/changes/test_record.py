"""The facts record: round trip, deterministic text, and every damaged record a located EctdError."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ectd_builder.changes.facts import collect_facts, write_facts
from ectd_builder.changes.record import (
    Declared,
    Entity,
    Fact,
    FactsRecord,
    read_record,
    record_from_json,
    record_to_json,
)
from ectd_builder.dossier.model import Dossier
from ectd_builder.errors import EctdError

SMALL = FactsRecord(
    {
        "parameter:p1": Entity(
            "parameter",
            fields={"nor": Fact({"low": 1, "high": 2, "unit": "kN"}, ("p.yaml", 3, 5))},
            attributes={"owner": "product"},
            declared={"fda": Declared("CBE-30", "ec.reporting", ("p.yaml", 4, 7))},
        )
    }
)
TEXT = record_to_json(SMALL)


def test_round_trip_of_the_tablet(tablet: Dossier) -> None:
    text = record_to_json(collect_facts(tablet))
    back = record_from_json(text, Path("x.facts.json"))
    assert record_to_json(back) == text
    assert back.entities["parameter:p-rc-force"].declared["ema"] == Declared(
        "IB", "ec.reporting", back.entities["parameter:p-rc-force"].declared["ema"].at
    )


def test_round_trip_keeps_values_and_places() -> None:
    back = record_from_json(TEXT, Path("x.facts.json"))
    assert back == SMALL


def test_the_text_is_deterministic(tablet: Dossier, tmp_path: Path) -> None:
    a, b = write_facts(tablet, tmp_path / "a" / "0000.facts.json"), write_facts(tablet, tmp_path / "b" / "0000.facts.json")
    assert a.read_bytes() == b.read_bytes() == record_to_json(collect_facts(tablet)).encode("utf-8")
    assert not re.search(rb"20\d\d-\d\d-\d\dT", a.read_bytes())  # no timestamp
    assert list((tmp_path / "a").iterdir()) == [a]  # the temporary file is gone


# (what is damaged, the text that damages it, its replacement, line:col, message)
DAMAGE = [
    ("format", '"ectd-builder/facts-1"', '"ectd-builder/facts-0"', "35:2",
     "expected format 'ectd-builder/facts-1', found \"ectd-builder/facts-0\" (at format)"),
    ("kind", '"kind": "parameter"', '"kind": ""', "32:4", "expected the entity kind (a text) (at entities.parameter:p1.kind)"),
    ("attributes", '"attributes": {\n    "owner": "product"\n   }', '"attributes": []', "4:4",
     "expected an object (at entities.parameter:p1.attributes)"),
    ("region", '"fda": {', '"xx": {', "8:5",
     "expected a region (fda, ema, pmda, nmpa) with category and via (at entities.parameter:p1.declared.xx)"),
    ("category", '"category": "CBE-30"', '"category": 3', "8:5",
     "expected a region (fda, ema, pmda, nmpa) with category and via (at entities.parameter:p1.declared.fda)"),
    ("value", '"value": {', '"valu": {', "19:5", "expected a value (at entities.parameter:p1.fields.nor)"),
    ("where", '"p.yaml",\n      3,', '"p.yaml",\n      "3",', "20:6",
     "expected null or [file, line, col] (at entities.parameter:p1.fields.nor.at)"),
    ("top", TEXT, "[]\n", "1:1", "expected an object (at <top>)"),
    ("json", '"kind": "parameter"', '"kind": parameter', "32:12", "Expecting value"),
]


@pytest.mark.parametrize(("old", "new", "where", "message"), [d[1:] for d in DAMAGE], ids=[d[0] for d in DAMAGE])
def test_damage_is_located(tmp_path: Path, old: str, new: str, where: str, message: str) -> None:
    assert TEXT.count(old) == 1
    path = tmp_path / "0000.facts.json"
    path.write_text(TEXT.replace(old, new), encoding="utf-8")
    with pytest.raises(EctdError) as caught:
        read_record(path)
    assert caught.value.message == f"{path}:{where}: the facts record is damaged: {message}"
    assert "ectd freeze" in (caught.value.hint or "")


def test_not_utf8_and_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "0000.facts.json"
    path.write_bytes(b'{"format": "\xff"}')
    with pytest.raises(EctdError, match=r"0000\.facts\.json:1:1: the facts record is damaged: not UTF-8 text"):
        read_record(path)
    with pytest.raises(EctdError, match="cannot read the facts record"):
        read_record(tmp_path)
