"""Building sequences from plain inputs: validity, checksums, names, determinism, golden XML."""

from __future__ import annotations

import filecmp
import hashlib
import os
from pathlib import Path

import pytest
from seqcheck import REGIONAL, check_sequence
from plain import JURISDICTIONS, documents, module1, request

from ectd_builder.ectd import atomic
from ectd_builder.ectd.build import build_sequence
from ectd_builder.ectd.catalog import UTIL_FILES, catalog_entry
from ectd_builder.ectd.model import REGIONS, PlannedFile
from ectd_builder.errors import EctdError

GOLDEN = Path(__file__).resolve().parent / "golden"


def _all_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("j", JURISDICTIONS)
def test_initial_sequence_is_valid(tmp_path: Path, store: Path, j: str) -> None:
    files = documents() + module1(tmp_path / "att")
    result = build_sequence(request(j, tmp_path, store, files))
    assert result.sequence == ("0001" if j == "fda" else "0000")
    assert result.path == tmp_path / "build" / j / result.sequence
    operations = check_sequence(result.path, j, store)
    assert set(operations.values()) == {"new"}
    assert result.count("new") == len(files) and result.count("replace") == result.count("delete") == 0
    for key, rel in UTIL_FILES[REGIONS[j]]:
        set_name, file_name = key.split("/")
        entry = catalog_entry(set_name, file_name)
        assert entry is not None
        assert hashlib.md5((result.path / rel).read_bytes()).hexdigest() == entry.md5
    if j == "pmda":
        assert any("NOT produced" in note for note in result.notes)
        assert sorted(p.name for p in (result.path / "m1" / "jp").iterdir()) == ["application-form.pdf", "cover-letter.pdf", "letter-of-access.pdf"]
    assert not [p for p in result.path.parent.iterdir() if atomic.TMP_MARK in p.name]


@pytest.mark.parametrize("j", JURISDICTIONS)
def test_golden_backbones(tmp_path: Path, store: Path, j: str) -> None:
    regen_golden = os.environ.get("ECTD_REGEN_GOLDEN") == "1"
    result = build_sequence(request(j, tmp_path, store, documents() + module1(tmp_path / "att")))
    names = ["index.xml"] + ([REGIONAL[j]] if j in REGIONAL else [])
    for name in names:
        golden = GOLDEN / j / Path(name).name
        produced = (result.path / name).read_bytes()
        if regen_golden:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(produced)
        assert golden.is_file(), f"{golden} is missing (ECTD_REGEN_GOLDEN=1 writes it)"
        assert produced == golden.read_bytes(), f"{j}/{name} differs from {golden} (ECTD_REGEN_GOLDEN=1 regenerates)"


def test_two_builds_are_byte_identical(tmp_path: Path, store: Path) -> None:
    att = module1(tmp_path / "att")
    a = build_sequence(request("ema", tmp_path / "a", store, documents() + att))
    b = build_sequence(request("ema", tmp_path / "b", store, documents() + att))
    assert _all_files(a.path) == _all_files(b.path)
    match, mismatch, errors = filecmp.cmpfiles(a.path, b.path, _all_files(a.path), shallow=False)
    assert mismatch == [] and errors == []
    assert os.stat(a.path / "index.xml").st_mtime == 1767225600


def test_rebuild_of_unfrozen_sequence_replaces_it(tmp_path: Path, store: Path) -> None:
    first = build_sequence(request("nmpa", tmp_path, store, documents()))
    second = build_sequence(request("nmpa", tmp_path, store, documents(drop=("lit",))))
    assert first.path == second.path
    assert not (second.path / "m3" / "33-lit-ref").exists()
    assert sorted(p.name for p in second.path.parent.iterdir()) == [".lock", "0000"]


def test_concurrent_build_is_refused(tmp_path: Path, store: Path) -> None:
    with atomic.output_lock(tmp_path / "build" / "ema", "held by the test"):
        with pytest.raises(EctdError, match="already being written"):
            build_sequence(request("ema", tmp_path, store, documents()))
    assert not (tmp_path / "build" / "ema" / "0000").exists()


def test_missing_standards_name_the_fix(tmp_path: Path) -> None:
    with pytest.raises(EctdError) as info:
        build_sequence(request("ema", tmp_path, tmp_path / "no-store", documents()))
    assert "ectd standards import" in (info.value.hint or "")
    assert not (tmp_path / "build").exists()


def test_bad_placements_are_refused(tmp_path: Path, store: Path) -> None:
    not_lowest = PlannedFile("x", "3.2.S.4", "Control", data=b"%PDF-1.4", substance="a", manufacturer="b")
    with pytest.raises(EctdError, match="not a lowest-level heading"):
        build_sequence(request("ema", tmp_path, store, [not_lowest]))
    no_key = PlannedFile("x", "3.2.S.4.1", "Spec", data=b"%PDF-1.4")
    with pytest.raises(EctdError, match="no substance"):
        build_sequence(request("ema", tmp_path, store, [no_key]))
    twice = documents()[:1] * 2
    with pytest.raises(EctdError, match="used twice"):
        build_sequence(request("ema", tmp_path, store, twice))
    with pytest.raises(EctdError, match="no place in the us Module 1"):
        build_sequence(request("fda", tmp_path, store, [PlannedFile("c", "cep", "CEP", data=b"%PDF-1.4")]))


def test_long_names_are_shortened_within_the_fda_limit(tmp_path: Path, store: Path) -> None:
    long = dict(substance="a" * 60, manufacturer="m" * 60)
    doc = PlannedFile("long", "3.2.S.2.2", "Process", file_stem="description-of-the-manufacturing-process-" * 3, data=b"%PDF-1.4 x", **long)
    result = build_sequence(request("fda", tmp_path, store, [doc]))
    check_sequence(result.path, "fda", store)
