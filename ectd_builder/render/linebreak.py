"""Where a line of a PDF may break: numbers, units, ranges and identifiers stay whole; CJK kinsoku.

fpdf2 breaks a line only at a breaking space (in its word mode) and otherwise cuts wherever the
line is full. :func:`prepare` marks the break opportunities of a text for it:

- a space that must not break becomes a no-break space (U+00A0): between a number and its unit
  (``0.25 %``, ``25 °C``, ``100 mg``), after a comparator (``≥ 1.33``, ``NMT 0.10 %``), around
  a range sign between numbers (``2 – 8 °C``), and after a reference prefix (``ICH Q1E``,
  ``ChP 1105``, ``Ph. Eur. 2.9.3``);
- where a line may break without a space, a zero-width space (U+200B) is inserted: between CJK
  characters, between CJK and Latin text, and after a hyphen inside a lower-case word, following
  UAX #14 (Unicode line breaking) and the JIS X 4051 line-start and line-end rules (kinsoku):
  no line starts with a closing bracket, a full stop or comma, a small kana, a prolonged sound
  mark, an iteration mark or a percent or degree sign, and no line ends with an opening bracket.

Runs of Latin letters, digits and their inner signs (``QVT-DS-23001``, ``1.33``, ``95.0～105.0``)
carry no break opportunity, so a number, a batch number or an identifier never splits. The PDF
writer draws the zero-width spaces as nothing (:data:`ZWSP` is removed before drawing).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

ZWSP = "\u200b"
NBSP = "\u00a0"

# JIS X 4051 (2004) classes 1-6 and 10 (strict), as UAX #14 classes CL, CP, IS, EX, NS, CJ, PO:
# characters a line must not start with
NO_START = frozenset(
    ")]}〕〉》」』】〙〗〟’”｠»）］｝〕〉》」』】"  # closing brackets and quotes
    "、。，．,.・：；:;！？!?‼⁇⁈⁉"  # full stops, commas, middle dots, colons, marks
    "ヽヾゝゞ々〻ー゠–〜～"  # iteration marks, prolonged sound mark, hyphens, wave dash
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"  # small kana
    "%％‰℃°′″℉¢￠"  # postfix signs
)
# characters a line must not end with (UAX #14 OP and PR before a number)
NO_END = frozenset("([{〔〈《「『【〘〖〝‘“｟«（［｛＄￥¥$£€＃#")

_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x30FF),  # CJK symbols and punctuation, kana
    (0x3100, 0x31FF),  # bopomofo, small kana extension
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3FFFF),  # supplementary ideographic planes
)
_UNITS = (
    "%", "‰", "％", "°C", "℃", "°", "ppm", "ppb", "µg", "μg", "mg", "ng", "g", "kg", "t", "µL", "μL", "mL", "ml",
    "L", "nm", "µm", "μm", "mm", "cm", "m", "m²", "m³", "µs", "ms", "s", "min", "h", "d", "rpm", "bar", "mbar",
    "Pa", "kPa", "MPa", "kN", "N", "IU", "U", "CFU", "EU", "kGy", "Gy", "mOsm", "mOsmol", "M", "mM", "µM",
    "μM", "mol", "mmol", "µmol", "kDa", "Da", "V", "mV", "W", "kW", "Hz", "lux", "x", "×", "RH", "kJ", "J",
    "cP", "mPa", "mS", "µS", "μS", "month", "months", "week", "weeks", "day", "days", "year", "years",
    "batches", "batch", "lots", "sites", "times", "个月", "ヶ月", "か月", "箇月", "批", "年", "月", "日", "小时", "分钟",
)  # fmt: skip
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_PREFIXES = r"ICH|ChP|USP|USP-NF|NF|Ph\.\s?Eur\.|EP|JP|JPE|ISO|EN|ASTM|CFR|WHO|Q\d+[A-Z]?"
# (pattern, replacement): each turns one space that must not break into a no-break space
_GLUE = tuple(
    (re.compile(pattern), rf"\1{NBSP}")
    for pattern in (
        rf"([\d)）]) (?=(?:{_UNIT})(?![A-Za-z]))",  # number and unit: 0.25 %, 100 mg, 25 °C
        r"([≤≥<>=±≦≧＜＞]) (?=[\d.+\-−])",  # comparator and number: ≥ 1.33
        r"(\bN[ML]T) (?=[\d.])",  # NMT 0.10, NLT 80
        r"(\d) (?=[–—~～\-−] ?\d)",  # range: 2 – 8
        r"(\d[ \xa0]?[–—~～\-−]) (?=\d)",
        rf"(\b(?:{_PREFIXES})) (?=[<(]?[A-Z]?\d)",  # reference: ICH Q1E, ChP 1105, USP <621>
        r"(\bPh\.) (?=Eur\.)",  # the pharmacopoeia's name itself: Ph. Eur.
        r"([%％]) (?=RH\b)",  # 60 % RH
        r"(\d) (?=[×x] ?\d)",  # 3 × 10
        r"(\d[ \xa0]?[×x]) (?=\d)",
    )
)
# counters and units written without a space after a number (12个月, 3批, 2錠): no break before
# them; and 第 (ordinal prefix) binds the number after it
COUNTERS = frozenset("个月批年日倍次份片粒瓶支袋件种项步版期周天时分秒度号条点位例錠本枚回項週段")
_BEFORE_NUMBER = frozenset("第約约每")
_LOWER_HYPHEN = re.compile(r"(?<=[a-z]{2}-)(?=[A-Za-z]{2})")


def is_cjk(char: str) -> bool:
    """True for CJK ideographs, kana, CJK punctuation and full-width forms."""
    cp = ord(char)
    return any(low <= cp <= high for low, high in _CJK_RANGES)


def glue_spaces(text: str) -> str:
    """``text`` with no-break spaces where a line must not break at a space."""
    for pattern, replacement in _GLUE:
        text = pattern.sub(replacement, text)
    return text


def _may_break(before: str, after: str) -> bool:
    """May a line break between two adjacent characters that have no space between them?"""
    if before.isspace() or after.isspace() or before == ZWSP or after == ZWSP:
        return False
    if after in NO_START or before in NO_END:
        return False
    if (before.isdigit() and after in COUNTERS) or (before in _BEFORE_NUMBER and after.isdigit()):
        return False
    if before in "/／" or after in "/／":
        return False  # mg/日, 25 °C/60 %: a slash binds what it joins
    return is_cjk(before) or is_cjk(after)


def prepare(text: str, language: str = "en") -> str:
    """``text`` with its break opportunities marked for fpdf2's word wrapping (see the module doc)."""
    if not text:
        return text
    text = glue_spaces(text)
    text = _LOWER_HYPHEN.sub(ZWSP, text)
    if language not in ("ja", "zh") and not any(is_cjk(c) for c in text):
        return text
    out = [text[0]]
    for before, after in pairwise(text):
        if _may_break(before, after) and not _in_range(out, after):
            out.append(ZWSP)
        out.append(after)
    return "".join(out)


