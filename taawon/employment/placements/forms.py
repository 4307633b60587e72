"""Forms for referrals, placements and follow-ups."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawon.core.forms import LockReasonMixin
from taawon.core.pickers import SearchSelect

from .. import rules
from ..seekers.models import JobSeeker
from ..unit.forms import AnswerRadios, DateField, Form, blank, money_field
from ..unit.models import Currency, WagePeriod
from ..vacancies.models import Vacancy
from .models import FollowUp, Placement, Referral


class JobSeekerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: JobSeeker) -> str:
        return (
            f"★ {obj.person.display_name}"
            if getattr(obj, "fits", False)
            else obj.person.display_name
        )


class VacancyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Vacancy) -> str:
        label = f"{obj} · {obj.employer.display_name} · {obj.start_date:%Y-%m-%d}"
        return f"★ {label}" if getattr(obj, "fits", 0) else label


# A unit may hold 100,000 job seekers and 10,000 open vacancies: the drop-downs list the best
# fits first, this many, and the search finds the others.
SHOWN = 50


class ReferralForm(LockReasonMixin, Form):
    """Refer from a vacancy (pick the job seeker) or from a job seeker (pick the vacancy).
    A ★ marks those whose occupation matches."""

    job_seeker = JobSeekerChoice(
        label=_("Job seeker"),
        queryset=JobSeeker.objects.none(),
        empty_label=_("— job seeker —"),
        widget=SearchSelect(
            "employment:job_seeker_search", placeholder=_("Type a name"), shown=SHOWN
        ),
    )
    vacancy = VacancyChoice(
        label=_("Vacancy"),
        queryset=Vacancy.objects.none(),
        empty_label=_("— vacancy —"),
        widget=SearchSelect(
            "employment:vacancy_search", placeholder=_("Type a title or an employer"), shown=SHOWN
        ),
    )
    referred_on = DateField(label=_("Referred on"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, job_seekers=None, vacancies=None, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("referred_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        if job_seekers is None:
            del self.fields["job_seeker"]
        else:
            self.fields["job_seeker"].queryset = job_seekers
        if vacancies is None:
            del self.fields["vacancy"]
        else:
            self.fields["vacancy"].queryset = vacancies


class ReferralStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"))
    on = DateField(label=_("Since"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"status": referral.status, "on": timezone.localdate(), "note": referral.note},
        )
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label)
            for value, label in Referral.Status.choices
            if value in rules.status_choices(referral)
        ]


class PlacementForm(LockReasonMixin, Form):
    start_date = DateField(label=_("Start date"))
    end_date = DateField(label=_("End date"), required=False)
    contract_type = forms.ChoiceField(label=_("Contract"), choices=Placement.ContractType.choices)
    wage = money_field(_("Wage"))
    wage_period = forms.ChoiceField(label=_("Wage period"), choices=WagePeriod.choices)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any) -> None:
        vacancy = referral.vacancy
        kwargs.setdefault(
            "initial",
            {
                "start_date": max(vacancy.start_date, referral.referred_on),
                "end_date": vacancy.end_date,
                "contract_type": Placement.ContractType.SEASONAL
                if vacancy.end_date
                else Placement.ContractType.OPEN_ENDED,
                "wage": vacancy.wage,
                "wage_period": vacancy.wage_period,
                "currency": vacancy.currency,
            },
        )
        super().__init__(*args, **kwargs)


class FollowUpForm(Form):
    checkpoint = forms.TypedChoiceField(
        label=_("Follow-up"), coerce=int, choices=FollowUp.Checkpoint.choices
    )
    date = DateField(label=_("Date"))
    still_employed = forms.TypedChoiceField(
        label=_("Still employed?"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=AnswerRadios,
    )
    reason = forms.ChoiceField(
        label=_("Reason, if not employed"),
        required=False,
        choices=blank(_("— reason —")) + FollowUp.Reason.choices,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, checkpoints: list[int], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update(
            checkpoint=checkpoints[0] if checkpoints else None, date=timezone.localdate()
        )
        super().__init__(*args, **kwargs)
        self.fields["checkpoint"].choices = [
            (value, label) for value, label in FollowUp.Checkpoint.choices if value in checkpoints
        ]
        self.fields["still_employed"].widget.group_label = self.fields["still_employed"].label
