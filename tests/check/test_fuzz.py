"""Fuzz the backbone reader and the checker with mutated real backbones: never a crash."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ectd_builder.check.engine import CheckOptions, check_path
from ectd_builder.sequence.reader import read_sequence

SAMPLES = Path(os.environ.get("ECTD_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "samples"
# Small real backbones keep each example fast.
SOURCES = ("eu-denosumab-validation-rtq-0001", "eu-pioglitazone-actavis-renewal-rsi-0030")
TOKENS = [
    b"<",
    b">",
    b"/",
    b'"',
    b"'",
    b"&",
    b"&amp;",
    b"<!ENTITY x 'y'>",
    b"&x;",
    b"#",
    b"../",
    b"..\\",
    b'operation="delete"',
    b'modified-file="#"',
    b'xlink:href="/etc/passwd"',
    b"\x00",
    b"\xff\xfe",
    b'<leaf ID="z" operation="replace">',
    b"</leaf>",
    b"<!DOCTYPE a [<!ENTITY b SYSTEM 'file:///etc/passwd'>]>",
]


def _load(name: str) -> tuple[bytes, bytes]:
    folder = SAMPLES / name
    return (folder / "index.xml").read_bytes(), (folder / "m1/eu/eu-regional.xml").read_bytes()


ORIGINALS = [_load(n) for n in SOURCES]

mutation = st.tuples(
    st.sampled_from(["delete", "insert", "token", "duplicate"]),
    st.floats(0, 1),
    st.integers(1, 200),
    st.sampled_from(TOKENS),
    st.binary(max_size=16),
)


def _mutate(data: bytes, muts: list[tuple[str, float, int, bytes, bytes]]) -> bytes:
    for kind, where, length, token, raw in muts:
        pos = int(where * len(data))
        if kind == "delete":
            data = data[:pos] + data[pos + length :]
        elif kind == "insert":
            data = data[:pos] + raw + data[pos:]
        elif kind == "token":
            data = data[:pos] + token + data[pos:]
        else:
            data = data[:pos] + data[pos : pos + length] + data[pos:]
    return data


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.integers(0, len(ORIGINALS) - 1),
    which=st.sampled_from(["index", "regional", "both"]),
    muts=st.lists(mutation, min_size=1, max_size=4),
)
def test_mutated_backbones_never_crash(source: int, which: str, muts: list) -> None:  # type: ignore[type-arg]
    index, regional = ORIGINALS[source]
    if which in ("index", "both"):
        index = _mutate(index, muts)
    if which in ("regional", "both"):
        regional = _mutate(regional, muts)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "0001"
        (folder / "m1" / "eu").mkdir(parents=True)
        (folder / "index.xml").write_bytes(index)
        (folder / "m1/eu/eu-regional.xml").write_bytes(regional)
        seq = read_sequence(folder)
        assert seq.name == "0001"
        outcome = check_path(folder, CheckOptions(standards=SAMPLES.parent / "standards"))
        assert all(p.code for p in outcome.problems)
