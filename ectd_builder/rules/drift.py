"""Rules DRIFT-01 to DRIFT-07: narrative text that quotes a number the structured data contradict.

Change the assay limits to 94.0–106.0 % and a justification still saying "Assay 95.0–105.0 %"
becomes a warning at that sentence, naming the specification's ``file:line:col`` too. The
matching (:mod:`ectd_builder.rules.drift_match`) is conservative: a number is compared only with
a value whose name stands next to it, in the same clause and unit dimension.

Each text is checked in the language the jurisdiction reads it in: Module 3 narrative in the
profile's ``m3`` language (DRIFT-01 to DRIFT-05, by kind of value), text the Quality Overall
Summary prints in the ``m2`` language (DRIFT-06), the jurisdiction's envelope data and cover
letters, titles and PDF text (DRIFT-07, :mod:`ectd_builder.rules.drift_letters`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ectd_builder.rules.drift_letters import (
    claims,
    envelope_texts,
    letter_pages,
    letters,
)
from ectd_builder.rules.drift_match import (
    DataPath,
    Drift,
    Kind,
    Subject,
    agrees,
    drifts,
)
from ectd_builder.rules.drift_subjects import (
    all_subjects,
    point_values,
)
from ectd_builder.rules.engine import Context, Finding, rule, rules_from
from ectd_builder.rules.helpers import walk_texts
from ectd_builder.rules.quantities_in_text import quantities_in
from ectd_builder.rules.text_position import Quote

if TYPE_CHECKING:
    from ectd_builder.dossier.model import Dossier

# Fields that hold names, labels or the wording of structured values, not narrative.
_NOT_NARRATIVE = {"name", "test", "text", "label", "title", "value", "attribute", "container", "localized", "step", "result"}
# Narrative the Module 2.3 templates print (templates/common/m2), relative to the substance or
# product ("*" is any list index); a test keeps this list in step with the templates.
QOS_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "substances": (
        ("characterisation", "narrative"),
        ("container_closure", "description"),
        ("development", "narrative"),
        ("process", "description"),
        ("process_validation", "summary"),
        ("specification", "justification"),
        ("stability", "storage_statement"),
        ("stability", "summary"),
    ),
    "products": (
        ("description",),
        ("development", "formulation"),
        ("development", "cqas", "*", "target"),
        ("development", "cqas", "*", "rationale"),
        ("development", "control_strategy", "*", "summary"),
        ("process", "description"),
        ("process_validation", "summary"),
        ("specification", "justification"),
        ("container_closure", "description"),
        ("stability", "summary"),
        ("stability", "storage_statement"),
    ),
    "facilities": (("description",),),
    "adventitious_agents": (("non_viral",), ("viral",)),
}
# Texts about something else than the substance or product they sit in: earlier versions of the
# process (history) and the materials used to make it (a starting material's own assay limit).
_ABOUT_SOMETHING_ELSE = {"history", "materials"}
_WHAT = {
    "spec": "the specification",
    "cpp": "the process parameter",
    "batch": "the batch data",
    "shelf": "the stability data",
    "strength": "the strength list",
}


@dataclass(frozen=True)
class _Hit:
    path: DataPath
    language: str
    text: str
    drift: Drift
    qos: bool


def in_qos(path: DataPath) -> bool:
    """Whether the text at ``path`` is printed in the Module 2.3 Quality Overall Summary."""
    if not path or path[0] not in QOS_FIELDS:
        return False
    rest = path[2:]
    return any(
        len(rest) == len(pattern) and all(p == "*" or p == r for p, r in zip(pattern, rest, strict=True))
        for pattern in QOS_FIELDS[str(path[0])]
    )


def _visible(subject: Subject, owner: DataPath) -> bool:
    """Text of a substance or product sees its own values and the dossier-wide ones (strengths,
    retest periods); text outside them (excipients, methods, lifecycle) only the dossier-wide ones."""
    return not subject.scope or subject.scope == owner


_CACHE: list[tuple[Dossier, list[_Hit]]] = []


def _hits(d: Dossier) -> list[_Hit]:
    """Every drift of the dossier's narrative, in every language (computed once per dossier)."""
    if _CACHE and _CACHE[0][0] is d:
        return _CACHE[0][1]
    subjects = all_subjects(d)
    hits: list[_Hit] = []
    for path, texts in walk_texts(d, ()):
        last = next((p for p in reversed(path) if isinstance(p, str)), "")
        if last in _NOT_NARRATIVE or path[:1] == ("applications",) or _ABOUT_SOMETHING_ELSE & set(path):
            continue
        owner = path[:2] if path[:1] in (("substances",), ("products",)) else ()
        visible = [s for s in subjects if _visible(s, owner)]
        implicit = _cqa_tests(d, path, subjects)
        for language in sorted(texts):
            for drift in drifts(texts[language], language, visible, implicit=implicit):
                hits.append(_Hit(path, language, texts[language], drift, in_qos(path)))
    _CACHE[:] = [(d, hits)]
    return hits


