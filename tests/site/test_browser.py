"""The viewer in a real browser: headless Chromium opens the page from file://, a test clicks
through the tree and takes screenshots (kept in ECTD_SCREENSHOT_DIR when set).

Needs Chromium and its driver (Debian: ``apt-get install chromium chromium-driver``) and the
``selenium`` package; skipped with the reason when any is missing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ectd_builder.site import build_site

from tests.diff.app_builder import App

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
)


def _binary(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chrome = _binary("chromium", "chromium-browser", "google-chrome")
    driver_bin = _binary("chromedriver")
    if chrome is None or driver_bin is None:
        pytest.skip("Chromium or chromedriver not found: apt-get install -y chromium chromium-driver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chrome
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}")
    try:
        driver = webdriver.Chrome(service=Service(driver_bin), options=options)
    except Exception as exc:  # noqa: BLE001 - any start-up failure means: no usable browser here
        pytest.skip(f"Chromium could not be started: {exc.__class__.__name__}: {str(exc).splitlines()[0]}")
    try:
        yield driver
    finally:
        driver.quit()


def _shots(tmp_path: Path) -> Path:
    where = Path(os.environ.get("ECTD_SCREENSHOT_DIR", tmp_path))
    where.mkdir(parents=True, exist_ok=True)
    return where


def _open(driver: Any, page: Path) -> None:
    driver.get(page.resolve().as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "nav#views button"))
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert errors == [], errors


def _click_leaf(driver: Any, title: str) -> Any:
    for row in driver.find_elements(By.CSS_SELECTOR, ".leaf"):
        if row.find_element(By.CSS_SELECTOR, ".title").get_attribute("textContent") == title:
            # open the closed headings on the way down by clicking them, as a reviewer would
            closed = driver.execute_script(
                "const out = []; for (let n = arguments[0].parentElement; n; n = n.parentElement) {"
                " if (n.tagName === 'DETAILS' && !n.open) out.unshift(n.querySelector(':scope > summary')); } return out;",
                row,
            )
            for summary in closed:
                summary.click()
            row.click()
            return row
    raise AssertionError(f"no leaf titled {title!r}")


def test_click_through_the_lifecycle(browser: Any, lifecycle_app: App, tmp_path: Path, standards_dir: Path) -> None:
    page = build_site(lifecycle_app.submissions, tmp_path / "site", standards=standards_dir).page
    _open(browser, page)
    shots = _shots(tmp_path)
    # current view: three documents in force, the tree's top level open
    titles = [t.text for t in browser.find_elements(By.CSS_SELECTOR, ".leaf .title") if t.is_displayed()]
    assert "Batch analysis certificate" not in titles
    browser.find_element(By.ID, "expand-all").click()
    titles = sorted(t.text for t in browser.find_elements(By.CSS_SELECTOR, ".leaf .title"))
    assert titles == ["Executed batch record", "Flow diagram", "Process validation summary"]
    # cumulative view: the deleted certificate is back, struck through, with its history
    browser.find_element(By.CSS_SELECTOR, 'button[data-view="cumulative"]').click()
    row = _click_leaf(browser, "Batch analysis certificate")
    assert "deleted" in row.get_attribute("class")
    _click_leaf(browser, "Flow diagram")
    steps = browser.find_elements(By.CSS_SELECTOR, "#detail ol.timeline li")
    assert [s.get_attribute("data-sequence") for s in steps] == ["0000", "0001"]
    assert "replace" in steps[1].get_attribute("class")
    browser.save_screenshot(str(shots / "viewer-cumulative.png"))
    # the PDF link of the replaced document opens the 0001 file
    link = browser.find_element(By.CSS_SELECTOR, "#detail ol.timeline li.replace a.open")
    assert "/0001/" in link.get_attribute("href")
    # per-sequence view: envelope and check result of 0002
    browser.find_element(By.CSS_SELECTOR, 'button[data-view="seq:0002"]').click()
    detail = browser.find_element(By.ID, "detail").text
    assert "Sequence 0002" in detail and "Envelope" in detail and "check passed" in detail
    rows = browser.find_elements(By.CSS_SELECTOR, ".leaf")
    assert len(rows) == 1 and "delete" in rows[0].text
    browser.save_screenshot(str(shots / "viewer-sequence-0002.png"))


def test_real_sample_in_the_browser(browser: Any, samples_dir: Path, tmp_path: Path, standards_dir: Path) -> None:
    page = build_site(samples_dir / "eu-xenbilox-cdca-initial-maa-0000", tmp_path / "site", standards=standards_dir).page
    _open(browser, page)
    nodes = browser.find_elements(By.CSS_SELECTOR, "#tree > details > summary")
    assert len(nodes) >= 3  # m1, m2, m3 ... modules at the top
    browser.find_element(By.ID, "expand-all").click()
    first = browser.find_elements(By.CSS_SELECTOR, ".leaf")[0]
    first.click()
    assert browser.find_elements(By.CSS_SELECTOR, "#detail ol.timeline li")
    browser.find_element(By.CSS_SELECTOR, "nav#views button[data-view^='seq:']").click()
    assert "Envelope" in browser.find_element(By.ID, "detail").text
    browser.save_screenshot(str(shots_dir := _shots(tmp_path)) + "/viewer-xenbilox.png")
    assert (shots_dir / "viewer-xenbilox.png").is_file()


def _pick_as_of(driver: Any, sequence: str) -> dict[str, str]:
    """Choose "as of sequence" in the page; title -> the href of the version the tree shows."""
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, "as-of")).select_by_value(sequence)
    driver.find_element(By.ID, "expand-all").click()
    shown: dict[str, str] = {}
    for row in driver.find_elements(By.CSS_SELECTOR, ".leaf"):
        link = row.find_elements(By.CSS_SELECTOR, "a.open")
        shown[row.find_element(By.CSS_SELECTOR, ".title").text] = link[0].get_attribute("href") if link else ""
    return shown


def test_as_of_sequence_in_the_browser(browser: Any, lifecycle_app: App, tmp_path: Path) -> None:
    page = build_site(lifecycle_app.submissions, tmp_path / "site", check=False).page
    _open(browser, page)
    shots = _shots(tmp_path)
    before = _pick_as_of(browser, "0000")
    assert "/0000/" in before["Flow diagram"] and "Process validation summary" not in before
    assert "after sequence 0000" in browser.find_element(By.ID, "view-intro").text
    assert browser.current_url.endswith("#asof%3A0000")
    # the selected document's history: the 0001 replace is later than the view, and marked so
    _click_leaf(browser, "Flow diagram")
    steps = browser.find_elements(By.CSS_SELECTOR, "#detail ol.timeline li")
    assert ["later" in s.get_attribute("class") for s in steps] == [False, True]
    assert "as of sequence 0000" in browser.find_element(By.ID, "detail").text
    browser.save_screenshot(str(shots / "viewer-as-of-0000.png"))
    after = _pick_as_of(browser, "0001")
    assert "/0001/" in after["Flow diagram"] and "Batch analysis certificate" in after
    last = _pick_as_of(browser, "0002")
    assert "Batch analysis certificate" not in last
    assert sorted(last) == ["Executed batch record", "Flow diagram", "Process validation summary"]
    # a link to a view opens it
    browser.get(page.resolve().as_uri() + "#asof:0001")
    WebDriverWait(browser, 10).until(lambda d: "after sequence 0001" in d.find_element(By.ID, "view-intro").text)
    assert browser.find_element(By.ID, "as-of").get_attribute("value") == "0001"
