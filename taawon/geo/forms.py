"""The governorate picker every form uses: its options in the page's language, sorted by
name when the page is shown (a form class is built once, in whatever language was active),
the programme's countries first when it offers several."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.forms.models import ModelChoiceIterator

from . import queries
from .models import Governorate


class _ByName(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = sorted(
            self.queryset, key=lambda g: (queries.country_rank(g.country), g.display_name)
        )
        for governorate in rows:
            yield self.choice(governorate)


class GovernorateChoiceField(forms.ModelChoiceField):
    iterator = _ByName

    def label_from_instance(self, obj: Governorate) -> str:
        return obj.display_name


class GovernorateMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = _ByName

    def label_from_instance(self, obj: Governorate) -> str:
        return obj.display_name


def offer_countries(field: forms.ModelChoiceField, countries: Iterable[str] | None) -> None:
    """Narrow a governorate picker to `countries` (None: leave it), e.g. `countries_of(user)`."""
    if countries is not None:
        field.queryset = field.queryset.filter(country__in=sorted(countries))
