"""Load a dossier folder: read YAML with positions, merge includes, validate, check references.

``load_dossier`` never raises for bad content: every problem (YAML, includes, schema, references,
attachments) comes back in ``LoadResult.problems`` in one run. It raises
:class:`~ectd_builder.errors.EctdError` only when there is no dossier to read at all.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from ectd_builder.dossier.confidential import accept_placeholders, check_confidential
from ectd_builder.dossier.confine import confine
from ectd_builder.dossier.introspect import field_names
from ectd_builder.dossier.model import Collections, Dossier
from ectd_builder.dossier.provenance import SourceMap, attach
from ectd_builder.dossier.refs import Index, build_index, check_references
from ectd_builder.dossier.schema_errors import validation_problems
from ectd_builder.dossier.yamlload import Positions, YamlDoc, load_yaml
from ectd_builder.errors import EctdError
from ectd_builder.jurisdiction.regions import region_codes
from ectd_builder.problems import Problem, Severity

DOSSIER_FILE = "dossier.yaml"
COLLECTION_KEYS = tuple(field_names(Collections))
ATTACHMENT_SUFFIXES = {".pdf": b"%PDF-", ".png": b"\x89PNG", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}


@dataclass
class LoadResult:
    """What loading a dossier gave: the typed model (when valid), problems and positions."""

    root: Path
    dossier: Dossier | None
    problems: list[Problem]
    positions: Positions
    data: Any = None
    index: Index | None = None
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.dossier is not None and not any(p.severity is Severity.ERROR for p in self.problems)

    def locate(self, path: tuple[str | int, ...]) -> tuple[str | None, int | None, int | None]:
        """``(file, line, col)`` of a data path, falling back to its nearest ancestor."""
        mark = self.positions.value(path)
        return (mark.file, mark.line, mark.col) if mark else (None, None, None)


def find_dossier_file(path: Path) -> Path:
    """``path`` itself if it is a file, else ``path/dossier.yaml``; EctdError when absent."""
    candidate = path / DOSSIER_FILE if path.is_dir() else path
    if not candidate.is_file():
        raise EctdError(
            f"no dossier found at '{path}' (expected {DOSSIER_FILE})",
            hint=f"run the command in a dossier folder, pass its path, or create one with 'ectd init {path}'",
        )
    return candidate


def _display(base: Path, relative: str) -> str:
    return (base / relative).as_posix()


def _problem(code: str, doc_file: str, mark: Any, message: str, hint: str) -> Problem:
    line, col = (mark.line, mark.col) if mark else (None, None)
    return Problem(code, Severity.ERROR, message, doc_file if not mark else mark.file, line, col, hint=hint)


def _load_includes(root: Path, shown: Path, main: YamlDoc, problems: list[Problem]) -> list[tuple[YamlDoc, str, int]]:
    """The included files, each with its path relative to the dossier folder and its index under ``include:``."""
    includes = main.data.get("include", []) if isinstance(main.data, dict) else []
    if not isinstance(includes, list):
        return []  # the schema reports the wrong type
    docs: list[tuple[YamlDoc, str, int]] = []
    seen: set[Path] = set()
    for i, entry in enumerate(includes):
        mark = main.positions.value(("include", i))
        if not isinstance(entry, str):
            continue  # reported by the schema
        target = confine(root, entry)
        if target.path is None:
            problems.append(
                _problem("include-invalid", main.file, mark, f"Cannot include '{entry}': {target.refusal}.", target.hint or "")
            )
            continue
        if target.path.suffix not in (".yaml", ".yml"):
            problems.append(
                _problem("include-invalid", main.file, mark, f"'{entry}' is not a YAML file.", "Include .yaml files only.")
            )
            continue
        if target.path in seen:
            problems.append(_problem("include-invalid", main.file, mark, f"'{entry}' is included twice.", "List each file once."))
            continue
        seen.add(target.path)
        docs.append((load_yaml(target.path, _display(shown, entry)), PurePosixPath(entry.replace("\\", "/")).as_posix(), i))
    return docs


def _merge_fragment(merged: dict[str, Any], positions: Positions, doc: YamlDoc, problems: list[Problem]) -> None:
    problems.extend(doc.problems)
    if doc.data is None:
        return
    if not isinstance(doc.data, dict):
        problems.append(
            Problem(
                "schema-type",
                Severity.ERROR,
                "An included file must be a mapping of lists (sites:, substances:, products:, ...).",
                doc.file,
                1,
                1,
                hint=f"Start the file with one of: {', '.join(COLLECTION_KEYS)}.",
            )
        )
        return
    remap: dict[tuple[str | int, ...], tuple[str | int, ...]] = {}
    for key, value in doc.data.items():
        kmark = doc.positions.key((key,))
        if key not in COLLECTION_KEYS:
            guess = difflib.get_close_matches(key, COLLECTION_KEYS, n=1, cutoff=0.6)
            problems.append(
                _problem(
                    "schema-unknown-key",
                    doc.file,
                    kmark,
                    f"Unknown list '{key}' in an included file.",
                    (f"Did you mean '{guess[0]}'? " if guess else "") + f"Included files may hold: {', '.join(COLLECTION_KEYS)}.",
                )
            )
            continue
        if not isinstance(value, list):
            problems.append(
                _problem(
                    "schema-type",
                    doc.file,
                    doc.positions.value((key,)),
                    f"'{key}' should be a list.",
                    "Write each entry as '- ...'.",
                )
            )
            continue
        target = merged.setdefault(key, [])
        if not isinstance(target, list):
            continue  # dossier.yaml has a wrong type here; the schema reports it
        base = len(target)
        for i in range(len(value)):
            remap[(key, i)] = (key, base + i)
        target.extend(value)
    positions.merge(doc.positions, remap)


def _entries(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings in the raw list ``data[key]`` with their index; anything of another shape is skipped.

    The raw checks below run before (and regardless of) schema validation, so they must not assume
    a single type: every read of raw data goes through this and :func:`_strings`.
    """
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _strings(value: Any) -> list[tuple[int, str]]:
    """The texts in a raw list with their index (the schema reports a list of the wrong shape)."""
    return [(i, v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else []


def _check_attachments(root: Path, data: Any, positions: Positions) -> list[Problem]:
    problems: list[Problem] = []
    for i, item in _entries(data, "attachments"):
        if not isinstance(item.get("file"), str):
            continue
        mark = positions.value(("attachments", i, "file"))
        target = confine(root, item["file"])
        if target.path is None:
            problems.append(
                _problem("attachment-invalid", "", mark, f"Cannot attach '{item['file']}': {target.refusal}.", target.hint or "")
            )
            continue
        magic = ATTACHMENT_SUFFIXES.get(target.path.suffix.lower())
        if magic is None:
            problems.append(
                _problem(
                    "attachment-invalid",
                    "",
                    mark,
                    f"'{item['file']}' is not a PDF or image file.",
                    "Attach PDF files (or PNG/JPEG figures).",
                )
            )
            continue
        with target.path.open("rb") as fh:
            head = fh.read(1024)
        looks_right = magic in head if magic == b"%PDF-" else head.startswith(magic)
        if not looks_right:
            problems.append(
                _problem(
                    "attachment-invalid",
                    "",
                    mark,
                    f"'{item['file']}' does not look like a {target.path.suffix.lstrip('.').upper()} file.",
                    "Check that the file is not damaged and has the right extension.",
                )
            )
    return problems


def _check_sections(data: Any, positions: Positions) -> list[Problem]:
    from ectd_builder.dossier.sections import is_known_section, regions_without

    problems: list[Problem] = []
    targets = [j for _, j in _strings(data.get("jurisdictions") if isinstance(data, dict) else None)]
    for i, item in _entries(data, "attachments"):
        code = item.get("section")
        if not isinstance(code, str):
            continue
        mark = positions.value(("attachments", i, "section"))
        if not is_known_section(code):
            problems.append(
                _problem(
                    "attachment-section",
                    "",
                    mark,
                    f"'{code}' is not a CTD section an attachment can be placed at.",
                    "Use a CTD code such as 3.2.S.2.2, 3.2.P.3.5, 3.2.R, 3.3, a regional Module 1 code such as "
                    "1.4.1, or a Module 1 purpose such as cover-letter.",
                )
            )
            continue
        wanted = [j for _, j in _strings(item.get("jurisdictions"))] or targets
        missing = regions_without(code, wanted)
        if missing:
            problems.append(
                _problem(
                    "attachment-section",
                    "",
                    mark,
                    f"Module 1 section '{code}' does not exist in the regional Module 1 of {', '.join(missing)}.",
                    "Limit the attachment to the regions it belongs to with 'jurisdictions:', or use a region-neutral "
                    "purpose such as cover-letter or application-form.",
                )
            )
    return problems


def _check_applications(data: Any, positions: Positions) -> list[Problem]:
    """Each target jurisdiction needs its application data (the regional envelope needs it)."""
    apps = data.get("applications") if isinstance(data, dict) else None
    apps = apps if isinstance(apps, dict) else {}
    known = region_codes()
    problems = []
    for i, j in _strings(data.get("jurisdictions") if isinstance(data, dict) else None):
        if j in known and apps.get(j) is None:
            problems.append(
                _problem(
                    "application-missing",
                    "",
                    positions.value(("jurisdictions", i)),
                    f"The dossier targets {j} but gives no application data for it.",
                    f"Add 'applications: {{{j}: ...}}' with the data of the {j.upper()} regional envelope.",
                )
            )
    return problems


def _unless_unread(found: list[Problem], failed: list[tuple[str, int]], main: YamlDoc) -> list[Problem]:
    """Reference problems, or one line in their place when an included file could not be read.

    An unreadable file defines none of its ids, so every reference to them would be reported as
    unknown: those follow-on problems would bury the one that matters.
    """
    unknown = [p for p in found if p.code == "ref-unknown"]
    if not failed or not unknown:
        return found
    at = failed[0][1]
    names = ", ".join(f"'{name}'" for name, _ in failed)
    mark = main.positions.value(("include", at))
    kept = [p for p in found if p.code != "ref-unknown"]
    kept.append(
        Problem(
            "ref-not-checked",
            Severity.ERROR,
            f"{len(unknown)} reference{'s' if len(unknown) != 1 else ''} not checked: {names} could not be read, "
            "so the ids it defines are unknown.",
            mark.file if mark else main.file,
            mark.line if mark else None,
            mark.col if mark else None,
            hint=f"Fix the problems reported in {names} first; the references are checked once it loads.",
        )
    )
    return kept


def load_dossier(path: Path) -> LoadResult:
    """Load and check a dossier (``path`` is the folder or its ``dossier.yaml``)."""
    dossier_file = find_dossier_file(path)
    root = dossier_file.parent
    shown = path if path.is_dir() else path.parent
    main = load_yaml(dossier_file, _display(shown, dossier_file.name))
    problems: list[Problem] = list(main.problems)
    positions = Positions(dict(main.positions.values), dict(main.positions.keys), dict(main.positions.texts))
    files = [main.file]
    relative = {main.file: dossier_file.name}
    if main.data is None:
        if not problems:
            problems.append(
                Problem(
                    "dossier-empty",
                    Severity.ERROR,
                    "dossier.yaml is empty (it holds no values, at most comments).",
                    main.file,
                    1,
                    1,
                    hint="Write the product profile, applicant, jurisdictions, document date and includes, "
                    "or start from a complete dossier with 'ectd init DIR --example tablet'.",
                )
            )
        return LoadResult(root, None, problems, positions, files=files)
    if not isinstance(main.data, dict):
        problems.append(
            Problem(
                "schema-type",
                Severity.ERROR,
                "dossier.yaml must be a mapping (key: value).",
                main.file,
                1,
                1,
                hint="Start from 'ectd init DIR' to get a complete dossier.yaml.",
            )
        )
        return LoadResult(root, None, problems, positions, files=files)
    merged: dict[str, Any] = dict(main.data)
    for key in COLLECTION_KEYS:
        if isinstance(merged.get(key), list):
            merged[key] = list(merged[key])
    include_problems: list[Problem] = []
    failed: list[tuple[str, int]] = []  # included files that could not be read, and their include entry
    for doc, entry, at in _load_includes(root, shown, main, include_problems):
        files.append(doc.file)
        relative[doc.file] = entry
        if doc.data is None and doc.problems:
            failed.append((entry, at))
        _merge_fragment(merged, positions, doc, include_problems)
    problems[:0] = include_problems  # the included files' own problems first: the others may follow from them
    dossier: Dossier | None = None
    try:
        dossier = Dossier.model_validate(merged)
        attach(dossier, SourceMap.build(dossier, positions, relative))
    except ValidationError as exc:
        problems.extend(validation_problems(Dossier, exc, positions))
    index = build_index(Dossier, merged)
    problems.extend(_unless_unread(check_references(index, positions), failed, main))
    problems.extend(_check_attachments(root, merged, positions))
    problems.extend(_check_sections(merged, positions))
    problems.extend(_check_applications(merged, positions))
    problems.extend(check_confidential(merged, index, positions))
    problems = accept_placeholders(merged, problems)
    return LoadResult(root, dossier, problems, positions, merged, index, files)
