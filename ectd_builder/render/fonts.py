"""Find the fonts the writers embed: DejaVu (shipped with matplotlib) and Noto Sans CJK faces.

CJK regular search order: ``ECTD_CJK_FONT`` (a .otf/.ttf/.ttc path, optional ``#index``), the PyPI
packages ``noto-cjk-sans-otc`` and ``noto-cjk-sans-jp-bold`` (core dependencies), then Debian/Ubuntu ``fonts-noto-cjk``.
The Noto CJK collections hold the faces JP=0, KR=1, SC=2, TC=3, HK=4, so Japanese text gets
Japanese glyph shapes and Chinese text the Simplified Chinese shapes.

CJK bold (for headings, table headers and ``<strong>``): ``ECTD_CJK_BOLD_FONT``, the PyPI package
``noto-cjk-sans-jp-bold`` (a dependency), then ``fonts-noto-cjk``'s Bold collection.
The packaged bold face is the Japanese one; it holds every Chinese glyph too, and Chinese text
gets the Simplified forms through the font's own ``locl`` substitutions for the language ZHS
(:attr:`FontFile.locl`). Without a bold face, bold CJK text is set in the regular face.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ectd_builder.render.errors import FontNotFoundError

CJK_LANGUAGES = ("ja", "zh")
# face index inside a Noto Sans CJK collection (.ttc), per document language
_COLLECTION_INDEX = {"ja": 0, "zh": 2}
# OpenType language system whose ``locl`` forms a document language needs
LOCL_LANGUAGE = {"ja": "JAN", "zh": "ZHS"}
_SYSTEM_CJK = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian/Ubuntu fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora/Arch
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)
_SYSTEM_CJK_BOLD = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
)
CJK_FIX = (
    "reinstall ectd-builder (its dependencies noto-cjk-sans-otc and noto-cjk-sans-jp-bold carry the fonts: "
    "pip install --force-reinstall noto-cjk-sans-otc noto-cjk-sans-jp-bold), set ECTD_CJK_FONT to a Noto Sans CJK "
    ".ttc/.otf file, or apt-get install fonts-noto-cjk"
)


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0  # face number inside a collection
    locl: str = ""  # OpenType language (e.g. ZHS) whose locl substitutions apply; "" = the face's own forms


@dataclass(frozen=True)
class FontSet:
    regular: FontFile
    bold: FontFile
    italic: FontFile
    bold_italic: FontFile
    cjk: FontFile | None = None
    cjk_bold: FontFile | None = None  # None: bold CJK text uses ``cjk``


def latin_fonts() -> dict[str, FontFile]:
    """DejaVu Sans in four styles, from matplotlib's data folder (a hard dependency)."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    names = {
        "": "DejaVuSans.ttf",
        "B": "DejaVuSans-Bold.ttf",
        "I": "DejaVuSans-Oblique.ttf",
        "BI": "DejaVuSans-BoldOblique.ttf",
    }
    fonts = {style: FontFile(folder / name) for style, name in names.items()}
    missing = [str(f.path) for f in fonts.values() if not f.path.is_file()]
    if missing:
        raise FontNotFoundError(f"DejaVu fonts not found: {', '.join(missing)}", hint="reinstall matplotlib")
    return fonts


def _package_font(module_name: str) -> Path | None:
    import importlib

    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    path = Path(str(module.FONT_PATH))
    return path if path.is_file() else None


def _package_cjk() -> Path | None:
    return _package_font("noto_cjk_sans_otc")


def _parse_override(value: str, language: str, variable: str = "ECTD_CJK_FONT") -> FontFile:
    path_text, _, index = value.partition("#")
    path = Path(path_text).expanduser()
    if not path.is_file():
        raise FontNotFoundError(f"{variable} points to a missing file: {path}", hint=CJK_FIX)
    if index:
        return FontFile(path, int(index))
    return FontFile(path, _COLLECTION_INDEX[language] if path.suffix.lower() in (".ttc", ".otc") else 0)


def find_cjk_font(language: str) -> FontFile:
    """The CJK face for ``language`` (ja or zh), or FontNotFoundError naming the fix."""
    override = os.environ.get("ECTD_CJK_FONT")
    if override:
        return _parse_override(override, language)
    return _find_cjk_cached(language)


@lru_cache(maxsize=4)
def _find_cjk_cached(language: str) -> FontFile:
    candidates = [p for p in (_package_cjk(),) if p] + [Path(p) for p in _SYSTEM_CJK]
    for path in candidates:
        if path.is_file():
            return FontFile(path, _COLLECTION_INDEX[language])
    raise FontNotFoundError(
        f"no CJK font found to render {'Japanese' if language == 'ja' else 'Simplified Chinese'} documents",
        hint=CJK_FIX,
    )


def find_cjk_bold_font(language: str) -> FontFile | None:
    """The bold CJK face for ``language`` (ja or zh), or None when none is installed."""
    override = os.environ.get("ECTD_CJK_BOLD_FONT")
    if override:
        return _parse_override(override, language, "ECTD_CJK_BOLD_FONT")
    return _find_cjk_bold_cached(language)


@lru_cache(maxsize=4)
def _find_cjk_bold_cached(language: str) -> FontFile | None:
    packaged = _package_font("noto_cjk_sans_jp_bold")  # the Japanese face: other languages need locl
    if packaged is not None:
        return FontFile(packaged, 0, "" if language == "ja" else LOCL_LANGUAGE[language])
    for path in map(Path, _SYSTEM_CJK_BOLD):
        if path.is_file():
            return FontFile(path, _COLLECTION_INDEX[language])
    return None


def font_set(language: str, *, needs_cjk: bool | None = None) -> FontSet:
    """Fonts for a document in ``language``; CJK is loaded for ja/zh (or when text needs it)."""
    latin = latin_fonts()
    want_cjk = language in CJK_LANGUAGES if needs_cjk is None else needs_cjk
    cjk_language = language if language in CJK_LANGUAGES else "ja"
    cjk = find_cjk_font(cjk_language) if want_cjk else None
    bold = find_cjk_bold_font(cjk_language) if want_cjk else None
    return FontSet(latin[""], latin["B"], latin["I"], latin["BI"], cjk, bold)


def has_cjk(text: str) -> bool:
    """True when ``text`` holds characters DejaVu cannot show (CJK ideographs, kana, full-width forms)."""
    return any(
        0x2E80 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or 0x3000 <= cp <= 0x30FF
        for cp in map(ord, text)
    )
