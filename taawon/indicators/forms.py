"""The indicators page's choices: which indicator, which period, broken down by what."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from taawon.core.fields import DateField
from taawon.core.forms import StyledFormMixin

from . import access, dimensions, registry
from .dimensions import period_end

PERIODS = [
    ("month", _("Month")),
    ("quarter", _("Quarter")),
    ("year", _("Year")),
    ("custom", _("Custom range")),
]


def _first(kind: str, day: datetime.date) -> datetime.date:
    if kind == "year":
        return day.replace(month=1, day=1)
    if kind == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(day=1)


class IndicatorForm(StyledFormMixin, forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"))
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, initial="quarter")
    day = DateField(
        label=_("A day in the period"),
        required=False,
        help_text=_("Left empty: the latest period with figures."),
    )
    start = DateField(label=_("From (custom range)"), required=False)
    end = DateField(label=_("To (custom range)"), required=False)
    rows = forms.ChoiceField(label=_("Rows by"), required=False)
    columns = forms.ChoiceField(label=_("Columns by"), required=False)

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.aggregate = access.aggregate_only(user)
        self.fields["indicator"].choices = [(i.code, i.name) for i in registry.all_indicators()]
        choices = [("", _("— none —"))] + [
            (code, capfirst(d.label))
            for code, d in dimensions.DIMENSIONS.items()
            if not (self.aggregate and d.fine)
        ]
        self.fields["rows"].choices = choices
        self.fields["columns"].choices = choices
        if self.aggregate:
            self.fields["period"].choices = PERIODS[:3]
            del self.fields["start"], self.fields["end"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("period") == "custom":
            if not data.get("start"):
                self.add_error("start", _("Give the first day of the range."))
            if not data.get("end"):
                self.add_error("end", _("Give the last day of the range."))
            if data.get("start") and data.get("end") and data["end"] < data["start"]:
                self.add_error("end", _("The period ends before it starts."))
        if data.get("rows") and data.get("rows") == data.get("columns"):
            self.add_error("columns", _("Choose two different dimensions."))
        return data

    def query(self) -> dict[str, Any] | None:
        """The engine's arguments, or None when the form is not valid."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        indicator = registry.get(data["indicator"])
        if data["period"] == "custom":
            start, end = data["start"], data["end"]
        else:
            kind = data["period"]
            day = data.get("day") or _latest(self.user, indicator)
            start = _first(kind, day)
            end = period_end(kind, start)
        by = [code for code in (data.get("rows"), data.get("columns")) if code]
        return {"code": indicator.code, "start": start, "end": end, "by": by}


def _latest(user, indicator) -> datetime.date:
    # The default is the latest period holding figures, never an empty one.
    from .engine import latest_day

    return latest_day(user, indicator) or timezone.localdate()


def default_data(user) -> dict[str, str]:
    """The page's first view: the first indicator, by quarter, in its latest quarter."""
    indicators = registry.all_indicators()
    return {"indicator": indicators[0].code if indicators else "", "period": "quarter"}
