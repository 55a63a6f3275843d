"""The viewer's "as of sequence N" views and its Module 1 heading titles in CTD order: the
three-sequence application, a hand-written EU sequence (unsorted headings, a hostile title) and
a real EU sample."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ectd_builder.ctd import section as ctd_section
from ectd_builder.ctd.table import m1_section, m1_sections
from ectd_builder.sequence.model import Heading
from ectd_builder.site import build_site, headings, read_page_data

from tests.diff.app_builder import App

HOSTILE = '</script><img src=x onerror=alert(1)> & "q" <!--'

INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<ectd:ectd xmlns:ectd="http://www.ich.org/ectd" xmlns:xlink="http://www.w3c.org/1999/xlink" dtd-version="3.2">
  <m1-administrative-information-and-prescribing-information>
    <leaf operation="new" xlink:href="m1/eu/eu-regional.xml" xlink:type="simple" ID="r1"><title>eu-regional</title></leaf>
  </m1-administrative-information-and-prescribing-information>
</ectd:ectd>
"""
REGIONAL = """<?xml version="1.0" encoding="UTF-8"?>
<eu:eu-backbone xmlns:eu="http://europa.eu.int" xmlns:xlink="http://www.w3c.org/1999/xlink" dtd-version="3.1">
  <eu-envelope><envelope country="ema"><sequence>0000</sequence></envelope></eu-envelope>
  <m1-eu>
    <m1-responses><specific country="ema">
      <leaf operation="new" xlink:href="responses/ema/r.pdf" ID="a0"><title>Responses</title></leaf></specific></m1-responses>
    <m1-10-paediatrics>
      <leaf operation="new" xlink:href="110-paediatrics/p.pdf" ID="a1"><title>Paediatrics</title></leaf></m1-10-paediatrics>
    <m1-2-form><specific country="ema">
      <leaf operation="new" xlink:href="12-form/ema/f.pdf" ID="a2"><title>@TITLE@</title></leaf></specific></m1-2-form>
    <m1-0-cover><specific country="ema">
      <leaf operation="new" xlink:href="10-cover/ema/c.pdf" ID="a3"><title>Cover</title></leaf></specific></m1-0-cover>
  </m1-eu>
</eu:eu-backbone>
"""


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture
def eu_app(tmp_path: Path) -> Path:
    """One EU sequence whose Module 1 headings are written out of order: 1.R, 1.10, 1.2, 1.0."""
    seq = tmp_path / "app" / "0000"
    (seq / "m1" / "eu").mkdir(parents=True)
    (seq / "index.xml").write_text(INDEX, encoding="utf-8")
    (seq / "m1" / "eu" / "eu-regional.xml").write_text(REGIONAL.replace("@TITLE@", _xml_text(HOSTILE)), encoding="utf-8")
    return tmp_path / "app"


def _m1_label(region: str, code: str) -> str:
    row = m1_section(region, code)
    assert row is not None, f"the {region} Module 1 table has no {code}"
    return f"{row.code} {row.title}"


def _ranked(data: dict, labels: list[str]) -> list[str]:
    return sorted(labels, key=lambda label: data["order"][label])


# ---- Module 1 titles and CTD order -----------------------------------------------------------


def test_m1_headings_show_the_region_table_titles_in_ctd_order(eu_app: Path, tmp_path: Path) -> None:
    data = read_page_data(build_site(eu_app, tmp_path / "site", check=False).page)
    sections = {e["title"]: e["section"] for e in data["entries"]}
    assert sections["Cover"] == ["1 Module 1 (EU)", _m1_label("eu", "1.0"), "specific [country: ema]"]
    assert sections[HOSTILE][1] == _m1_label("eu", "1.2")
    assert sections["Responses"][1] == _m1_label("eu", "1.R")
    assert sections["Paediatrics"][1].startswith("1.10 ")  # not in the table: read from the element name
    siblings = [sections[t][1] for t in ("Responses", "Paediatrics", HOSTILE, "Cover")]
    expected = [sections[t][1] for t in ("Cover", HOSTILE, "Paediatrics", "Responses")]
    assert _ranked(data, siblings) == expected


