"""SARIF 2.1.0 report for code-scanning in CI. Rules are listed in the tool driver."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from ectd_builder import __version__
from ectd_builder.problems import (
    NotRun,
    Problem,
    Related,
    RuleInfo,
    Severity,
    sort_problems,
)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_dict(rule: RuleInfo) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": rule.code,
        "name": rule.code,
        "shortDescription": {"text": rule.title},
        "defaultConfiguration": {"level": _LEVEL[rule.default_severity]},
    }
    if rule.description:
        out["fullDescription"] = {"text": rule.description}
    if rule.reference:
        out["help"] = {"text": rule.reference}
    return out


def _related(i: int, r: Related) -> dict[str, Any]:
    """A SARIF relatedLocation (e.g. the structured value a narrative contradicts)."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": PurePath(r.file or "").as_posix()}}
    if r.line is not None:
        physical["region"] = {"startLine": r.line, **({"startColumn": r.col} if r.col is not None else {})}
    return {"id": i, "physicalLocation": physical, "message": {"text": r.message}}


def _result(p: Problem, index: dict[str, int]) -> dict[str, Any]:
    text = p.message + (f" Hint: {p.hint}" if p.hint else "")
    result: dict[str, Any] = {
        "ruleId": p.code,
        "ruleIndex": index[p.code],
        "level": _LEVEL[p.severity],
        "message": {"text": text},
    }
    if p.file:
        physical: dict[str, Any] = {"artifactLocation": {"uri": PurePath(p.file).as_posix()}}
        if p.line is not None:
            region: dict[str, int] = {"startLine": p.line}
            if p.col is not None:
                region["startColumn"] = p.col
            physical["region"] = region
        result["locations"] = [{"physicalLocation": physical}]
    if p.related:
        result["relatedLocations"] = [_related(i, r) for i, r in enumerate(p.related)]
    props: dict[str, str] = {}
    if p.path:
        props["dataPath"] = p.path
    if p.jurisdiction:
        props["jurisdiction"] = p.jurisdiction
    if props:
        result["properties"] = props
    return result


def _notification(n: NotRun) -> dict[str, Any]:
    """A check that did not run, at the file it concerns when known (SARIF notification.locations)."""
    out: dict[str, Any] = {"level": "warning", "message": {"text": f"not run: {n.check}: {n.reason}"}}
    if n.file:
        out["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": PurePath(n.file).as_posix()}}}]
    return out


def render_sarif(
    problems: Sequence[Problem],
    not_run: Sequence[NotRun] = (),
    rules: Sequence[RuleInfo] = (),
) -> str:
    """A SARIF log with one run. Codes without a :class:`RuleInfo` get a minimal rule entry."""
    known = {r.code: r for r in rules}
    for p in problems:
        known.setdefault(p.code, RuleInfo(code=p.code, title=p.code, default_severity=p.severity))
    ordered_rules = [known[c] for c in sorted(known)]
    index = {r.code: i for i, r in enumerate(ordered_rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "ectd-builder",
                "version": __version__,
                "informationUri": "https://github.com/ectd-builder/ectd-builder",
                "rules": [_rule_dict(r) for r in ordered_rules],
            }
        },
        "results": [_result(p, index) for p in sort_problems(problems)],
    }
    if not_run:
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [_notification(n) for n in not_run],
            }
        ]
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
