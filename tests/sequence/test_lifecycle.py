"""The one lifecycle replay: meaning of new/append/replace/delete and each fault, at its leaf's line.

Applications are written at test time with the checker's builders (``tests/check/check_builders``)
and read back with the one reader, so the faults carry real backbone line numbers.
"""

from __future__ import annotations

from pathlib import Path

from ectd_builder.ectd.history import read_history
from ectd_builder.sequence.lifecycle import Replay, replay
from ectd_builder.sequence.reader import read_application
from tests.check.check_builders import Doc, Seq, good_seq, make_pdf, write_sequence

S4 = [
    ("m3-quality", {}),
    ("m3-2-body-of-data", {}),
    ("m3-2-s-drug-substance", {"substance": "examplinib", "manufacturer": "example-api"}),
    ("m3-2-s-4-control-of-drug-substance", {}),
]
S41 = [*S4, ("m3-2-s-4-1-specification", {})]
S42 = [*S4, ("m3-2-s-4-2-analytical-procedures", {})]
BASE = "m3/32-body-data/32s-drug-sub/examplinib-example-api/32s4-contr-drug-sub"


def _doc(leaf_id: str, op: str, target: str | None, section: list[tuple[str, dict[str, str]]] = S41) -> Doc:
    folder = "32s41-spec" if section is S41 else "32s42-analyt-proc"
    href = None if op == "delete" else f"{BASE}/{folder}/{leaf_id}.pdf"
    data = None if op == "delete" else make_pdf(1, title=leaf_id)
    return Doc(leaf_id, section, f"Document {leaf_id}", href, data, op, target and f"../{target}")


def _seq(number: str, docs: list[Doc]) -> Seq:
    seq = good_seq("eu", number, pdfs={"spec": b"", "proc": b"", "cover": make_pdf(1)})
    seq.index_docs = docs
    seq.regional_docs[0].id = f"cover{number}"
    seq.regional_docs[0].href = f"10-cover/ema/cover-{number}.pdf"
    seq.related, seq.unit = "0000", "response"
    return seq


def _app(tmp_path: Path, standards_dir: Path, *later: list[Doc]) -> Path:
    app = tmp_path / "app"
    write_sequence(app, good_seq("eu"), standards_dir)  # 0000: s41 and s42, both new
    for i, docs in enumerate(later, start=1):
        write_sequence(app, _seq(f"{i:04d}", docs), standards_dir)
    return app


def _replay(app: Path) -> Replay:
    return replay(read_application(app).sequences)


def line_of(backbone: Path, leaf_id: str) -> int:
    """The line of ``ID="leaf_id"`` in the written backbone (the builders put one leaf per line)."""
    lines = backbone.read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if f'ID="{leaf_id}"' in text)


def _faults(result: Replay) -> list[tuple[str, str, str, int | None]]:
    return [(f.code, f.sequence, f.leaf.id, f.leaf.line) for f in result.faults]


def _in_force(result: Replay) -> list[str]:
    """The Module 3 leaves in force (each sequence also carries its own Module 1 cover letter)."""
    return sorted(f"{e.last.sequence}:{e.last.leaf.id}" for e in result.in_force() if e.last.leaf.backbone == "index.xml")


def _live_ids(app: Path) -> list[str]:
    return sorted(i for i in read_history(app, "eu").current if not i.startswith("cover"))


def test_replace_supersedes_and_continues_the_history(tmp_path: Path, standards_dir: Path) -> None:
    app = _app(tmp_path, standards_dir, [_doc("r1", "replace", "0000/index.xml#s41")])
    result = _replay(app)
    assert result.faults == ()
    assert _in_force(result) == ["0000:s42", "0001:r1"]
    [entry] = [e for e in result.entries if e.key == "0000/index.xml#s41"]
    assert [ev.operation for ev in entry.events] == ["new", "replace"]


def test_append_adds_and_both_stay_in_force(tmp_path: Path, standards_dir: Path) -> None:
    app = _app(tmp_path, standards_dir, [_doc("a1", "append", "0000/index.xml#s41")])
    result = _replay(app)
    assert result.faults == ()
    assert _in_force(result) == ["0000:s41", "0000:s42", "0001:a1"]
    [appended] = [e for e in result.entries if e.key == "0001/index.xml#a1"]
    assert appended.appends_to == "0000/index.xml#s41"
    # the build plans against the same replay: the appended-to leaf is still live
    assert _live_ids(app) == ["a1", "s41", "s42"]


def test_delete_removes(tmp_path: Path, standards_dir: Path) -> None:
    app = _app(tmp_path, standards_dir, [_doc("d1", "delete", "0000/index.xml#s42", S42)])
    result = _replay(app)
    assert result.faults == ()
    assert _in_force(result) == ["0000:s41"]
    assert _live_ids(app) == ["s41"]


