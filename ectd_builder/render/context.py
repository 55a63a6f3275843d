"""What templates see: the dossier, the document's subject and a few formatting helpers.

Helpers record what they could not do properly (a missing translation) as problems instead of
hiding it, and collect the figures a template asks for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ectd_builder.dossier.provenance import SourceMap, sources_of
from ectd_builder.dossier.text import TextLocator, is_translated, text_in
from ectd_builder.problems import Problem, Severity
from ectd_builder.render.figures import stability_image
from ectd_builder.render.links import CrossLinks, Layout
from ectd_builder.render.model import Image
from ectd_builder.render.numbers import DASH as _DASH
from ectd_builder.render.numbers import fmt_num, source_span
from ectd_builder.render.plan import PlannedDocument, product_excipients
from ectd_builder.stability import evaluate_owner

MISSING_TRANSLATION = "REN001"
MISSING_LABEL = "REN002"  # a model value (enumeration member) without a label


def _unit_sep(unit: str) -> str:
    return "" if unit == "%" else " "


@dataclass
class Index:
    """Entities by id, for references in templates (``ix.methods[test.method]``)."""

    sites: dict[str, Any]
    substances: dict[str, Any]
    products: dict[str, Any]
    excipients: dict[str, Any]
    methods: dict[str, Any]
    batches: dict[str, Any]
    tests: dict[str, Any]
    attachments: dict[str, Any]
    materials: dict[str, Any]
    steps: dict[str, Any]
    parameters: dict[str, Any]  # id -> (parameter, step)
    ipcs: dict[str, Any]  # id -> (in-process control, step)
    intermediates: dict[str, Any]

    @classmethod
    def of(cls, dossier: Any) -> Index:
        batches: dict[str, Any] = {}
        tests: dict[str, Any] = {}
        materials: dict[str, Any] = {}
        steps: dict[str, Any] = {}
        parameters: dict[str, Any] = {}
        ipcs: dict[str, Any] = {}
        intermediates: dict[str, Any] = {}
        for owner in list(dossier.substances) + list(dossier.products):
            batches.update({b.id: b for b in owner.batches})
            tests.update({t.id: t for t in owner.specification.tests})
            steps.update({s.id: s for s in owner.process.steps})
            for intermediate in owner.process.intermediates:
                intermediates[intermediate.id] = intermediate
                tests.update({t.id: t for t in intermediate.tests})
            for step in owner.process.steps:
                parameters.update({p.id: (p, step) for p in step.parameters})
                ipcs.update({c.id: (c, step) for c in step.controls})
        for s in dossier.substances:
            materials.update({m.id: m for m in s.materials})
        for e in dossier.excipients:
            if e.specification is not None:
                tests.update({t.id: t for t in e.specification.tests})
        return cls(
            sites={s.id: s for s in dossier.sites},
            substances={s.id: s for s in dossier.substances},
            products={p.id: p for p in dossier.products},
            excipients={e.id: e for e in dossier.excipients},
            methods={m.id: m for m in dossier.methods},
            batches=batches,
            tests=tests,
            attachments={a.id: a for a in dossier.attachments},
            materials=materials,
            steps=steps,
            parameters=parameters,
            ipcs=ipcs,
            intermediates=intermediates,
        )


@dataclass
class RenderContext:
    dossier: Any
    doc: PlannedDocument
    labels: dict[str, str]
    jurisdiction: str | None = None
    problems: list[Problem] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    font_family: list[str] = field(default_factory=lambda: ["DejaVu Sans"])
    locate: TextLocator | None = None  # maps a text back to file:line:col of the dossier
    sources: SourceMap | None = None  # where each number was written; default: the loader's map
    layout: Layout | None = None  # where linked documents live; default: the render output layout
    _missing: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.sources is None:
            self.sources = sources_of(self.dossier)

    # -- text ------------------------------------------------------------------------------------
    def text(self, value: Any, where: str = "") -> str:
        """A localised field in the document language; English (reported) when not translated."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        lang = self.doc.language
        if is_translated(value, lang):
            return value.get(lang) or text_in(value)
        fallback = value.get("en") or next(iter(value.values()))
        key = f"{where}:{fallback[:40]}"
        if key not in self._missing:
            self._missing.add(key)
            self.problems.append(
                Problem(
                    MISSING_TRANSLATION,
                    Severity.WARNING,
                    f"{self.doc.key}: no '{lang}' text for \"{fallback[:60]}\"; the English text was used",
                    *self._where(value),
                    path=where or None,
                    hint=f"add a '{lang}:' entry next to 'en:' for this field",
                    jurisdiction=self.jurisdiction,
                )
            )
        return fallback

    def marked_text(self, value: Any, where: str = "") -> str:
        """:meth:`text` marked with where the text was written (what templates print as ``t``)."""
        words = self.text(value, where)
        if not words or not isinstance(value, dict) or self.sources is None:
            return words
        language = self.doc.language if self.doc.language in value else "en"
        return source_span(words, self.sources.text(value, language))

    def _where(self, value: dict[str, str]) -> tuple[str | None, int | None, int | None]:
        """``file:line:col`` of a text of the dossier, for problems about it."""
        source = self.sources.text(value, "en") if self.sources is not None else None
        if source is None and self.locate is not None:
            return self.locate(value)
        return self.sources.location(source) if source and self.sources else (None, None, None)

    def label(self, name: str, **values: Any) -> str:
        """Fixed wording; values that carry markup (a number with its source) keep it."""
        template = self.labels.get(name)
        if template is None:
            raise KeyError(f"label '{name}' is missing from templates/en/labels.yaml")
        if any(isinstance(v, Markup) for v in values.values()):
            return Markup(escape(template)).format(**values)
        return template.format(**values) if values else template

    def enum(self, value: Any, kind: str = "") -> str:
        """A model value as its label in the document language (``enum.<kind>.<value>``, then
        ``enum.<value>``); a value without a label is reported (REN002) and printed as written."""
        if value is None:
            return _DASH
        if isinstance(value, bool):
            return self.labels["yes"] if value else self.labels["no"]
        keys = [f"enum.{kind}.{value}"] if kind else []
        keys.append(f"enum.{value}")
        found = next((self.labels[k] for k in keys if k in self.labels), None)
        if found is None and keys[0] not in self._missing:
            self._missing.add(keys[0])
            self.problems.append(
                Problem(
                    MISSING_LABEL,
                    Severity.WARNING,
                    f"{self.doc.key}: the value '{value}' has no label '{keys[0]}'; it was printed as written",
                    f"templates/{self.doc.language}/labels.yaml",
                    hint=f"add '{keys[0]}' to the '# enum labels' block of templates/en, ja and zh labels.yaml",
                    jurisdiction=self.jurisdiction,
                )
            )
        return str(value) if found is None else found

    def unit(self, unit: str) -> str:
        """A unit as written in the document language (symbols stay; words are translated)."""
        return self.labels.get(f"unit.{unit}", unit)

    def word(self, value: str) -> str:
        """A recurring result word ("Complies") in the document language, else as written."""
        return self.labels.get(f"word.{value}", value)

    def enums(self, values: Any) -> str:
        return ", ".join(self.enum(v) for v in values) if values else _DASH

    def value(self, owner: Any, name: str, item: int | str | None = None, decimals: int | None = None) -> str:
        """A value of the dossier (``owner.name``, or its ``item``) as written, marked with its source.

        Numbers print as written; with ``decimals`` (results of a specification test) they are
        reported to that many decimals. Dates print as ISO dates, codes and words as they are.
        """
        value = getattr(owner, name)
        if item is not None:
            value = value[item]
        if value is None:
            return _DASH
        source = self.sources.get(owner, name, item) if self.sources is not None else None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            shown = fmt_num(value, decimals, source.text if source else None)
        elif isinstance(value, dt.date):
            shown = self.date(value)
        else:
            shown = str(value)
        return source_span(shown, source)

    def quantity(self, q: Any) -> str:
        if q is None:
            return _DASH
        return Markup("{}{}{}").format(self.value(q, "value"), _unit_sep(q.unit), self.unit(q.unit))

    def range(self, r: Any) -> str:
        if r is None:
            return _DASH
        unit = f"{_unit_sep(r.unit)}{self.unit(r.unit)}"
        return Markup("{}{}{}{}").format(self.value(r, "low"), _DASH, self.value(r, "high"), unit)

    def criterion(self, c: Any) -> str:
        if c is None:
            return _DASH
        parts: list[str] = []
        unit = f"{_unit_sep(c.unit)}{self.unit(c.unit)}" if c.unit else ""
        if c.min is not None and c.max is not None:
            parts.append(Markup("{}{}{}{}").format(self.value(c, "min"), _DASH, self.value(c, "max"), unit))
        elif c.max is not None:
            parts.append(self.label("crit_max", v=Markup("{}{}").format(self.value(c, "max"), unit)))
        elif c.min is not None:
            parts.append(self.label("crit_min", v=Markup("{}{}").format(self.value(c, "min"), unit)))
        if c.text:
            words = self.marked_text(c.text, "criterion")
            parts.append(Markup("({})").format(words) if parts else words)
        return Markup(" ").join(parts)

    def date(self, value: dt.date | None) -> str:
        return value.isoformat() if value else _DASH

    # -- stability ----------------------------------------------------------------------------------
    def stability_eval(self, stability: Any, specification: Any, substance: bool = False) -> Any:
        """The stability engine's evaluation of the substance or product owning ``stability``."""
        items = self.dossier.substances if substance else self.dossier.products
        item = next(i for i in items if i.stability is stability and i.specification is specification)
        return evaluate_owner(self.dossier, item, substance=substance)

    def stability_figure(
        self, study: Any, test: Any, evaluation: Any = None, proposed: float | None = None, kind: str | None = None
    ) -> str:
        """Key of the figure of ``test`` in ``study`` (drawn once; see :mod:`ectd_builder.render.figures`)."""
        key = f"fig-{study.id}-{test.id}"
        if all(img.key != key for img in self.images):
            self.images.append(stability_image(self, key, study, test, evaluation, proposed, kind))
        return key

    def numeric_tests(self, study: Any, specification: Any) -> list[Any]:
        """Specification tests with numeric results in ``study``, in specification order."""
        ids = {r.test for r in study.results if r.values is not None}
        return [t for t in specification.tests if t.id in ids]

    def series_for(self, study: Any, test_id: str) -> list[Any]:
        return [r for r in study.results if r.test == test_id]

    def regional_documents(self) -> list[dict[str, Any]]:
        """The 3.2.R attachments for this jurisdiction, grouped under the profile item each provides.

        Only items with documents are listed: a dossier lacking required content fails rule R-01,
        so no document prints a requirement without the document that meets it.
        """
        j = self.jurisdiction
        if not j:
            return []
        from ectd_builder.jurisdiction.profiles import load_profile
        from ectd_builder.rules.regional_content import regional_documents

        groups: dict[str | None, dict[str, Any]] = {}
        for entry in regional_documents(self.dossier, load_profile(j)):
            if not entry.attachments:
                continue
            key = entry.item.id if entry.item else None
            if key not in groups:
                title = entry.item.title if entry.item else None
                where = f"jurisdictions/{j}.yaml:regional_3_2_r"
                groups[key] = {"title": self.text(title, where) if title else self.label("regional_other"), "attachments": []}
            have = groups[key]["attachments"]
            have.extend(a for a in entry.attachments if a not in have)
        return list(groups.values())

    def regional_required(self) -> bool:
        """True when the jurisdiction requires 3.2.R content of this dossier (rule R-01)."""
        if not self.jurisdiction:
            return False
        from ectd_builder.jurisdiction.profiles import load_profile
        from ectd_builder.rules.regional_content import regional_documents

        return any(e.needed for e in regional_documents(self.dossier, load_profile(self.jurisdiction)))

    def attachments_here(self) -> list[Any]:
        """Attachments of the dossier placed at this document's section and subject."""
        doc, j = self.doc, self.jurisdiction
        if doc.section == "3.2.R":
            return []
        return [
            a
            for a in self.dossier.attachments
            if a.section == doc.section
            and (not a.jurisdictions or j in a.jurisdictions)
            and a.substance in (None, doc.substance_id)
            and a.product in (None, doc.product_id)
            and a.excipient in (None, doc.excipient_id)
        ]

    def variables(self, template_dir: Path | None = None) -> dict[str, Any]:
        from ectd_builder.render.claims import Claims

        dossier, doc = self.dossier, self.doc
        ix = Index.of(dossier)
        product = ix.products.get(doc.product_id) if doc.product_id else None
        links = CrossLinks(dossier, doc, self.problems, self.layout)
        return {
            "dossier": dossier,
            "doc": doc,
            "ix": ix,
            "L": self.labels,
            "jurisdiction": self.jurisdiction,
            "substance": ix.substances.get(doc.substance_id) if doc.substance_id else None,
            "product": product,
            "excipient": ix.excipients.get(doc.excipient_id) if doc.excipient_id else None,
            "method": ix.methods.get(doc.method_id) if doc.method_id else None,
            "facility": dossier.facilities[doc.item_index]
            if doc.section == "3.2.A.1" and doc.item_index is not None
            else None,
            "agents": (
                dossier.adventitious_agents[doc.item_index]
                if doc.section == "3.2.A.2" and doc.item_index is not None
                else None
            ),
            "product_excipients": product_excipients(dossier, product) if product is not None else [],
            "regional_documents": self.regional_documents() if doc.section in ("3.2.R", "2.3.R") else [],
            "regional_required": self.regional_required() if doc.section in ("3.2.R", "2.3.R") else False,
            "attachments_here": self.attachments_here(),
            "t": self.marked_text,
            "lbl": self.label,
            "enum": self.enum,
            "enums": self.enums,
            "word": self.word,
            "unit": self.unit,
            "q": self.quantity,
            "rng": self.range,
            "crit": self.criterion,
            "num": fmt_num,
            "val": self.value,
            "date": self.date,
            "stability_eval": self.stability_eval,
            "stability_figure": self.stability_figure,
            "numeric_tests": self.numeric_tests,
            "series_for": self.series_for,
            "claims": Claims(self),
            "link_to": links.link_to,
            "attachment_link": links.attachment_link,
        }
