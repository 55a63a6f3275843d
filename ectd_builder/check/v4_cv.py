"""Controlled vocabularies of eCTD v4.0: genericode code lists from the standards store, and the
check that every code a submission unit uses is in the list of its code system.

The ICH and regional v4.0 packages publish their code lists as OASIS genericode 1.0 files
(``.gc``: ``CodeList`` > ``Identification`` + ``ColumnSet`` + ``SimpleCodeList/Row/Value``). A list
is known by the OID of its code system, read from ``Identification/CanonicalVersionUri``,
``CanonicalUri`` or ``LocationUri`` (``urn:oid:`` stripped); its codes are the values of the
column its first ``Key`` names (else the column ``code``, else the first column). Lists are read
from the store's v4.0 sets (folder names containing ``ectd-4``), e.g. ``ich-ectd-4.0``,
``jp-ectd-4.0``, ``us-ectd-4.0``. A file that cannot be read is named, never fatal.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from ectd_builder.check.xmlsafe import local_name, parse_file
from ectd_builder.problems import Problem, Severity
from ectd_builder.sequence.v4 import UNIT_FILE, V4Unit

CV_SUFFIX = ".gc"
_OID = re.compile(r"^[0-2](\.(0|[1-9][0-9]*))+$")


@dataclass(frozen=True)
class CodeList:
    """One genericode list: the OID of its code system, its codes, the store file it came from."""

    oid: str
    codes: frozenset[str]
    file: str


@dataclass(frozen=True)
class Vocabularies:
    """Every v4.0 code list of a standards store, by code-system OID; ``faults``: unreadable files."""

    lists: dict[str, CodeList]
    faults: tuple[str, ...] = ()


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and local_name(c.tag) == name]


def _child(el: etree._Element | None, name: str) -> etree._Element | None:
    found = _children(el, name) if el is not None else []
    return found[0] if found else None


def _text(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def read_genericode(path: Path, shown: str | None = None) -> CodeList | str:
    """The code list in the genericode file ``path``, or why it cannot be used (a sentence)."""
    shown = shown or path.name
    tree, err = parse_file(path)
    if err is not None or tree is None:
        return f"{shown}: {err.message if err else 'unreadable'}" + (f" (line {err.line})" if err and err.line else "")
    root = tree.getroot()
    if local_name(root.tag) != "CodeList":
        return f"{shown}: root element is <{local_name(root.tag)}>, not a genericode <CodeList>"
    ident = _child(root, "Identification")
    uris = [_text(_child(ident, n)) for n in ("CanonicalVersionUri", "CanonicalUri", "LocationUri")]
    oids = [u.removeprefix("urn:oid:") for u in uris if _OID.match(u.removeprefix("urn:oid:"))]
    if not oids:
        return f"{shown}: Identification names no code-system OID (CanonicalVersionUri / CanonicalUri urn:oid:...)"
    columns = _child(root, "ColumnSet")
    ids = [c.get("Id") or "" for c in _children(columns, "Column")] if columns is not None else []
    key = _child(_child(columns, "Key"), "ColumnRef")
    column = (key.get("Ref") if key is not None else None) or next((i for i in ids if i.lower() == "code"), None)
    column = column or (ids[0] if ids else None)
    body = _child(root, "SimpleCodeList")
    if column is None or body is None:
        return f"{shown}: no ColumnSet/Column or no SimpleCodeList"
    position = ids.index(column) if column in ids else 0
    codes: set[str] = set()
    for row in _children(body, "Row"):
        values = _children(row, "Value")
        named = [v for v in values if v.get("ColumnRef") == column]
        bare = values[position] if position < len(values) and not values[position].get("ColumnRef") else None
        value = named[0] if named else bare
        code = _text(_child(value, "SimpleValue"))
        if code:
            codes.add(code)
    return CodeList(oids[0], frozenset(codes), shown)


def cv_files(store: Path | None) -> list[Path]:
    """The genericode files of the store's v4.0 sets, in a stable order."""
    if store is None or not Path(store).is_dir():
        return []
    sets = sorted(d for d in Path(store).iterdir() if d.is_dir() and "ectd-4" in d.name)
    return [f for d in sets for f in sorted(d.rglob(f"*{CV_SUFFIX}")) if f.is_file()]


def load_vocabularies(store: Path | None) -> Vocabularies | None:
    """The code lists of ``store``; ``None`` when it holds no genericode file."""
    files = cv_files(store)
    if not files or store is None:
        return None
    stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    return _load(str(store), stamp)


@cache
def _load(store: str, stamp: tuple[tuple[str, int, int], ...]) -> Vocabularies:
    lists: dict[str, CodeList] = {}
    faults: list[str] = []
    for name, _mtime, _size in stamp:
        path = Path(name)
        read = read_genericode(path, str(path.relative_to(store)))
        if isinstance(read, str):
            faults.append(read)
        elif read.oid in lists:  # two lists for one OID: the codes of both are known
            old = lists[read.oid]
            lists[read.oid] = CodeList(read.oid, old.codes | read.codes, f"{old.file}, {read.file}")
        else:
            lists[read.oid] = read
    return Vocabularies(lists, tuple(faults))


def used_codes(unit: V4Unit) -> list[tuple[str, str, str, int]]:
    """Every coded value of the unit as (what, code, code system, line), in file order of kind."""
    unit_line, sub_line, app_line = unit.code_lines
    out = [("submissionUnit code", unit.code, unit.code_system, unit_line),
           ("submission code", unit.submission_code, unit.submission_code_system, sub_line),
           ("application code", unit.application_code, unit.application_code_code_system, app_line)]
    out += [(f"contextOfUse {c.id} code", c.code, c.code_system, c.code_line or c.line) for c in unit.contexts]
    out += [("keywordDefinition code", k.type_code, k.type_code_system, k.line) for k in unit.keywords]
    out += [("keyword", k.code, k.code_system, k.line) for k in unit.keywords]
    return [u for u in out if u[1] and u[2]]


def code_problems(unit: V4Unit, vocab: Vocabularies) -> tuple[list[Problem], list[str]]:
    """One ``v4-code-unknown`` per code not in the list of its code system, and the code systems the
    unit uses that have no list (keyword values excepted: their code systems are the applicant's)."""
    shown = f"{unit.path.name}/{UNIT_FILE}"
    problems: list[Problem] = []
    uncovered: list[str] = []
    for what, code, system, line in used_codes(unit):
        listed = vocab.lists.get(system)
        if listed is None:
            if what != "keyword" and system not in uncovered:
                uncovered.append(system)
            continue
        if code not in listed.codes:
            near = difflib.get_close_matches(code, sorted(listed.codes), n=1)
            problems.append(Problem(
                "v4-code-unknown", Severity.ERROR,
                f"{what} '{code}' is not in the code list of code system {system} ({listed.file})",
                file=shown, line=line,
                hint=f"did you mean '{near[0]}'?" if near else "use a code of that list, or import the list that defines it",
            ))
    return problems, uncovered
