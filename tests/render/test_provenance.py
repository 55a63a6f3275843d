"""Numbers print as written in the YAML, and every value in the HTML says where it was written."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import pytest
import yaml
from lxml import html as lxml_html

from ectd_builder.dossier import load_dossier
from ectd_builder.dossier.provenance import SourceMap, sources_of
from ectd_builder.dossier.yamlload import Positions, load_yaml
from ectd_builder.render.api import build_model, render_all
from ectd_builder.render.context import fmt_num
from ectd_builder.render.html import write_html
from ectd_builder.render.model import Document, Paragraph, Run, to_data
from ectd_builder.render.plan import plan_documents
from ectd_builder.render.provenance import provenance, provenance_json
from ectd_builder.render.xhtml import parse_xhtml

from .pdfcheck import check_pdf, text_of

NUMBER = re.compile(r"\d+(?:\.\d+)?")
DOCUMENTS = ("3.2.P.1", "3.2.P.5.1", "3.2.P.5.4")


# -- reading: the written text is kept beside the value -------------------------------------------


def test_positions_keep_the_decimal_text_of_numbers(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("a: 95.0\nb: 0.20\nc: 4\nd: 1e-3\ne: text\nf: [0.50, 2.0]\n", encoding="utf-8")
    doc = load_yaml(f, "x.yaml")
    assert doc.data == {"a": 95.0, "b": 0.2, "c": 4, "d": "1e-3", "e": "text", "f": [0.5, 2.0]}
    assert doc.positions.texts == {("a",): "95.0", ("b",): "0.20", ("c",): "4", ("f", 0): "0.50", ("f", 1): "2.0"}


def test_merged_positions_remap_the_texts() -> None:
    mine, other = Positions(), Positions()
    other.texts[("tests", 0, "max")] = "0.20"
    mine.merge(other, {("tests", 0): ("tests", 3)})
    assert mine.texts == {("tests", 3, "max"): "0.20"}


# -- formatting ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, decimals, text, shown",
    [
        (95.0, None, "95.0", "95.0"),  # as written
        (0.2, None, "0.20", "0.20"),
        (95.0, None, None, "95"),  # a computed value: no trailing .0
        (0.125, 2, "0.125", "0.13"),  # reported to the test's decimals, rounded half up
        (0.1, 2, "0.1", "0.10"),
        (0.125, 2, None, "0.13"),
        (8, None, "010", "8"),  # YAML 1.1 octal: the text does not mean the value, so it is not used
        (None, None, None, "–"),
        (1e30, 6, None, f"{1e30:.6f}"),  # beyond decimal precision: plain float formatting, no error
    ],
)
def test_fmt_num(value, decimals, text, shown) -> None:
    assert fmt_num(value, decimals, text) == shown


# -- the source map --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tablet(examples_dir: Path):
    loaded = load_dossier(examples_dir / "tablet")
    assert loaded.ok
    return loaded


def test_source_map_points_at_the_written_number(tablet) -> None:
    smap = sources_of(tablet.dossier)
    assert isinstance(smap, SourceMap)
    assay = next(t for t in tablet.dossier.products[0].specification.tests if t.id == "t-dp-assay")
    low, high = smap.get(assay.release, "min"), smap.get(assay.release, "max")
    assert low is not None and high is not None
    assert (low.file, low.text, high.text) == ("product/quorvatinib-tablets.yaml", "95.0", "105.0")
    line = (tablet.root / low.file).read_text(encoding="utf-8").splitlines()[low.line - 1]
    assert line[low.col - 1 :].startswith("95.0") and line[high.col - 1 :].startswith("105.0")
    assert smap.get(assay.release, "unit") is not None and smap.get(assay.release, "text") is None  # not written


def test_a_dossier_built_in_code_renders_without_sources(tablet) -> None:
    copy = tablet.dossier.model_copy()
    assert sources_of(copy) is None
    doc = next(d for d in plan_documents(copy, "fda") if d.section == "3.2.P.5.1")
    model, _ = build_model(copy, doc)
    assert "NMT 0.2%" in json.dumps(to_data(model), ensure_ascii=False)  # floats only: no written text


# -- the document model and HTML -------------------------------------------------------------------


def test_span_with_data_source_becomes_a_run_with_its_source() -> None:
    (para,) = parse_xhtml('<p>NMT <span data-source="p.yaml:4:9">0.20</span>%</p>')
    assert para.runs == (Run("NMT "), Run("0.20", source="p.yaml:4:9"), Run("%"))
    assert to_data(para.runs) == [{"text": "NMT 0.20%"}]  # goldens compare content, not sources


def test_html_writes_the_source_and_the_map_lists_it() -> None:
    doc = Document("T", "en", (Paragraph((Run("NMT "), Run("0.20", source="p.yaml:4:9"), Run("%"))),))
    page = write_html(doc).decode()
    assert '<p>NMT <span data-source="p.yaml:4:9" title="p.yaml:4:9">0.20</span>%</p>' in page
    assert "[data-source]:hover" in page
    assert provenance(doc)["values"] == [{"text": "0.20", "source": "p.yaml:4:9", "section": "", "place": "block 1"}]


def _scalars(root: Path, file: str, cache: dict[str, dict[tuple[int, int], str]]) -> dict[tuple[int, int], str]:
    """(line, col) -> scalar text of every scalar in a dossier file (what a data-source must hit)."""
    if file not in cache:
        found: dict[tuple[int, int], str] = {}
        stack = [yaml.compose((root / file).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                found[(node.start_mark.line + 1, node.start_mark.column + 1)] = node.value
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                stack.extend(v for _, v in node.value)
        cache[file] = found
    return cache[file]


@pytest.fixture(scope="module")
def tablet_html(tablet) -> dict[str, str]:
    docs = [d for d in plan_documents(tablet.dossier, "fda") if d.section in DOCUMENTS]
    return {d.section: write_html(build_model(tablet.dossier, d)[0]).decode() for d in docs}


@pytest.mark.parametrize("section", DOCUMENTS)
def test_every_value_points_at_the_yaml_scalar_holding_it(tablet, tablet_html, section) -> None:
    tree = lxml_html.fromstring(tablet_html[section])
    cache: dict[str, dict[tuple[int, int], str]] = {}
    marked = tree.xpath("//*[@data-source]")
    assert len(marked) > 10
    for el in marked:
        file, line, col = el.get("data-source").rsplit(":", 2)
        written = _scalars(tablet.root, file, cache).get((int(line), int(col)))
        assert written is not None, f"{el.get('data-source')} is not the start of a YAML value"
        shown = el.text_content()
        for number in NUMBER.findall(shown):
            assert number in written or _rounds_to(written, number), (
                f"{shown!r} at {el.get('data-source')}: the YAML there says {written!r}"
            )


def _rounds_to(written: str, shown: str) -> bool:
    """``shown`` is ``written`` reported to fewer decimals (a result printed with its test's decimals)."""
    decimals = len(shown.partition(".")[2])
    try:
        return abs(float(written) - float(shown)) <= 0.5 * 10**-decimals + 1e-12
    except ValueError:
        return False


def _marked(text, cell) -> bool:
    """The text node lies inside an element (below ``cell``) that carries a data-source."""
    el = text.getparent()
    if text.is_tail:
        el = el.getparent()
    while el is not None and el is not cell:
        if el.get("data-source") is not None:
            return True
        el = el.getparent()
    return False


@pytest.mark.parametrize("section", DOCUMENTS)
def test_every_number_in_a_table_carries_its_source(tablet_html, section) -> None:
    tree = lxml_html.fromstring(tablet_html[section])
    unmarked = []
    for cell in tree.xpath("//tbody//td | //tbody//th"):
        texts = [t for t in cell.xpath(".//text()") if not _marked(t, cell)]  # a link (<a>) holds marked values
        unmarked += [n for t in texts for n in NUMBER.findall(t)]
    assert unmarked == [], f"numbers without data-source in {section}: {unmarked[:10]}"


# -- decimals survive in every format; the map exists and is deterministic ------------------------


@pytest.fixture(scope="module")
def tablet_rendered(tablet):
    return render_all(tablet.dossier, "fda", ("pdf", "docx", "html"), only=lambda d: d.section in DOCUMENTS)


def _text(item) -> str:
    if item.fmt == "pdf":
        return text_of(check_pdf(item.data))
    if item.fmt == "docx":
        d = docx.Document(io.BytesIO(item.data))
        return "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])
    return lxml_html.fromstring(item.data.decode()).text_content()


@pytest.mark.parametrize("fmt", ("pdf", "docx", "html"))
def test_decimals_as_written_survive_in_every_format(tablet_rendered, fmt) -> None:
    text = {r.doc.section: _text(r) for r in tablet_rendered if r.fmt == fmt}
    spec, composition = (re.sub(r"\s+", "", text[k]) for k in ("3.2.P.5.1", "3.2.P.1"))  # pypdf drops spaces
    assert "95.0–105.0%oflabelclaim" in spec
    assert "NMT0.20%" in spec and "NMT0.2%" not in spec
    assert "NMT5.0%w/w" in spec
    assert "4.0mg" in composition


def test_provenance_map_is_written_beside_each_html_only(tablet, tablet_rendered) -> None:
    maps = {r.doc.key: r for r in tablet_rendered if r.fmt == "provenance"}
    assert set(maps) == {r.doc.key for r in tablet_rendered if r.fmt == "html"}
    spec = next(r for r in maps.values() if r.doc.section == "3.2.P.5.1")
    data = json.loads(spec.data)
    assert data["format"] == "ectd-builder/provenance/1"
    assay = [v for v in data["values"] if v["text"] in ("95.0", "105.0")]
    product = (tablet.root / "product" / "quorvatinib-tablets.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(product, 1) if "release: {min: 95.0, max: 105.0" in text)
    assert [v["source"].rsplit(":", 1)[0] for v in assay][:2] == [f"product/quorvatinib-tablets.yaml:{line}"] * 2
    again = render_all(tablet.dossier, "fda", ("html",), only=lambda d: d.key == spec.doc.key)
    assert next(r.data for r in again if r.fmt == "provenance") == spec.data  # byte-deterministic
    assert not [r for r in render_all(tablet.dossier, "fda", ("pdf",), only=lambda d: d.key == spec.doc.key) if r.fmt == "provenance"]


def test_provenance_json_is_sorted_and_ends_with_a_newline() -> None:
    doc = Document("T", "en", (Paragraph((Run("4.0", source="a.yaml:1:4"),)),))
    data = provenance_json(doc)
    assert data.endswith(b"\n") and data == provenance_json(doc)
    assert list(json.loads(data)) == ["format", "language", "title", "values"]


def test_the_pdf_a_build_submits_keeps_the_decimals(tablet) -> None:
    """``ectd build`` renders each leaf with ``render_document`` (PDF only, no map beside it)."""
    from ectd_builder.render.api import render_document

    doc = next(d for d in plan_documents(tablet.dossier, "fda") if d.section == "3.2.P.5.1")
    text = re.sub(r"\s+", "", text_of(check_pdf(render_document(tablet.dossier, doc, "pdf"))))
    assert "95.0–105.0%" in text and "NMT0.20%" in text
