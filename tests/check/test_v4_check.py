"""``ectd check`` rules for eCTD v4.0 units: each passes on generated clean units and fails once, located."""

from __future__ import annotations

from pathlib import Path

from ectd_builder.check.v4 import check_v4_path, is_v4

from tests.sequence.test_v4_reader import Cou, Doc, Unit, initial, lifecycle, line_with, uid, write_unit


def codes(outcome: object) -> list[tuple[str, str | None, int | None]]:
    return [(p.code, p.file, p.line) for p in outcome.problems]  # type: ignore[attr-defined]


def test_clean_lifecycle_application_checks_clean_and_says_what_did_not_run(tmp_path: Path) -> None:
    app = tmp_path / "app"
    lifecycle(app)
    assert is_v4(app) and is_v4(app / "0002") and not is_v4(tmp_path)
    outcome = check_v4_path(app)
    assert codes(outcome) == []
    assert sorted(n.check for n in outcome.not_run) == sorted(
        f"{kind} {u}/submissionunit.xml" for kind in ("schema validation of", "controlled-vocabulary check of")
        for u in ("0001", "0002"))
    assert {r.code for r in outcome.rules} >= {"ICH-V4-06", "ICH-V4-09"}


def test_single_unit_uses_earlier_siblings_as_history(tmp_path: Path) -> None:
    lifecycle(tmp_path)
    assert codes(check_v4_path(tmp_path / "0002")) == []


def test_wrong_sha256_of_a_document(tmp_path: Path) -> None:
    unit = initial()
    unit.docs[1] = Doc("d-stab", "m3/32p83-stab.pdf", checksum="0" * 64)
    folder = write_unit(tmp_path, unit)
    line = line_with(folder / "submissionunit.xml", "<document>")
    lines = [n for n, t in enumerate((folder / "submissionunit.xml").read_text().splitlines(), 1) if "<document>" in t]
    assert codes(check_v4_path(folder)) == [("ICH-V4-09", "0001/submissionunit.xml", lines[1])]
    assert line < lines[1]


def test_missing_document_file(tmp_path: Path) -> None:
    folder = write_unit(tmp_path, initial())
    (folder / "m3/32p51-spec.pdf").unlink()
    line = line_with(folder / "submissionunit.xml", "<document>")
    assert codes(check_v4_path(folder)) == [("ICH-V4-08", "0001/submissionunit.xml", line)]


def test_sha256_txt_missing_and_wrong(tmp_path: Path) -> None:
    folder = write_unit(tmp_path, initial())
    (folder / "sha256.txt").write_text("0" * 64 + "\n")
    assert codes(check_v4_path(folder)) == [("ICH-V4-10", "0001/sha256.txt", 1)]
    (folder / "sha256.txt").unlink()
    assert codes(check_v4_path(folder)) == [("ICH-V4-10", "0001/sha256.txt", None)]


def test_replacement_of_missing_context_and_broken_reference(tmp_path: Path) -> None:
    write_unit(tmp_path / "a", initial())
    folder = write_unit(tmp_path / "a", Unit(2, cous=[Cou("c-x", "ich_3.2.p.8.3", ("d-gone",), replaces="c-ghost")]))
    xml = folder / "submissionunit.xml"
    assert sorted(codes(check_v4_path(tmp_path / "a"))) == sorted([
        ("ICH-V4-06", "a/0002/submissionunit.xml", line_with(xml, uid("d-gone"))),
        ("ICH-V4-07", "a/0002/submissionunit.xml", line_with(xml, "<relatedContextOfUse")),
    ])


def test_undefined_keyword_and_bad_status(tmp_path: Path) -> None:
    unit = initial()
    unit.cous[1] = Cou("c-stab", "ich_3.2.p.8.3", ("d-stab",), status="withdrawn", keywords=("kw-none",))
    folder = write_unit(tmp_path, unit)
    lines = [n for n, t in enumerate((folder / "submissionunit.xml").read_text().splitlines(), 1) if "<contextOfUse" in t]
    assert sorted(codes(check_v4_path(folder))) == [
        ("ICH-V4-11", "0001/submissionunit.xml", lines[1]),
        ("ICH-V4-12", "0001/submissionunit.xml", lines[1]),
    ]


