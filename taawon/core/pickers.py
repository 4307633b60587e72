"""Pickers that search as one types, for choices too many to scroll (437 occupations, a
registry of persons, a unit's employers, places).

The widget renders the field's ordinary <select>, which is what the form submits and what works
without JavaScript, and above it a search box, hidden until `static/taawon/pickers.js` shows
it. Typing asks (htmx) a small search endpoint of the app that owns the records; the endpoint
reads through that app's scoped queries and answers `core/picker_options.html`: one button per
match. Choosing one puts its value into the <select> (adding the option when the select does
not hold it) and fires `change`, so that what listens to the select (the district picker of a
governorate) still does.

A picker over records that may run to tens of thousands (a unit's open vacancies, its job
seekers) is given `shown`: its <select> then holds only the first `shown` records of the
field's order (the best fits first) and the one chosen, and says that the search finds the
others. The field still validates against all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
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
        shown: int | None = None,
    ) -> None:
        super().__init__(attrs=attrs, choices=choices)
        self.url_name = url_name
        self.placeholder = placeholder
        self.shown = shown
        self._cut = False

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["picker"] = {
            "url": reverse(self.url_name),
            "placeholder": self.placeholder,
            "shown": self.shown if self._cut else None,
        }
        return context

    def optgroups(self, name: str, value: list[str], attrs: dict[str, Any] | None = None):
        everything = self.choices
        if self.shown is None or not isinstance(everything, ModelChoiceIterator):
            return super().optgroups(name, value, attrs)
        self.choices = self._first_and_chosen(everything, value)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = everything

    def _first_and_chosen(self, everything: ModelChoiceIterator, value: list[str]) -> list:
        """The field's first `shown` choices in its order, then the chosen ones not among them;
        one query for each, however many records the field takes."""
        first = type(everything)(everything.field)
        first.queryset = everything.queryset[: self.shown + 1]
        choices = list(first)
        real = [choice for choice in choices if choice[0] != ""]
        self._cut = len(real) > self.shown
        if self._cut:
            choices.remove(real[-1])
            real.pop()
        listed = {str(choice[0]) for choice in real}
        missing = [v for v in value if v and v not in listed]
        if missing:
            try:
                chosen = list(everything.queryset.filter(pk__in=missing))
            except (ValueError, TypeError, ValidationError):
                chosen = []  # not a record's key: the field's own error says so
            choices += [everything.choice(obj) for obj in chosen]
        return choices


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
