"""eCTD v4.0 lifecycle against frozen units: initial, change one document, remove one; freeze,
numbering, determinism, the application checks clean, and histories of the other version."""

from __future__ import annotations

import hashlib
from pathlib import Path

import minidossier
import pytest
from ectd_builder.check.v4 import check_v4_path, check_v4_unit
from ectd_builder.dossier import load_dossier
from ectd_builder.ectd.api import build_dossier, freeze_sequence
from ectd_builder.ectd.history import read_v4_history
from ectd_builder.ectd.model import BuildResult
from ectd_builder.errors import EctdError, OutputBlocked
from lxml import etree

NS = "{urn:hl7-org:v3}"


def _build(root: Path, j: str = "pmda", **kw: object) -> BuildResult:
    loaded = load_dossier(root)
    assert loaded.dossier is not None, loaded.problems
    return build_dossier(loaded.dossier, root, j, render=False, **kw)  # type: ignore[arg-type]


def _contexts(unit: Path) -> list[dict[str, object]]:
    """Each contextOfUse as written: id, code, status, document ids, replaced id, and its line."""
    out = []
    for cou in etree.parse(str(unit / "submissionunit.xml")).getroot().iter(f"{NS}contextOfUse"):
        rel = cou.find(f"{NS}replacementOf/{NS}relatedContextOfUse/{NS}id")
        out.append(
            {
                "id": cou.find(f"{NS}id").get("root"),
                "code": cou.find(f"{NS}code").get("code"),
                "status": cou.find(f"{NS}statusCode").get("code"),
                "docs": [d.get("root") for d in cou.iterfind(f"{NS}derivedFrom/{NS}documentReference/{NS}id")],
                "replaces": None if rel is None else rel.get("root"),
            }
        )
    return out


def _documents(unit: Path) -> dict[str, str]:
    root = etree.parse(str(unit / "submissionunit.xml")).getroot()
    return {d.find(f"{NS}id").get("root"): d.find(f"{NS}text/{NS}reference").get("value") for d in root.iter(f"{NS}document")}


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture()
def app(tmp_path: Path, store: Path) -> Path:
    root = minidossier.write(tmp_path / "d")
    return root


def test_initial_change_remove(app: Path, store: Path) -> None:
    first = _build(app, store=store)
    assert first.sequence == "0001" and (first.path / "submissionunit.xml").is_file()
    assert any("default for a new pmda application" in n for n in first.notes)
    c1 = _contexts(first.path)
    docs1 = _documents(first.path)
    assert all(c["status"] == "active" and c["replaces"] is None for c in c1)
    by_href = {href: doc for doc, href in docs1.items()}
    ebr_doc = next(doc for href, doc in by_href.items() if "ebr" in href or "batch" in href)
    ebr_cou = next(c for c in c1 if c["docs"] == [ebr_doc])
    freeze_sequence(app, "pmda", "0001")
    frozen = app / "submissions" / "pmda" / "0001"
    assert (frozen / "submissionunit.xml").is_file() and not (app / "build" / "pmda" / "0001").exists()
    assert not frozen.stat().st_mode & 0o222
    with pytest.raises(EctdError, match="already frozen"):
        freeze_sequence(app, "pmda", "0001")

    # unit 2: the batch records changed, nothing else
    minidossier.write(app, version="2")
    second = _build(app, store=store)
    assert second.sequence == "0002"
    c2 = _contexts(second.path)
    docs2 = _documents(second.path)
    assert len(c2) == 1 and len(docs2) == 1  # unchanged documents are not resent
    (new_doc,) = docs2
    assert new_doc != ebr_doc and c2[0]["docs"] == [new_doc]
    assert c2[0]["replaces"] == ebr_cou["id"] and c2[0]["id"] != ebr_cou["id"]
    assert c2[0]["code"] == ebr_cou["code"] and c2[0]["status"] == "active"
    assert [leaf.operation for leaf in second.leaves] == ["replace"]
    freeze_sequence(app, "pmda", "0002")

    # unit 3: the literature is gone -> its context of use is sent again, suspended
    minidossier.write(app, version="2", drop=("lit",))
    third = _build(app, store=store)
    c3 = _contexts(third.path)
    lit_cou = next(c for c in c1 if "3.3" in str(c["code"]))
    assert c3 == [{**lit_cou, "status": "suspended"}]
    assert _documents(third.path) == {}
    freeze_sequence(app, "pmda", "0003")
    outcome = check_v4_path(app / "submissions" / "pmda")
    assert [(p.code, p.location) for p in outcome.problems] == []


def test_same_bytes_twice_is_one_document_and_numbering_continues(app: Path, store: Path) -> None:
    _build(app, store=store)
    freeze_sequence(app, "pmda", "0001")
    text = (app / "dossier.yaml").read_text(encoding="utf-8")
    # a second context of use for the frozen literature file: reused by UUID, not sent again
    (app / "dossier.yaml").write_text(
        text.replace(
            "attachments:\n",
            'attachments:\n  - {id: lit2, file: attachments/lit.pdf, section: "3.3", title: Key literature, jurisdictions: []}\n',
            1,
        ),
        encoding="utf-8",
    )
    with pytest.raises(OutputBlocked, match="sequence 0001 is frozen in .*never rebuilt"):
        _build(app, store=store, sequence="0001")
    unit = _build(app, store=store, sequence="0005")
    assert unit.sequence == "0005"
    c = _contexts(unit.path)
    frozen_docs = _documents(app / "submissions" / "pmda" / "0001")
    assert len(c) == 1 and c[0]["replaces"] is None and c[0]["docs"][0] in frozen_docs
    assert _documents(unit.path) == {}
    history = read_v4_history(app / "submissions" / "pmda").units
    assert check_v4_unit(unit.path, history).problems == ()
    assert [p.code for p in check_v4_unit(unit.path, []).problems] == ["ICH-V4-06"]  # the reference needs the history


