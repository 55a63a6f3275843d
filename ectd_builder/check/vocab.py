"""Controlled vocabularies of the regional envelope, read from the standards store's code lists.

A criterion names the attribute (``application-number@application-type``) and the code-list file
of a store set (``fda-m1-3.3/application-type.xml``); the codes are the list's ``code-display``
entries with status ``active``. When the criterion names no file (the agency's list is not in the
store) or the store lacks it, the check is reported as not run, never as passed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ectd_builder.check.context import SeqRun
from ectd_builder.check.xmlsafe import local_name, parse_file
from ectd_builder.ectd import standards


@lru_cache(maxsize=16)
def code_list(path: str) -> frozenset[str]:
    """The active codes of an FDA-style code list (``<code-display code= status=>``)."""
    tree, _err = parse_file(Path(path))
    if tree is None:
        return frozenset()
    return frozenset(
        el.get("code") or ""
        for el in tree.getroot().iter()
        if isinstance(el.tag, str) and local_name(el.tag) == "code-display" and el.get("status", "active") == "active"
    )


def _uses(run: SeqRun, element: str, attribute: str) -> list[tuple[str, int | None]]:
    """(value, line) of every ``element@attribute`` in the regional backbone."""
    bb = run.seq.regional
    if bb is None:
        return []
    tree, _err = parse_file(run.seq.folder / bb.path)
    if tree is None:
        return []
    out: list[tuple[str, int | None]] = []
    for el in tree.getroot().iter():
        if isinstance(el.tag, str) and local_name(el.tag) == element and el.get(attribute) is not None:
            out.append((el.get(attribute) or "", el.sourceline if isinstance(el.sourceline, int) else None))
    return out


def check_code_lists(run: SeqRun, store: Path) -> None:
    if run.seq.regional is None:
        return
    where = run.in_seq(run.seq.regional.path)
    for crit in run.crit.rules("envelope-code-list"):
        element, _, attribute = str(crit.params["attribute"]).partition("@")
        uses = _uses(run, element, attribute)
        if not uses:
            continue
        set_name, file_name = crit.params.get("set"), crit.params.get("file")
        path = standards.locate(store, str(set_name), str(file_name)) if set_name and file_name else None
        if path is None:
            missing = f"{set_name}/{file_name} is not in the standards store {store}" if file_name else crit.params.get(
                "missing", "the agency's code list is not in the standards store")
            run.skip(
                f"{crit.id} code list for {element}@{attribute} in {run.display(where)}",
                str(missing),
                standards.fix_command(store) if file_name else None,
                where,
            )
            continue
        codes = code_list(str(path))
        for value, line in uses:
            if value not in codes:
                run.report(
                    "envelope-code-list",
                    f"{element}@{attribute} '{value}' is not an active code of {set_name}/{file_name}",
                    where,
                    line=line,
                    hint=f"use one of: {', '.join(sorted(codes))}",
                    only=crit,
                )
