"""v4.0 units through the format-neutral model: the v3.2.2 lifecycle replay agrees with in_force."""

from __future__ import annotations

from pathlib import Path

from ectd_builder.sequence.lifecycle import replay
from ectd_builder.sequence.reader import is_sequence_folder, read_application, read_sequence
from ectd_builder.sequence.v4 import in_force, read_v4_application

from tests.sequence.test_v4_reader import lifecycle, uid


def test_application_maps_and_replay_matches_in_force(tmp_path: Path) -> None:
    lifecycle(tmp_path)
    app = read_application(tmp_path)
    assert [s.name for s in app.sequences] == ["0001", "0002"]
    first = app.sequences[0]
    spec = next(lf for lf in first.leaves if lf.id == uid("c-spec"))
    assert spec.placement.code == "3.2.P.5.1" and spec.file == "0001/m3/32p51-spec.pdf"
    assert spec.operation == "new" and spec.keys == {"keyword": "Quorvatinib tablets 10 mg"}
    second = {lf.id: lf for lf in app.sequences[1].leaves}
    assert second[uid("c-stab-2")].operation == "replace"
    assert second[uid("c-stab-2")].target is not None and second[uid("c-stab-2")].target.key == (
        "0001", "submissionunit.xml", uid("c-stab"))
    assert second[uid("c-spec-qos")].operation == "delete"
    assert second[uid("c-reuse")].file == "0001/m3/32p51-spec.pdf"  # reused document, by UUID
    result = replay(list(app.sequences))
    current = {e.current.id for e in result.entries if e.current is not None}
    units, _ = read_v4_application(tmp_path)
    assert current == set(in_force(units))
    assert not [f for f in result.faults]


def test_single_unit_folder_reads_with_history(tmp_path: Path) -> None:
    lifecycle(tmp_path)
    assert is_sequence_folder(tmp_path / "0002")
    seq = read_sequence(tmp_path / "0002")
    assert seq.region == "us" and len(seq.leaves) == 4
