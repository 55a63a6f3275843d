"""File-name rules and the FDA value-list codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from ectd_builder.ectd import naming
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.codes import VALUE_FILES, code_table, regional_code
from ectd_builder.jurisdiction.profiles import load_profile
from lxml import etree


def test_slug_and_file_names() -> None:
    assert naming.slug("Acme Pharma GmbH (Site 2)") == "acme-pharma-gmbh-site-2"
    assert naming.slug("Müller Süßwaren") == "muller-suwaren"
    cjk = naming.slug("原料药")
    assert cjk.startswith("x") and naming.check_name(cjk) is None
    long = naming.slug("a very long substance name " * 5)
    assert len(long) == 40 and naming.check_name(long) is None
    assert naming.file_name("Stability Data (Zone IVb)", "PDF") == "stability-data-zone-ivb.pdf"
    assert len(naming.file_name("x" * 200, "pdf")) <= 64


def test_check_name_rejects_bad_names() -> None:
    assert naming.check_name("stability-data.pdf") is None
    assert naming.check_name("Stability.pdf") is not None
    assert naming.check_name("stability_data.pdf") is not None
    assert naming.check_name("a" * 61 + ".pdf") is not None


def test_shorten_keeps_extension_and_is_stable() -> None:
    short = naming.shorten("a-rather-long-file-name-for-the-stability-data.pdf", 30, "key-1")
    assert len(short) <= 30 and short.endswith(".pdf")
    assert short == naming.shorten("a-rather-long-file-name-for-the-stability-data.pdf", 30, "key-1")
    assert short != naming.shorten("a-rather-long-file-name-for-the-stability-data.pdf", 30, "key-2")


def test_fda_codes_exist_in_the_value_files(standards_dir: Path) -> None:
    for table, file_name in VALUE_FILES.items():
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        tree = etree.parse(str(standards_dir / "fda-m1-3.3" / file_name), parser)
        published = {el.get("code") for el in tree.iter("code-display")}
        assert set(code_table(load_profile("fda"), table).values()) <= published, table


def test_unknown_fda_word_names_the_gap() -> None:
    fda = load_profile("fda")
    assert regional_code(fda, "application", "nda") == "fdaat1"
    with pytest.raises(EctdError, match="value list") as info:
        regional_code(fda, "submission", "rems-supplement")
    assert "original-application" in (info.value.hint or "") and "fda.yaml" in (info.value.hint or "")
