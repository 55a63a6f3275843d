"""Continuing a real EU application another tool built: import, mapping, and the next builds' operations."""

from __future__ import annotations

import os
import shutil
import stat
from collections import Counter
from pathlib import Path

import pytest
from ectd_builder.adopt import import_history
from ectd_builder.dossier import load_dossier
from ectd_builder.ectd.api import build_dossier, freeze_sequence
from ectd_builder.ectd.history import read_history
from ectd_builder.ectd.placement import leaf_id
from ectd_builder.errors import EctdError
from foreign import EMSELEX, PIOGLITAZONE, reconstruct

REGIONAL = "m1/eu/eu-regional.xml"
MAPPED = {
    "attachment:cover-eu": (f"0000/{REGIONAL}#ID00001315", "only leaf in section"),
    "attachment:form": (f"0000/{REGIONAL}#ID00001319", "section+title"),
    "attachment:ce": ("0000/index.xml#ID00000582", "section+file name"),
    "document:3.2.R": ("0000/index.xml#ID00000587", "section+title"),
}


def _import(source: Path, root: Path, j: str = "ema"):  # noqa: ANN202 - the core's Imported
    loaded = load_dossier(root)
    assert loaded.dossier is not None
    return loaded, import_history(source, loaded.root, j, loaded.dossier)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _problems_of(built: Path, frozen: Path, standards_dir: Path) -> list[str]:
    """``ectd check`` of the application (their sequence and ours): the problems found in ours."""
    from ectd_builder.check.engine import CheckOptions, check_path

    app = built.parent.parent / "checked"
    shutil.copytree(frozen, app / frozen.name)
    shutil.copytree(built, app / built.name)
    outcome = check_path(app, CheckOptions(region="eu", standards=standards_dir))
    return [f"{p.location}: {p.message}" for p in outcome.problems if f"/{built.name}/" in (p.file or "")]


def test_import_maps_by_section_title_and_file_name(pas_gr: Path, dossier: Path) -> None:
    _, result = _import(pas_gr, dossier)
    found = {m.ours.ref: (m.theirs.ref, m.reason) for m in result.matching.matches}
    assert found == MAPPED
    assert {o.ref for o in result.matching.unmatched_ours} >= {"attachment:lit"}
    assert len(result.matching.unmatched_theirs) == 288 - len(MAPPED)  # every document leaf but the regional backbone
    frozen = dossier / "submissions" / "ema" / "0000"
    assert _files(frozen) == _files(pas_gr / "0000")  # byte-identical
    assert not stat.S_IMODE(os.stat(frozen / "index.xml").st_mode) & 0o222
    text = (dossier / "submissions" / "ema" / "adopted.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Adopted history")
    assert f"# {leaf_id('attachment:form')} <- 'Application Form'" in text


def test_the_next_build_replaces_the_mapped_leaves_and_keeps_the_others(pas_gr: Path, dossier: Path, standards_dir: Path) -> None:
    loaded, _ = _import(pas_gr, dossier)
    history = read_history(dossier / "submissions" / "ema", "eu")
    assert {history.current[leaf_id(k)].id for k in MAPPED} == {ref.split("#")[1] for ref, _ in MAPPED.values()}
    assert len(history.kept) == 288 - len(MAPPED)
    result = build_dossier(loaded.dossier, loaded.root, "ema", store=standards_dir)
    ops = {leaf.key: (leaf.operation, leaf.modified_file) for leaf in result.leaves}
    assert ops["attachment:form"] == ("replace", f"../../../0000/{REGIONAL}#ID00001319")
    assert ops["attachment:cover-eu"] == ("new", None)  # the EU cover letter is new in every sequence
    assert ops["attachment:ce"] == ("replace", "../0000/index.xml#ID00000582")
    assert ops["document:3.2.R"] == ("replace", "../0000/index.xml#ID00000587")
    assert ops["attachment:lit"] == ("new", None)
    assert Counter(leaf.operation for leaf in result.leaves)["delete"] == 0  # their other leaves stay in force
    assert _problems_of(result.path, dossier / "submissions" / "ema" / "0000", standards_dir) == []
    freeze_sequence(loaded.root, "ema", result.sequence)
    again = build_dossier(loaded.dossier, loaded.root, "ema", store=standards_dir)
    assert {leaf.operation for leaf in again.leaves if leaf.key not in ("m1/regional-backbone", "attachment:cover-eu")} == set()


def test_an_older_m1_history_builds_instead_of_crashing(
    samples_dir: Path, tmp_path: Path, dossier: Path, standards_dir: Path
) -> None:
    """EU M1 1.3 (m1-3-1-pim in m1-3-pi): deleting its leaves crashed the EU M1 3.x backbone writer."""
    loaded, result = _import(reconstruct(samples_dir, EMSELEX, tmp_path / "emselex"), dossier)
    assert [(m.ours.ref, m.reason) for m in result.matching.matches] == [("attachment:cover-eu", "only leaf in section")]
    built = build_dossier(loaded.dossier, loaded.root, "ema", store=standards_dir)
    assert Counter(leaf.operation for leaf in built.leaves)["delete"] == 0


