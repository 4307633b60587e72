"""A form posted after the idle timeout is not lost: its fields are kept in the new
(anonymous) session, without passwords or files, and filled into the same page once the same
user has signed in again.

The refill works on the page's HTML, so that no form and no view needs to know about it: the
inputs, text areas and selects of the page's POST forms get the kept values.
"""

from __future__ import annotations

import json
from collections import defaultdict
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

DRAFT = "taawon_draft"
MAX_DRAFT_BYTES = 64 * 1024
NEVER_KEPT = ("password", "csrfmiddlewaretoken")
TEXT_INPUTS = frozenset(
    {"text", "email", "number", "date", "datetime-local", "time", "month", "week", "tel",
     "search", "url", "color", "range"}
)  # fmt: skip


def _unprefixed(path: str) -> str:
    """`path` without its language prefix: the user may come back in their own language."""
    parts = path.split("/", 2)
    codes = {code for code, _name in settings.LANGUAGES}
    if len(parts) == 3 and parts[0] == "" and parts[1] in codes:
        return "/" + parts[2]
    return path


def page_of(request: HttpRequest) -> str:
    """The page a POST came from (its same-site Referer), else the posted address."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


def take(request: HttpRequest) -> dict[str, list[str]] | None:
    """The posted fields worth keeping, or None when there are none or too many to keep."""
    data = {
        name: request.POST.getlist(name)
        for name in request.POST
        if not any(word in name.lower() for word in NEVER_KEPT)
    }
    typed = any(value.strip() for values in data.values() for value in values)
    if not typed or len(json.dumps(data)) > MAX_DRAFT_BYTES:
        return None
    return data


def keep(request: HttpRequest, *, user_id: int, page: str, data: dict[str, list[str]]) -> None:
    request.session[DRAFT] = {"user": user_id, "page": _unprefixed(page), "data": data}


def refill(request: HttpRequest, response: HttpResponse) -> None:
    """Fill the kept fields into `response` when it is the kept page, shown to its user."""
    draft = request.session.get(DRAFT)
    if not draft or request.headers.get("HX-Request"):
        return
    if draft.get("user") != request.user.pk:
        del request.session[DRAFT]  # someone else signed in: what they typed is not theirs
        return
    if _unprefixed(request.get_full_path()) != draft.get("page"):
        return
    if (
        response.status_code != 200
        or response.streaming
        or not response.get("Content-Type", "").startswith("text/html")
    ):
        return
    charset = response.charset or "utf-8"
    html = response.content.decode(charset)
    response.content = refilled(html, draft["data"]).encode(charset)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    del request.session[DRAFT]


def refilled(html: str, data: dict[str, list[str]]) -> str:
    """`html` with the POST forms' fields set to `data` (name -> values, as posted)."""
    parser = _Refiller(html, data)
    parser.feed(html)
    parser.close()
    out, last = [], 0
    for start, end, text in sorted(parser.edits):
        out.append(html[last:start])
        out.append(text)
        last = end
    out.append(html[last:])
    return "".join(out)


def _tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    rendered = "".join(
        f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in attrs
    )
    return f"<{tag}{rendered}>"


def _set(attrs: list[tuple[str, str | None]], name: str, value: str | None, on: bool = True):
    kept = [(n, v) for n, v in attrs if n != name]
    return [*kept, (name, value)] if on else kept


class _Refiller(HTMLParser):
    def __init__(self, html: str, data: dict[str, list[str]]) -> None:
        super().__init__(convert_charrefs=True)
        self.data = data
        self.used: dict[str, int] = defaultdict(int)
        self.edits: list[tuple[int, int, str]] = []
        self.line_starts = [0]
        for index, char in enumerate(html):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.in_post_form = False
        self.select: str | None = None
        self.textarea: tuple[str, int] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _next_value(self, name: str) -> str | None:
        values = self.data.get(name)
        if not values or self.used[name] >= len(values):
            return None
        self.used[name] += 1
        return values[self.used[name] - 1]

    def _replace_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        self.edits.append((start, start + len(raw), _tag(tag, attrs)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.in_post_form = (found.get("method") or "").lower() == "post"
            return
        if not self.in_post_form:
            return
        name = found.get("name")
        if tag == "input" and name:
            kind = (found.get("type") or "text").lower()
            if kind in TEXT_INPUTS and name in self.data:
                value = self._next_value(name)
                if value is not None:
                    self._replace_tag(tag, _set(attrs, "value", value))
            elif kind in {"checkbox", "radio"}:
                # An unticked box is not posted at all: absent means unticked.
                checked = (found.get("value") or "on") in self.data.get(name, [])
                self._replace_tag(tag, _set(attrs, "checked", None, on=checked))
        elif tag == "textarea" and name in self.data:
            self.textarea = (name, self._offset() + len(self.get_starttag_text() or ""))
        elif tag == "select":
            self.select = name if name in self.data else None
        elif tag == "option" and self.select is not None and "value" in found:
            chosen = found["value"] in self.data[self.select]
            self._replace_tag(tag, _set(attrs, "selected", None, on=chosen))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_post_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, start = self.textarea
            value = self._next_value(name)
            if value is not None:
                # Django writes a newline after <textarea>, which browsers drop.
                self.edits.append((start, self._offset(), "\n" + escape(value, quote=False)))
            self.textarea = None
