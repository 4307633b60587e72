"""Forms for vacancies: the list's filters and the vacancy itself."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from taawon.occupations.models import Occupation
from taawon.protection import reference as protection_reference

from ..employers import queries as employer_queries
from ..employers.models import Employer, Workplace
from ..unit import reference
from ..unit.forms import (
    ChipCheckboxes,
    DateField,
    Form,
    blank,
    governorate_field,
    money_field,
    occupation_choices,
    occupation_picker,
    text_area,
)
from ..unit.models import Currency, PermitSector, WagePeriod
from .models import Vacancy
from .services import VACANCY_FIELDS

FACILITIES = ("offers_transport", "offers_childcare", "separate_sanitation", "women_in_team")


class VacancyFilterForm(Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": _("Job title or employer")}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=blank(_("All statuses")) + Vacancy.Status.choices
    )
    occupation = forms.ChoiceField(
        label=_("Occupation"), required=False, widget=occupation_picker()
    )
    governorate = governorate_field(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Major and sub-major groups as well, so "agricultural labourers" finds every kind.
        broad = [
            (o.code, f"{o.code} {o.display_title}")
            for o in Occupation.objects.filter(level__lte=2).order_by("code")
        ]
        groups = occupation_choices(_("All occupations"))
        self.fields["occupation"].choices = [
            groups[0],
            (_("Groups"), broad),
            *groups[1:],
        ]
        self.fields["governorate"].empty_label = _("All governorates")

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        governorate = data.get("governorate")
        return {
            "q": data.get("q", ""),
            "status": data.get("status", ""),
            "occupation": data.get("occupation", ""),
            "governorate": governorate.pk if governorate else None,
        }


class VacancyForm(Form):
    title = forms.CharField(
        label=_("Job title"),
        max_length=200,
        required=False,
        help_text=_("As the employer says it, e.g. “Tomato pickers”."),
    )
    occupation = forms.ChoiceField(label=_("Occupation (ISCO-08)"), widget=occupation_picker())
    workplace = forms.ModelChoiceField(
        label=_("Workplace"),
        queryset=Workplace.objects.none(),
        required=False,
        empty_label=_("— the employer's address —"),
    )
    positions = forms.IntegerField(label=_("Positions"), widget=forms.NumberInput(attrs={"min": 1}))
    start_date = DateField(label=_("Start date"))
    end_date = DateField(
        label=_("End date"),
        required=False,
        help_text=_("Leave empty for work without an end date."),
    )
    wage = money_field(_("Wage"))
    wage_period = forms.ChoiceField(label=_("Wage period"), choices=WagePeriod.choices)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    hours_per_day = forms.CharField(
        label=_("Hours per day"),
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    days_per_week = forms.IntegerField(
        label=_("Days per week"), initial=6, widget=forms.NumberInput(attrs={"min": 1, "max": 7})
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills wanted"), required=False, widget=ChipCheckboxes
    )
    tasks = forms.MultipleChoiceField(
        label=_("The work involves"),
        required=False,
        widget=ChipCheckboxes,
        help_text=_("Hazardous tasks: nobody under 18 is referred to or placed in this vacancy."),
    )
    min_experience_years = forms.IntegerField(
        label=_("Experience wanted (years)"), initial=0, widget=forms.NumberInput(attrs={"min": 0})
    )
    work_permit_required = forms.BooleanField(label=_("A work permit is required"), required=False)
    permit_sector = forms.ChoiceField(
        label=_("Work permit sector"),
        required=False,
        choices=blank(_("— sector —")) + PermitSector.choices,
    )
    offers_transport = forms.BooleanField(label=_("Transport provided"), required=False)
    offers_childcare = forms.BooleanField(label=_("Childcare provided"), required=False)
    separate_sanitation = forms.BooleanField(
        label=_("Separate toilets for women and men"), required=False
    )
    women_in_team = forms.BooleanField(label=_("Women in the team"), required=False)
    description = text_area(_("Description"))

    def __init__(
        self, *args: Any, employer: Employer, vacancy: Vacancy | None = None, **kwargs: Any
    ) -> None:
        if vacancy is not None:
            initial = {name: getattr(vacancy, name) for name in VACANCY_FIELDS}
            initial.update(occupation=vacancy.occupation.code, workplace=vacancy.workplace_id)
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["occupation"].choices = occupation_choices(_("— occupation —"))
        self.fields["workplace"].queryset = employer_queries.workplaces_of(employer)
        self.fields["skills"].choices = reference.skill_choices()
        self.fields["skills"].widget.group_label = self.fields["skills"].label
        self.fields["tasks"].choices = protection_reference.task_choices()
        self.fields["tasks"].widget.group_label = self.fields["tasks"].label

    def facility_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in FACILITIES]

    def main_fields(self) -> list[forms.BoundField]:
        return [field for field in self.visible_fields() if field.name not in FACILITIES]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("min_experience_years") is None:
            data["min_experience_years"] = 0
        return data
