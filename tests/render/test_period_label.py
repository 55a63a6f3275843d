"""The drug-substance specification column names the period the substance has: retest or shelf life."""

from __future__ import annotations

import pytest
from ectd_builder.render.api import build_model, write
from ectd_builder.render.plan import plan_documents

# tablet: a small-molecule substance with a retest period; mab: a biotech substance with a shelf life (Q5C)
EXPECTED = {"tablet": "Acceptance criterion (retest)", "mab": "Acceptance criterion (shelf life)"}
INTRO = {"tablet": "applies at release and at retest", "mab": "applies at release and over the shelf life"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_substance_specification_column_follows_the_stability_period(load_example, name: str) -> None:
    dossier = load_example(name)
    doc = next(d for d in plan_documents(dossier, "ema") if d.section == "3.2.S.4.1")
    model, _ = build_model(dossier, doc)
    html = write(model, "html").decode()
    assert EXPECTED[name] in html
    other = next(v for k, v in EXPECTED.items() if k != name)
    assert other not in html
    assert INTRO[name] in html  # the sentence above the table names the same period as the column
