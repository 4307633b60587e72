"""HTML to PDF with WeasyPrint, offline: the Arabic font from the font package, no network.

The fetcher reads files only, and only under the directories the report may use (its own
stylesheet and the Arabic font), so that a report cannot be made to fetch a URL or read a
file elsewhere on the server. The font is the one the web pages use (core/fonts.py: Noto Sans
Arabic, Arabic letters, weights 400 to 700, including the presentation forms that the charts'
shaped labels are written in); Latin text falls back to the system's sans-serif.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from taawon.core.fonts import FONT_PATH, font_directory

STYLESHEET = Path(__file__).resolve().parent / "static" / "reports" / "pdf.css"

# WeasyPrint reports each step of each report at INFO, and fontTools, which subsets the fonts
# it embeds, every glyph list: hundreds of lines a report in the server's log, none of use.
for _name in ("fontTools", "weasyprint.progress"):
    logging.getLogger(_name).setLevel(logging.WARNING)


class LocalFetcher(URLFetcher):
    """file: and data: URLs only; a file only under one of `roots`."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers=None):
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"Not a file a report may read: {url}")
        return super().fetch(url, headers)


def font_face() -> str:
    font = font_directory() / FONT_PATH
    return (
        '@font-face { font-family: "Taawon Arabic";'
        f' src: url("{font.as_uri()}") format("woff2"); }}'
    )


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """The PDF of `html` (a whole document), A4, with the report's stylesheet. `base_url`
    resolves relative links; nothing outside the report's own files is fetched."""
    fetcher = LocalFetcher([font_directory(), STYLESHEET.parent])
    stylesheets = [
        CSS(string=font_face(), url_fetcher=fetcher),
        CSS(filename=str(STYLESHEET), url_fetcher=fetcher),
    ]
    document = HTML(
        string=html, base_url=base_url or STYLESHEET.parent.as_uri() + "/", url_fetcher=fetcher
    )
    return document.write_pdf(stylesheets=stylesheets)
