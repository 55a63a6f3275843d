"""Application data per jurisdiction (what each regional Module 1 envelope needs) and the product profile."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ectd_builder.dossier.model.common import Modality, Route, Zone
from ectd_builder.dossier.model.parties import Applicant, Contact
from ectd_builder.dossier.types import Dose, LocalText, Node, Quantity


class FdaApplication(Node, noun="FDA application"):
    """US application data for ``us-regional.xml`` (FDA Module 1 v3.3)."""

    application_type: Literal["nda", "anda", "bla", "ind", "dmf"]
    application_number: Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
    applicant_duns: Annotated[str, StringConstraints(pattern=r"^\d{9}$")]
    submission_type: str = Field(
        description="FDA submission type word (codes in jurisdictions/fda.yaml codes_submission), or from-changes."
    )
    submission_sub_type: Literal["presubmission", "application", "amendment", "resubmission", "report", "correspondence"]
    submission_id: Annotated[str, StringConstraints(pattern=r"^\d{4}$")] | None = Field(
        default=None, description="Sequence number that started this regulatory activity (default: this sequence)."
    )
    description: Annotated[str, StringConstraints(max_length=128)] | None = None
    contacts: list[Contact] = Field(min_length=1)


class EmaApplication(Node, noun="EMA application"):
    """EU application data for the ``eu-regional.xml`` envelope (EU Module 1 v3.1)."""

    uuid: Annotated[
        str, StringConstraints(pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
    ]
    procedure: Literal["centralised", "national", "mutual-recognition", "decentralised"]
    countries: list[str] = Field(default_factory=lambda: ["ema"], description="Envelope countries (ema for centralised).")
    agency_code: str = "EU-EMA"
    submission_type: str = Field(description="EU submission type code, e.g. maa, var-type2, renewal.")
    submission_unit: Literal[
        "initial", "validation-response", "response", "additional-info", "closing", "consolidating", "corrigendum",
        "reformat", "re-examination",
    ]
    submission_number: str | None = None
    procedure_tracking: list[str] = Field(default_factory=list)
    invented_name: str
    inn: list[str] = Field(default_factory=list)
    related_sequence: Annotated[str, StringConstraints(pattern=r"^\d{4}$")] | None = None
    description: str


class PmdaApplication(Node, noun="PMDA application"):
    """Japanese application data. The JP regional backbone is not produced (no JP schema available)."""

    application_category: str = Field(description="e.g. 'new active ingredient' (新有効成分含有医薬品).")
    description: LocalText
    marketing_authorisation_holder: Applicant | None = Field(
        default=None, description="Japanese marketing authorisation holder (製造販売業者), if not the applicant."
    )


class NmpaApplication(Node, noun="NMPA application"):
    """Chinese application data for ``cn-regional.xml`` (NMPA eCTD v1.0/1.1 envelope)."""

    application_id: Annotated[str, StringConstraints(pattern=r"^[xyls]\d{9}$")]
    application_type: Literal["cnapt1", "cnapt2", "cnapt3", "cnapt4"]
    product_type: Literal["cnprt1", "cnprt2"]
    product_number: Annotated[str, StringConstraints(pattern=r"^\d{10}$")]
    regulatory_activity: str = Field(description="Regulatory activity type code, e.g. cnrat1.")
    sequence_type: Literal["cnsqt1", "cnsqt2", "cnsqt3", "cnsqt4"]
    related_sequence: Annotated[str, StringConstraints(pattern=r"^\d{4}$")] | None = None
    description: Annotated[str, StringConstraints(max_length=120)]
    contact: Contact
    agent: Applicant | None = Field(default=None, description="Domestic agent (境内代理人) of an overseas applicant.")


class Applications(Node, noun="applications"):
    fda: FdaApplication | None = None
    ema: EmaApplication | None = None
    pmda: PmdaApplication | None = None
    nmpa: NmpaApplication | None = None


class ProductProfile(Node, noun="product profile"):
    """Master data every rule reads (module3-domain section 0.2)."""

    name: LocalText
    modality: Modality
    application_kind: Literal["new_active", "generic", "biosimilar", "variation"]
    route: Route
    max_daily_dose: Dose = Field(description="Maximum daily dose of the drug substance (drives Q3A/Q3B).")
    target_zones: list[Zone] = Field(min_length=1)
    treatment_duration: Quantity | None = Field(
        default=None, description="Longest treatment duration (ICH M7 less-than-lifetime intakes); absent = lifetime."
    )
