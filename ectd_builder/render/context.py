"""What templates see: the dossier, the document's subject and a few formatting helpers.

Helpers record what they could not do properly (a missing translation) as problems instead of
hiding it, and collect the figures a template asks for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ectd_builder.dossier.text import TextLocator, is_translated, text_in
from ectd_builder.problems import Problem, Severity
from ectd_builder.render import stability as stab
from ectd_builder.render.model import Image
from ectd_builder.render.plan import PlannedDocument, product_excipients

MISSING_TRANSLATION = "REN001"
MISSING_LABEL = "REN002"  # a model value (enumeration member) without a label
_DASH = "–"
from ectd_builder.stability import evaluate_owner


def fmt_num(value: float | int | None, decimals: int | None = None) -> str:
    """Numbers as people write them: no trailing .0 on whole numbers, up to 6 significant digits;
    with ``decimals`` (a specification test's reporting precision) exactly that many decimals."""
    if value is None:
        return _DASH
    if decimals is not None:
        return f"{value:.{decimals}f}"
    if float(value).is_integer() and abs(value) < 1e12:
        return str(int(value))
    return f"{value:.6g}"


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
    _missing: set[str] = field(default_factory=set)

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
                    *(self.locate(value) if self.locate is not None else (None, None, None)),
                    path=where or None,
                    hint=f"add a '{lang}:' entry next to 'en:' for this field",
                    jurisdiction=self.jurisdiction,
                )
            )
        return fallback

    def label(self, name: str, **values: Any) -> str:
        template = self.labels.get(name)
        if template is None:
            raise KeyError(f"label '{name}' is missing from templates/en/labels.yaml")
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

    def quantity(self, q: Any) -> str:
        if q is None:
            return _DASH
        return f"{fmt_num(q.value)}{_unit_sep(q.unit)}{self.unit(q.unit)}"

    def range(self, r: Any) -> str:
        if r is None:
            return _DASH
        return f"{fmt_num(r.low)}{_DASH}{fmt_num(r.high)}{_unit_sep(r.unit)}{self.unit(r.unit)}"

    def criterion(self, c: Any) -> str:
        if c is None:
            return _DASH
        parts = []
        unit = f"{_unit_sep(c.unit)}{self.unit(c.unit)}" if c.unit else ""
        if c.min is not None and c.max is not None:
            parts.append(f"{fmt_num(c.min)}{_DASH}{fmt_num(c.max)}{unit}")
        elif c.max is not None:
            parts.append(self.label("crit_max", v=f"{fmt_num(c.max)}{unit}"))
        elif c.min is not None:
            parts.append(self.label("crit_min", v=f"{fmt_num(c.min)}{unit}"))
        if c.text:
            words = self.text(c.text, "criterion")
            parts.append(f"({words})" if parts else words)
        return " ".join(parts)

    def date(self, value: dt.date | None) -> str:
        return value.isoformat() if value else _DASH

    # -- stability ----------------------------------------------------------------------------------
    def stability_eval(self, stability: Any, specification: Any, substance: bool = False) -> Any:
        """The stability engine's evaluation of the substance or product owning ``stability``."""
        items = self.dossier.substances if substance else self.dossier.products
        item = next(i for i in items if i.stability is stability and i.specification is specification)
        return evaluate_owner(self.dossier, item, substance=substance)

    def stability_figure(self, study: Any, test: Any, evaluation: Any = None) -> str:
        key = f"fig-{study.id}-{test.id}"
        if all(img.key != key for img in self.images):
            title = self.text(test.test, "test")
            numbers = {
                b.id: b.number
                for owner in list(self.dossier.substances) + list(self.dossier.products)
                for b in owner.batches
            }
            png, svg, w, h = stab.plot_png_svg(study, test, title, self.labels, evaluation, self.font_family, numbers)
            self.images.append(Image(key, png, svg, w, h))
        return key

    def numeric_tests(self, study: Any, specification: Any) -> list[Any]:
        """Specification tests with numeric results in ``study``, in specification order."""
        ids = {r.test for r in study.results if r.values is not None}
        return [t for t in specification.tests if t.id in ids]

    def series_for(self, study: Any, test_id: str) -> list[Any]:
        return [r for r in study.results if r.test == test_id]

    def regional_items(self) -> list[str]:
        """What the region expects in 3.2.R (profile facts; translated by labels when present)."""
        j = self.jurisdiction
        if not j:
            return []
        translated = self.labels.get(f"regional_items_{j}")
        if translated and self.doc.language != "en":
            return [item.strip() for item in translated.split("|") if item.strip()]
        from ectd_builder.rules.profiles import load_profile

        items = list(load_profile(j).regional_3_2_r)
        if self.doc.language != "en" and items:
            self.text({"en": items[0]}, f"jurisdictions/{j}.yaml:regional_3_2_r")
        return items

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
            "regional_items": self.regional_items(),
            "attachments_here": self.attachments_here(),
            "t": self.text,
            "lbl": self.label,
            "enum": self.enum,
            "enums": self.enums,
            "word": self.word,
            "unit": self.unit,
            "q": self.quantity,
            "rng": self.range,
            "crit": self.criterion,
            "num": fmt_num,
            "date": self.date,
            "stability_eval": self.stability_eval,
            "stability_figure": self.stability_figure,
            "numeric_tests": self.numeric_tests,
            "series_for": self.series_for,
            "claims": Claims(self),
        }
