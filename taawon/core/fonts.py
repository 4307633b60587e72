"""The Arabic web font, made from the font the `fontpkg-noto-sans-arabic` package ships.

Arabic must look the same on a phone without Arabic fonts, so the pages carry Noto Sans Arabic.
The package's variable font covers every width, weight and script in 845 KB (455 KB gzipped), more
than a whole page may weigh on a slow line; the pages need only the Arabic letters at the regular
normal width and weights 400 to 700 (body, headings and bold), about 80 KB as WOFF2. The static
files finder below makes that file once per package version, keeps it under var/fonts/, and hands
it to `collectstatic` and to WhiteNoise like any other static file.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

# The path under /static/ that taawon.css names in its @font-face rule.
FONT_PATH = "taawon/fonts/noto-sans-arabic.woff2"
# Arabic, Arabic Supplement, Arabic Extended-A, the presentation forms, and the joiners and
# direction marks that Arabic text contains; other characters fall back to the system font.
ARABIC_CODEPOINTS = (
    *range(0x0600, 0x0700),
    *range(0x0750, 0x0780),
    *range(0x08A0, 0x0900),
    *range(0xFB50, 0xFE00),
    *range(0xFE70, 0xFF00),
    0x0020,
    0x00A0,
    0x200C,
    0x200D,
    0x200E,
    0x200F,
)
WEIGHTS = (400, 700)


def _source() -> tuple[Path, str]:
    import fontpkg_noto_sans_arabic as package

    source = package.ROOT / "files" / "NotoSansArabic[wdth,wght].ttf"
    return source, version("fontpkg-noto-sans-arabic")


def build_font(source: Path) -> bytes:
    """The Arabic subset of `source` at normal width, weights 400 to 700, as WOFF2."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(source)
    options = subset.Options()
    options.layout_features = ["*"]  # every shaping feature: Arabic needs its joining forms
    options.name_IDs = ["*"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=ARABIC_CODEPOINTS)
    subsetter.subset(font)
    # The instancer needs a font read afresh after subsetting.
    subsetted = io.BytesIO()
    font.save(subsetted)
    subsetted.seek(0)
    font = instancer.instantiateVariableFont(TTFont(subsetted), {"wdth": 100, "wght": WEIGHTS})
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_directory() -> Path:
    """Where the built font is kept, made once per version of the font package."""
    source, version = _source()
    root = Path(settings.VAR_DIR) / "fonts" / version
    target = root / FONT_PATH
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(build_font(source))
        partial.replace(target)  # atomic: two processes starting at once both end well
    return root


class ArabicFontFinder(BaseFinder):
    """Finds taawon/fonts/noto-sans-arabic.woff2, building it on first use."""

    def check(self, **kwargs) -> list:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs) -> str | list[str]:
        if path != FONT_PATH:
            return [] if find_all else ""
        found = str(font_directory() / FONT_PATH)
        return [found] if find_all else found

    def list(self, ignore_patterns) -> Iterator[tuple[str, FileSystemStorage]]:
        yield FONT_PATH, FileSystemStorage(location=font_directory())