def test_wrong_region_is_refused_located(pas_gr: Path, dossier: Path) -> None:
    with pytest.raises(EctdError) as err:
        _import(pas_gr, dossier, "fda")
    assert err.value.message.startswith(f"{pas_gr / '0000' / REGIONAL}: the sequence is for region 'eu'")
    assert not (dossier / "submissions").exists()


def test_unreadable_input_is_refused_at_its_line(pas_gr: Path, dossier: Path) -> None:
    index = pas_gr / "0000" / "index.xml"
    lines = index.read_text(encoding="utf-8").splitlines()
    lines[9] = "<broken"
    index.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(EctdError) as err:
        _import(pas_gr, dossier)
    assert err.value.message.startswith(f"{index}:12: cannot read: ")
    assert not (dossier / "submissions" / "ema").exists()


def test_a_changed_file_is_refused_and_nothing_is_written(pas_gr: Path, dossier: Path) -> None:
    leaf = pas_gr / "0000" / "m3" / "32-body-data" / "32r-reg-info" / "regional-ce.pdf"
    leaf.write_bytes(leaf.read_bytes() + b"\n")
    with pytest.raises(EctdError, match="checksum of m3/32-body-data/32r-reg-info/regional-ce.pdf differs"):
        _import(pas_gr, dossier)
    assert not (dossier / "submissions" / "ema").exists()


def test_an_existing_history_is_never_overwritten(pas_gr: Path, dossier: Path) -> None:
    _import(pas_gr, dossier)
    before = _files(dossier / "submissions" / "ema")
    with pytest.raises(EctdError, match="already holds a history"):
        _import(pas_gr, dossier)
    assert _files(dossier / "submissions" / "ema") == before


def test_an_edited_mapping_with_a_bad_id_is_located_at_its_line(pas_gr: Path, dossier: Path, standards_dir: Path) -> None:
    loaded, _ = _import(pas_gr, dossier)
    path = dossier / "submissions" / "ema" / "adopted.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if "ID00001319" in line)
    lines[row] = lines[row].replace("ID00001319", "ID99999999")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(EctdError) as err:
        build_dossier(loaded.dossier, loaded.root, "ema", store=standards_dir)
    assert f"{path}:{row + 1}:" in err.value.message
    assert "'0000/m1/eu/eu-regional.xml#ID99999999' is no leaf of the imported sequences" in err.value.message


def test_a_sequence_without_the_ones_it_changes_is_refused(samples_dir: Path, tmp_path: Path, dossier: Path) -> None:
    source = reconstruct(samples_dir, PIOGLITAZONE, tmp_path / "pioglitazone", "0030")
    with pytest.raises(EctdError) as err:
        _import(source, dossier)
    assert err.value.message == f"{source / '0030'}: index.xml refers to sequence 0029, which is not in the frozen history"
    assert not (dossier / "submissions" / "ema").exists()


def test_a_key_adopted_twice_is_located(pas_gr: Path, dossier: Path) -> None:
    _import(pas_gr, dossier)
    path = dossier / "submissions" / "ema" / "adopted.yaml"
    path.chmod(0o644)
    path.write_text(path.read_text(encoding="utf-8").replace('"attachment:ce"', '"attachment:form"'), encoding="utf-8")
    with pytest.raises(EctdError) as err:
        read_history(dossier / "submissions" / "ema", "eu")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("  - key:"))
    assert err.value.message.startswith(f"{path}:{line}:3: ")  # the list of adopted leaves
    assert "key attachment:form is adopted more than once" in err.value.message


def test_an_older_m1_history_copied_by_hand_is_a_clear_error(
    samples_dir: Path, tmp_path: Path, dossier: Path, standards_dir: Path
) -> None:
    """Without import-history every foreign leaf would be deleted at its EU M1 1.3 place (m1-3-1-pim in
    m1-3-pi), which this tool's EU M1 cannot write: the build stops with the fix, not a crash (exit 3)."""
    shutil.copytree(reconstruct(samples_dir, EMSELEX, tmp_path / "emselex"), dossier / "submissions" / "ema")
    loaded = load_dossier(dossier)
    assert loaded.dossier is not None
    with pytest.raises(EctdError) as err:
        build_dossier(loaded.dossier, loaded.root, "ema", store=standards_dir)
    assert "m1-3-1-pim is not allowed in m1-3-pi" in err.value.message
    assert err.value.message.startswith(f"{dossier / 'submissions' / 'ema'}: a leaf of the frozen history")
    assert "ectd import-history PATH -j J" in (err.value.hint or "")
    assert [p.name for p in (dossier / "build" / "ema").iterdir()] == [".lock"]  # no sequence left half-written