def test_m1_titles_for_us_and_cn_and_the_fallback() -> None:
    assert headings.label(Heading("m1-2-cover-letters"), "us") == _m1_label("us", "1.2")
    assert headings.label(Heading("cn-1-0"), "cn") == _m1_label("cn", "1.0")
    assert headings.label(Heading("m1-0-cover", (("country", "ema"),)), "eu") == _m1_label("eu", "1.0") + " [country: ema]"
    # the same element in another region's table means nothing: it is read from its name
    assert headings.label(Heading("m1-0-cover"), "us") == "1.0 cover"
    # JP has no backbone: its rows name no element, so no heading takes a JP title by accident
    assert all(not row.path for row in m1_sections("jp"))


def test_ctd_order_is_numeric_and_follows_the_tables() -> None:
    by_code = {c: Heading(ctd_section(c).element) for c in ("3.2.S", "3.2.P", "3.2.A", "3.2.R", "3.2.P.5.1", "3.2.P.5.6")}
    extra = [Heading("m2-2-introduction"), Heading("m2-7-clinical-summary"), Heading("m1-10-paediatrics"),
             Heading("m1-2-form"), Heading("m1-responses"), Heading("m1-additional-data")]
    order = headings.order([*by_code.values(), *extra], "eu")
    ranked = sorted(order, key=order.__getitem__)
    codes = [label.split(" ", 1)[0] for label in ranked]
    assert codes == ["1.2", "1.10", "1.R", "1.A", "2.2", "2.7", "3.2.S", "3.2.P", "3.2.P.5.1", "3.2.P.5.6", "3.2.A", "3.2.R"]


def test_real_eu_sample_m1_titles_and_order(samples_dir: Path, tmp_path: Path) -> None:
    data = read_page_data(build_site(samples_dir / "eu-xenbilox-cdca-initial-maa-0000", tmp_path, check=False).page)
    m1 = sorted({e["section"][1] for e in data["entries"] if e["section"][0] == "1 Module 1 (EU)"}, key=data["order"].__getitem__)
    assert _m1_label("eu", "1.0") in m1 and _m1_label("eu", "1.2") in m1
    numbers = [tuple(int(p) for p in label.split(" ", 1)[0].split(".")) for label in m1]
    assert numbers == sorted(numbers) and numbers[-1] == (1, 10)  # 1.10 after 1.9, not after 1.0


def test_heading_only_rows_title_eu_m1_and_modules_2_4_5() -> None:
    """EU M1 headings attachments do not use, and Modules 2.4-5, show their table titles."""
    assert headings.label(Heading("m1-3-pi"), "eu") == "1.3 Product Information"
    assert headings.label(Heading("m1-8-2-risk-management-system"), "eu") == "1.8.2 Risk-management System"
    assert headings.label(Heading("m2-5-clinical-overview"), "eu") == "2.5 Clinical Overview"
    assert headings.label(Heading("m5-3-1-1-bioavailability-study-reports"), None) == "5.3.1.1 Bioavailability Study Reports"
    assert headings.label(Heading("m1-3-pi"), "us") == "1.3 pi"  # another region's table means nothing
    order = headings.order([Heading("m1-10-paediatrics"), Heading("m1-9-clinical-trials"), Heading("m1-3-pi")], "eu")
    assert sorted(order, key=order.__getitem__) == [
        "1.3 Product Information", "1.9 Information relating to Clinical Trials", "1.10 Information relating to Paediatrics"]


