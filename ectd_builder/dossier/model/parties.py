"""Organisations and sites: the applicant, contacts, manufacturing and testing sites."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ectd_builder.dossier.model.common import NamedEntity
from ectd_builder.dossier.types import AttachmentRef, LocalText, Node, SiteId, SiteRef

SiteRole = Literal[
    "drug_substance_manufacture",
    "intermediate_manufacture",
    "drug_product_manufacture",
    "primary_packaging",
    "secondary_packaging",
    "testing",
    "stability_testing",
    "batch_release",
    "storage",
    "cell_bank_storage",
    "sterilisation",
]


class Address(Node, noun="address"):
    """A postal address; ``localized`` gives the whole address as agencies want it written."""

    street: str
    city: str
    postal_code: str | None = None
    region: str | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        description="ISO 3166-1 alpha-2 country code, e.g. DE, US, JP, CN."
    )
    localized: LocalText | None = Field(default=None, description="Full address per language (e.g. zh for NMPA).")


class Contact(Node, noun="contact"):
    name: str
    role: Literal["regulatory", "technical", "us_agent", "promotional"] = "regulatory"
    phone: str
    phone_type: Literal["business", "fax", "mobile"] = "business"
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class Applicant(Node, noun="applicant"):
    name: LocalText
    address: Address
    contacts: list[Contact] = Field(default_factory=list)


class SiteIdentifiers(Node, noun="site identifiers"):
    """Registry numbers of a site, as each agency asks for them."""

    fei: Annotated[str, StringConstraints(pattern=r"^\d{7,10}$")] | None = Field(
        default=None, description="FDA Establishment Identifier."
    )
    duns: Annotated[str, StringConstraints(pattern=r"^\d{9}$")] | None = Field(
        default=None, description="D-U-N-S number (9 digits)."
    )
    oms_location: str | None = Field(default=None, description="EMA OMS location identifier (LOC-...).")
    jp_accreditation: str | None = Field(default=None, description="Japanese foreign manufacturer accreditation number.")
    cn_license: str | None = Field(default=None, description="Chinese manufacturing licence number (生产许可证).")


class Site(NamedEntity[SiteId], noun="site"):
    """A manufacturing, packaging, testing or release site."""

    address: Address
    roles: list[SiteRole] = Field(min_length=1)
    identifiers: SiteIdentifiers = Field(default_factory=SiteIdentifiers)
    gmp_certificate: AttachmentRef | None = None


class ManufacturerRole(Node, noun="manufacturer"):
    """A site's part in making a substance or product (feeds 3.2.S.2.1 / 3.2.P.3.1)."""

    site: SiteRef
    responsibilities: LocalText
