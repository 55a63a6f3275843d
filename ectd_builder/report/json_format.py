"""JSON report for scripts: a stable, documented shape (see ``schemas/report.schema.json``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ectd_builder.problems import NotRun, Problem, Severity, count, sort_problems

REPORT_VERSION = 1


def problem_dict(p: Problem) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": p.code,
        "severity": p.severity.value,
        "message": p.message,
        "file": p.file,
        "line": p.line,
        "col": p.col,
        "path": p.path,
        "hint": p.hint,
        "reference": p.reference,
        "jurisdiction": p.jurisdiction,
    }
    if p.related:  # only when there is one, so reports without it keep their shape
        out["related"] = [{"file": r.file, "line": r.line, "col": r.col, "message": r.message} for r in p.related]
    return out


def report_dict(problems: Sequence[Problem], not_run: Sequence[NotRun] = ()) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "tool": "ectd-builder",
        "summary": {
            "errors": count(problems, Severity.ERROR),
            "warnings": count(problems, Severity.WARNING),
            "infos": count(problems, Severity.INFO),
            "not_run": len(not_run),
        },
        "problems": [problem_dict(p) for p in sort_problems(problems)],
        "not_run": [not_run_dict(n) for n in not_run],
    }


def not_run_dict(n: NotRun) -> dict[str, Any]:
    out: dict[str, Any] = {"check": n.check, "reason": n.reason, "fix": n.fix}
    if n.file is not None:  # only when known, so reports without it keep their shape
        out["file"] = n.file
    return out


def render_json(problems: Sequence[Problem], not_run: Sequence[NotRun] = ()) -> str:
    return json.dumps(report_dict(problems, not_run), indent=2, ensure_ascii=False) + "\n"
