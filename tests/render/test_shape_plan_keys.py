"""Document keys are the section code and the ids the document is about, joined by ':' (one place: plan._doc)."""

from __future__ import annotations

from ectd_builder.render.plan import PlannedDocument, plan_documents


def _parts(doc: PlannedDocument) -> list[str]:
    owner = doc.substance_id or doc.product_id
    item = doc.method_id or doc.excipient_id
    return [doc.section, *(p for p in (owner, item) if p)]


def test_keys_of_the_blocks_are_code_owner_and_item(mini) -> None:
    docs = plan_documents(mini, "ema")
    assert [d.key for d in docs if d.key != ":".join(_parts(d))] == []
    keys = {d.key for d in docs}
    assert {"2.3.intro", "3.2.R", "3.2.S.4.2:minicillin:m-hplc", "3.2.P.4.1:mini-tab:exc-lactose"} <= keys


def test_appendix_keys_name_the_site_and_its_block(load_example) -> None:
    keys = [d.key for d in plan_documents(load_example("mab"), "fda") if d.section.startswith("3.2.A")]
    assert keys == [
        "3.2.A.1:site-cork:ds-solvekizumab",
        "3.2.A.1:site-biberach:dp-solvekizumab-inj",
        "3.2.A.2:ds-solvekizumab",
    ]
