"""Translation coverage: every text a jurisdiction's Module 2 and 3 documents show is in their language.

Without a translation the renderer prints the English text inside a Chinese or Japanese document
and says so only in its own report (REN001). This rule says it at validation, before anything is
rendered: one warning per untranslated field, at the ``file:line:col`` of its English text. It
uses the renderer's own test (:func:`ectd_builder.dossier.text.is_translated`), so the two never
disagree; CN-LANG-01 remains the per-entity requirement (an error for NMPA).

The rule runs in every jurisdiction and asks for the languages of the profile's ``module_languages``
(Modules 2 and 3): 'zh' for NMPA, 'ja' for PMDA (Module 2), nothing where both are English.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ectd_builder.dossier.text import english, is_translated
from ectd_builder.rules.engine import Context, DataPath, Finding, dotted, rule
from ectd_builder.rules.helpers import walk_texts

LANGUAGE_NAMES = {"ja": "Japanese", "zh": "Chinese"}
# top-level dossier fields no Module 2 or 3 document shows (regional envelopes, history, includes)
NOT_RENDERED = frozenset({"format", "jurisdictions", "document_date", "applications", "include", "lifecycle"})
QUOTE = 50


def document_languages(ctx: Context) -> list[str]:
    """Languages other than English that the jurisdiction's Module 2 and 3 documents are written in."""
    return sorted({ctx.profile.language("m2"), ctx.profile.language("m3")} - {"en"})


def rendered_texts(ctx: Context) -> Iterator[tuple[str, DataPath, dict[str, str]]]:
    """Every localised text of the dossier that documents show: (what it belongs to, path, text)."""
    dossier = ctx.dossier
    for name in type(dossier).model_fields:
        if name in NOT_RENDERED:
            continue
        value = getattr(dossier, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            path: DataPath = (name,) if index is None else (name, index)
            owner = _owner(item, name, index)
            for text_path, text in walk_texts(item, path):
                yield owner, text_path, text


def _owner(item: Any, field: str, index: int | None) -> str:
    noun = getattr(type(item), "noun", None) or field.replace("_", " ")
    ident = getattr(item, "id", None)
    if ident:
        return f"{noun} {ident}"
    return noun if index is None else f"{noun} {index + 1}"


@rule("TR-01")
def tr_01(ctx: Context) -> Iterator[Finding]:
    languages = document_languages(ctx)
    if not languages:
        return
    for owner, path, text in rendered_texts(ctx):
        for lang in languages:
            if is_translated(text, lang):
                continue
            words = english(text)
            shown = words if len(words) <= QUOTE else words[: QUOTE - 1] + "…"
            yield Finding(
                f"{owner}: {dotted(path)} has no '{lang}' text; the {LANGUAGE_NAMES.get(lang, lang)} "
                f'documents would show the English "{shown}"',
                path,
                hint=f"Add '{lang}: ...' next to 'en:' in this field.",
            )
