"""Pickers that search as one types, for choices too many to scroll (437 occupations, a
registry of persons, a unit's employers, places).

The widget renders the field's ordinary <select>, which is what the form submits and what works
without JavaScript, and above it a search box, hidden until `static/taawon/pickers.js` shows
it. Typing asks (htmx) a small search endpoint of the app that owns the records; the endpoint
reads through that app's scoped queries and answers `core/picker_options.html`: one button per
match. Choosing one puts its value into the <select> (adding the option when the select does
not hold it) and fires `change`, so that what listens to the select (the district picker of a
governorate) still does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MAX_QUERY = 100
LIMIT = 15
PLACEHOLDER = _("Type a name or a code")


@dataclass(frozen=True)
class Option:
    """One match: the value the form field takes, and the words the user sees."""

    value: object
    label: str
    detail: str = ""


class SearchSelect(forms.Select):
    """A <select> with a search box; `url_name` names the search endpoint."""

    template_name = "core/widgets/search_select.html"

    def __init__(
        self,
        url_name: str,
        *,
        placeholder: str | Promise = PLACEHOLDER,
        attrs: dict[str, Any] | None = None,
        choices: Iterable = (),
    ) -> None:
        super().__init__(attrs=attrs, choices=choices)
        self.url_name = url_name
        self.placeholder = placeholder

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["picker"] = {"url": reverse(self.url_name), "placeholder": self.placeholder}
        return context


def query_of(request: HttpRequest) -> str:
    """The text typed, bounded and with its spaces collapsed."""
    return " ".join(request.GET.get("q", "")[:MAX_QUERY].split())


def options_response(request: HttpRequest, options: Iterable[Option]) -> HttpResponse:
    """The endpoint's answer: an HTML fragment of the matches, or a line saying none matched."""
    return render(
        request,
        "core/picker_options.html",
        {"options": list(options)[:LIMIT], "q": query_of(request)},
    )
