"""Embed fonts into an fpdf2 document: parsed once per process, subset per document.

Parsing the cmap and widths of a 65 000-glyph CJK face takes ~0.3 s, so each face is parsed once
(a *prototype*) and every document gets a shallow copy with its own fontTools object and glyph
subset, because fpdf2 subsets the fontTools object in place when it writes the file.

A face that is used for a language other than its own (the Japanese bold face for Chinese text)
gets its glyphs through the font's ``locl`` substitutions for that language, so Chinese text
shows the Simplified Chinese forms; fpdf2 does no OpenType shaping itself.
"""

from __future__ import annotations

import copy
from threading import Lock
from typing import Any

from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from ectd_builder.render.fonts import FontFile
from ectd_builder.render.linebreak import ZWSP

ZWSP_CODE = ord(ZWSP)

# fpdf2 embeds only the CFF table of a CID-keyed OpenType face, yet subsets every table it finds:
# dropping the others first makes a CJK subset ~2.5x faster (hmtx alone has 65 000 entries).
_CFF_TABLES = frozenset({"CFF ", "head", "hhea", "maxp", "post", "GlyphOrder"})
_PROTOTYPES: dict[tuple[str, int, str, str], TTFFont] = {}
_PROTOTYPES_LOCK = Lock()


def locl_substitutions(ttfont: Any, language: str) -> dict[str, str]:
    """Glyph name -> glyph name of the ``locl`` single substitutions for an OpenType language tag."""
    if "GSUB" not in ttfont:
        return {}
    table = ttfont["GSUB"].table
    features = table.FeatureList.FeatureRecord
    mapping: dict[str, str] = {}
    for script in table.ScriptList.ScriptRecord:
        if script.ScriptTag not in ("hani", "kana", "latn"):
            continue
        for lang in script.Script.LangSysRecord:
            if lang.LangSysTag.strip() != language:
                continue
            for index in lang.LangSys.FeatureIndex:
                if features[index].FeatureTag != "locl":
                    continue
                for lookup_index in features[index].Feature.LookupListIndex:
                    for sub in table.LookupList.Lookup[lookup_index].SubTable:
                        sub = getattr(sub, "ExtSubTable", sub)  # extension lookups (type 7) wrap the subtable
                        for source, target in (getattr(sub, "mapping", None) or {}).items():
                            mapping.setdefault(source, target)
    return mapping


def _apply_locl(font: TTFFont, language: str) -> None:
    """Point the prototype's character map at the ``locl`` forms of ``language`` (new dicts)."""
    substitutes = locl_substitutions(font.ttfont, language)
    if not substitutes:
        return
    metrics = font.ttfont["hmtx"].metrics
    cmap = dict(font.cmap)
    glyph_ids = dict(font.glyph_ids)
    widths = copy.copy(font.cw)  # a defaultdict: unknown characters get the .notdef width
    for char, glyph in font.cmap.items():
        target = substitutes.get(glyph)
        if target is None:
            continue
        cmap[char] = target
        glyph_ids[char] = font.ttfont.getGlyphID(target)
        widths[char] = round(font.scale * metrics[target][0] + 0.001)
    font.cmap, font.glyph_ids, font.cw = cmap, glyph_ids, widths


def _break_mark_without_glyph(font: TTFFont) -> None:
    """U+200B marks a line-break opportunity (:mod:`linebreak`): zero width, never drawn.

    It is taken out of the character map (new dicts) so that fpdf2 asks the writer's
    ``get_fallback_font`` for it and keeps it inside the run of CJK text it sits in.
    """
    font.cmap = {c: g for c, g in font.cmap.items() if c != ZWSP_CODE}
    font.glyph_ids = {c: g for c, g in font.glyph_ids.items() if c != ZWSP_CODE}
    font.cw = copy.copy(font.cw)
    font.cw[ZWSP_CODE] = 0


def _prototype(family: str, style: str, font: FontFile) -> TTFFont:
    key = (str(font.path), font.index, style, font.locl)
    with _PROTOTYPES_LOCK:
        proto = _PROTOTYPES.get(key)
        if proto is None:
            scratch = FPDF()
            scratch.add_font(family, style, str(font.path), collection_font_number=font.index)
            made = scratch.fonts[f"{family.lower()}{style}"]
            assert isinstance(made, TTFFont)
            if font.locl:
                _apply_locl(made, font.locl)
            _break_mark_without_glyph(made)
            proto = _PROTOTYPES[key] = made
        return proto


def add_document_font(pdf: FPDF, family: str, style: str, font: FontFile) -> TTFFont:
    """Register ``font`` as ``family``/``style`` in ``pdf`` (a fresh subset of the shared prototype)."""
    proto = _prototype(family, style, font)
    fresh = copy.copy(proto)
    fresh.i = len(pdf.fonts) + 1
    fresh.fontkey = f"{family.lower()}{style}"
    fresh.emphasis = proto.emphasis
    fresh.desc = copy.copy(proto.desc)  # fpdf2 writes the object number and font file into it
    fresh.ttfont = ttLib.TTFont(
        str(font.path), recalcTimestamp=False, recalcBBoxes=False, fontNumber=font.index, lazy=True
    )
    if fresh.is_cff and fresh.is_cid_keyed:
        for tag in [t for t in fresh.ttfont.keys() if t not in _CFF_TABLES]:  # noqa: SIM118 - a TTFont iterates glyphs
            del fresh.ttfont[tag]
    fresh.subset = SubsetMap(fresh)
    fresh.missing_glyphs = []
    fresh.biggest_size_pt = 0
    pdf.fonts[fresh.fontkey] = fresh
    if fresh.is_cff and fresh.is_cid_keyed:
        pdf._set_min_pdf_version("1.6")  # what fpdf2's add_font does for CID-keyed CFF
    return fresh