def test_malformed_unit_is_one_problem(tmp_path: Path) -> None:
    folder = write_unit(tmp_path, initial(), raw=b"<PORP_IN000001UV xmlns='urn:hl7-org:v3'>\n<a>\n")
    assert [c[:2] for c in codes(check_v4_path(folder))] == [("ICH-V4-02", "0001/submissionunit.xml")]


def test_ectd_check_dispatches_v4_and_reports_located(tmp_path: Path) -> None:
    from ectd_builder.check.engine import check_path

    folder = write_unit(tmp_path, initial())
    (folder / "sha256.txt").unlink()
    assert codes(check_path(folder)) == [("ICH-V4-10", "0001/sha256.txt", None)]


def test_lifecycle_of_a_suspended_or_replaced_context_is_located(tmp_path: Path) -> None:
    app = tmp_path / "a"
    lifecycle(app)  # unit 2 replaces c-stab and suspends c-spec-qos: clean
    assert codes(check_v4_path(app)) == []
    third = write_unit(app, Unit(3, cous=[
        Cou("c-spec-qos", "ich_2.3.p", (), status="suspended"),  # suspended again
        Cou("c-stab-3", "ich_3.2.p.8.3", ("d-stab-2",), replaces="c-stab"),  # replaces the replaced one
    ]))
    xml = third / "submissionunit.xml"
    lines = [n for n, t in enumerate(xml.read_text().splitlines(), 1) if "<contextOfUse" in t]
    assert sorted(codes(check_v4_path(app))) == [
        ("ICH-V4-16", "a/0003/submissionunit.xml", lines[0]),
        ("ICH-V4-16", "a/0003/submissionunit.xml", line_with(xml, "<relatedContextOfUse")),
    ]
    outcome = check_v4_path(third)
    assert any("is suspended, but it is no longer in force (suspended in 0002/submissionunit.xml)" in p.message
               for p in outcome.problems)
    assert any("which is no longer in force (replaced in 0002/submissionunit.xml)" in p.message for p in outcome.problems)


# --- controlled vocabularies: genericode lists built here, in genericode 1.0's shape --------------

GC_NS = "http://docs.oasis-open.org/codelist/ns/genericode/1.0/"
ICH_COU = "2.16.840.1.113883.3.989.2.2.1.1.1"
LIFECYCLE_COU = ("ich_3.2.p.5.1", "ich_3.2.p.8.3", "ich_2.3.p", "ich_3.2.r")


def genericode(path: Path, oid: str, codes: tuple[str, ...], *, uri: str = "CanonicalVersionUri") -> Path:
    rows = "".join(
        f"    <Row><Value ColumnRef=\"code\"><SimpleValue>{c}</SimpleValue></Value>"
        f"<Value ColumnRef=\"name\"><SimpleValue>name of {c}</SimpleValue></Value></Row>\n" for c in codes)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<gc:CodeList xmlns:gc="{GC_NS}">\n'
        f"  <Identification><ShortName>fixture</ShortName><Version>1</Version>"
        f"<{uri}>urn:oid:{oid}</{uri}></Identification>\n"
        '  <ColumnSet><Column Id="name" Use="optional"><ShortName>Name</ShortName><Data Type="string"/></Column>'
        '<Column Id="code" Use="required"><ShortName>Code</ShortName><Data Type="token"/></Column>'
        '<Key Id="k"><ShortName>CodeKey</ShortName><ColumnRef Ref="code"/></Key></ColumnSet>\n'
        f"  <SimpleCodeList>\n{rows}  </SimpleCodeList>\n</gc:CodeList>\n", encoding="utf-8")
    return path


