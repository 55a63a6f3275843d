"""What differs between the documents two jurisdictions receive from one dossier, and why.

For each planned CTD document (Module 2.3 and Module 3, plus the dossier's attachments):

* documents only one side has, with what put them there (the dossier's attachment list, a
  region's 3.2.R items from its profile);
* requirement differences from the profiles that bear on the document (language, pharmacopoeia,
  stability conditions and climatic zones, site identifiers), each with the fact's source;
* content differences of the rendered document model: line by line in the same language; in two
  languages only structure and values (a fact in Chinese and in English is one language difference,
  not hundreds of text differences).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ectd_builder.diff.docmodel import Part, all_lines, parts, value_difference
from ectd_builder.diff.model import Cause, Change, DiffResult, sort_key
from ectd_builder.diff.textdiff import changed_count, hunks
from ectd_builder.jurisdiction.profiles import Profile, load_profile

# Documents each profile aspect bears on (facts live in jurisdictions/<j>.yaml with their sources).
STABILITY_SECTIONS = ("3.2.S.7.1", "3.2.P.8.1")
SITE_SECTIONS = ("3.2.S.2.1", "3.2.P.3.1", "3.2.A.1")
_COMPENDIA = re.compile(
    r"Ph\.\s?Eur|PH_EUR|\bUSP|\bNF\b|\bJPE?\b|\bChP\b|\bCHP\b|欧洲药典|美国药典|中国药典|日本药典|日本薬局方|欧州薬局方|米国薬局方",
)
# Which field of a site carries each profile site identifier (dossier/model.py SiteIdentifiers).
SITE_ID_FIELDS = {
    "fei": "fei",
    "duns": "duns",
    "oms": "oms_location",
    "jp-accreditation": "jp_accreditation",
    "cn-license": "cn_license",
}


@dataclass(frozen=True)
class Rendered:
    """One planned document and its model for one jurisdiction."""

    key: str
    section: str
    title: str
    language: str
    model: Any  # ectd_builder.render.model.Document


def _match_key(doc: Any, jurisdiction: str) -> str:
    key = doc.key
    return key.replace(f":{jurisdiction}", "") if key.startswith(("3.2.R:", "2.3.R:")) else key


def _build(dossier: Any, doc: Any) -> Any:
    """The document model (the planned document names its jurisdiction)."""
    from ectd_builder.render.api import build_model

    model, _ = build_model(dossier, doc)
    return model


def rendered(dossier: Any, jurisdiction: str, only: Callable[[str], bool] | None = None) -> dict[str, Rendered]:
    """The documents of ``jurisdiction`` by matching key, with their models."""
    from ectd_builder.render.plan import plan_documents

    out: dict[str, Rendered] = {}
    for doc in plan_documents(dossier, jurisdiction):
        if only is not None and not only(doc.section):
            continue
        out[_match_key(doc, jurisdiction)] = Rendered(
            doc.key, doc.section, doc.title, doc.language, _build(dossier, doc)
        )
    return out


# ---- causes -----------------------------------------------------------------------------------


def _fact_cause(a: Profile, b: Profile, key: str, text: str) -> Cause:
    fa, fb = a.fact(key), b.fact(key)
    sources = [f"{p.id}: {f.source}" for p, f in ((a, fa), (b, fb)) if f is not None]
    return Cause("profile", text, fact=key, source="; ".join(sources) or None)


def _explain(lines: Iterable[str], a: Profile, b: Profile, dossier: Any = None) -> Cause:
    """The most likely reason two renderings of a document differ in these lines."""
    text = " ".join(lines)
    for att in getattr(dossier, "attachments", None) or []:
        js = list(att.jurisdictions or [])
        if js and (a.id in js) != (b.id in js) and att.file in text:
            return Cause("dossier", f"attachment '{att.id}' is listed for {', '.join(js)} only")
    for p in (a, b):
        if any(item and item in text for item in p.regional_3_2_r):
            return _fact_cause(a, b, "regional_3_2_r", "each region lists its own regional (3.2.R) items")
        for cat in p.q12_reporting_categories:
            if (cat.get("label") and cat["label"] in text) or re.search(rf"(?<![\w-]){re.escape(cat['id'])}(?![\w-])", text):
                return _fact_cause(
                    a, b, "q12_reporting_categories", "established conditions carry each region's reporting category"
                )
    if _agency_named(text, a, b):
        return _fact_cause(a, b, "agency", "the section is addressed to each region's agency")
    if _COMPENDIA.search(text):
        return _fact_cause(a, b, "pharmacopoeia", "compendial references differ by region")
    return Cause("content", "the dossier or template gives this region different content")


def _agency_named(text: str, a: Profile, b: Profile) -> bool:
    from ectd_builder.render.environment import labels

    for lang in ("en", "ja", "zh"):
        try:
            table = labels(lang)
        except Exception:  # noqa: BLE001 - labels of a language may be absent; nothing to match then
            continue
        if any(table.get(f"agency_{p.id}", "\0") in text for p in (a, b)):
            return True
    return any(p.agency in text for p in (a, b))


# ---- requirement differences from the profiles ------------------------------------------------


def _conditions(p: Profile) -> str:
    def one(c: dict[str, float]) -> str:
        t = f"{c['temperature_c']:g} °C"
        return f"{t}/{c['humidity_rh']:g} % RH" if c.get("humidity_rh") is not None else t

    return "; ".join(one(c) for c in p.stability_long_term)


def _cited(doc: Rendered) -> set[str]:
    return {m.group(0) for m in _COMPENDIA.finditer(" ".join(all_lines(doc.model)))}


def _requirements(other: Rendered, doc: Rendered, left: Profile, right: Profile, dossier: Any) -> list[Change]:
    out: list[Change] = []
    label = doc.title
    if tuple(left.pharmacopoeia) != tuple(right.pharmacopoeia):
        # compendial references the dossier makes (present in both renderings, not a region's own text)
        cited = sorted(_cited(doc) & _cited(other))
        if cited:
            out.append(
                Change(
                    "requirement",
                    label,
                    doc.section,
                    f"pharmacopoeia: the document cites {', '.join(cited)}; the regions expect different pharmacopoeias",
                    ", ".join(left.pharmacopoeia),
                    ", ".join(right.pharmacopoeia),
                    _fact_cause(left, right, "pharmacopoeia", "each region's official pharmacopoeia"),
                )
            )
    if doc.section in STABILITY_SECTIONS:
        if (left.climatic_zones, _conditions(left)) != (right.climatic_zones, _conditions(right)):
            detail = "stability: climatic zones and long-term conditions the regions accept"
            zones = f"zones {', '.join(left.climatic_zones)}", f"zones {', '.join(right.climatic_zones)}"
            out.append(
                Change(
                    "requirement",
                    label,
                    doc.section,
                    detail,
                    f"{zones[0]}; {_conditions(left)}",
                    f"{zones[1]}; {_conditions(right)}",
                    _fact_cause(
                        left, right, "climatic_zones", "each region's climatic zones and ICH Q1A / regional long-term conditions"
                    ),
                )
            )
    if doc.section in SITE_SECTIONS and tuple(left.site_identifiers) != tuple(right.site_identifiers):
        out.append(
            Change(
                "requirement",
                label,
                doc.section,
                "site identifiers each region asks for (how many of the dossier's sites have them)",
                _site_ids(left, dossier),
                _site_ids(right, dossier),
                _fact_cause(left, right, "site_identifiers", "each region's site registration numbers"),
            )
        )
    return out


def _site_ids(p: Profile, dossier: Any) -> str:
    sites = list(getattr(dossier, "sites", []) or [])
    parts_ = []
    for ident in p.site_identifiers:
        field = SITE_ID_FIELDS.get(ident)
        if field is None:
            parts_.append(ident)
            continue
        have = sum(1 for s in sites if getattr(getattr(s, "identifiers", None), field, None))
        parts_.append(f"{ident} ({have} of {len(sites)} sites)")
    return ", ".join(parts_)


# ---- content differences of the rendered models -----------------------------------------------


def _same_language(doc_l: Rendered, doc_r: Rendered, left: Profile, right: Profile, dossier: Any) -> list[Change]:
    a, b = all_lines(doc_l.model), all_lines(doc_r.model)
    out = []
    for i, _j, rows in hunks(a, b):
        heading = next((a[k].lstrip("# ") for k in range(min(i, len(a) - 1), -1, -1) if a and a[k].startswith("#")), None)
        changed = [r.left for r in rows if r.tag != "equal"] + [r.right for r in rows if r.tag != "equal"]
        n = changed_count(rows)
        out.append(
            Change(
                "text",
                doc_r.title,
                doc_r.section,
                f"{n} line(s) of text differ",
                location=heading,
                cause=_explain(changed, left, right, dossier),
                lines=rows,
            )
        )
    return out


def _cross_language(doc_l: Rendered, doc_r: Rendered, left: Profile, right: Profile, dossier: Any) -> list[Change]:
    pl, pr = parts(doc_l.model), parts(doc_r.model)
    out: list[Change] = []
    if len(pl) != len(pr):
        out.append(
            Change(
                "structure",
                doc_r.title,
                doc_r.section,
                "the documents have a different number of headings",
                str(len(pl)),
                str(len(pr)),
                _explain(all_lines(doc_l.model) + all_lines(doc_r.model), left, right, dossier),
            )
        )
    for x, y in zip(pl, pr, strict=False):  # a count difference is reported above
        out += _compare_parts(doc_r, x, y, left, right, dossier)
    return out


def _compare_parts(doc: Rendered, x: Part, y: Part, left: Profile, right: Profile, dossier: Any) -> list[Change]:
    out = []
    where = x.heading if x.heading == y.heading else f"{x.heading} / {y.heading}"
    if x.shape != y.shape:
        out.append(
            Change(
                "structure",
                doc.title,
                doc.section,
                "blocks differ",
                ", ".join(x.shape),
                ", ".join(y.shape),
                _explain(x.lines + y.lines, left, right, dossier),
                location=where or None,
            )
        )
    only_l, only_r = value_difference(x.values, y.values)
    if only_l or only_r:
        out.append(
            Change(
                "value",
                doc.title,
                doc.section,
                "numbers in the tables differ",
                " ".join(only_l) or "-",
                " ".join(only_r) or "-",
                _explain(x.lines + y.lines, left, right, dossier),
                location=where or None,
            )
        )
    return out


def _language(doc_l: Rendered, doc_r: Rendered, left: Profile, right: Profile) -> Change:
    return Change(
        "language",
        doc_r.title,
        doc_r.section,
        "written in another language; structure and values compared instead of text",
        doc_l.language,
        doc_r.language,
        _fact_cause(left, right, "module_languages", "each region's dossier language"),
    )


# ---- documents only one side has --------------------------------------------------------------


def _attachments(dossier: Any, left: Profile, right: Profile) -> list[Change]:
    out = []
    for att in getattr(dossier, "attachments", []) or []:
        js = list(att.jurisdictions or [])
        in_l, in_r = (not js or left.id in js), (not js or right.id in js)
        if in_l == in_r:
            continue
        title = att.title.get("en") if isinstance(att.title, dict) else str(att.title)
        out.append(
            Change(
                "only-left" if in_l else "only-right",
                f"{att.section} {title}",
                att.section,
                f"attachment '{att.id}' ({att.file})",
                att.file if in_l else None,
                att.file if in_r else None,
                Cause("dossier", f"attachment '{att.id}' lists jurisdictions {', '.join(js)}"),
            )
        )
    return out


def _regional_items(left: Profile, right: Profile, title: str) -> list[Change]:
    out = []
    for side, mine, other in (("only-left", left, right), ("only-right", right, left)):
        for item in mine.regional_3_2_r:
            if item not in other.regional_3_2_r:
                out.append(
                    Change(
                        side,
                        title,
                        "3.2.R",
                        f"regional item expected by {mine.id}: {item}",
                        item if side == "only-left" else None,
                        item if side == "only-right" else None,
                        _fact_cause(left, right, "regional_3_2_r", f"{mine.id}'s regional 3.2.R items"),
                    )
                )
    return out


def diff_jurisdictions(dossier: Any, left_id: str, right_id: str, *, only: Callable[[str], bool] | None = None) -> DiffResult:
    """Compare the documents ``left_id`` and ``right_id`` receive from ``dossier``."""
    left, right = load_profile(left_id), load_profile(right_id)
    docs_l, docs_r = rendered(dossier, left.id, only), rendered(dossier, right.id, only)
    changes: list[Change] = []
    for key in sorted(set(docs_l) | set(docs_r)):
        a, b = docs_l.get(key), docs_r.get(key)
        if a is None or b is None:
            doc = a or b
            assert doc is not None
            changes.append(
                Change(
                    "only-left" if b is None else "only-right",
                    doc.title,
                    doc.section,
                    "planned for one region only",
                    doc.key if a else None,
                    doc.key if b else None,
                    Cause("content", "the document plan differs for these regions"),
                )
            )
            continue
        changes += _requirements(a, b, left, right, dossier)
        if a.language == b.language:
            changes += _same_language(a, b, left, right, dossier)
        else:
            changes.append(_language(a, b, left, right))
            changes += _cross_language(a, b, left, right, dossier)
    if only is None or only("3.2.R"):
        regional = docs_r.get("3.2.R") or docs_l.get("3.2.R")
        changes += _regional_items(left, right, regional.title if regional else "3.2.R Regional Information")
    changes += [c for c in _attachments(dossier, left, right) if only is None or only(c.section)]
    changes.sort(key=sort_key)
    return DiffResult("jurisdiction", left.id, right.id, tuple(changes), (), len(set(docs_l) | set(docs_r)))