def test_real_eu_sample_shows_no_element_names(samples_dir: Path, tmp_path: Path) -> None:
    data = read_page_data(build_site(samples_dir / "eu-xenbilox-cdca-initial-maa-0000", tmp_path, check=False).page)
    labels = {label for e in data["entries"] for label in e["section"]}
    assert "1.3 Product Information" in labels and "1.3 pi" not in labels
    expected = {"2.5 Clinical Overview", "4.2.3.2 Repeat-Dose Toxicity", "5.3.5.2 Study Reports of Uncontrolled Clinical Studies"}
    assert expected <= labels
    coded = [label for label in labels if label[:1].isdigit()]
    assert all(not re.search(r"\d [a-z]", label) for label in coded), coded  # no lower-case element words


def test_older_eu_dtd_sample_titles_its_pim_heading(samples_dir: Path, tmp_path: Path) -> None:
    """Emselex (EU M1 1.x DTD) files its SmPC under m1-3-1-pim: titled from EU M1 1.4's stylesheet."""
    data = read_page_data(build_site(samples_dir / "eu-emselex-renewal-0000", tmp_path, check=False).page)
    labels = {label for e in data["entries"] for label in e["section"]}
    assert "1.3.1 SPC, Labelling and Package Leaflet" in labels and "1.3.1 pim" not in labels
    coded = [label for label in labels if label[:1].isdigit()]
    assert all(not re.search(r"\d [a-z]", label) for label in coded), coded


# ---- as of sequence N ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lifecycle_data(lifecycle_app: App, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return read_page_data(build_site(lifecycle_app.submissions, tmp_path_factory.mktemp("asof"), check=False).page)


def _in_force(data: dict, sequence: str) -> dict[str, dict]:
    """Title -> the version in force after ``sequence``."""
    entries = {e["key"]: e for e in data["entries"]}
    return {entries[k]["title"]: entries[k]["history"][n - 1] for k, n in data["views"]["as_of"][sequence]}


def test_as_of_shows_the_version_in_force_after_each_sequence(lifecycle_data: dict) -> None:
    assert list(lifecycle_data["views"]["as_of"]) == ["0000", "0001", "0002"]
    before, after, last = (_in_force(lifecycle_data, s) for s in ("0000", "0001", "0002"))
    # replaced in 0001: the old file as of 0000, the new one as of 0001
    assert (before["Flow diagram"]["sequence"], before["Flow diagram"]["operation"]) == ("0000", "new")
    assert before["Flow diagram"]["file"].startswith("0000/")
    assert (after["Flow diagram"]["sequence"], after["Flow diagram"]["operation"]) == ("0001", "replace")
    assert after["Flow diagram"]["file"].startswith("0001/")
    # new in 0001: absent before it
    assert "Process validation summary" not in before and "Process validation summary" in after
    # deleted in 0002: in force until then, absent after
    assert "Batch analysis certificate" in before and "Batch analysis certificate" in after
    assert "Batch analysis certificate" not in last
    assert set(last) == {"Flow diagram", "Executed batch record", "Process validation summary"}


def test_as_of_the_last_sequence_is_the_current_view(lifecycle_data: dict) -> None:
    assert [k for k, _ in lifecycle_data["views"]["as_of"]["0002"]] == lifecycle_data["views"]["current"]


# ---- escaping and determinism ----------------------------------------------------------------


def test_titles_are_escaped_and_kept(eu_app: Path, tmp_path: Path) -> None:
    page = build_site(eu_app, tmp_path / "site", check=False).page
    html = page.read_text(encoding="utf-8")
    assert "</script><img" not in html and "<!-- " not in html.split('id="ectd-data">', 1)[1]
    assert html.count("</script>") == 2  # the data block's and the script's own
    assert HOSTILE in {e["title"] for e in read_page_data(page)["entries"]}


def test_rebuild_is_byte_identical(eu_app: Path, tmp_path: Path) -> None:
    a = build_site(eu_app, tmp_path / "a", check=False).page.read_bytes()
    b = build_site(eu_app, tmp_path / "b", check=False).page.read_bytes()
    assert a == b and b'"as_of"' in a