def _cqa_tests(d: Dossier, path: DataPath, subjects: list[Subject]) -> list[Subject]:
    """For a CQA's target: the specification tests the CQA names (the target is about them)."""
    if len(path) != 6 or path[0] not in ("substances", "products") or path[2:4] != ("development", "cqas"):
        return []
    if path[5] != "target" or not isinstance(path[1], int) or not isinstance(path[4], int):
        return []
    owner = (d.substances if path[0] == "substances" else d.products)[path[1]]
    tests = set(owner.development.cqas[path[4]].tests)
    index = {t.id: k for k, t in enumerate(owner.specification.tests)}
    wanted = {(*path[:2], "specification", "tests", index[t]) for t in tests if t in index}
    return [s for s in subjects if s.kind == "spec" and s.values and s.values[0].path[:5] in wanted]


def _finding(hit: _Hit, prefix: str) -> Finding:
    q = hit.drift.quantity
    first = hit.drift.subjects[0]
    values = "; ".join(dict.fromkeys(v.shown for s in hit.drift.subjects for v in s.values))
    message = f"{prefix} quotes '{q.written}' for {first.label}, but {_WHAT[first.kind]} gives {values}"
    return Finding(
        message,
        (*hit.path, hit.language),
        quote=Quote(hit.text, q.start, q.end),
        related=(first.values[0].path, f"{_WHAT[first.kind]} of {first.label}"),
    )


def _kind_findings(ctx: Context, kind: Kind) -> Iterator[Finding]:
    m2, m3 = ctx.profile.language("m2"), ctx.profile.language("m3")
    for hit in _hits(ctx.dossier):
        if hit.drift.subjects[0].kind != kind or hit.language != m3 or (hit.qos and hit.language == m2):
            continue
        yield _finding(hit, "The text")


rules_from(_kind_findings, "kind", {"DRIFT-01": "spec", "DRIFT-02": "cpp", "DRIFT-03": "batch", "DRIFT-04": "shelf"})


@rule("DRIFT-05")
def strength_drift(ctx: Context) -> Iterator[Finding]:
    yield from _kind_findings(ctx, "strength")
    languages = {ctx.profile.language("m2"), ctx.profile.language("m3")}
    for p, product in enumerate(ctx.dossier.products):
        for k, s in enumerate(product.strengths):
            at: DataPath = ("products", p, "strengths", k)
            amount = point_values(s.amount, (*at, "amount"))
            label: Mapping[Any, str] = s.label
            for language in sorted(languages & set(label)):
                text = label[language]
                for q in quantities_in(text):
                    if q.unit == s.amount.unit and not agrees(q, "strength", amount):
                        yield Finding(
                            f"The strength label quotes '{q.written}', but the strength's amount is {amount[0].shown}",
                            (*at, "label", language),
                            quote=Quote(text, q.start, q.end),
                            related=((*at, "amount"), "the amount"),
                        )


@rule("DRIFT-06")
def qos_drift(ctx: Context) -> Iterator[Finding]:
    m2 = ctx.profile.language("m2")
    for hit in _hits(ctx.dossier):
        if hit.qos and hit.language == m2:
            yield _finding(hit, "The Quality Overall Summary (2.3)")


@rule("DRIFT-07")
def envelope_drift(ctx: Context) -> Iterator[Finding]:
    d = ctx.dossier
    for path, text, language in envelope_texts(d, ctx.jurisdiction, ctx.profile.language("m1")):
        for claim in claims(d, text, language):
            yield Finding(
                f"The text names {claim.message}",
                path,
                quote=Quote(text, claim.start, claim.end),
                related=(claim.related, claim.related_what),
            )
    for i, attachment in letters(d, ctx.jurisdiction):
        for page, text in enumerate(letter_pages(ctx.root, attachment), start=1):
            for claim in claims(d, text, attachment.language):
                yield Finding(
                    f"The cover letter {attachment.file} (page {page}) names {claim.message}",
                    ("attachments", i, "file"),
                    related=(claim.related, claim.related_what),
                )