def test_target_that_points_at_nothing(tmp_path: Path, standards_dir: Path) -> None:
    app = _app(tmp_path, standards_dir, [_doc("r1", "replace", "0000/index.xml#nope")])
    result = _replay(app)
    assert _faults(result) == [("target-missing", "0001", "r1", line_of(app / "0001/index.xml", "r1"))]
    assert "no leaf 'nope' in 0000/index.xml" in result.faults[0].message
    [orphan] = [e for e in result.entries if e.key == "0001/index.xml#r1"]
    assert orphan.orphan


def test_target_that_is_a_delete_leaf(tmp_path: Path, standards_dir: Path) -> None:
    app = _app(
        tmp_path,
        standards_dir,
        [_doc("d1", "delete", "0000/index.xml#s42", S42)],
        [_doc("r2", "replace", "0001/index.xml#d1", S42)],
    )
    result = _replay(app)
    assert _faults(result) == [("target-is-delete", "0002", "r2", line_of(app / "0002/index.xml", "r2"))]


def test_passing_twin_of_the_delete_leaf_case(tmp_path: Path, standards_dir: Path) -> None:
    """The same shape, the later replace naming the live s41: clean."""
    app = _app(
        tmp_path,
        standards_dir,
        [_doc("d1", "delete", "0000/index.xml#s42", S42)],
        [_doc("r2", "replace", "0000/index.xml#s41")],
    )
    assert _replay(app).faults == ()


def test_target_already_deleted(tmp_path: Path, standards_dir: Path) -> None:
    app = _app(
        tmp_path,
        standards_dir,
        [_doc("d1", "delete", "0000/index.xml#s42", S42)],
        [_doc("r2", "replace", "0000/index.xml#s42", S42)],
    )
    result = _replay(app)
    assert _faults(result) == [("target-deleted", "0002", "r2", line_of(app / "0002/index.xml", "r2"))]
    assert result.faults[0].related == "0001"


def test_replace_into_another_section(tmp_path: Path, standards_dir: Path) -> None:
    app = _app(tmp_path, standards_dir, [_doc("r1", "replace", "0000/index.xml#s41", S42)])
    result = _replay(app)
    assert _faults(result) == [("section-changed", "0001", "r1", line_of(app / "0001/index.xml", "r1"))]
    assert "m3-2-s-4-1-specification" in result.faults[0].message


def test_branch_two_leaves_in_force_replace_one(tmp_path: Path, standards_dir: Path) -> None:
    app = _app(
        tmp_path,
        standards_dir,
        [_doc("r1", "replace", "0000/index.xml#s41")],
        [_doc("r2", "replace", "0000/index.xml#s41")],
    )
    result = _replay(app)
    assert _faults(result) == [("branch", "0002", "r2", line_of(app / "0002/index.xml", "r2"))]
    assert result.faults[0].related == "0001"
    assert _in_force(result) == ["0000:s42", "0001:r1", "0002:r2"]
    [branch] = [e for e in result.entries if e.key == "0002/index.xml#r2"]
    assert branch.branch_of == "0000/index.xml#s41"


def test_no_branch_when_the_chain_is_followed(tmp_path: Path, standards_dir: Path) -> None:
    app = _app(
        tmp_path,
        standards_dir,
        [_doc("r1", "replace", "0000/index.xml#s41")],
        [_doc("r2", "replace", "0001/index.xml#r1")],
    )
    result = _replay(app)
    assert result.faults == ()
    assert _in_force(result) == ["0000:s42", "0002:r2"]


def test_two_leaves_of_one_sequence_on_one_target(tmp_path: Path, standards_dir: Path) -> None:
    app = _app(tmp_path, standards_dir, [_doc("r1", "replace", "0000/index.xml#s41"),
                                         _doc("r2", "replace", "0000/index.xml#s41")])
    result = _replay(app)
    assert _faults(result) == [("target-multiple", "0001", "r2", line_of(app / "0001/index.xml", "r2"))]


def test_faults_of_every_kind_are_known_codes(tmp_path: Path, standards_dir: Path) -> None:
    from ectd_builder.sequence.lifecycle import FAULT_CODES

    app = _app(tmp_path, standards_dir, [_doc("r1", "replace", "0000/index.xml#nope"),
                                         _doc("r2", "replace", "0005/index.xml#s41"),
                                         _doc("r3", "replace", "../other/0000/index.xml#s41")])
    result = _replay(app)
    assert {f.code for f in result.faults} == {"target-missing", "target-later", "target-outside"}
    assert {f.code for f in result.faults} <= set(FAULT_CODES)
