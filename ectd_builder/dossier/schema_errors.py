"""Turn pydantic validation errors into problems a regulatory person can act on.

Each error's data path is mapped back to ``file:line:col`` through the loader's positions, and
its wording names the thing concerned (``specification test``, ``batch``) instead of Python types.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from ectd_builder.dossier.introspect import field_names, field_slot, nearest_model, noun
from ectd_builder.dossier.yamlload import DataPath, Mark, Positions
from ectd_builder.problems import Problem, Severity

_TYPE_WORDS = {
    "string": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "list": "a list",
    "dict": "a mapping (key: value)",
    "model": "a mapping (key: value)",
    "model_attributes": "a mapping (key: value)",
    "date": "a date (YYYY-MM-DD)",
    "datetime": "a date (YYYY-MM-DD)",
    "text": "text, or texts per language (en, ja, zh)",
}

_PATTERN_WORDS = {
    r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$": (
        "an identifier: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters"
    ),
    r"^[A-Z]{2}$": "a two-letter ISO 3166 country code in capitals, e.g. DE",
    r"^\d{9}$": "nine digits",
    r"^\d{6}$": "six digits, with leading zeros",
    r"^\d{4}$": "a four-digit sequence number, e.g. 0001",
    r"^\d{7,10}$": "7 to 10 digits",
    r"^\d{10}$": "ten digits",
    r"^[xyls]\d{9}$": "x, y, l or s followed by nine digits (year and serial), e.g. x202600123",
    r"^\d{2,7}-\d{2}-\d$": "a CAS registry number, e.g. 50-78-2",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "an e-mail address",
}

# Custom error types raised by model validators, and the stable problem code each maps to.
_CUSTOM = {
    "range_order": ("value-range", "Swap the two values so that the low end comes first."),
    "nor_outside_par": (
        "value-range",
        "The normal operating range must lie inside the proven acceptable range: narrow the NOR, "
        "or widen the PAR if data support it.",
    ),
    "set_point_outside": (
        "value-range",
        "The set point must lie inside its normal operating range and its proven acceptable range: "
        "correct the set point or the range.",
    ),
    "range_dimension": (
        "unit-dimension",
        (
            "Write the set point, the normal operating range and the proven acceptable range in units of one kind "
            "(e.g. all °C, or min and h), so that they can be compared."
        ),
    ),
    "value_negative": (
        "value-negative",
        "Write the amount as zero or more; only temperatures, pressures and log values may be negative.",
    ),
    "dose_dimension": (
        "unit-dimension",
        "Give the maximum daily dose as a mass (e.g. {value: 100, unit: mg/day}), "
        "or a volume, activity or count of the medicine.",
    ),
    "criterion_empty": (
        "criterion-incomplete",
        "Write limits with a unit, e.g. {max: 0.15, unit: '%'}, or a text such as 'Complies'.",
    ),
    "criterion_unit": ("criterion-incomplete", "Add the unit next to the limit, e.g. unit: '%'."),
    "stability_length": ("stability-shape", "Give exactly one result per time point; write null for a time point not tested."),
    "stability_values": ("stability-shape", "Use 'values:' for numeric results or 'texts:' for worded results, not both."),
    "result_empty": ("result-incomplete", "Add 'value:' (a number) or 'text:' (e.g. 'Complies')."),
}


def _fmt_path(path: DataPath) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


_CONTAINERS: dict[type, str] = {list: "a list", dict: "a mapping"}


def _found(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true/false)"
    if isinstance(value, int) and value.bit_length() > 64:  # str() of a huge int is slow, or refused
        return f"a whole number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:60]}'"
    return next((words for kind, words in _CONTAINERS.items() if isinstance(value, kind)), type(value).__name__)


def _opening(words: str) -> str:
    """``words`` opening a sentence: its first letter in capitals, the rest (the user's value) exactly as given."""
    return words[:1].upper() + words[1:]


def _did_you_mean(word: str, options: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def _ctx(error: Any, key: str, default: Any = None) -> Any:
    """One value of a pydantic error's context (the limit, pattern or choices it names)."""
    return error.get("ctx", {}).get(key, default)


_BOUNDS = {"ge": ("below the lowest", "at least"), "le": ("above the highest", "at most")}
"""Bound key of a pydantic error -> (where the value lies, the hint's comparison)."""


class _Mapper:
    def __init__(self, root: type[BaseModel], positions: Positions) -> None:
        self.root = root
        self.positions = positions

    def problem(self, code: str, path: DataPath, message: str, hint: str | None, *, at_key: bool = False) -> Problem:
        mark: Mark | None = self.positions.key(path) if at_key else self.positions.value(path)
        return Problem(
            code=code,
            severity=Severity.ERROR,
            message=message,
            file=mark.file if mark else None,
            line=mark.line if mark else None,
            col=mark.col if mark else None,
            path=_fmt_path(path) or None,
            hint=hint,
        )

    def convert(self, error: Any) -> Problem:
        kind: str = error["type"]
        path: DataPath = tuple(k for k in error["loc"] if not (isinstance(k, str) and k.startswith("function-")))
        if path and path[-1] == "[key]":
            return self._bad_key(path[:-1], error)
        handler = getattr(self, f"_on_{kind}", None)
        if handler is not None:
            return handler(path, error)
        if kind in _CUSTOM:
            code, hint = _CUSTOM[kind]
            owner = noun(nearest_model(self.root, path))
            focus = _ctx(error, "field")
            return self.problem(code, path + (focus,) if focus else path, f"In this {owner}: {error['msg']}.", hint)
        if kind.endswith(("_type", "_parsing")) or kind.startswith("date_"):
            return self._wrong_type(path, error)
        return self.problem("schema-value", path, f"{error['msg']}.", None)

    def _field_label(self, path: DataPath) -> str:
        last = next((k for k in reversed(path) if isinstance(k, str)), None)
        return f"'{last}'" if last else "this value"

    def _on_missing(self, path: DataPath, error: Any) -> Problem:
        parent, name = path[:-1], str(path[-1])
        owner = nearest_model(self.root, parent)
        info = owner.model_fields.get(name)
        description = info.description if info is not None and info.description else None
        hint = f"Add '{name}:'" + (f" ({description})" if description else "") + "."
        return self.problem("schema-missing", parent, f"The {noun(owner)} lacks the required field '{name}'.", hint, at_key=True)

    def _on_extra_forbidden(self, path: DataPath, error: Any) -> Problem:
        parent, name = path[:-1], str(path[-1])
        owner = nearest_model(self.root, parent)
        allowed = [f for f in field_names(owner)]
        guess = _did_you_mean(name, allowed)
        hint = f"Did you mean '{guess}'? " if guess else ""
        hint += f"Fields of a {noun(owner)}: {', '.join(allowed)}."
        return self.problem("schema-unknown-key", path, f"Unknown field '{name}' in {noun(owner)}.", hint, at_key=True)

    def _on_literal_error(self, path: DataPath, error: Any) -> Problem:
        expected = _ctx(error, "expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        given = error.get("input")
        guess = _did_you_mean(str(given), options) if isinstance(given, str) else None
        hint = (f"Did you mean '{guess}'? " if guess else "") + f"Allowed values: {', '.join(options)}."
        return self.problem(
            "schema-value", path, f"{_opening(_found(given))} is not an allowed value for {self._field_label(path)}.", hint
        )

    def _on_string_pattern_mismatch(self, path: DataPath, error: Any) -> Problem:
        pattern = _ctx(error, "pattern", "")
        words = _PATTERN_WORDS.get(pattern, f"text matching {pattern}")
        given = error.get("input")
        return self.problem(
            "schema-format", path, f"{_opening(_found(given))} is not valid for {self._field_label(path)}.", f"Write {words}."
        )

    def _about(self, code: str, path: DataPath, says: str, hint: str) -> Problem:
        """A problem whose message opens with the field's name, e.g. "'dose' is empty."."""
        return self.problem(code, path, f"{_opening(self._field_label(path))} {says}", hint)

    def _on_string_too_long(self, path: DataPath, error: Any) -> Problem:
        limit = _ctx(error, "max_length")
        return self._about("schema-value", path, f"is longer than {limit} characters.", "Shorten the text.")

    def _on_string_too_short(self, path: DataPath, error: Any) -> Problem:
        return self._about("schema-value", path, "is empty.", "Write the text, or remove the field.")

    def _on_too_short(self, path: DataPath, error: Any) -> Problem:
        need = _ctx(error, "min_length", 1)
        says = f"needs at least {need} entr{'y' if need == 1 else 'ies'}."
        return self._about("schema-value", path, says, "Add the missing entries.")

    def _on_finite_number(self, path: DataPath, error: Any) -> Problem:
        hint = "Write a number such as 12.5; .nan and .inf are not values a dossier can state."
        return self._about("value-not-finite", path, f"is {_found(error.get('input'))}, not a finite number.", hint)

    def _on_greater_than_equal(self, path: DataPath, error: Any) -> Problem:
        return self._out_of_bounds(path, error, "ge")

    def _on_less_than_equal(self, path: DataPath, error: Any) -> Problem:
        return self._out_of_bounds(path, error, "le")

    def _out_of_bounds(self, path: DataPath, error: Any, key: str) -> Problem:
        bound = _ctx(error, key)
        where, least = _BOUNDS[key]
        months = key == "le" and any("timepoints" in str(k) for k in path)
        hint = f"Write a value of {least} {bound}" + ("; stability time points are in months." if months else ".")
        says = f"is {_found(error.get('input'))}, {where} value allowed ({bound})."
        return self._about("value-out-of-bounds", path, says, hint)

    def _on_unit_unknown(self, path: DataPath, error: Any) -> Problem:
        ctx = error.get("ctx", {})
        guess = ctx.get("suggestion")
        hint = (
            f"Did you mean '{guess}'? " if guess else ""
        ) + "Units are listed in the dossier schema (schemas/dossier.schema.json)."
        return self.problem("unit-unknown", path, f"Unknown unit '{ctx.get('unit')}'.", hint)

    def _on_text_type(self, path: DataPath, error: Any) -> Problem:
        return self._wrong_type(path, {**error, "type": "text_type"})

    def _wrong_type(self, path: DataPath, error: Any) -> Problem:
        kind = error["type"]
        stem = kind.split("_")[0] if not kind.startswith("model_attributes") else "model_attributes"
        expected = _TYPE_WORDS.get(stem, stem)
        given = error.get("input")
        hint = None
        if stem == "string" and isinstance(given, bool):
            hint = "YAML reads yes/no/on/off/true/false as true/false: put the text in quotes, e.g. 'no'."
        elif stem == "string" and given is None:
            hint = "Write the text after the colon; inside { } put texts that contain ',' or ':' in quotes."
        elif stem == "string" and isinstance(given, (int, float)):
            hint = "Put the value in quotes to keep it as text (e.g. '0123')."
        elif stem in ("float", "int") and isinstance(given, str):
            hint = "Write the number without its unit; units go in the 'unit' field."
        elif stem in ("date", "datetime"):
            hint = "Write the date as YYYY-MM-DD, e.g. 2026-10-01."
        elif stem == "list":
            hint = "Write a list: [a, b] on one line, or one '- item' per line."
        elif stem in ("dict", "model", "model_attributes"):
            hint = "Write a mapping: 'key: value' entries indented below, or {key: value} on one line."
        else:
            hint = f"Write {expected} here."
        return self._about("schema-type", path, f"should be {expected}, but is {_found(given)}.", hint)

    def _bad_key(self, path: DataPath, error: Any) -> Problem:
        given = error.get("input")
        slot = None
        if path:
            owner = nearest_model(self.root, path[:-1])
            if isinstance(path[-1], str):
                slot = field_slot(owner, path[-1])
        if error["type"] == "literal_error":
            expected = _ctx(error, "expected", "")
            return self.problem(
                "schema-value",
                path,
                f"'{given}' is not an allowed key here.",
                f"Use one of: {expected}. Inside {{ }} a comma ends a value: put texts that contain commas in quotes.",
                at_key=True,
            )
        what = slot.tp if slot is not None else "key"
        return self.problem("schema-type", path, f"The key '{given}' is not valid ({what}).", None, at_key=True)


def validation_problems(root: type[BaseModel], exc: ValidationError, positions: Positions) -> list[Problem]:
    """All errors of one validation, each placed at its file, line and column."""
    mapper = _Mapper(root, positions)
    return [mapper.convert(error) for error in exc.errors(include_url=False)]
