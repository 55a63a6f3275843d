"""Reading localised text fields (``{en: ..., ja: ..., zh: ...}``) of the model."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

TextValue = Mapping[Any, str]
"""A localised text: language code to text (``LocalText`` keys are the ``Lang`` literals)."""

def text_in(value: TextValue | None, language: str = "en") -> str:
    """The text in ``language``, falling back to English, then to any language given."""
    if not value:
        return ""
    return value.get(language) or value.get("en") or next(iter(value.values()), "")


def english(value: TextValue | None) -> str:
    """The English text (eCTD backbone attribute values and titles are English)."""
    return text_in(value, "en")


def language_neutral(value: TextValue) -> bool:
    """True for texts such as '< 0.05 %' or '10 ppm' that read the same in every language."""
    from ectd_builder.dossier.units import unit_table

    words = next(iter(value.values()), "")
    for unit in sorted({u for d in unit_table().values() for u in (d.symbol, *d.aliases)}, key=len, reverse=True):
        words = re.sub(rf"(?<![A-Za-z]){re.escape(unit)}(?![A-Za-z])", " ", words)
    return not any(ch.isalpha() for ch in words)


def is_translated(value: TextValue | None, language: str) -> bool:
    """Whether a localised text reads right in ``language``: it has a non-empty text in that
    language, or it is language-neutral. The one test the renderer (REN001) and the rules share."""
    if not value or str(value.get(language) or "").strip():
        return True
    return language_neutral(value)


Location = tuple[str | None, int | None, int | None]
TextLocator = Callable[[dict[str, str]], Location]
"""Maps a text value back to ``file:line:col``. A loaded dossier needs none: its provenance map
(:mod:`ectd_builder.dossier.provenance`) already places every text; a locator serves dossiers built in code."""
