"""Shared vocabularies and the ICH Q12 lifecycle data attached to parameters, controls and tests."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import Field

from ectd_builder.dossier.types import ConfidentialMark, LocalText, Node

Modality = Literal["small_molecule", "biologic"]
Route = Literal["oral", "parenteral", "inhalation", "cutaneous", "ophthalmic", "nasal", "rectal", "vaginal"]
Compendium = Literal["ph_eur", "usp_nf", "jp", "jpe", "chp", "in_house"]
Origin = Literal["synthetic", "mineral", "plant", "animal", "human", "recombinant", "microbial", "semi_synthetic"]
Zone = Literal["I", "II", "III", "IVa", "IVb"]

IdT = TypeVar("IdT")
"""The identifier type of an entity: one of the ``...Id`` types of :mod:`ectd_builder.dossier.types`."""


class Entity(Node, Generic[IdT]):
    """Base of every entity with an identifier: ``class Site(Entity[SiteId])`` declares ``id`` first.

    The id type parameter carries the pattern and the :class:`~ectd_builder.dossier.types.IdOf`
    marker, so validation and reference checking see exactly what ``id: SiteId`` would give.
    """

    id: IdT
    confidential: ConfidentialMark | None = None


class NamedEntity(Entity[IdT], Generic[IdT]):
    """An entity whose first fields are its id and its name."""

    name: LocalText


class TitledEntity(Entity[IdT], Generic[IdT]):
    """An entity whose first fields are its id and its title."""

    title: LocalText


class NamedValue(Node):
    """A name and a value, both text (a method condition, a physicochemical property)."""

    name: LocalText
    value: LocalText


class ReportingCategories(Node, noun="reporting categories"):
    """What a change to an established condition needs in each region."""

    fda: Literal["PAS", "CBE-30", "CBE-0", "AR"] | None = None
    ema: Literal["II", "IB", "IA", "IAIN"] | None = None
    pmda: Literal["partial_change", "moderate_change", "minor_change"] | None = None
    nmpa: Literal["major", "moderate", "minor"] | None = None


class EstablishedCondition(Node, noun="established condition"):
    """ICH Q12 established-condition flag with its reporting category per region."""

    is_ec: bool = True
    approach: Literal["parameter_based", "enhanced", "performance_based"] | None = None
    reporting: ReportingCategories = Field(default_factory=ReportingCategories)
    rationale: LocalText | None = None


JpChangeClass = Literal["partial_change", "moderate_change", "minor_change", "not_registered"]
