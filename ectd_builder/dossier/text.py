"""Reading localised text fields (``{en: ..., ja: ..., zh: ...}``) of the model."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ectd_builder.dossier.yamlload import DataPath, Positions


def text_in(value: dict[str, str] | None, language: str = "en") -> str:
    """The text in ``language``, falling back to English, then to any language given."""
    if not value:
        return ""
    return value.get(language) or value.get("en") or next(iter(value.values()), "")


def english(value: dict[str, str] | None) -> str:
    """The English text (eCTD backbone attribute values and titles are English)."""
    return text_in(value, "en")


def language_neutral(value: dict[str, str]) -> bool:
    """True for texts such as '< 0.05 %' or '10 ppm' that read the same in every language."""
    from ectd_builder.dossier.units import unit_table

    words = next(iter(value.values()), "")
    for unit in sorted({u for d in unit_table().values() for u in (d.symbol, *d.aliases)}, key=len, reverse=True):
        words = re.sub(rf"(?<![A-Za-z]){re.escape(unit)}(?![A-Za-z])", " ", words)
    return not any(ch.isalpha() for ch in words)


def is_translated(value: dict[str, str] | None, language: str) -> bool:
    """Whether a localised text reads right in ``language``: it has a non-empty text in that
    language, or it is language-neutral. The one test the renderer (REN001) and the rules share."""
    if not value or str(value.get(language) or "").strip():
        return True
    return language_neutral(value)


Location = tuple[str | None, int | None, int | None]
TextLocator = Callable[[dict[str, str]], Location]


def text_locator(data: Any, positions: Positions) -> TextLocator:
    """Where a localised text of the loaded dossier was written, found by its English text.

    Renderers see model values, not data paths; this maps a text value back to ``file:line:col``
    (the first place that text appears) so their problems can point into the YAML.
    """
    index: dict[str, DataPath] = {}

    def walk(node: Any, path: DataPath) -> None:
        if isinstance(node, dict):
            english_text = node.get("en")
            if isinstance(english_text, str) and set(node) <= {"en", "ja", "zh"}:
                index.setdefault(english_text, path)
            for key, value in node.items():
                walk(value, path + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, path + (i,))
        elif isinstance(node, str):
            index.setdefault(node, path)

    walk(data, ())

    def locate(value: dict[str, str]) -> Location:
        path = index.get(english(value))
        mark = positions.value(path) if path is not None else None
        return (mark.file, mark.line, mark.col) if mark else (None, None, None)

    return locate
