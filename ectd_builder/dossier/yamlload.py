"""Safe YAML loading that keeps where every value came from.

The file is composed into nodes (never constructed by PyYAML), then turned into plain data by
hand so that each value's position is recorded against its data path. Along the way it rejects
what a dossier must never contain: duplicate keys, non-standard tags, merge keys, alias bombs,
files that are too large or not UTF-8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ectd_builder.problems import Problem, Severity

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 250_000
MAX_DEPTH = 50
"""Deepest nesting of lists and mappings accepted (a dossier nests about 12 deep)."""
DECIMAL_TEXT = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
"""A number written in plain decimal notation: the only scalar text kept for display."""
MAX_INT_BITS = 1024
"""Largest whole number accepted, in bits: about 1.8e308, where floats end (hex and octal are unbounded)."""

DataPath = tuple[str | int, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

try:  # the C parser is much faster; both give node positions
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python fallback
    _Loader = yaml.SafeLoader


@dataclass(frozen=True, slots=True)
class Mark:
    """A position in a file, 1-based line and column."""

    file: str
    line: int
    col: int


@dataclass
class Positions:
    """Data path -> where its value (and, for mapping entries, its key) was written.

    ``texts`` keeps the scalar text of every value written as a decimal number (``95.0``, ``0.20``),
    so output can print a number as written instead of through a float.
    """

    values: dict[DataPath, Mark] = field(default_factory=dict)
    keys: dict[DataPath, Mark] = field(default_factory=dict)
    texts: dict[DataPath, str] = field(default_factory=dict)

    def value(self, path: DataPath) -> Mark | None:
        """The value's position, or the nearest ancestor's when the path does not exist."""
        for i in range(len(path), -1, -1):
            mark = self.values.get(path[:i])
            if mark is not None:
                return mark
        return None

    def key(self, path: DataPath) -> Mark | None:
        """Where the key of a mapping entry was written (falls back to the value)."""
        return self.keys.get(path) or self.value(path)

    def merge(self, other: Positions, remap: dict[DataPath, DataPath]) -> None:
        """Add ``other``'s positions, renaming path prefixes as ``remap`` says."""
        self.values.update((_remap(path, remap), mark) for path, mark in other.values.items())
        self.keys.update((_remap(path, remap), mark) for path, mark in other.keys.items())
        self.texts.update((_remap(path, remap), text) for path, text in other.texts.items())


def _remap(path: DataPath, remap: dict[DataPath, DataPath]) -> DataPath:
    for old_len in (2, 1):
        prefix = path[:old_len]
        if prefix in remap:
            return remap[prefix] + path[old_len:]
    return path


@dataclass
class YamlDoc:
    """A loaded file: plain data, positions, and the problems met on the way."""

    file: str
    data: Any
    positions: Positions
    problems: list[Problem]


