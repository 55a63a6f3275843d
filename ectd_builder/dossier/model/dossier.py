"""The dossier and its included files (fragments)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ectd_builder.dossier.model.appendices import AdventitiousAgents, Attachment, Facility, Lifecycle, LiteratureReference
from ectd_builder.dossier.model.applications import Applications, ProductProfile
from ectd_builder.dossier.model.methods import AnalyticalProcedure
from ectd_builder.dossier.model.parties import Applicant, Site
from ectd_builder.dossier.model.product import DrugProduct, Excipient
from ectd_builder.dossier.model.substance import DrugSubstance
from ectd_builder.dossier.types import ID_PATTERN, JurisdictionId, Node

FORMAT_VERSION = "ectd-builder/1"


class ConfidentialId(Node, noun="confidential entry"):
    """An entity withheld from tech-transfer packages, named by its id in ``dossier.yaml``."""

    id: Annotated[str, StringConstraints(pattern=ID_PATTERN)]
    reason: Annotated[str, StringConstraints(min_length=1)] | None = None
    until: dt.date | None = None


class Transfer(Node, noun="transfer package"):
    """Written by ``ectd export``: this folder is a tech-transfer package, so its ``{withheld: ...}``
    placeholders are accepted where the withheld parts stood."""

    recipient: Annotated[str, StringConstraints(min_length=1)]
    profile: Literal["transfer", "full"]
    source_revision: Annotated[str, StringConstraints(min_length=1)]


class Collections(Node):
    """The lists a dossier is made of; each may be spread over included files."""

    sites: list[Site] = Field(default_factory=list)
    substances: list[DrugSubstance] = Field(default_factory=list)
    products: list[DrugProduct] = Field(default_factory=list)
    excipients: list[Excipient] = Field(default_factory=list)
    methods: list[AnalyticalProcedure] = Field(default_factory=list)
    facilities: list[Facility] = Field(default_factory=list)
    adventitious_agents: list[AdventitiousAgents] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    literature: list[LiteratureReference] = Field(default_factory=list)


class Fragment(Collections, noun="included file"):
    """An included file: any of the dossier's lists."""


class Dossier(Collections, noun="dossier"):
    """``dossier.yaml``: identity, applicant, target jurisdictions and the files it includes."""

    format: Literal["ectd-builder/1"]
    product: ProductProfile
    applicant: Applicant
    jurisdictions: list[JurisdictionId] = Field(min_length=1)
    document_date: dt.date
    applications: Applications = Field(default_factory=Applications)
    include: list[str] = Field(default_factory=list, description="Files (inside the dossier folder) to merge in.")
    lifecycle: Lifecycle = Field(default_factory=Lifecycle)
    transfer: Transfer | None = None
    confidential: list[ConfidentialId] = Field(
        default_factory=list, description="Entities withheld from tech-transfer packages, by id."
    )
