"""``ectd standards fetch`` out of ZIP packages built here from ../shared/standards, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ectd_builder.cli.main import app
from ectd_builder.ectd import standards as st
from ectd_builder.ectd import standards_zip
from ectd_builder.ectd.catalog import StandardPackage, catalog_entry

DTD = "ich-ectd-3.2/ich-ectd-3-2.dtd"
XSL = "ich-ectd-3.2/ectd-2-0.xsl"
EU = "eu-m1-3.1/eu-regional.dtd"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.fixture()
def packages(tmp_path: Path, standards_dir: Path) -> Iterator[dict[str, StandardPackage]]:
    """Four packages: good, wrong member bytes, a ``../`` member, a missing member."""
    served = tmp_path / "served"
    served.mkdir()
    dtd = (standards_dir / DTD).read_bytes()
    xsl = (standards_dir / XSL).read_bytes()
    eu = (standards_dir / EU).read_bytes()
    _zip(served / "good.zip", {"spec/util/dtd/ich-ectd-3-2.dtd": dtd, "spec/util/style/ectd-2-0.xsl": xsl, "x.pdf": b"%PDF"})
    _zip(served / "wrong.zip", {"m1/eu-regional.dtd": eu.replace(b"\r\n", b"\n") + b"<!-- changed -->"})
    _zip(served / "evil.zip", {"m1/eu-regional.dtd": eu, "../outside.txt": b"escape"})
    _zip(served / "short.zip", {"m1/other.dtd": eu})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield {name: StandardPackage(f"{base}/{name}.zip", "test", False) for name in ("good", "wrong", "evil", "short")}
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _entry(key: str, package: str, member: str) -> st.StandardFile:
    found = catalog_entry(*key.split("/", 1))
    assert found is not None
    return replace(found, url=None, package=package, member=member)


def test_good_package_fetches_only_named_members(tmp_path: Path, packages: dict[str, StandardPackage]) -> None:
    store = tmp_path / "store"
    entries = [_entry(DTD, "good", "spec/util/dtd/ich-ectd-3-2.dtd"), _entry(XSL, "good", "spec/util/style/ectd-2-0.xsl")]
    result = st.fetch(store, entries=entries, packages=packages, timeout=10)
    assert result.failed == [] and sorted(result.fetched) == [XSL, DTD]
    assert st.locate(store, "ich-ectd-3.2", "ich-ectd-3-2.dtd") is not None
    assert sorted(p.relative_to(store).as_posix() for p in store.rglob("*") if p.is_file()) == [XSL, DTD]
    again = st.fetch(store, entries=entries, packages=packages, timeout=10)
    assert again.fetched == [] and sorted(again.unchanged) == [XSL, DTD]


_BAD_CASES = {  # package -> (member the entry names, reason expected)
    "wrong": ("m1/eu-regional.dtd", "does not match the published checksum"),
    "evil": ("m1/eu-regional.dtd", "path outside itself ('../outside.txt')"),
    "short": ("m1/eu-regional.dtd", "has no member 'm1/eu-regional.dtd'"),
    "good": ("../eu-regional.dtd", "points outside the package"),
    "absent": ("m1/eu-regional.dtd", "unknown package 'absent'"),
}


@pytest.mark.parametrize("package", sorted(_BAD_CASES))
def test_bad_packages_fail_with_reason(tmp_path: Path, packages: dict[str, StandardPackage], package: str) -> None:
    member, reason = _BAD_CASES[package]
    store = tmp_path / "store"
    result = st.fetch(store, entries=[_entry(EU, package, member)], packages=packages, timeout=10)
    assert result.fetched == []
    assert [key for key, _ in result.failed] == [EU]
    assert reason in result.failed[0][1]
    assert not store.exists() or not any(store.rglob("*"))
    assert not (tmp_path / "outside.txt").exists()


def test_package_downloaded_once_and_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, int]] = []

    def fake(url: str, limit: int) -> bytes:
        asked.append((url, limit))
        raise ValueError("too big")

    entries = [_entry(DTD, "p", "a"), _entry(XSL, "p", "b")]
    outcome = standards_zip.fetch_packages(entries, {"p": StandardPackage("http://x/p.zip", "t", False)}, fake)
    assert asked == [("http://x/p.zip", standards_zip.MAX_PACKAGE_BYTES)]
    assert [key for key, _ in outcome.failed] == [DTD, XSL]


def test_member_larger_than_limit_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.zip"
    _zip(path, {"big.dtd": b"\0" * 4096})
    monkeypatch.setattr(standards_zip, "MAX_MEMBER_BYTES", 1024)
    outcome = standards_zip.extract(path.read_bytes(), [_entry(DTD, "p", "big.dtd")], "bomb.zip")
    assert outcome.extracted == {}
    assert "larger than any official standards file" in outcome.failed[0][1]


@pytest.mark.parametrize("name", ["/etc/x", "../x", "a/../../x", "a\\..\\x", "C:/x", ""])
def test_unsafe_names(name: str) -> None:
    assert standards_zip.unsafe_name(name)


def test_cli_fetch_exit_codes(tmp_path: Path, packages: dict[str, StandardPackage], monkeypatch: pytest.MonkeyPatch) -> None:
    good = (_entry(DTD, "good", "spec/util/dtd/ich-ectd-3-2.dtd"),)
    monkeypatch.setattr(st, "CATALOG", good)
    monkeypatch.setattr(st, "PACKAGES", packages)
    runner = CliRunner()
    ok = runner.invoke(app, ["standards", "fetch", "--standards", str(tmp_path / "a")])
    assert ok.exit_code == 0, ok.output
    assert "1 fetched" in ok.output and "0 failed" in ok.output
    monkeypatch.setattr(st, "CATALOG", good + (_entry(EU, "wrong", "m1/eu-regional.dtd"),))
    bad = runner.invoke(app, ["standards", "fetch", "--standards", str(tmp_path / "b")])
    assert bad.exit_code == 2, bad.output
    assert "failed eu-m1-3.1/eu-regional.dtd" in bad.output and "1 fetched" in bad.output