def _in_range(done: list[str], after: str) -> bool:
    """A full-width tilde or dash between numbers (95.0～105.0) is a range: keep it whole."""
    return bool(done) and done[-1] in "～〜" and after.isdigit()


def unbreakable_pieces(text: str) -> list[str]:
    """The pieces of a prepared text between its break opportunities (spaces and zero-width spaces)."""
    return [p for p in re.split(rf"[ \t\n{ZWSP}]+", text) if p]


def strip_marks(text: str) -> str:
    """The text as it is drawn: zero-width spaces removed."""
    return text.replace(ZWSP, "")


# where a piece too wide for its cell may still break, best first: never between two digits or
# inside a number with its decimal sign. After a range sign between numbers (80 %～ / 125 %),
# at a no-break space before a unit (10–30 / min), after the separators of a file name or path.
_FALLBACKS = (
    re.compile(r"(?<=[\d%％°℃][–—~～〜\-−])(?=\d)|(?<=\d[ \xa0][–—~～〜\-−])(?=\d)"),
    re.compile(NBSP),
    re.compile(r"(?<=[_/\\.\-])(?=[^\d\s])|(?<=[A-Za-z][_/\\.\-])(?=\d)"),
)


def fit_pieces(text: str, width: float, measure: Callable[[str], float]) -> str:
    """A prepared ``text`` whose pieces wider than ``width`` get break marks at their fallback
    points (:data:`_FALLBACKS`, best first, the next only where a part is still too wide), so
    the PDF writer never has to cut a piece inside a number. Pieces that fit stay whole; a
    piece with no fallback point is left as it is."""
    out: list[str] = []
    for token in re.split(rf"([ \t\n{ZWSP}]+)", text):
        if not token or token[0] in f" \t\n{ZWSP}" or measure(token) <= width:
            out.append(token)
        else:
            out.append(_fall_back(token, width, measure, 0))
    return "".join(out)


def _fall_back(piece: str, width: float, measure: Callable[[str], float], level: int) -> str:
    if level >= len(_FALLBACKS) or measure(piece) <= width:
        return piece
    pattern = _FALLBACKS[level]
    mark = " " if pattern.pattern == NBSP else ZWSP  # a no-break space becomes a breaking one
    parts = pattern.split(piece)
    return mark.join(_fall_back(p, width, measure, level + 1) for p in parts)
