"""The structured values narrative may quote, as :class:`~ectd_builder.rules.drift_match.Subject`.

Specification tests (release and shelf-life criteria), process parameters (set point, NOR, PAR),
batch sizes, shelf lives and retest periods, and strengths, each with the names narrative uses
for it in en, ja and zh and the data path of each value (for the problem's related location).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ectd_builder.dossier.text import text_in
from ectd_builder.rules.drift_match import DataPath, Subject, Value, words
from ectd_builder.rules.helpers import fmt, owners

if TYPE_CHECKING:
    from ectd_builder.dossier.model import Criterion, Dossier, Quantity, Range

LANGUAGES = ("en", "ja", "zh")
_TRAILING_NOTE = re.compile(r"\s*[（(][^()（）]*[)）]\s*$")


def shown(low: float | None, high: float | None, unit: str, decimals: int | None = None) -> str:
    """A value as a person writes it: ``95.0–105.0 %``, ``≤ 0.2 %``, ``24 months``."""

    def n(x: float) -> str:
        return fmt(x) if decimals is None else f"{x:.{decimals}f}"

    if low is not None and high is not None and low != high:
        return f"{n(low)}–{n(high)} {unit}"
    if low is not None and high is not None:
        return f"{n(low)} {unit}"
    return f"≤ {n(high)} {unit}" if high is not None else f"≥ {n(low)} {unit}"  # type: ignore[arg-type]


def name_variants(name: str) -> tuple[str, ...]:
    """How narrative names a thing: in full, without a trailing note, the part after a colon."""
    out = [name.strip()]
    short = _TRAILING_NOTE.sub("", name).strip()
    out.append(short)
    for sep in (":", "："):
        if sep in short:
            tail = short.rsplit(sep, 1)[1].strip()
            if " " in tail or not tail.isascii():  # "impurity D", "類縁物質D"; never a bare "total"
                out.append(tail)
            head = short.split(sep, 1)[0].strip()
            if re.search(r"\s[A-Z0-9]$", head) or (not head.isascii() and len(head) >= 4):
                out.append(head)  # "Impurity F" of "Impurity F: quorvatinib pyrimidine N1-oxide"
    return tuple(dict.fromkeys(v for v in out if len(v) >= 2))


def _names(text: Mapping[Any, str] | None, extra: dict[str, list[str]] | None = None) -> dict[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        own = name_variants(text[lang]) if text and text.get(lang) else ()
        names[lang] = tuple(dict.fromkeys((*own, *((extra or {}).get(lang, ())))))
    return names


def _criterion(c: Criterion | None, path: DataPath, what: str, decimals: int | None) -> list[Value]:
    if c is None or c.unit is None or (c.min is None and c.max is None):
        return []
    return [Value(c.min, c.max, c.unit, path, f"{shown(c.min, c.max, c.unit, decimals)} ({what})")]


def _range(r: Range | None, path: DataPath, what: str) -> list[Value]:
    return [] if r is None else [Value(r.low, r.high, r.unit, path, f"{shown(r.low, r.high, r.unit)} ({what})")]


def point_values(q: Quantity | None, path: DataPath, what: str = "") -> list[Value]:
    """A quantity as a one-point value (empty for None)."""
    if q is None:
        return []
    return [Value(q.value, q.value, q.unit, path, shown(q.value, q.value, q.unit) + (f" ({what})" if what else ""))]


def spec_subjects(d: Dossier) -> Iterator[Subject]:
    vocabulary = words()["subjects"]
    impurity_names = {imp.id: imp.name for o in owners(d) for imp in o.item.impurities}
    for owner in owners(d):
        for k, t in enumerate(owner.spec.tests):
            path = (*owner.path, "specification", "tests", k)
            values = _criterion(t.release, (*path, "release"), "release", t.decimals) + _criterion(
                t.shelf_life, (*path, "shelf_life"), "shelf life", t.decimals
            )
            if not values:
                continue
            names = _names(t.test, vocabulary.get(t.category))
            if t.impurity and t.impurity in impurity_names:
                extra = _names(impurity_names[t.impurity])
                names = {lang: tuple(dict.fromkeys((*names[lang], *extra[lang]))) for lang in LANGUAGES}
            yield Subject("spec", text_in(t.test), names, tuple(values), owner.path)


def parameter_subjects(d: Dossier) -> Iterator[Subject]:
    for owner in owners(d):
        for s, step in enumerate(owner.item.process.steps):
            for k, p in enumerate(step.parameters):
                path = (*owner.path, "process", "steps", s, "parameters", k)
                values = (
                    _range(p.nor, (*path, "nor"), "NOR")
                    + _range(p.par, (*path, "par"), "PAR")
                    + point_values(p.set_point, (*path, "set_point"), "set point")
                )
                if values:
                    yield Subject("cpp", f"{text_in(p.name)} (step {step.number})", _names(p.name), tuple(values), owner.path)


def batch_subjects(d: Dossier) -> Iterator[Subject]:
    names = {lang: tuple(words()["subjects"]["batch_size"].get(lang, ())) for lang in LANGUAGES}
    for owner in owners(d):
        values: list[Value] = []
        for k, b in enumerate(owner.item.batches):
            values += point_values(b.size, (*owner.path, "batches", k, "size"), f"batch {b.number}")
        for k, f in enumerate(getattr(owner.item, "batch_formulas", [])):
            values += point_values(f.batch_size, (*owner.path, "batch_formulas", k, "batch_size"), "batch formula")
        if values:
            yield Subject("batch", f"the batch size of the {owner.label}", names, tuple(values), owner.path)


def shelf_subjects(d: Dossier) -> Iterator[Subject]:
    vocabulary = words()["subjects"]
    shelf = {lang: tuple(vocabulary["shelf_life"].get(lang, ())) for lang in LANGUAGES}
    retest = {lang: tuple(vocabulary["retest_period"].get(lang, ())) for lang in LANGUAGES}
    for owner in owners(d):
        st = owner.item.stability
        path = (*owner.path, "stability")
        if st.shelf_life is not None:
            values = tuple(point_values(st.shelf_life, (*path, "shelf_life")))
            yield Subject("shelf", f"the shelf life of the {owner.label}", shelf, values, owner.path)
        if st.retest_period is not None:  # the retest period is named from any part of the dossier
            values = tuple(point_values(st.retest_period, (*path, "retest_period")))
            yield Subject("shelf", f"the retest period of the {owner.label}", retest, values, ())


def strength_subjects(d: Dossier) -> Iterator[Subject]:
    vocabulary = words()["subjects"]
    names = {lang: tuple(vocabulary["strength"].get(lang, ())) for lang in LANGUAGES}
    after = {lang: tuple(vocabulary["strength_after"].get(lang, ())) for lang in LANGUAGES}
    values: list[Value] = []
    for p, product in enumerate(d.products):
        for k, s in enumerate(product.strengths):
            values += point_values(s.amount, ("products", p, "strengths", k, "amount"), text_in(s.label))
    if values:
        yield Subject("strength", "the strengths", names, tuple(values), (), after)


def all_subjects(d: Dossier) -> list[Subject]:
    return [
        *spec_subjects(d),
        *parameter_subjects(d),
        *batch_subjects(d),
        *shelf_subjects(d),
        *strength_subjects(d),
    ]
