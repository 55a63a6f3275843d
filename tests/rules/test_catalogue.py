"""The rule catalogue (rules/catalogue.yaml) and the registered rules describe the same rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.errors import EctdError
from ectd_builder.rules import catalogue as cat
from ectd_builder.rules import engine

ENTRY = "    title: T\n    reference: ICH Q0 section 1\n    hint: H\n    verified: false\n"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "catalogue.yaml"
    path.write_text(f"source: test\nrules:\n{body}", encoding="utf-8")
    return path


def test_every_rule_has_an_entry_and_every_entry_a_rule() -> None:
    assert {r.id for r in engine.all_rules()} == set(cat.catalogue())


def test_a_rule_takes_its_title_reference_hint_and_severity_from_the_catalogue() -> None:
    rules = {r.id: r for r in engine.all_rules()}
    for rule_id, meta in cat.catalogue().items():
        r = rules[rule_id]
        assert (r.title, r.reference, r.hint, r.severity, r.regional) == (
            meta.title,
            meta.reference,
            meta.hint,
            meta.severity,
            meta.regional,
        )


def test_a_rule_without_an_entry_stops_at_registration() -> None:
    with pytest.raises(EctdError, match="NO-SUCH-01 has no entry in catalogue.yaml"):
        engine.rule("NO-SUCH-01")


def test_an_entry_without_a_rule_stops_the_tool(tmp_path: Path) -> None:
    path = _write(tmp_path, f"  A-01:\n{ENTRY}  B-01:\n{ENTRY}")
    cat.check_complete(["A-01", "B-01"], path)
    with pytest.raises(EctdError, match="describes rules that do not exist: B-01"):
        cat.check_complete(["A-01"], path)


def test_an_entry_gets_the_defaults(tmp_path: Path) -> None:
    meta = cat.entry("A-01", _write(tmp_path, f"  A-01:\n{ENTRY}"))
    assert (meta.severity.value, meta.regional, meta.verified) == ("error", False, False)


def test_every_defect_of_an_entry_is_reported_at_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "  A-01:\n    title: T\n    reference: R\n    verified: false\n    severity: fatal\n")
    with pytest.raises(EctdError) as caught:
        cat.catalogue(path)
    message = caught.value.message
    assert message.startswith("2 problems:") and "catalogue.yaml:3:3" in message and "hint" in message
    assert "catalogue.yaml:7:15" in message and "'error', 'warning' or 'info'" in message


def test_every_entry_has_a_reference_and_a_verified_flag() -> None:
    for rule_id, meta in cat.catalogue().items():
        assert meta.reference.strip() and meta.title.strip() and meta.hint.strip(), rule_id
        assert isinstance(meta.verified, bool), rule_id
