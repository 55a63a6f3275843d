"""Reading localised text fields (``{en: ..., ja: ..., zh: ...}``) of the model."""

from __future__ import annotations


def text_in(value: dict[str, str] | None, language: str = "en") -> str:
    """The text in ``language``, falling back to English, then to any language given."""
    if not value:
        return ""
    return value.get(language) or value.get("en") or next(iter(value.values()), "")


def english(value: dict[str, str] | None) -> str:
    """The English text (eCTD backbone attribute values and titles are English)."""
    return text_in(value, "en")
