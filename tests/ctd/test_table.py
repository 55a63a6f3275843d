"""The CTD table checked against the official ICH eCTD DTD and the regional DTD/XSD."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from ectd_builder import ctd
from ectd_builder.ctd import M1Section, Section, rows
from ectd_builder.dossier.sections import is_known_section
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction import ctd_rows
from ectd_builder.jurisdiction.load import load_or_raise
from lxml import etree

XS = "{http://www.w3.org/2001/XMLSchema}"


def _children(content: etree._DTDElementContentDecl | None) -> list[str]:
    """Element names in a DTD content model, in declaration order."""
    if content is None:
        return []
    if content.type == "element":
        return [content.name]
    return _children(content.left) + _children(content.right)


@pytest.fixture(scope="module")
def ich_dtd(standards_dir: Path) -> dict[str, etree._DTDElementDecl]:
    dtd = etree.DTD(str(standards_dir / "ich-ectd-3.2" / "ich-ectd-3-2.dtd"))
    return {e.name: e for e in dtd.iterelements()}


def _dtd_elements(path: Path) -> dict[str, etree._DTDElementDecl]:
    return {e.name: e for e in etree.DTD(str(path)).iterelements()}


def test_every_element_exists_with_its_parent(ich_dtd: dict[str, etree._DTDElementDecl]) -> None:
    for s in ctd.sections():
        assert s.element in ich_dtd, f"{s.code}: {s.element} not in the ICH DTD"
        if s.parent is not None:
            parent = ctd.section(s.parent)
            assert s.element in _children(ich_dtd[parent.element].content), f"{s.code} is not a child of {parent.code}"


def test_sibling_order_follows_the_dtd(ich_dtd: dict[str, etree._DTDElementDecl]) -> None:
    for s in ctd.sections():
        kids = [c.element for c in ctd.children(s.code)]
        model = [name for name in _children(ich_dtd[s.element].content) if name in kids]
        assert kids == model, s.code


def test_lowest_flag_matches_content_model(ich_dtd: dict[str, etree._DTDElementDecl]) -> None:
    for s in ctd.sections():
        names = set(_children(ich_dtd[s.element].content))
        assert s.lowest == (names == {"leaf", "node-extension"}), s.code


def test_repeating_blocks_carry_their_key_attributes(ich_dtd: dict[str, etree._DTDElementDecl]) -> None:
    expected = {"substance": {"substance", "manufacturer"}, "product": {"product-name", "dosageform", "manufacturer"}}
    for s in ctd.sections():
        attrs = {a.name for a in ich_dtd[s.element].iterattributes()}
        if s.code in ("2.3.S", "3.2.S", "2.3.P", "3.2.P"):
            assert expected[s.repeat or ""] <= attrs
        if s.code == "3.2.P.4":
            assert s.repeat == "excipient" and "excipient" in attrs


def test_coverage_and_titles() -> None:
    codes = {s.code for s in ctd.sections()}
    for code in ("2.3.intro", "2.3.S", "2.3.P", "2.3.A", "2.3.R", "3.2.S.4.1", "3.2.P.4.6", "3.2.A.3", "3.2.R", "3.3"):
        assert code in codes
    assert len([c for c in codes if c.startswith("3.2.S")]) == 27
    for s in ctd.sections():
        assert set(s.titles) == {"en", "ja", "zh"} and all(s.titles.values()), s.code
        assert s.ja_verified is False  # no Japanese source was available
    assert ctd.section("3.2.S.4.1").titles["zh"] == "质量标准" and ctd.section("3.2.S.4.1").zh_verified


def test_folder_names_are_valid() -> None:
    for s in ctd.sections():
        for part in filter(None, s.folder.split("/")):
            assert len(part) <= 64 and all(c.islower() or c.isdigit() or c == "-" for c in part), s.code


def test_lookup_api() -> None:
    assert ctd.is_known("3.2.P.5.1") and not ctd.is_known("3.2.P.9")
    with pytest.raises(KeyError, match="3.2.X"):
        ctd.section("3.2.X")
    assert [s.code for s in ctd.lineage("3.2.S.4.1")] == ["3", "3.2", "3.2.S", "3.2.S.4", "3.2.S.4.1"]
    assert ctd.section_for_element("m3-3-literature-references").code == "3.3"


def _xsd_paths(xsd: Path) -> set[tuple[str, ...]]:
    """Every element path below cn-content in the CN XSD (names of enclosing cn-1 elements + own)."""
    root = etree.parse(str(xsd)).getroot()
    paths: set[tuple[str, ...]] = set()
    for el in root.iter(f"{XS}element"):
        name = el.get("name", "")
        if name.startswith("cn-1"):
            outer = [a.get("name") for a in el.iterancestors(f"{XS}element") if a.get("name", "").startswith("cn-1")]
            paths.add((*reversed(outer), name))
    return paths


def test_m1_paths_exist_in_regional_schemas(standards_dir: Path) -> None:
    us = _dtd_elements(standards_dir / "fda-m1-3.3" / "us-regional-v3-3.dtd")
    eu = _dtd_elements(standards_dir / "eu-m1-3.1" / "eu-regional.dtd")
    roots = {"us": (us, "m1-regional"), "eu": (eu, "m1-eu")}
    for region, (elements, root) in roots.items():
        for entry in ctd.m1_sections(region):
            parent = root
            for name in entry.path:
                assert name in _children(elements[parent].content), f"{region} {entry.code}: {name} under {parent}"
                parent = name
            holder = set(_children(elements[parent].content))
            assert holder in ({"leaf", "node-extension"}, {"specific"}), (region, entry.code, holder)
            assert entry.specific == (holder == {"specific"})
    cn_paths = _xsd_paths(standards_dir / "cn-m1-1.0" / "cn-regional-1-0.xsd")
    for entry in ctd.m1_sections("cn"):
        assert entry.path in cn_paths, entry.code
    assert all(entry.path == () for entry in ctd.m1_sections("jp"))


def test_m1_lookup_by_code_and_purpose() -> None:
    assert ctd.m1_section("eu", "1.2").path == ("m1-2-form",)
    assert ctd.m1_section("us", "1.2").path == ("m1-2-cover-letters",)
    assert ctd.m1_section("us", "cover-letter").code == "1.2"
    assert ctd.m1_section("cn", "letter-of-access").path == ("cn-1-3", "cn-1-3-7")
    assert ctd.m1_section("us", "cep") is None


def test_m1_purposes_cover_the_common_attachments() -> None:
    purposes = ctd.m1_purposes()
    assert {"cover-letter", "application-form", "letter-of-authorisation", "letter-of-access", "cep"} <= purposes
    for region in ("us", "eu", "cn", "jp"):
        assert ctd.m1_section(region, "cover-letter") is not None
        assert ctd.m1_section(region, "application-form") is not None


def test_sections_are_built_from_their_checked_rows() -> None:
    assert {f.name for f in fields(Section)} == set(rows.TableSectionRow.model_fields)
    assert {f.name for f in fields(M1Section)} == set(rows.TableM1Row.model_fields) | {"region"}
    assert set(rows.TableSectionRow.model_fields) == set(ctd_rows.SectionRow.model_fields) | {"heading_only"}
    cover = ctd.m1_section("us", "cover-letter")
    assert cover is not None and cover.region == "us" and isinstance(cover.purposes, tuple)


# ---- heading-only rows (titles for the viewer, never a place for an attachment) ---------------


def test_heading_rows_follow_the_ich_dtd(ich_dtd: dict[str, etree._DTDElementDecl]) -> None:
    for s in ctd.headings():
        assert s.element in ich_dtd, f"{s.code}: {s.element} not in the ICH DTD"
        assert s.lowest == (set(_children(ich_dtd[s.element].content)) == {"leaf", "node-extension"}), s.code
        if s.parent is not None:
            parent = ctd.heading_lineage(s.code)[-2]
            assert s.element in _children(ich_dtd[parent.element].content), f"{s.code} is not a child of {parent.code}"
    only = {s.code for s in ctd.headings() if s.heading_only}
    assert {"2.2", "2.4", "2.5", "2.6.7", "2.7.6", "4", "4.2.3.7.7", "4.3", "5", "5.3.5.4", "5.4"} <= only


def test_every_module_2_4_5_heading_of_the_dtd_has_a_row(ich_dtd: dict[str, etree._DTDElementDecl]) -> None:
    known = {s.element for s in ctd.headings()}
    for root in ("m2-common-technical-document-summaries", "m4-nonclinical-study-reports", "m5-clinical-study-reports"):
        todo = [root]
        while todo:
            name = todo.pop()
            assert name in known, name
            todo += [c for c in _children(ich_dtd[name].content) if c not in ("leaf", "node-extension")]


def _code_of(element: str) -> str:
    parts = element.split("-")[1:]
    return ".".join(["1", *[p for p in parts[:3] if p.isdigit()]])


def test_eu_m1_headings_are_every_heading_of_the_eu_dtd(standards_dir: Path) -> None:
    eu = _dtd_elements(standards_dir / "eu-m1-3.1" / "eu-regional.dtd")
    rows_by_element = {row.path[-1]: row for row in ctd.m1_headings("eu")}
    todo = [c for c in _children(eu["m1-eu"].content)]
    while todo:
        name = todo.pop()
        row = rows_by_element.get(name)
        assert row is not None, f"no EU Module 1 row for {name}"
        if name not in ("m1-responses", "m1-additional-data"):
            assert row.code == _code_of(name), (name, row.code)
        assert row.dtd == (), name  # a 3.1 heading is not marked as an older DTD's
        todo += [c for c in _children(eu[name].content) if c.startswith("m1-")]
    for row in ctd.m1_headings("eu"):  # and each row's path is a path of its DTD (3.1 unless it names older ones)
        for version in row.dtd or ("3.1",):
            dtd = eu if version == "3.1" else _dtd_elements(standards_dir / f"eu-m1-{version}" / "eu-regional.dtd")
            parent = "m1-eu"
            for name in row.path:
                assert name in _children(dtd[parent].content), (row.code, version, name)
                parent = name
            assert row.specific == (set(_children(dtd[parent].content)) == {"specific"}), row.code


def test_attachments_never_resolve_to_heading_only_rows() -> None:
    eu_only = [row for row in ctd.m1_headings("eu") if row.heading_only]
    assert {row.code for row in eu_only} >= {"1.3", "1.3.1", "1.5.2", "1.8.2", "1.10"}
    for row in eu_only:
        assert ctd.m1_section("eu", row.code) is None, row.code
        assert row not in ctd.m1_sections("eu")
    for s in ctd.headings():
        if s.heading_only:
            assert not ctd.is_known(s.code) and s not in ctd.sections() and not is_known_section(s.code), s.code
            assert ctd.section_for_element(s.element) is None
            with pytest.raises(KeyError):
                ctd.section(s.code)
    # the rows an attachment may name are still there
    assert ctd.m1_section("eu", "1.4.1") is not None and ctd.is_known("2.3.S")


def test_a_heading_only_row_with_a_place_is_located(tmp_path: Path) -> None:
    path = tmp_path / "m1.yaml"
    path.write_text(
        "sources: {eu: x}\n"
        "regions:\n"
        "  eu:\n"
        "  - {code: '1.3', path: [m1-3-pi], heading_only: true, title: Product information}\n"
        "  - {code: '1.9', path: [m1-9-clinical-trials], heading_only: true, purposes: [cover-letter], title: Trials}\n",
        encoding="utf-8",
    )
    with pytest.raises(EctdError) as caught:
        load_or_raise(path, rows.TableM1File)
    assert caught.value.message.startswith(f"{path}:5:5: a heading_only row cannot have purposes")
