"""Read back which glyph every drawn character of a PDF gets, the way a viewer would.

The content streams are interpreted with the graphics state (``q``/``Q`` save and restore the
font, ``Tf`` sets it, the font persists across ``BT``/``ET``), and each 2-byte code of a
``Tj``/``TJ`` string is looked up in the font it is drawn with: ``CIDToGIDMap`` for a TrueType
CIDFont, the embedded CMap for a CFF CIDFont; the glyph must then exist in the embedded font
program. A code drawn with no font, a code the font does not map, or glyph 0 (``.notdef``)
are problems. The text is read the same way, through the ``ToUnicode`` map of the font each
code is drawn with (pypdf's own extraction resets the font at each ``BT`` and so misses a
line drawn in the wrong font).
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

_CIDCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s+(\d+)")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>")


@dataclass
class _Font:
    name: str
    glyph_of: dict[int, int]  # code -> glyph id (TrueType) or CID (CFF)
    present: set[int]  # glyph ids / CIDs the embedded program holds
    unicode: dict[int, str]  # code -> text (ToUnicode)


def _to_unicode(font_obj) -> dict[int, str]:
    stream = font_obj.get("/ToUnicode")
    if stream is None:
        return {}
    found = {}
    for code, text in _BFCHAR.findall(stream.get_object().get_data()):
        found[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", errors="replace")
    return found


def _truetype(font_obj, descendant, name: str) -> _Font:
    program = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
    font = TTFont(io.BytesIO(program))
    glyf = font.get("glyf")
    order = font.getGlyphOrder()
    present = {gid for gid, glyph in enumerate(order) if gid and (glyf is None or glyph in glyf)}
    cid_map = descendant.get("/CIDToGIDMap")
    mapping: dict[int, int] = {}
    if cid_map is not None and not isinstance(cid_map.get_object(), str):
        data = cid_map.get_object().get_data()
        for cid in range(len(data) // 2):
            gid = data[2 * cid] << 8 | data[2 * cid + 1]
            if gid:
                mapping[cid] = gid
    else:  # /Identity
        mapping = {gid: gid for gid in present}
    return _Font(name, mapping, present, _to_unicode(font_obj))


def _cff(font_obj, descendant, name: str) -> _Font:
    program = descendant["/FontDescriptor"].get_object()["/FontFile3"].get_object().get_data()
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(program), None)
    top = cff[cff.fontNames[0]]
    present = {int(g[3:]) for g in top.charset if g.startswith("cid") and g[3:].isdigit()}
    encoding = font_obj["/Encoding"].get_object()
    mapping = {int(code, 16): int(cid) for code, cid in _CIDCHAR.findall(encoding.get_data())}
    return _Font(name, {code: cid for code, cid in mapping.items() if cid}, present, _to_unicode(font_obj))


def _fonts(page) -> dict[str, _Font]:
    found: dict[str, _Font] = {}
    for key, ref in ((page.get("/Resources") or {}).get("/Font") or {}).items():
        font = ref.get_object()
        name = str(font.get("/BaseFont"))
        descendant = font["/DescendantFonts"][0].get_object()
        if descendant.get("/Subtype") == "/CIDFontType2":
            found[key] = _truetype(font, descendant, name)
        else:
            found[key] = _cff(font, descendant, name)
    return found


def read_glyphs(data: bytes) -> tuple[str, list[str]]:
    """The drawn text, and every character drawn without a real glyph (``page N: font code``)."""
    reader = PdfReader(io.BytesIO(data))
    problems: list[str] = []
    text: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        fonts = _fonts(page)
        contents = page.get_contents()
        if contents is None:
            continue
        current: _Font | None = None
        stack: list[_Font | None] = []
        for operands, operator in ContentStream(contents, reader).operations:
            if operator == b"q":
                stack.append(current)
            elif operator == b"Q":
                current = stack.pop() if stack else None
            elif operator == b"Tf":
                current = fonts.get(str(operands[0]))
            elif operator in (b"ET", b"Td", b"TD", b"T*"):
                text.append("\n")
            elif operator in (b"Tj", b"'", b'"', b"TJ"):
                strings = operands[0] if operator == b"TJ" else operands[-1:]
                for item in strings:
                    if isinstance(item, (int, float)) or not hasattr(item, "original_bytes"):
                        continue
                    raw = item.original_bytes
                    for i in range(0, len(raw) - 1, 2):
                        code = raw[i] << 8 | raw[i + 1]
                        glyph = current.glyph_of.get(code) if current else None
                        if current is None or glyph is None or glyph not in current.present:
                            where = current.name if current else "no font"
                            problems.append(f"page {number}: {where} code {code:04X}")
                        else:
                            text.append(current.unicode.get(code, "\ufffd"))
    return "".join(text), problems


def notdef_problems(data: bytes) -> list[str]:
    """Every character drawn without a real glyph: ``page N: font code`` (empty when all is well)."""
    return read_glyphs(data)[1]


# a number with up to two characters of its context on either side (within one word)
_NUMBER = re.compile(r"[^\s]{0,2}\d+(?:[.,]\d+)*[^\s]{0,2}")
_TAG = re.compile(r"<[^>]+>")
_INLINE_TAG = re.compile(r"</?(?:strong|b|em|i|sub|sup|span|a)\b[^>]*>")
_SCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹", "01234567890123456789")


def visible_text(page: bytes) -> str:
    """The visible text of an HTML document (inline markup removed, other tags a space)."""
    text = page.decode()
    body = text[text.find("<body") :] if "<body" in text else text
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", body, flags=re.DOTALL)
    return html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", body)))


def html_numbers(page: bytes) -> set[str]:
    """The numbers, each with its nearest context, in the visible text of an HTML document."""
    return set(_NUMBER.findall(visible_text(page)))


_FOOTER = re.compile(r"^\s*\d+\s*/\s*\d+\s*$", re.MULTILINE)


def without_page_furniture(pdf_text: str, running_header: str | None) -> str:
    """The drawn text without page footers ("6 / 7") and the running header, so a paragraph or
    table cell that continues on the next page reads as one text."""
    if running_header:  # the next page's header follows a footer; the first page's stays
        header = re.escape(running_header.strip())
        pdf_text = re.sub(rf"^\s*\d+\s*/\s*\d+\s*\n\s*{header}\s*$", "", pdf_text, flags=re.MULTILINE)
    return _FOOTER.sub("", pdf_text)


def missing_numbers(html_page: bytes, pdf_text: str, running_header: str | None = None) -> list[str]:
    """Numbers (with their context) of the HTML that the PDF's drawn text does not contain."""
    flat = re.sub(r"\s+", "", without_page_furniture(pdf_text, running_header)).translate(_SCRIPT_DIGITS)
    return sorted(n for n in html_numbers(html_page) if n.translate(_SCRIPT_DIGITS) not in flat)


# a number as a reader takes it in: digits with their decimal signs, a percent sign, and the
# other end of a range (80%～125%, 10–30, 95.0～105.0)
_WHOLE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*[%％]?(?:[–～〜~]\d+(?:[.,]\d+)*[%％]?)?")


def split_numbers(html_page: bytes, pdf_text: str, running_header: str | None = None) -> list[str]:
    """Numbers of the HTML the PDF draws only across a line break (``80%～1`` / ``25%``).

    :func:`missing_numbers` reads the text with line breaks removed and so cannot see a split;
    this reads it line by line. A number drawn whole on some line is not reported."""
    text = without_page_furniture(pdf_text, running_header).translate(_SCRIPT_DIGITS)
    lines = re.sub(r"[ \t\u00a0]+", "", text)
    flat = lines.replace("\n", "")
    found = set()
    for number in _WHOLE_NUMBER.findall(visible_text(html_page).translate(_SCRIPT_DIGITS)):
        if number in flat and number not in lines:
            found.add(number)
    return sorted(found)
