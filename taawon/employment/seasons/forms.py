"""Forms of the seasonal labour demand: crop calendars, farm crops, the forecast's filter and
the season notice."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import User
from taawon.formats.render import format_date

from .. import rules
from ..employers import queries as employer_queries
from ..employers.models import Employer
from ..unit import reference
from ..unit.forms import (
    ChipCheckboxes,
    DateField,
    Form,
    OwnerMixin,
    blank,
    governorate_field,
    owner_field,
    text_area,
)
from . import queries
from .models import CropCalendar, FarmCrop


def month_choices() -> list[tuple[str, str]]:
    """Month names in the reader's language (built per form: the language is per request)."""
    return [(str(m), format_date(datetime.date(2000, m, 1), "F")) for m in range(1, 13)]


class CropCalendarForm(OwnerMixin, Form):
    owner = owner_field()
    crop = forms.ChoiceField(label=_("Crop"))
    governorate = governorate_field()
    planting_months = forms.MultipleChoiceField(
        label=_("Months of planting"), required=False, widget=ChipCheckboxes
    )
    harvest_months = forms.MultipleChoiceField(
        label=_("Months of harvest"), required=False, widget=ChipCheckboxes
    )
    workers_per_dunum = forms.CharField(
        label=_("Workers needed per dunum"),
        max_length=20,
        help_text=_("In the months of planting and harvest; a dunum is 1,000 m²."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    notes = text_area(_("Notes"), rows=2)

    def __init__(
        self, *args: Any, user: User, calendar: CropCalendar | None = None, **kwargs: Any
    ) -> None:
        if calendar is not None:
            kwargs.setdefault(
                "initial",
                {
                    "crop": calendar.crop,
                    "governorate": calendar.governorate_id,
                    "planting_months": [str(m) for m in calendar.planting_months],
                    "harvest_months": [str(m) for m in calendar.harvest_months],
                    "workers_per_dunum": calendar.workers_per_dunum.normalize(),
                    "notes": calendar.notes,
                },
            )
        super().__init__(*args, **kwargs)
        self.setup_owner(user, new=calendar is None)
        self.fields["crop"].choices = blank(_("— crop —")) + reference.crop_choices()
        for name in ("planting_months", "harvest_months"):
            self.fields[name].choices = month_choices()
            self.fields[name].widget.group_label = self.fields[name].label

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("planting_months", "harvest_months"):
            data[name] = [int(m) for m in data[name]]
        if "owner" in self.fields or self.only_owner is not None:
            data["owner"] = self.owner()
        else:
            data.pop("owner", None)
        return data


class CalendarChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CropCalendar) -> str:
        return f"{obj.crop_name} · {obj.governorate.display_name}"


class FarmCropForm(Form):
    calendar = CalendarChoiceField(
        label=_("Crop"), queryset=CropCalendar.objects.none(), empty_label=_("— crop —")
    )
    workplace = forms.ModelChoiceField(
        label=_("Workplace"), queryset=None, required=False, empty_label=_("— the farm —")
    )
    dunums = forms.CharField(
        label=_("Dunums"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )

    def __init__(
        self,
        *args: Any,
        user: User,
        employer: Employer,
        farm_crop: FarmCrop | None = None,
        **kwargs: Any,
    ) -> None:
        if farm_crop is not None:
            kwargs.setdefault(
                "initial",
                {
                    "calendar": farm_crop.calendar_id,
                    "workplace": farm_crop.workplace_id,
                    "dunums": farm_crop.dunums.normalize(),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["calendar"].queryset = queries.calendar_choices(user)
        self.fields["workplace"].queryset = employer_queries.workplaces_of(employer)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ForecastFilterForm(Form):
    start = DateField(label=_("From the month of"), required=False)
    governorate = governorate_field(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["governorate"].empty_label = _("All governorates")

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        governorate = data.get("governorate")
        return {
            "first": data.get("start") or timezone.localdate(),
            "governorate": governorate.pk if governorate else None,
        }


class SeasonNoticeForm(Form):
    """Which unit sends, for which season (a governorate and the month it starts)."""

    owner = owner_field()
    governorate = forms.IntegerField(widget=forms.HiddenInput)
    month = forms.DateField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = rules.unit_choices(user)


__all__ = [
    "CropCalendarForm",
    "FarmCropForm",
    "ForecastFilterForm",
    "SeasonNoticeForm",
]
