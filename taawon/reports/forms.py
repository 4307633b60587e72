"""The dashboards' choice of period: a first and a last day, the latest quarter with figures
when both are left empty."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from taawon.core.fields import DateField
from taawon.core.forms import StyledFormMixin


class PeriodForm(StyledFormMixin, forms.Form):
    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("To"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if bool(start) != bool(end) and not self.errors:
            missing = "end" if start else "start"
            self.add_error(missing, _("Give both days of the period, or neither."))
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        return data

    def period(self) -> tuple[datetime.date, datetime.date] | None:
        """(start, end) chosen, None for the default; call after is_valid()."""
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        return (start, end) if start and end else None
