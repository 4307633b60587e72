"""What a person sees of a page: its text, and the left-to-right isolates it holds."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_ISOLATE = re.compile(r'<bdi dir="ltr">([^<]*)</bdi>')


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style", "template"):
            self.hidden += 1

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's text as read: tags and bidi isolates resolved to their text, spaces (the
    no-break ones too) collapsed."""
    parser = _Text()
    parser.feed(html)
    text = "".join(parser.parts).replace("\xa0", " ").replace("\u2066", "").replace("\u2069", "")
    return re.sub(r"\s+", " ", text)


def isolated_ranges(html: str) -> list[tuple[str, str]]:
    """The date ranges of the page written as two left-to-right isolates around a dash, in the
    order of the source (the logical order, which bidi keeps between isolates)."""
    return re.findall(r'<bdi dir="ltr">([^<]*)</bdi> – <bdi dir="ltr">([^<]*)</bdi>', html)


def isolates(html: str) -> list[str]:
    return _ISOLATE.findall(html)
