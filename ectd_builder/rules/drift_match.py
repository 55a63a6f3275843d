"""Which quantity of a narrative text describes which structured value, and whether they agree.

A quantity is compared only with the structured values that are clearly its subject: a subject's
name (a test name, a parameter name, "shelf life", ...) stands in the same clause, close by, with
no other compatible quantity or mention of the same kind between them, and the units share a
dimension. Numbers reported as results, changes or estimates ("decreased by ≤ 1.1 %", "about
40 kN") are never compared. A quantity agrees when it matches any value of any subject of that
name (two tests may share a name; a parameter may have a set point, a NOR and a PAR).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from ectd_builder.dossier.units import convert, unit_table
from ectd_builder.rules.quantities_in_text import TextQuantity, quantities_in

DataPath = tuple[str | int, ...]
Kind = Literal["spec", "cpp", "batch", "shelf", "strength"]

# How far (in characters) a name may stand from the quantity it describes.
_REACH: dict[str, int] = {"spec": 60, "cpp": 60, "batch": 40, "shelf": 40, "strength": 24}
# Kinds whose values are single points (a batch size, a shelf life, a strength), not limits.
_POINT_KINDS = {"batch", "shelf", "strength"}
# Kinds whose numbers must carry the value's own unit (a strength is "25 mg", never "0.025 g").
_SAME_UNIT = {"strength"}
_LIST_JOINER = re.compile(r"^\s*(?:,|、|・|/|and|or|及び|及|和)\s*$")
_CLAUSE_END = re.compile(r"(?<!\d)\.(?=\s|$)|[;；。\n]")
_OPEN, _CLOSE = "(（[", ")）]"


@dataclass(frozen=True)
class Value:
    """One structured value: limits or a point, its unit, where it is written and how it reads."""

    low: float | None
    high: float | None
    unit: str
    path: DataPath
    shown: str


@dataclass(frozen=True, eq=False)
class Subject:
    """A thing narrative may quote numbers of, with its names per language and its values."""

    kind: Kind
    label: str
    names: Mapping[str, tuple[str, ...]]
    values: tuple[Value, ...]
    scope: DataPath = ()
    after: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # names written after the number


@dataclass(frozen=True)
class Drift:
    """A quantity of the text that matches none of its subject's values."""

    quantity: TextQuantity
    subjects: tuple[Subject, ...]


@cache
def words() -> dict[str, Any]:
    """The wording conventions (``drift_words.yaml``)."""
    data: dict[str, Any] = yaml.safe_load(Path(__file__).with_name("drift_words.yaml").read_text(encoding="utf-8"))
    return data


