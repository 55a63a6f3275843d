"""Find the fonts the writers embed: DejaVu (shipped with matplotlib) and a Noto Sans CJK face.

CJK search order: ``ECTD_CJK_FONT`` (a .otf/.ttf/.ttc path, optional ``#index``), the PyPI
package ``noto-cjk-sans-otc`` (extra ``ectd-builder[cjk]``), then Debian/Ubuntu ``fonts-noto-cjk``.
The Noto CJK collections hold the faces JP=0, KR=1, SC=2, TC=3, HK=4, so Japanese text gets
Japanese glyph shapes and Chinese text the Simplified Chinese shapes.
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
_SYSTEM_CJK = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian/Ubuntu fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora/Arch
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)
CJK_FIX = "pip install 'ectd-builder[cjk]' (the noto-cjk-sans-otc font package) or apt-get install fonts-noto-cjk"


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0  # face number inside a collection


@dataclass(frozen=True)
class FontSet:
    regular: FontFile
    bold: FontFile
    italic: FontFile
    bold_italic: FontFile
    cjk: FontFile | None = None


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


def _package_cjk() -> Path | None:
    try:
        import noto_cjk_sans_otc  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(str(noto_cjk_sans_otc.FONT_PATH))
    return path if path.is_file() else None


def _parse_override(value: str, language: str) -> FontFile:
    path_text, _, index = value.partition("#")
    path = Path(path_text).expanduser()
    if not path.is_file():
        raise FontNotFoundError(f"ECTD_CJK_FONT points to a missing file: {path}", hint=CJK_FIX)
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


def font_set(language: str, *, needs_cjk: bool | None = None) -> FontSet:
    """Fonts for a document in ``language``; CJK is loaded for ja/zh (or when text needs it)."""
    latin = latin_fonts()
    want_cjk = language in CJK_LANGUAGES if needs_cjk is None else needs_cjk
    cjk = find_cjk_font(language if language in CJK_LANGUAGES else "ja") if want_cjk else None
    return FontSet(latin[""], latin["B"], latin["I"], latin["BI"], cjk)


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
