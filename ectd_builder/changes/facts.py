"""The process knowledge of a loaded dossier as a :class:`FactsRecord` (what ``ectd freeze`` records).

Sites, manufacturers, process steps and parameters, in-process controls, specification tests,
methods, materials, excipients, container closure components, batch sizes and scale, shelf life
and retest period: each keyed by its entity id, each value with the ``file:line:col`` it was
written at (from the loader's provenance map, :func:`~ectd_builder.dossier.provenance.sources_of`).
Texts are recorded in English (the comparison is about facts, not translations); prose (descriptions,
the batch scale text) is left out: the scale is compared from the batch formulas' sizes.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ectd_builder.changes.record import Declared, Entity, Fact, FactsRecord, Where, record_to_json
from ectd_builder.dossier.model import (
    AnalyticalProcedure,
    ContainerClosure,
    Dossier,
    DrugProduct,
    DrugSubstance,
    Excipient,
    Material,
    Process,
    Specification,
    Stability,
)
from ectd_builder.dossier.provenance import SourceMap, sources_of
from ectd_builder.dossier.types import LANGUAGES, Quantity, Range
from ectd_builder.jurisdiction import region_codes


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("en") or next((value[k] for k in LANGUAGES if value.get(k)), None)
    return value if isinstance(value, str) else None


def _plain(value: Any) -> Any:
    """A model value as JSON data: quantities, ranges and criteria as objects, texts in English."""
    if isinstance(value, Quantity):
        return {"value": value.value, "unit": value.unit}
    if isinstance(value, Range):
        return {"low": value.low, "high": value.high, "unit": value.unit}
    if isinstance(value, BaseModel):
        out = {}
        for name in type(value).model_fields:
            item = _plain(getattr(value, name))
            if item is not None:
                out[name] = item
        return out
    if isinstance(value, dict):
        return _text(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class _Collector:
    def __init__(self, smap: SourceMap | None) -> None:
        self.smap = smap
        self.record = FactsRecord()

    def where(self, owner: Any, name: str, item: int | str | None = None) -> Where:
        """Where ``owner.name`` was written: the value itself, or the first written part of it."""
        if self.smap is None:
            return None
        value = getattr(owner, name, None)
        if item is None and isinstance(value, (list, tuple)) and value:
            return self.where_item(owner, name, 0, value[0])
        if isinstance(value, dict) and item is None:
            for language in LANGUAGES:
                if language in value:
                    src = self.smap.text(value, language)
                    if src is not None:
                        return (src.file, src.line, src.col)
            return None
        if isinstance(value, BaseModel) and item is None:
            for part in type(value).model_fields:
                found = self.where(value, part)
                if found is not None:
                    return found
            return None
        src = self.smap.get(owner, name, item)
        return (src.file, src.line, src.col) if src is not None else None

    def where_item(self, owner: Any, name: str, index: int, value: Any) -> Where:
        if isinstance(value, BaseModel):
            for part in type(value).model_fields:
                found = self.where(value, part)
                if found is not None:
                    return found
            return None
        return self.where(owner, name, index)

    def entity(self, key: str, kind: str, node: Any, **attributes: Any) -> Entity:
        ent = Entity(kind, attributes={k: v for k, v in attributes.items() if v is not None})
        self.record.entities[key] = ent
        if node is not None:
            self.declare(ent, node)
        return ent

    def put(self, ent: Entity, name: str, owner: Any, attr: str | None = None, value: Any = None) -> None:
        """Record ``owner.attr`` as field ``name`` (``value`` given: a derived value located at ``owner.attr``)."""
        attr = attr or name
        raw = getattr(owner, attr, None) if value is None else value
        if raw is not None:  # a value not given is left out: the comparison reads it as absent
            ent.fields[name] = Fact(_plain(raw), self.where(owner, attr))

    def declare(self, ent: Entity, node: Any) -> None:
        ec = getattr(node, "ec", None)
        if ec is not None and ec.is_ec:
            for region in region_codes():
                category = getattr(ec.reporting, region)
                if category is not None:
                    ent.declared[region] = Declared(category, "ec.reporting", self.where(ec.reporting, region))
        jp = getattr(node, "jp_change_class", None)
        if jp is not None and "pmda" not in ent.declared:
            ent.declared["pmda"] = Declared(jp, "jp_change_class", self.where(node, "jp_change_class"))


def _slug(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-") or "component"


def _address(site: Any) -> str:
    a = site.address
    parts = [a.street, " ".join(p for p in (a.postal_code, a.city) if p), a.region, a.country]
    return ", ".join(p for p in parts if p)


def _process(c: _Collector, owner: str, process: Process) -> None:
    for step in process.steps:
        s = c.entity(f"step:{step.id}", "step", step, owner=owner)
        for name in ("number", "name", "unit_operation", "equipment", "critical", "yield_range", "hold_time"):
            c.put(s, name, step)
        for p in step.parameters:
            e = c.entity(f"parameter:{p.id}", "parameter", p, owner=owner, step=step.id, classification=p.classification)
            for name in ("name", "set_point", "nor", "par", "classification"):
                c.put(e, name, p)
        for ipc in step.controls:
            e = c.entity(f"ipc:{ipc.id}", "ipc", ipc, owner=owner, step=step.id)
            for name in ("test", "criterion", "frequency", "method"):
                c.put(e, name, ipc)


def _specification(c: _Collector, owner: str, spec: Specification) -> None:
    for t in spec.tests:
        e = c.entity(f"test:{t.id}", "test", t, owner=owner, specification=spec.id, category=t.category)
        for name in ("test", "category", "method", "release", "shelf_life"):
            c.put(e, name, t)


def _container(c: _Collector, owner: str, scope: str, closure: ContainerClosure) -> None:
    seen: dict[str, int] = {}
    for comp in closure.components:
        slug = _slug(_text(comp.name))
        seen[slug] = seen.get(slug, 0) + 1
        key = f"{scope}/container:{slug}" + (f"-{seen[slug]}" if seen[slug] > 1 else "")
        e = c.entity(key, "container_component", None, owner=owner, packaging=comp.packaging, functional=comp.functional)
        for name in ("name", "material", "packaging", "specification"):
            c.put(e, name, comp)


def _stability(c: _Collector, owner: str, scope: str, stability: Stability) -> None:
    e = c.entity(f"{scope}/stability", "stability", None, owner=owner)
    for name in ("shelf_life", "retest_period", "storage_statement", "storage_category"):
        c.put(e, name, stability)


def _manufacturers(c: _Collector, owner: str, scope: str, roles: dict[str, list[str]], item: Any) -> None:
    for m in item.manufacturers:
        e = c.entity(f"{scope}/manufacturer:{m.site}", "manufacturer", None, owner=owner, roles=roles.get(m.site, []))
        c.put(e, "site", m)
        c.put(e, "responsibilities", m)


def _material(c: _Collector, owner: str, m: Material) -> None:
    e = c.entity(f"material:{m.id}", "material", None, owner=owner, role=m.role)
    for name in ("name", "role", "grade", "supplier", "origin"):
        c.put(e, name, m)
    c.put(e, "master_files", m, value=[f"{f.system} {f.number}" for f in m.master_files])


def _substance(c: _Collector, s: DrugSubstance, roles: dict[str, list[str]]) -> None:
    scope = f"substance:{s.id}"
    _manufacturers(c, "substance", scope, roles, s)
    _process(c, "substance", s.process)
    for m in s.materials:
        _material(c, "substance", m)
    _specification(c, "substance", s.specification)
    _container(c, "substance", scope, s.container_closure)
    _stability(c, "substance", scope, s.stability)


def _product(c: _Collector, p: DrugProduct, roles: dict[str, list[str]]) -> None:
    scope = f"product:{p.id}"
    _manufacturers(c, "product", scope, roles, p)
    for bf in p.batch_formulas:
        e = c.entity(f"{scope}/batch_formula:{bf.strength}", "batch_formula", None, owner="product")
        c.put(e, "batch_size", bf)
    _process(c, "product", p.process)
    _specification(c, "product", p.specification)
    _container(c, "product", scope, p.container_closure)
    _stability(c, "product", scope, p.stability)


def _excipient(c: _Collector, x: Excipient) -> None:
    e = c.entity(f"excipient:{x.id}", "excipient", None, owner="product", origin=x.origin, novel=x.novel)
    for name in ("name", "grade", "supplier", "origin"):
        c.put(e, name, x)
    c.put(e, "compendia", x, value=sorted(x.compendia))
    if x.specification is not None:
        _specification(c, "excipient", x.specification)


def _method(c: _Collector, m: AnalyticalProcedure) -> None:
    e = c.entity(f"method:{m.id}", "method", m, procedure_type=m.procedure_type)
    for name in ("title", "procedure_type", "technique", "compendial"):
        c.put(e, name, m)
    c.put(e, "conditions", m, value=[f"{_text(k.name)}: {_text(k.value)}" for k in m.conditions])
    c.put(e, "validation", m, value=m.validation.status)


def collect_facts(dossier: Dossier) -> FactsRecord:
    """The facts of ``dossier``, located with the provenance map the loader attached to it."""
    c = _Collector(sources_of(dossier))
    roles: dict[str, list[str]] = {site.id: [str(r) for r in sorted(site.roles)] for site in dossier.sites}
    for site in dossier.sites:
        e = c.entity(f"site:{site.id}", "site", None, roles=sorted(site.roles), country=site.address.country)
        c.put(e, "name", site)
        c.put(e, "address", site, value=_address(site))
        c.put(e, "roles", site, value=sorted(site.roles))
    for s in dossier.substances:
        _substance(c, s, roles)
    for p in dossier.products:
        _product(c, p, roles)
    for x in dossier.excipients:
        _excipient(c, x)
    for m in dossier.methods:
        _method(c, m)
    return c.record


def write_facts(dossier: Dossier, path: Path) -> Path:
    """Write the facts record of ``dossier`` to ``path`` atomically (temporary file + rename)."""
    body = record_to_json(collect_facts(dossier)).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o444)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