def test_codes_in_the_genericode_list_check_clean_and_the_rest_is_named_not_run(tmp_path: Path) -> None:
    store = tmp_path / "store"
    genericode(store / "ich-ectd-4.0" / "cv" / "ich_context_of_use.gc", ICH_COU, LIFECYCLE_COU)
    lifecycle(tmp_path / "app")
    outcome = check_v4_path(tmp_path / "app", store)
    assert codes(outcome) == []
    cv = [n for n in outcome.not_run if n.check.startswith("controlled-vocabulary check of")]
    assert [n.check for n in cv] == [f"controlled-vocabulary check of {u}/submissionunit.xml (in part)" for u in ("0001", "0002")]
    assert "2.16.840.1.113883.3.989.5.1.2.2.1.13.2" in cv[0].reason and ICH_COU not in cv[0].reason


def test_a_code_missing_from_its_list_is_one_problem_at_its_code_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    genericode(store / "ich-ectd-4.0" / "ich_context_of_use.gc", ICH_COU,
               tuple(c for c in LIFECYCLE_COU if c != "ich_3.2.p.8.3") + ("ich_3.2.p.8.1",))
    folder = write_unit(tmp_path, initial())
    outcome = check_v4_path(folder, store)
    assert codes(outcome) == [("ICH-V4-13", "0001/submissionunit.xml", line_with(folder / "submissionunit.xml",
                                                                                 'code="ich_3.2.p.8.3"'))]
    assert "ich-ectd-4.0/ich_context_of_use.gc" in outcome.problems[0].message
    assert outcome.problems[0].hint == "did you mean 'ich_3.2.p.8.1'?"


def test_every_code_system_covered_leaves_no_cv_not_run_and_checks_header_codes(tmp_path: Path) -> None:
    store = tmp_path / "store"
    genericode(store / "ich-ectd-4.0" / "cou.gc", ICH_COU, LIFECYCLE_COU)
    genericode(store / "ich-ectd-4.0" / "kwtype.gc", "2.16.840.1.113883.3.989.2.2.1.5.3", ("ich_keyword_definition_type_1",),
               uri="CanonicalUri")
    us = store / "us-ectd-4.0"
    genericode(us / "sut.gc", "2.16.840.1.113883.3.989.5.1.2.2.1.13.2", ("us_submission_unit_type_1",))
    genericode(us / "st.gc", "2.16.840.1.113883.3.989.5.1.2.2.1.2.1", ("us_submission_type_1",))
    genericode(us / "at.gc", "2.16.840.1.113883.3.989.5.1.2.2.1.1.1", ("us_application_type_9",))
    folder = write_unit(tmp_path, initial())
    outcome = check_v4_path(folder, store)
    assert codes(outcome) == [("ICH-V4-13", "0001/submissionunit.xml", line_with(folder / "submissionunit.xml",
                                                                                 'code="us_application_type_1"'))]
    assert not [n for n in outcome.not_run if n.check.startswith("controlled-vocabulary")]


def test_an_unreadable_list_is_named_and_nothing_crashes(tmp_path: Path) -> None:
    from ectd_builder.check.v4_cv import read_genericode

    store = tmp_path / "store"
    genericode(store / "ich-ectd-4.0" / "cou.gc", ICH_COU, LIFECYCLE_COU)
    (store / "ich-ectd-4.0" / "broken.gc").write_text("<gc:CodeList xmlns:gc='x'>\n<oops>\n", encoding="utf-8")
    (store / "ich-ectd-4.0" / "no-oid.gc").write_text("<CodeList><Identification/></CodeList>", encoding="utf-8")
    folder = write_unit(tmp_path, initial())
    outcome = check_v4_path(folder, store)
    assert codes(outcome) == []
    reason = next(n.reason for n in outcome.not_run if n.check.startswith("controlled-vocabulary"))
    assert "unreadable list ich-ectd-4.0/broken.gc" in reason and "ich-ectd-4.0/no-oid.gc: Identification names no" in reason
    assert isinstance(read_genericode(store / "ich-ectd-4.0" / "broken.gc"), str)
