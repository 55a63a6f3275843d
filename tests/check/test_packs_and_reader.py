"""Criteria packs are consistent data; the reader is safe on hostile XML and unreadable files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ectd_builder.check import packs
from ectd_builder.check.pdfcheck import check_pdf
from ectd_builder.check.xmlsafe import MAX_XML_BYTES, parse_bytes
from ectd_builder.errors import EctdError
from ectd_builder.sequence.reader import read_sequence

CHECK_SOURCES = Path(packs.__file__).resolve().parent


def _literal_keys_in_code() -> set[str]:
    """Check keys written as string literals in the check modules."""
    shaped = re.compile(
        r'"((?:seq|index|regional|envelope|leaf|title|heading|nodeext|lifecycle|file|root|folder|path|name|pdf)-[a-z0-9-]+)"'
    )
    keys: set[str] = set()
    for path in CHECK_SOURCES.glob("*.py"):
        if path.name != "packs.py":
            keys |= set(shaped.findall(path.read_text(encoding="utf-8")))
    return keys


@pytest.mark.parametrize("name", packs.PACKS)
def test_pack_loads_with_unique_ids_and_sources(name: str) -> None:
    pack = packs.load_pack(name)
    ids = [c.id for c in pack.criteria]
    assert len(ids) == len(set(ids))
    assert all(c.source and c.title and c.checks for c in pack.criteria)
    assert all(
        c.id.startswith({"ich": "ICH-", "eu": "EU-", "fda": "FDA-", "cn": "CN-", "jp": "JP-"}[name])
        for c in pack.criteria
    )


def test_check_keys_registry_matches_code_and_packs() -> None:
    literal = {k for k in _literal_keys_in_code() if f"util-{k}-missing" not in packs.CHECK_KEYS}  # util roles
    assert literal - packs.CHECK_KEYS == set(), "checks report keys missing from CHECK_KEYS"
    used = {k for name in packs.PACKS for c in packs.load_pack(name).criteria for k in c.checks}
    assert packs.CHECK_KEYS - used == set(), "registered checks no pack covers"
    assert len(literal) > 50


def test_pack_with_unknown_check_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("criteria:\n  - {id: X-1, level: error, checks: [no-such-check], title: t, source: s}\n")
    with pytest.raises(EctdError, match="no-such-check"):
        packs.load_pack_file(bad)


def test_eu_marks_unknown_v8_numbers_and_regional_overrides() -> None:
    eu = packs.load_pack("eu")
    assert all(not c.v8_known for c in eu.criteria)
    crit = packs.criteria_for("eu")
    assert [c.id for c in crit.rules("leaf-checksum")] == ["EU-11.2"]
    assert [c.id for c in packs.criteria_for("us").rules("leaf-checksum")] == ["ICH-LEAF-2"]
    assert {c.id for c in packs.criteria_for("us").rules("path-length")} == {"FDA-1085", "FDA-TCG-2"}
    assert not packs.criteria_for("jp").applies("nodeext-present")


def test_unknown_pack_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EctdError):
        packs.criteria_for("eu", "nope")
    custom = tmp_path / "mine.yaml"
    custom.write_text(
        "pack: mine\nlevels: {x: error}\ncriteria:\n  - {id: MY-1, level: x, checks: [file-empty], title: t, source: s}\n"
    )
    assert [c.id for c in packs.criteria_for(None, str(custom)).rules("file-empty")] == ["MY-1"]


def test_entities_are_not_expanded_and_size_is_bounded() -> None:
    evil = b"<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>"
    tree, err = parse_bytes(evil)
    assert err is None and tree is not None
    assert "root:" not in "".join(tree.getroot().itertext())
    _, err = parse_bytes(b"<a/>" + b" " * (MAX_XML_BYTES + 1))
    assert err is not None and err.kind == "too-large"
    _, err = parse_bytes(b"<a><b></a>")
    assert err is not None and err.kind == "malformed" and err.line == 1


def test_reader_records_missing_and_malformed(tmp_path: Path) -> None:
    seq = read_sequence(tmp_path)
    assert seq.index is None and [e.kind for e in seq.errors] == ["missing"]
    (tmp_path / "index.xml").write_text("<ectd:ectd")
    assert [e.kind for e in read_sequence(tmp_path).errors] == ["malformed"]


def test_unreadable_leaf_file_is_not_run(tmp_path: Path, standards_dir: Path, pdfs, run_check, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.check.check_builders import good_seq, write_sequence

    folder = write_sequence(tmp_path, good_seq("eu", pdfs=pdfs), standards_dir)
    real_open = Path.open

    def deny(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.name == "specification.pdf":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    outcome = run_check(folder)
    assert any("unreadable" in n.reason and "specification.pdf" in n.check for n in outcome.not_run)
    assert "EU-11.2" not in {p.code for p in outcome.problems}  # not reported as passed, nor as failed


def test_good_pdfs_have_no_findings(pdfs: dict[str, bytes]) -> None:
    for data in pdfs.values():
        assert check_pdf(data) == []