class _LoadAbort(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _problem(code: str, file: str, line: int | None, col: int | None, message: str, hint: str) -> Problem:
    return Problem(code=code, severity=Severity.ERROR, message=message, file=file, line=line, col=col, hint=hint)


def _line_col(node: Node) -> tuple[int, int]:
    """Where ``node`` starts, 1-based (PyYAML counts from 0)."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def _mark(file: str, node: Node) -> Mark:
    return Mark(file, *_line_col(node))


def _decode(raw: bytes, file: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise _LoadAbort(
            _problem(
                "yaml-too-large",
                file,
                None,
                None,
                f"The file is {len(raw):,} bytes; dossier files may be at most {MAX_FILE_BYTES:,} bytes.",
                "Split the content over several included files, or move bulky data (e.g. raw data) into attachments.",
            )
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _LoadAbort(
            _problem(
                "yaml-encoding",
                file,
                line,
                col,
                f"The file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} cannot be decoded).",
                "Save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8).",
            )
        ) from None


def _too_deep(file: str, line: int | None, col: int | None) -> Problem:
    return _problem(
        "yaml-too-deep",
        file,
        line,
        col,
        f"Lists and mappings are nested more than {MAX_DEPTH} levels deep here.",
        "Check the brackets and indentation: a dossier nests about a dozen levels; a missing ']' or '}' nests all that follows.",
    )


def _compose(text: str, file: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        what = exc.problem or "invalid YAML"
        if "maximum nesting depth" in what:  # libyaml's own limit (1,000 levels)
            raise _LoadAbort(_too_deep(file, line, col)) from None
        if "expected a single document" in str(exc):
            what = "the file holds more than one YAML document"
        raise _LoadAbort(
            _problem(
                "yaml-syntax",
                file,
                line,
                col,
                f"YAML syntax error: {what}.",
                "Check indentation (spaces, not tabs), colons after keys and matching quotes on this line.",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise _LoadAbort(_problem("yaml-syntax", file, None, None, f"YAML error: {exc}", "Fix the YAML syntax.")) from None


class _Builder:
    """Turns composed nodes into plain data, recording positions and rejecting unsafe input."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.visited = 0
        self.active: set[int] = set()
        self.constructor = SafeConstructor()

    def _at(self, code: str, node: Node, message: str, hint: str) -> Problem:
        """A problem placed where ``node`` starts in this file."""
        return _problem(code, self.file, *_line_col(node), message, hint)

    def build(self, node: Node, path: DataPath) -> Any:
        self.visited += 1
        if len(path) > MAX_DEPTH:
            raise _LoadAbort(_too_deep(self.file, *_line_col(node)))
        if self.visited > MAX_NODES:
            raise _LoadAbort(
                self._at(
                    "yaml-alias-limit",
                    node,
                    f"The file expands to more than {MAX_NODES:,} values (too many aliases or a very large file).",
                    "Write values out instead of nesting anchors and aliases; aliases of aliases multiply quickly.",
                )
            )
        if id(node) in self.active:
            raise _LoadAbort(
                self._at(
                    "yaml-alias-limit",
                    node,
                    "An alias refers to the value that contains it (a recursive structure).",
                    "Remove the recursive alias.",
                )
            )
        self.positions.values[path] = _mark(self.file, node)
        if node.tag not in _STANDARD_TAGS:
            self._reject_tag(node)
            return None
        if isinstance(node, ScalarNode):
            if DECIMAL_TEXT.fullmatch(node.value):
                self.positions.texts[path] = node.value
            return self._scalar(node)
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)  # the composer makes scalars, sequences and mappings only
            return self._mapping(node, path)
        finally:
            self.active.discard(id(node))

    def _reject_tag(self, node: Node) -> None:
        self.problems.append(
            self._at(
                "yaml-tag",
                node,
                f"The YAML tag '{node.tag}' is not allowed in a dossier.",
                "Remove the tag: dossier files hold plain text, numbers, dates, lists and mappings only. "
                "To bring in another file, list it under 'include:' in dossier.yaml.",
            )
        )

    def _scalar(self, node: ScalarNode) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError) as exc:
            return self._unreadable(node, str(exc))
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            return self._unreadable(node, "the number is larger than any quantity a dossier can hold")
        return value

    def _unreadable(self, node: ScalarNode, why: str) -> str:
        """Record a ``yaml-value`` problem for ``node`` and keep its text."""
        shown = node.value if len(node.value) <= 60 else f"{node.value[:40]}... ({len(node.value):,} characters)"
        self.problems.append(
            self._at("yaml-value", node, f"The value '{shown}' cannot be read: {why}.", "Quote the value if it is meant as text.")
        )
        return node.value

    def _mapping(self, node: MappingNode, path: DataPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key is None:
                continue
            key_mark = _mark(self.file, key_node)
            if key in first_seen:
                seen = first_seen[key]
                self.problems.append(
                    self._at(
                        "yaml-duplicate-key",
                        key_node,
                        f"The key '{key}' appears twice in the same mapping (first at line {seen.line}).",
                        "Keep one of the two entries; YAML would silently drop the first one.",
                    )
                )
                continue
            first_seen[key] = key_mark
            self.positions.keys[path + (key,)] = key_mark
            out[key] = self.build(value_node, path + (key,))
        return out

    def _key(self, node: Node) -> str | None:
        if node.tag == "tag:yaml.org,2002:merge":
            self.problems.append(
                self._at(
                    "yaml-merge-key",
                    node,
                    "YAML merge keys ('<<') are not supported in dossier files.",
                    "Write the merged values out in full, so each value is visible where it applies.",
                )
            )
            return None
        if not isinstance(node, ScalarNode):
            self.problems.append(
                self._at("yaml-key", node, "A mapping key must be plain text.", "Use a simple word as key.")
            )
            return None
        value = self._scalar(node)
        return value if isinstance(value, str) else str(node.value)


def load_yaml(path: Path, display: str) -> YamlDoc:
    """Load one YAML file safely. ``display`` is the file name used in problems."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problem = _problem(
            "file-unreadable", display, None, None, f"The file cannot be read: {exc.strerror}.", "Check the path and permissions."
        )
        return YamlDoc(display, None, Positions(), [problem])
    builder = _Builder(display)
    try:
        node = _compose(_decode(raw, display), display)
        data = builder.build(node, ()) if node is not None else None
    except _LoadAbort as abort:
        return YamlDoc(display, None, builder.positions, builder.problems + [abort.problem])
    return YamlDoc(display, data, builder.positions, builder.problems)
