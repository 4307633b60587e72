"""Forms for job seekers and their counselling sessions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import User
from taawon.core.forms import LockReasonMixin
from taawon.geo import queries as geo_queries
from taawon.geo.forms import GovernorateMultipleChoiceField

from ..unit import reference
from ..unit.forms import (
    ChipCheckboxes,
    DateField,
    Form,
    OwnerMixin,
    blank,
    governorate_field,
    money_field,
    occupation_choices,
    occupation_picker,
    owner_field,
    text_area,
)
from ..unit.models import Currency, PermitSector, WagePeriod
from .models import CounsellingSession, JobSeeker
from .services import JOB_SEEKER_FIELDS, NEEDS

OCCUPATION_SLOTS = ("occupation_1", "occupation_2", "occupation_3")


class JobSeekerFilterForm(Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": _("Name in Arabic or English")}),
    )
    occupation = forms.ChoiceField(
        label=_("Occupation"), required=False, widget=occupation_picker()
    )
    governorate = governorate_field(required=False)
    placed = forms.ChoiceField(
        label=_("Placed"),
        required=False,
        choices=[("", _("Placed or not")), ("yes", _("Placed")), ("no", _("Not yet placed"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occupation"].choices = occupation_choices(_("All occupations"))
        self.fields["governorate"].empty_label = _("All governorates")

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        governorate = data.get("governorate")
        placed = data.get("placed")
        return {
            "q": data.get("q", ""),
            "occupation": data.get("occupation", ""),
            "governorate": governorate.pk if governorate else None,
            "placed": {"yes": True, "no": False}.get(placed or ""),
        }


class JobSeekerForm(LockReasonMixin, OwnerMixin, Form):
    """Up to three occupations sought, as three pickers: a long multiple select is hard to
    use on a phone."""

    owner = owner_field()
    occupation_1 = forms.ChoiceField(label=_("Occupation sought"), widget=occupation_picker())
    occupation_2 = forms.ChoiceField(
        label=_("Another occupation"), required=False, widget=occupation_picker()
    )
    occupation_3 = forms.ChoiceField(
        label=_("Another occupation"), required=False, widget=occupation_picker()
    )
    skills = forms.MultipleChoiceField(label=_("Skills"), required=False, widget=ChipCheckboxes)
    experience_years = forms.IntegerField(
        label=_("Years of experience"), initial=0, widget=forms.NumberInput(attrs={"min": 0})
    )
    preferred_governorates = GovernorateMultipleChoiceField(
        label=_("Preferred governorates"),
        queryset=geo_queries.governorates(),
        required=False,
        widget=ChipCheckboxes,
    )
    max_travel_km = forms.IntegerField(
        label=_("Can travel up to (km)"), initial=25, widget=forms.NumberInput(attrs={"min": 0})
    )
    available_from = DateField(label=_("Available from"), required=False)
    available_until = DateField(label=_("Available until"), required=False)
    expected_wage = money_field(_("Expected wage"), required=False)
    expected_wage_period = forms.ChoiceField(label=_("Wage period"), choices=WagePeriod.choices)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    work_permit_status = forms.ChoiceField(
        label=_("Work permit"), choices=JobSeeker.PermitStatus.choices
    )
    work_permit_sector = forms.ChoiceField(
        label=_("Work permit sector"),
        required=False,
        choices=blank(_("— sector —")) + PermitSector.choices,
    )
    needs_transport = forms.BooleanField(label=_("Needs transport"), required=False)
    needs_childcare = forms.BooleanField(label=_("Needs childcare"), required=False)
    needs_separate_sanitation = forms.BooleanField(
        label=_("Needs separate toilets for women and men"), required=False
    )
    needs_women_in_team = forms.BooleanField(label=_("Needs women in the team"), required=False)
    notes = text_area(_("Notes"))
    language = forms.ChoiceField(
        label=_("Language for messages"), choices=settings.LANGUAGES, initial="ar", required=False
    )

    def __init__(
        self, *args: Any, user: User, job_seeker: JobSeeker | None = None, **kwargs: Any
    ) -> None:
        if job_seeker is not None:
            initial = {
                name: getattr(job_seeker, name)
                for name in JOB_SEEKER_FIELDS
                if name not in ("occupations", "preferred_governorates")
            }
            codes = sorted(o.code for o in job_seeker.occupations.all())
            initial.update(zip(OCCUPATION_SLOTS, codes, strict=False))
            initial["preferred_governorates"] = [
                g.pk for g in job_seeker.preferred_governorates.all()
            ]
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.setup_owner(user, new=job_seeker is None)
        choices = occupation_choices(_("— occupation —"))
        for slot in OCCUPATION_SLOTS:
            self.fields[slot].choices = choices
        self.fields["skills"].choices = reference.skill_choices()
        for name in ("skills", "preferred_governorates"):
            self.fields[name].widget.group_label = self.fields[name].label

    def need_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in NEEDS]

    def main_fields(self) -> list[forms.BoundField]:
        return [field for field in self.visible_fields() if field.name not in NEEDS]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["occupations"] = [data.pop(slot) for slot in OCCUPATION_SLOTS if data.get(slot)]
        for slot in OCCUPATION_SLOTS:
            data.pop(slot, None)
        data["preferred_governorates"] = list(data["preferred_governorates"])
        if not data.get("language"):
            data.pop("language", None)  # not sent: the profile keeps its language
        if "owner" in self.fields or self.only_owner is not None:
            data["owner"] = self.owner()
        else:
            data.pop("owner", None)
        return data


class CounsellingForm(Form):
    date = DateField(label=_("Date"))
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=CounsellingSession.Topic.choices, widget=ChipCheckboxes
    )
    notes = text_area(_("Notes"), rows=4)
    action_plan = text_area(_("Action plan"), rows=4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].widget.group_label = self.fields["topics"].label
