"""Lifecycle across three frozen sequences: initial, replace, delete; refusals around the history."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from plain import PlannedFile, documents, module1, pdf, request
from seqcheck import REGIONAL, check_sequence, parse

from ectd_builder.ectd.api import freeze_sequence
from ectd_builder.ectd.build import build_sequence
from ectd_builder.ectd.placement import leaf_id
from ectd_builder.errors import EctdError

XLINK = "{http://www.w3c.org/1999/xlink}href"


def _leaves(seq: Path, rel: str = "index.xml") -> dict[str, dict[str, str | None]]:
    out = {}
    for leaf in parse(seq / rel).getroot().iter("{*}leaf", "leaf"):
        out[leaf.get("ID")] = {"operation": leaf.get("operation"), "modified-file": leaf.get("modified-file"), "href": leaf.get(XLINK)}
    return out


@pytest.mark.parametrize("j", ["ema", "fda"])
def test_three_sequences(tmp_path: Path, store: Path, j: str) -> None:
    att = module1(tmp_path / "att")
    first = build_sequence(request(j, tmp_path, store, documents() + att))
    s0 = first.sequence
    freeze_sequence(tmp_path, j, s0)
    frozen0 = tmp_path / "submissions" / j / s0
    assert not (tmp_path / "build" / j / s0).exists()
    assert not os.access(frozen0 / "index.xml", os.W_OK) or os.geteuid() == 0
    assert not stat.S_IMODE(os.stat(frozen0 / "index.xml").st_mode) & 0o222

    # sequence 2: two specifications changed, the cover letter changed; everything else unchanged
    (tmp_path / "att" / "cover.pdf").write_bytes(pdf("cover v2"))
    second = build_sequence(request(j, tmp_path, store, documents("2") + att))
    s1 = second.sequence
    assert int(s1) == int(s0) + 1
    check_sequence(second.path, j, store)
    leaves = _leaves(second.path)
    for key in ("s-spec", "p-spec"):
        assert leaves[leaf_id(key)]["operation"] == "replace"
        assert leaves[leaf_id(key)]["modified-file"] == f"../{s0}/index.xml#{leaf_id(key)}"
    assert leaf_id("s-nomenclature") not in leaves  # unchanged documents are not carried again
    eu = j == "ema"  # the EU cover letter is new in every sequence (ema.yaml always_new_sections)
    assert (second.count("new"), second.count("replace"), second.count("delete")) == ((1, 2, 0) if eu else (0, 3, 0))
    carried = sorted(p.name for p in second.path.rglob("*.pdf"))
    assert carried == ["cover-letter.pdf", "specification.pdf", "specifications.pdf"]
    regional = _leaves(second.path, REGIONAL[j])
    cover = regional[leaf_id("m1-cover")]
    assert cover["operation"] == ("new" if eu else "replace")
    assert cover["modified-file"] == (None if eu else f"../../../{s0}/{REGIONAL[j]}#{leaf_id('m1-cover')}")
    freeze_sequence(tmp_path, j, s1)

    # sequence 3: the literature document is gone, the specification is replaced again
    third = build_sequence(request(j, tmp_path, store, documents("3", drop=("lit",)) + att))
    s2 = third.sequence
    check_sequence(third.path, j, store)
    leaves = _leaves(third.path)
    assert leaves[leaf_id("lit")] == {"operation": "delete", "modified-file": f"../{s0}/index.xml#{leaf_id('lit')}", "href": None}
    assert leaves[leaf_id("s-spec")]["modified-file"] == f"../{s1}/index.xml#{leaf_id('s-spec')}"
    assert (third.count("new"), third.count("replace"), third.count("delete")) == ((1, 2, 1) if eu else (0, 2, 1))
    freeze_sequence(tmp_path, j, s2)
    assert sorted(p.name for p in (tmp_path / "submissions" / j).iterdir()) == [s0, s1, s2]

    # after the delete, the document comes back as new
    fourth = build_sequence(request(j, tmp_path, store, documents("3") + att))
    assert _leaves(fourth.path)[leaf_id("lit")]["operation"] == "new"


def test_eu_envelope_related_sequence(tmp_path: Path, store: Path) -> None:
    build_sequence(request("ema", tmp_path, store, documents()))
    freeze_sequence(tmp_path, "ema", "0000")
    second = build_sequence(request("ema", tmp_path, store, documents("2"), submission_unit="validation-response"))
    envelope = parse(second.path / "m1/eu/eu-regional.xml").getroot().find("eu-envelope/envelope")
    assert envelope.findtext("sequence") == "0001"
    assert envelope.findtext("related-sequence") == "0000"
    assert any("related sequence not given" in n for n in second.notes)


def test_cn_related_sequence(tmp_path: Path, store: Path) -> None:
    build_sequence(request("nmpa", tmp_path, store, documents()))
    freeze_sequence(tmp_path, "nmpa", "0000")
    second = build_sequence(request("nmpa", tmp_path, store, documents("2"), sequence_type="cnsqt2", related_sequence="0000"))
    root = parse(second.path / "m1/cn/cn-regional.xml").getroot()
    assert root.findtext("{cn_ectd}cn-envelope/{cn_ectd}related-sequence") == "0000"
    assert root.findtext("{cn_ectd}cn-envelope/{cn_ectd}sequence-number") == "0001"


def test_history_is_never_rewritten(tmp_path: Path, store: Path) -> None:
    build_sequence(request("ema", tmp_path, store, documents()))
    freeze_sequence(tmp_path, "ema", "0000")
    with pytest.raises(EctdError, match="frozen"):
        build_sequence(request("ema", tmp_path, store, documents("2"), sequence="0000"))
    with pytest.raises(EctdError, match="already frozen"):
        freeze_sequence(tmp_path, "ema", "0000")
    build_sequence(request("ema", tmp_path, store, documents("2"), sequence="0003"))
    freeze_sequence(tmp_path, "ema", "0003")
    with pytest.raises(EctdError, match="lower than the last frozen"):
        build_sequence(request("ema", tmp_path, store, documents(), sequence="0001"))
    assert build_sequence(request("ema", tmp_path, store, documents())).sequence == "0004"


def test_freeze_refuses_tampered_sequence(tmp_path: Path, store: Path) -> None:
    result = build_sequence(request("ema", tmp_path, store, documents()))
    pdf_file = next(result.path.rglob("specification.pdf"))
    pdf_file.write_bytes(b"%PDF-1.4 changed after the build")
    with pytest.raises(EctdError, match="checksum"):
        freeze_sequence(tmp_path, "ema", "0000")
    assert not (tmp_path / "submissions" / "ema" / "0000").exists()


def test_freeze_refuses_sequence_built_against_other_history(tmp_path: Path, store: Path) -> None:
    build_sequence(request("ema", tmp_path, store, documents()))
    freeze_sequence(tmp_path, "ema", "0000")
    build_sequence(request("ema", tmp_path, store, documents("2")))
    os.chmod(tmp_path / "submissions" / "ema", 0o755)
    (tmp_path / "submissions" / "ema" / "0000").rename(tmp_path / "submissions" / "ema" / "0009")
    with pytest.raises(EctdError):
        freeze_sequence(tmp_path, "ema", "0001")


def test_unknown_document_keys_are_new(tmp_path: Path, store: Path) -> None:
    build_sequence(request("ema", tmp_path, store, documents()))
    freeze_sequence(tmp_path, "ema", "0000")
    extra = PlannedFile("p-stability-data", "3.2.P.8.3", "Stability data", data=pdf("data"),
                        product_name="Examplinib tablets 50 mg", dosage_form="film-coated tablet", manufacturer="Acme Pharma")
    second = build_sequence(request("ema", tmp_path, store, documents() + [extra]))
    assert [leaf.operation for leaf in second.leaves if leaf.key == "p-stability-data"] == ["new"]
    assert (second.count("new"), second.count("replace"), second.count("delete")) == (1, 0, 0)


def test_initial_unit_on_a_later_sequence_is_pointed_out(tmp_path: Path, store: Path) -> None:
    build_sequence(request("ema", tmp_path, store, documents()))
    freeze_sequence(tmp_path, "ema", "0000")
    second = build_sequence(request("ema", tmp_path, store, documents("2"), submission_unit="initial"))
    assert any("still says 'initial'" in n for n in second.notes)
    first_only = build_sequence(request("ema", tmp_path / "fresh", store, documents(), submission_unit="initial"))
    assert not any("still says" in n for n in first_only.notes)


def test_eu_cover_letter_is_new_in_every_sequence(tmp_path: Path, store: Path) -> None:
    """jurisdictions/ema.yaml always_new_sections: the unchanged 1.0 cover letter is new again in 0001."""
    import minidossier
    from ectd_builder.dossier import load_dossier
    from ectd_builder.ectd.api import build_dossier

    root = minidossier.write(tmp_path / "d")

    def build() -> Path:
        loaded = load_dossier(root)
        assert loaded.dossier is not None, loaded.problems
        return build_dossier(loaded.dossier, root, "ema", render=False, store=store).path

    first = build()
    cover_id = next(i for i, leaf in _leaves(first, REGIONAL["ema"]).items() if "cover" in (leaf["href"] or ""))
    freeze_sequence(root, "ema", first.name)
    minidossier.write(root, version="2")  # only the batch records change; the cover letter bytes do not
    second = build()
    check_sequence(second, "ema", store)
    regional = _leaves(second, REGIONAL["ema"])
    assert regional[cover_id]["operation"] == "new" and regional[cover_id]["modified-file"] is None
    assert (second / str(regional[cover_id]["href"])).is_file() or (second / "m1/eu" / str(regional[cover_id]["href"])).is_file()
    assert all(leaf["operation"] != "delete" for leaf in regional.values())  # the 0000 letter stays in force
    documents = [leaf["operation"] for leaf in _leaves(second).values() if not str(leaf["href"]).endswith(REGIONAL["ema"])]
    assert documents == ["replace"]  # the batch records only