@cache
def _words_pattern(candidates: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for several words, longest first; Latin words match whole words only."""
    parts = sorted({c for c in candidates if c}, key=len, reverse=True)
    if not parts:
        return None
    alternatives = (rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])" if p.isascii() else re.escape(p) for p in parts)
    return re.compile("|".join(alternatives), flags=re.IGNORECASE)


def _has_word(text: str, candidates: Sequence[str]) -> bool:
    pattern = _words_pattern(tuple(candidates))
    return bool(pattern and pattern.search(text))


NameIndex = dict[str, list[tuple[Subject, bool]]]


@lru_cache(maxsize=64)
def _name_index(language: str, subjects: tuple[Subject, ...]) -> tuple[re.Pattern[str] | None, NameIndex]:
    """A pattern for every name of ``subjects`` in ``language``, and who bears each name."""
    index: NameIndex = {}
    for subject in subjects:
        for after, names in ((False, subject.names), (True, subject.after)):
            for name in names.get(language, ()):
                index.setdefault(name.lower(), []).append((subject, after))
    return _words_pattern(tuple(index)), index


def clauses(text: str, parentheses: bool = True) -> list[int]:
    """A clause number per character: sentences, and (``parentheses``) each parenthesis on its own."""
    ids: list[int] = []
    stack = [0]
    counter = 0
    for i, ch in enumerate(text):
        if parentheses and ch in _OPEN:
            counter += 1
            stack.append(counter)
            ids.append(counter)
            continue
        if ch in _CLOSE and len(stack) > 1:
            ids.append(stack.pop())
            continue
        if _CLAUSE_END.match(text, i):
            counter += 1
            stack[-1] = counter
        ids.append(stack[-1])
    return ids


def _dimension(unit: str) -> str | None:
    entry = unit_table().get(unit)
    return entry.dimension if entry else None


def _same(x: float | None, unit: str, y: float | None, to: str) -> bool:
    if x is None or y is None:
        return False
    try:
        got = convert(x, unit, to)
    except (KeyError, ValueError):
        return False
    return abs(got - y) <= 1e-9 * max(1.0, abs(y))


def agrees(q: TextQuantity, kind: Kind, values: Sequence[Value]) -> bool:
    """True when ``q`` states one of ``values`` (limits for limits, a point for points)."""
    for v in values:
        if q.bound == "range" and _same(q.low, q.unit, v.low, v.unit) and _same(q.high, q.unit, v.high, v.unit):
            return True
        if q.bound == "max" and _same(q.high, q.unit, v.high, v.unit):
            return True
        if q.bound == "min" and _same(q.low, q.unit, v.low, v.unit):
            return True
        if q.bound == "value" and (_same(q.low, q.unit, v.low, v.unit) or _same(q.low, q.unit, v.high, v.unit)):
            return True
    if kind in _POINT_KINDS and q.bound == "range":  # a range of batch sizes holding a batch's size
        return any(_inside(v.low, v.unit, q) for v in values)
    return False


def _inside(x: float | None, unit: str, q: TextQuantity) -> bool:
    if x is None or q.low is None or q.high is None:
        return False
    try:
        got = convert(x, unit, q.unit)
    except (KeyError, ValueError):
        return False
    return q.low - 1e-9 <= got <= q.high + 1e-9


def comparable(q: TextQuantity, kind: Kind, values: Sequence[Value]) -> bool:
    """Whether ``q`` could restate one of ``values`` at all (a range restates only a two-sided limit)."""
    if kind != "spec":
        return True
    if q.bound == "range":
        return any(v.low is not None and v.high is not None for v in values)
    if q.bound == "max":
        return any(v.high is not None for v in values)
    if q.bound == "min":
        return any(v.low is not None for v in values)
    return True


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    kind: Kind
    subjects: tuple[Subject, ...]
    after_only: bool = False  # the name follows its number ("25 mg tablets")
    implicit: bool = False  # the field itself names the subject (a CQA's target names its tests)


def _mentions(text: str, language: str, subjects: Sequence[Subject]) -> list[_Mention]:
    found: dict[tuple[int, int, str, bool], list[Subject]] = {}
    not_the_name = words()["not_the_name"].get(language, ())
    not_after = words()["not_the_name_after"].get(language, ())
    pattern, index = _name_index(language, tuple(subjects))
    for m in pattern.finditer(text) if pattern else ():
        start, end = m.span()
        if _has_word(text[end : end + 12].split(".")[0], not_the_name):
            continue
        if any(text[:start].endswith(w) for w in not_after):
            continue
        for subject, after in index.get(m.group(0).lower(), []):
            found.setdefault((start, end, subject.kind, after), []).append(subject)
    spans = sorted(found, key=lambda k: (k[0], -(k[1] - k[0])))
    kept: list[_Mention] = []
    for start, end, kind, after in spans:  # a name inside a longer name of the same kind is that longer name
        if any(m.kind == kind and m.start <= start and end <= m.end for m in kept):
            continue
        subjects_here = tuple(dict.fromkeys(found[(start, end, kind, after)]))
        kept.append(_Mention(start, end, kind, subjects_here, after))  # type: ignore[arg-type]
    return kept


def _qualifies(q: TextQuantity, m: _Mention, gap: str, after: str, sentence: str, language: str) -> bool:
    """Whether the words around a name and a number let the number stand for the named value.

    ``gap`` stands between them, ``after`` follows the number in its clause, ``sentence`` holds both.
    """
    vocabulary = words()
    not_the_value = vocabulary["not_the_value"].get(language, ())
    if _has_word(gap, not_the_value) or _has_word(after, not_the_value):
        return False
    if _has_word(sentence, vocabulary["in_use"].get(language, ())):
        return False
    if m.kind != "spec" or q.bound == "range" or q.explicit or m.implicit:
        return True
    return _has_word(gap, vocabulary["limit_words"].get(language, ()))


def _nearest(
    m: _Mention, candidates: list[TextQuantity], others: list[_Mention], every: list[TextQuantity], clause: list[int]
) -> tuple[TextQuantity, int] | None:
    """The number ``m`` names: the nearest one of its clause, with no other number or name between."""
    best: tuple[TextQuantity, int] | None = None
    for q in candidates:
        if q.end > m.start and q.start < m.end:
            continue  # a number inside the name ("Main compression force (25 mg)")
        here = clause[m.start]
        if clause[q.start] != here:
            continue
        lo, hi = (m.end, q.start) if q.start >= m.end else (q.end, m.start)
        distance = sum(1 for i in range(lo, hi) if clause[i] == here)  # a parenthesis between does not count
        if (distance > _REACH[m.kind] and not m.implicit) or (m.after_only and (q.start >= m.end or distance > 2)):
            continue
        if any(o is not m and lo <= o.start < hi and clause[o.start] == here for o in others):
            continue  # another name of this kind is nearer
        if any(p is not q and lo <= p.start < hi and clause[p.start] == here for p in every):
            continue  # another number is nearer
        if best is None or distance < best[1] or (distance == best[1] and q.start > m.end):
            best = (q, distance)
    return best


def drifts(
    text: str,
    language: str,
    subjects: Sequence[Subject],
    *,
    implicit: Sequence[Subject] = (),
) -> list[Drift]:
    """The quantities of ``text`` that disagree with the structured value they describe.

    ``implicit``: specification tests the field itself is about (a CQA's target is about the tests
    that control the CQA); the text's first number of their dimension describes them.
    """
    quantities = quantities_in(text)
    if not quantities:
        return []
    mentions = _mentions(text, language, subjects)
    if implicit:
        mentions.append(_Mention(0, 0, "spec", tuple(implicit), implicit=True))
    if not mentions:
        return []
    clause, sentence = clauses(text), clauses(text, parentheses=False)
    bound: dict[TextQuantity, tuple[int, _Mention]] = {}
    for m in mentions:
        units = {v.unit for s in m.subjects for v in s.values}
        if m.kind in _SAME_UNIT:
            candidates = [q for q in quantities if q.unit in units]
        else:
            dims = {_dimension(u) for u in units}
            candidates = [q for q in quantities if q.dimension in dims]
        same_kind = [o for o in mentions if o.kind == m.kind]
        # A strength list may stand in parentheses after the product's name ("片（25 mg、50 mg）").
        hit = _nearest(m, candidates, same_kind, quantities, sentence if m.kind == "strength" else clause)
        if hit is None:
            continue
        q, distance = hit
        lo, hi = (m.end, q.start) if q.start >= m.end else (q.end, m.start)
        same_sentence = "".join(ch for ch, n in zip(text, sentence, strict=True) if n == sentence[m.start])
        after = "".join(text[i] for i in range(q.end, len(text)) if clause[i] == clause[q.start])[:10]
        gap = "".join(text[i] for i in range(lo, hi) if clause[i] == clause[q.start])  # a parenthesis is aside
        if not _qualifies(q, m, gap, after, same_sentence, language):
            continue
        chain = [q]
        if m.kind == "strength":  # "25 mg and 50 mg tablets": every strength of the list
            chain += _listed_before(text, q, candidates)
        for each in chain:
            if each not in bound or distance < bound[each][0]:
                bound[each] = (distance, m)
    out: list[Drift] = []
    for q in quantities:
        if q in bound:
            m = bound[q][1]
            values = [v for s in m.subjects for v in s.values]
            if comparable(q, m.kind, values) and not agrees(q, m.kind, values):
                out.append(Drift(q, m.subjects))
    return out


def _listed_before(text: str, q: TextQuantity, candidates: list[TextQuantity]) -> list[TextQuantity]:
    chain: list[TextQuantity] = []
    current = q
    for p in sorted((c for c in candidates if c.end <= q.start), key=lambda c: -c.end):
        if p.unit == current.unit and _LIST_JOINER.match(text[p.end : current.start]):
            chain.append(p)
            current = p
        elif p.end <= current.start:
            break
    return chain
