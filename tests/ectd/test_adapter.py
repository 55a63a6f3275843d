"""The dossier adapter: attachments get the backbone keys of the block they belong to."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from ectd_builder.ectd.adapter import attachment_files, envelope, leaf_title
from ectd_builder.ectd.model import FdaEnvelope
from ectd_builder.errors import EctdError


def _dossier(*attachments: NS) -> NS:
    substance = NS(id="api", nomenclature=NS(inn="examplinib"), manufacturer_name="Acme Chemicals")
    product = NS(id="tab", name={"en": "Examplix tablets", "ja": "エグザンプリックス錠"}, dosage_form={"en": "tablet"}, manufacturer_name=None)
    excipient = NS(id="mcc", name={"en": "Microcrystalline cellulose"})
    return NS(substances=[substance], products=[product], excipients=[excipient], attachments=list(attachments))


def _att(id: str, section: str, **kw: object) -> NS:
    base = dict(id=id, file=f"attachments/{id}.pdf", section=section, title={"en": f"{id} title", "ja": f"{id} 表題"},
                substance=None, product=None, excipient=None, jurisdictions=[], language="en")
    base.update(kw)
    return NS(**base)


def test_keys_and_languages(tmp_path: Path) -> None:
    d = _dossier(
        _att("s22", "3.2.S.2.2"),
        _att("p4", "3.2.P.4.1", excipient="mcc"),
        _att("r", "3.2.R", jurisdictions=["fda"]),
        _att("cover", "1.0"),
    )
    notes: list[str] = []
    files = {f.key: f for f in attachment_files(d, tmp_path, "pmda", {"m1": "ja", "m2": "ja", "m3": "en"}, notes)}
    assert set(files) == {"attachment:s22", "attachment:p4"}  # r is fda-only; jp has no 1.0
    assert files["attachment:s22"].substance == "examplinib" and files["attachment:s22"].manufacturer == "Acme Chemicals"
    assert files["attachment:p4"].product_name == "Examplix tablets" and files["attachment:p4"].excipient == "Microcrystalline cellulose"
    assert files["attachment:p4"].source == (tmp_path / "attachments" / "p4.pdf").resolve()
    assert notes == ["attachment 'cover' (1.0) has no place in the jp Module 1; not included"]
    eu = attachment_files(d, tmp_path, "ema", {"m1": "en", "m2": "en", "m3": "en"})
    assert [f.section for f in eu] == ["3.2.S.2.2", "3.2.P.4.1", "1.0"]


def test_unknown_reference_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EctdError, match="unknown substance"):
        attachment_files(_dossier(_att("x", "3.2.S.4.1", substance="nope")), tmp_path, "ema", {})


def test_leaf_title_drops_the_section_number() -> None:
    assert leaf_title("3.2.S.4.1 Specification (examplinib)") == "Specification (examplinib)"
    assert leaf_title("2.3.S 原料药") == "原料药"
    assert leaf_title("Cover letter") == "Cover letter"


def test_fda_envelope_translates_words_to_codes() -> None:
    contact = NS(name="Jane", role="regulatory", phone="+1", phone_type="mobile", email="j@example.com")
    app = NS(application_type="anda", application_number="123456", applicant_duns="123456789", submission_type="original-application",
             submission_sub_type="amendment", submission_id="0001", description=None, contacts=[contact])
    d = NS(applications=NS(fda=app), applicant=NS(name={"en": "Acme"}))
    env = envelope(d, "fda")
    assert isinstance(env, FdaEnvelope)
    assert (env.application_type, env.submission_type, env.submission_sub_type) == ("fdaat2", "fdast1", "fdasst4")
    assert env.contacts[0][:3] == ("Jane", "fdaact1", (("+1", "fdatnt3"),))
