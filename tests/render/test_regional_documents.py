"""3.2.R and 2.3.R list the regional documents under the profile item each provides (issue 10 item 4),
never a requirement followed by "none provided", and never an authoring note (issue 11)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from ectd_builder.jurisdiction.profiles import JURISDICTIONS, load_profile
from ectd_builder.render.api import build_model, write
from ectd_builder.render.environment import labels
from ectd_builder.render.plan import plan_documents

from .conftest import example_names


def _text(dossier: Any, jurisdiction: str, section: str) -> str:
    doc = next(d for d in plan_documents(dossier, jurisdiction) if d.section == section)
    model, problems = build_model(dossier, doc)
    assert [p.message for p in problems] == []
    html = write(model, "html").decode("utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index("<body") :]))


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("section", ["3.2.R", "2.3.R"])
def test_nmpa_documents_list_every_required_item_with_its_document(load_example: Any, name: str, section: str) -> None:
    dossier = load_example(name)
    text = _text(dossier, "nmpa", section)
    for item in load_profile("nmpa").regional_requirements:
        assert item.title["zh"] in text, item.id
    for att in dossier.attachments:
        if att.section == "3.2.R" and "nmpa" in att.jurisdictions:
            assert att.title["zh"] in text
            if section == "3.2.R":
                assert att.file.rsplit("/", 1)[-1] in text
    assert labels("zh").get("none_provided") is None and "未提供" not in text


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_no_authoring_note_is_printed(load_example: Any, name: str, jurisdiction: str) -> None:
    profile = load_profile(jurisdiction)
    notes = [r.guidance for r in profile.regional_requirements if r.guidance]
    fact_note = profile.fact("regional_3_2_r").note
    for section in ("3.2.R", "2.3.R"):
        text = _text(load_example(name), jurisdiction, section)
        for note in [*notes, fact_note]:
            if note:
                assert note not in text, (section, note)


def test_a_region_without_3_2_r_requirements_says_so(load_example: Any) -> None:
    text = _text(load_example("tablet"), "pmda", "3.2.R")
    assert "asks for no regional information in 3.2.R" in text
    assert "little used" not in text