def test_second_unit_is_byte_deterministic(app: Path, store: Path, tmp_path: Path) -> None:
    _build(app, store=store)
    freeze_sequence(app, "pmda", "0001")
    minidossier.write(app, version="2")
    a = _build(app, store=store, out_root=tmp_path / "a").path
    b = _build(app, store=store, out_root=tmp_path / "b").path
    assert _tree(a) == _tree(b)
    app_id = etree.parse(str(a / "submissionunit.xml")).getroot().find(f".//{NS}application/{NS}id/{NS}item").get("root")
    frozen = etree.parse(str(app / "submissions/pmda/0001/submissionunit.xml")).getroot()
    assert app_id == frozen.find(f".//{NS}application/{NS}id/{NS}item").get("root")


def test_nothing_changed_is_refused(app: Path, store: Path) -> None:
    _build(app, store=store)
    freeze_sequence(app, "pmda", "0001")
    with pytest.raises(EctdError, match="nothing changed since unit 0001"):
        _build(app, store=store)


def test_v4_on_a_v3_history_is_refused_and_the_default_stays_v3(app: Path, store: Path) -> None:
    v3 = _build(app, store=store, ectd_version="3.2.2")
    assert (v3.path / "index.xml").is_file()
    freeze_sequence(app, "pmda", v3.sequence)
    with pytest.raises(EctdError, match=r"holds frozen eCTD v3.2.2 sequences.*does not migrate"):
        _build(app, store=store, ectd_version="4.0")
    again = _build(app, store=store)
    assert (again.path / "index.xml").is_file()
    assert any("built as eCTD v3.2.2" in n and "holds frozen v3.2.2 sequences" in n for n in again.notes)


def test_fda_v4_lifecycle_and_v3_build_on_a_v4_history_is_refused(app: Path, store: Path) -> None:
    first = _build(app, "fda", store=store, ectd_version="4.0")
    freeze_sequence(app, "fda", first.sequence)
    with pytest.raises(EctdError, match=r"holds frozen eCTD v4.0 sequences"):
        _build(app, "fda", store=store, ectd_version="3.2.2")
    minidossier.write(app, version="2")
    second = _build(app, "fda", store=store)  # the history's version, without asking
    (c,) = _contexts(second.path)
    assert c["replaces"] in {x["id"] for x in _contexts(first.path.parent.parent.parent / "submissions" / "fda" / first.sequence)}


def test_keyword_change_replaces_the_contexts_and_reuses_their_documents(tmp_path: Path, store: Path) -> None:
    import dataclasses
    from types import SimpleNamespace

    from ectd_builder.ectd4.build import build_unit
    from plain import documents

    dossier = SimpleNamespace(applications=SimpleNamespace(), product_name="Examplix")
    files = documents()
    first = build_unit(files, dossier, "pmda", tmp_path / "build", store, history_root=tmp_path / "submissions")
    freeze_sequence(tmp_path, "pmda", first.sequence)
    renamed = [dataclasses.replace(f, substance="examplinib mesilate") if f.substance else f for f in files]
    second = build_unit(renamed, dossier, "pmda", tmp_path / "build", store, history_root=tmp_path / "submissions")
    root = etree.parse(str(second.path / "submissionunit.xml")).getroot()
    defined = [
        (k.get("code"), k.find(f"{NS}displayName").get("value"))
        for k in root.iter(f"{NS}keywordDefinition")
        for k in k.iterfind(f"{NS}value/{NS}item/{NS}code")
    ]
    assert defined == [("examplinib-mesilate", "examplinib mesilate")]  # only the new keyword is defined
    old = {c["id"]: c for c in _contexts(first.path.parent.parent.parent / "submissions" / "pmda" / first.sequence)}
    changed = _contexts(second.path)
    assert changed and len(changed) == sum(1 for f in files if f.substance)
    for c in changed:  # same document (by UUID), new context of use replacing the old one
        assert c["replaces"] in old and c["docs"] == old[c["replaces"]]["docs"]
    assert _documents(second.path) == {}
    referenced = {k.get("code") for k in root.iter(f"{NS}keyword") for k in k.iterfind(f"{NS}code")}
    assert "examplinib-mesilate" in referenced


def test_render_layout_points_unchanged_documents_into_the_frozen_unit(app: Path, store: Path) -> None:
    import hashlib as _h

    from ectd_builder.ectd import api

    loaded = load_dossier(app)
    assert loaded.dossier is not None
    files = api.planned_files(loaded.dossier, app, "pmda", render=False).files
    layout = api._v4_layout(loaded.dossier, app, "pmda", files, None)
    assert layout.sequence == "0001" and layout.old == {}  # a new application: unit 0001, nothing frozen
    _build(app, store=store)
    freeze_sequence(app, "pmda", "0001")
    minidossier.write(app, drop=("lit",))
    loaded = load_dossier(app)
    assert loaded.dossier is not None
    files = api.planned_files(loaded.dossier, app, "pmda", render=False).files
    layout = api._v4_layout(loaded.dossier, app, "pmda", files, None)
    assert layout.sequence == "0002"
    assert "lit" not in layout.old and set(layout.old) == {f.key for f in files}  # every document left is in force
    for key, (path, md5) in layout.old.items():
        assert path.startswith("0001/")
        assert md5 == _h.md5((app / "submissions" / "pmda" / path).read_bytes(), usedforsecurity=False).hexdigest()
        assert layout.unchanged(key, md5)
