"""Standards store: resolution, verification, import and download (against a local HTTP server)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ectd_builder.cli.main import app
from ectd_builder.ectd import standards as st
from ectd_builder.errors import EctdError


@pytest.fixture()
def http_mirror(standards_dir: Path) -> Iterator[str]:
    """Serve ../shared/standards on 127.0.0.1 for the duration of one test."""
    handler = functools.partial(_QuietHandler, directory=str(standards_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def test_catalog_matches_shared_copies(standards_dir: Path) -> None:
    entries = st.list_store(standards_dir)
    assert len(entries) == 30
    assert {e.status for e in entries} == {"ok"}
    assert all(e.file.checksum_source for e in entries)


def test_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = st.resolve_store(None)
    assert default.parts[-2:] == ("ectd-builder", "standards")
    monkeypatch.setenv("ECTD_STANDARDS", str(tmp_path / "env"))
    assert st.resolve_store(None) == tmp_path / "env"
    assert st.resolve_store(tmp_path / "flag") == tmp_path / "flag"


def test_locate_verifies_bytes(tmp_path: Path, standards_dir: Path) -> None:
    store = tmp_path / "store"
    assert st.locate(store, "ich-ectd-3.2", "ich-ectd-3-2.dtd") is None
    target = store / "ich-ectd-3.2" / "ich-ectd-3-2.dtd"
    target.parent.mkdir(parents=True)
    data = (standards_dir / "ich-ectd-3.2" / "ich-ectd-3-2.dtd").read_bytes()
    target.write_bytes(data.replace(b"\r\n", b"\n"))  # line-end normalised copy: wrong checksum
    assert st.locate(store, "ich-ectd-3.2", "ich-ectd-3-2.dtd") is None
    assert st.list_store(store)[0].status == "mismatch"
    target.write_bytes(data)
    assert st.locate(store, "ich-ectd-3.2", "ich-ectd-3-2.dtd") == target


def test_require_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(EctdError) as info:
        st.require(tmp_path / "empty", "eu-m1-3.1", "eu-regional.dtd")
    assert "eu-m1-3.1/eu-regional.dtd" in info.value.message
    assert info.value.hint is not None and "ectd standards import" in info.value.hint
    assert str(tmp_path / "empty") in info.value.hint
    with pytest.raises(EctdError) as info:
        st.require(tmp_path / "empty", "fda-m1-3.3", "us-regional-v3-3.dtd")
    assert info.value.hint is not None and info.value.hint.startswith("ectd standards fetch")


def test_import_copies_and_rejects(tmp_path: Path, standards_dir: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(standards_dir / "ich-ectd-3.2", src / "ich-ectd-3.2")
    shutil.copytree(standards_dir / "eu-m1-3.1", src / "eu-m1-3.1")
    (src / "eu-m1-3.1" / "eu-leaf.mod").write_bytes(b"<!-- tampered -->")
    store = tmp_path / "store"
    result = st.import_dir(src, store)
    assert sorted(result.imported) == [
        "eu-m1-3.1/eu-envelope.mod",
        "eu-m1-3.1/eu-regional.dtd",
        "eu-m1-3.1/eu-regional.xsl",
        "ich-ectd-3.2/ectd-2-0.xsl",
        "ich-ectd-3.2/ich-ectd-3-2.dtd",
    ]
    assert [key for key, _ in result.rejected] == ["eu-m1-3.1/eu-leaf.mod"]
    assert not (store / "eu-m1-3.1" / "eu-leaf.mod").exists()
    again = st.import_dir(src, store)
    assert again.imported == [] and len(again.unchanged) == 5


def test_fetch_from_local_mirror(tmp_path: Path, http_mirror: str) -> None:
    store = tmp_path / "store"
    result = st.fetch(store, http_mirror, timeout=10)
    assert result.failed == []
    assert len(result.fetched) == 30
    assert {e.status for e in st.list_store(store)} == {"ok"}
    assert st.fetch(store, http_mirror, timeout=10).fetched == []


def test_fetch_reports_bad_mirror(tmp_path: Path, http_mirror: str) -> None:
    result = st.fetch(tmp_path / "store", http_mirror + "/no-such-folder", timeout=10)
    assert result.fetched == [] and len(result.failed) == 30
    assert "404" in result.failed[0][1]


def test_fetch_without_mirror_uses_official_addresses_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake_download(url: str, timeout: float, limit: int = st.MAX_DOWNLOAD_BYTES) -> bytes:
        asked.append(url)
        raise OSError("offline")

    monkeypatch.setattr(st, "_download", fake_download)
    result = st.fetch(tmp_path / "store")
    ich_package = st.PACKAGES["ich-ectd-3.2.2"].url
    assert asked == ["https://www.accessdata.fda.gov/static/eCTD/us-regional-v3-3.dtd", ich_package]  # package once
    assert len(result.no_address) == 27
    assert sorted(key for key, _ in result.failed) == [
        "fda-m1-3.3/us-regional-v3-3.dtd",
        "ich-ectd-3.2/ectd-2-0.xsl",
        "ich-ectd-3.2/ich-ectd-3-2.dtd",
    ]


def test_cli_list_import_fetch(tmp_path: Path, standards_dir: Path, http_mirror: str) -> None:
    runner = CliRunner()
    store = tmp_path / "store"
    listed = runner.invoke(app, ["standards", "list", "--standards", str(store)])
    assert listed.exit_code == 0, listed.output
    assert "0 present, 30 missing" in listed.output
    imported = runner.invoke(app, ["standards", "import", str(standards_dir / "ich-ectd-3.2"), "--standards", str(store)])
    assert imported.exit_code == 2 and "0 imported" in imported.output  # wrong layout: nothing found
    assert "nothing imported" in imported.output  # issue 17: importing nothing is exit 2
    imported = runner.invoke(app, ["standards", "import", str(standards_dir), "--standards", str(store)])
    assert imported.exit_code == 0, imported.output
    assert "30 imported" in imported.output
    store2 = tmp_path / "store2"
    fetched = runner.invoke(app, ["standards", "fetch", "--base-url", http_mirror, "--standards", str(store2)])
    assert fetched.exit_code == 0, fetched.output
    assert "30 fetched" in fetched.output
    as_json = runner.invoke(app, ["standards", "list", "--format", "json", "--standards", str(store2)])
    assert '"status": "ok"' in as_json.output and '"status": "missing"' not in as_json.output


def test_cli_import_missing_dir_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["standards", "import", str(tmp_path / "nope")])
    assert result.exit_code == 2
