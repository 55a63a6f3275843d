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
from ectd_builder.cli.main import app
from ectd_builder.ectd import standards as st
from ectd_builder.ectd import standards_zip
from ectd_builder.ectd.catalog import StandardPackage, catalog_entry
from typer.testing import CliRunner

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


# ---- EU and CN packages (issue 17 item 7): members named in the catalog, addresses not yet known ----

OFFERED = ("eu-m1-3.1", "eu-m1-3.0.1", "eu-m1-2.0", "eu-m1-1.4", "cn-m1-1.0")


def _md5sums(standards_dir: Path) -> dict[str, str]:
    rows = (line.split() for line in (standards_dir / "MD5SUMS").read_text(encoding="utf-8").splitlines() if line.strip())
    return {path.removeprefix("./"): md5 for md5, path in rows}


def _offered() -> list[st.StandardFile]:
    return [e for e in st.CATALOG if e.offered_in in OFFERED]


def test_eu_and_cn_files_name_their_package_member_and_published_checksum(standards_dir: Path) -> None:
    sums = _md5sums(standards_dir)
    offered = _offered()
    assert sorted({e.offered_in for e in offered}) == sorted(OFFERED)
    assert len(offered) == 4 * 4 + 3  # four EU versions of four files each, three CN files
    for entry in offered:
        assert entry.member and not standards_zip.unsafe_name(entry.member), entry.key
        assert entry.member.rsplit("/", 1)[-1] == entry.file_name
        assert sums[entry.key] == entry.md5, entry.key  # the expected checksum is the MD5SUMS value
        package = st.PACKAGES[entry.offered_in or ""]
        assert package.url is None and package.verified is False and package.page  # no address claimed
    assert catalog_entry("eu-m1-1.3", "eu-regional.dtd").offered_in is None  # type: ignore[union-attr]


@pytest.fixture()
def official_like(tmp_path: Path, standards_dir: Path) -> Iterator[dict[str, StandardPackage]]:
    """One ZIP per EU/CN package, laid out as the catalog names the members, built from ../shared/standards."""
    served = tmp_path / "served"
    served.mkdir()
    for name in OFFERED:
        members = {e.member or "": (standards_dir / e.key).read_bytes() for e in _offered() if e.offered_in == name}
        members["readme.pdf"] = b"%PDF-1.4"  # a file the catalog does not name: never extracted
        _zip(served / f"{name}.zip", members)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield {name: StandardPackage(f"{base}/{name}.zip", "test", False) for name in OFFERED}
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_eu_and_cn_packages_fetch_once_an_address_is_known(
    tmp_path: Path, official_like: dict[str, StandardPackage], standards_dir: Path
) -> None:
    store = tmp_path / "store"
    entries = [replace(e, package=e.offered_in) for e in _offered()]
    result = st.fetch(store, entries=entries, packages=official_like, timeout=10)
    assert result.failed == [] and sorted(result.fetched) == sorted(e.key for e in entries)
    for entry in entries:
        assert (store / entry.key).read_bytes() == (standards_dir / entry.key).read_bytes()
    assert not list(store.rglob("readme.pdf"))


def test_a_package_without_address_says_where_it_is_offered() -> None:
    entries = [replace(e, package=e.offered_in) for e in _offered() if e.offered_in == "cn-m1-1.0"]
    outcome = standards_zip.fetch_packages(entries, st.PACKAGES, lambda url, limit: pytest.fail(f"downloaded {url}"))
    assert outcome.extracted == {} and len(outcome.failed) == 3
    assert all("no download address known for package 'cn-m1-1.0': download it from https://www.cde.org.cn" in r
               for _, r in outcome.failed)


def test_fetch_without_address_lists_the_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ectd_builder.report.standards import fetch_lines

    monkeypatch.setattr(st, "_download", lambda *a, **k: (_ for _ in ()).throw(OSError("offline")))
    result = st.fetch(tmp_path / "store", entries=_offered())
    assert sorted(result.no_address) == sorted(e.key for e in _offered())  # never downloaded, never "failed"
    text = "\n".join("".join(span.text for span in ln) for ln in fetch_lines(result, tmp_path / "store"))
    assert "offered on https://esubmission.ema.europa.eu/eumodule1/index.htm" in text
    assert "offered on https://www.cde.org.cn" in text
