"""Forms of the grants pages. They read what was typed; the services hold the rules (budget,
weights, scale, dates, rates) and their messages land on these fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import Organisation, User
from taawon.core.fields import DateField
from taawon.core.forms import StyledFormMixin
from taawon.geo.models import Governorate, Locality

from . import rules
from .models import (
    CallKind,
    Currency,
    Eligibility,
    RateSource,
    Sector,
    VentureStatus,
    VisitKind,
)


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class CallFilterForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All"))] + CallKind.choices, required=False
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"kind": self.cleaned_data["kind"]}


class ApplicationFilterForm(StyledFormMixin, forms.Form):
    eligibility = forms.ChoiceField(
        label=_("Eligibility"), choices=[("", _("All"))] + Eligibility.choices, required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All"))] + Sector.choices, required=False
    )
    call = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "eligibility": self.cleaned_data["eligibility"],
            "sector": self.cleaned_data["sector"],
            "call": self.cleaned_data["call"],
        }


class AwardFilterForm(StyledFormMixin, forms.Form):
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All"))] + Sector.choices, required=False
    )
    call = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"sector": self.cleaned_data["sector"], "call": self.cleaned_data["call"]}


class CallForm(StyledFormMixin, forms.Form):
    owner = OrganisationChoiceField(label=_("Run by"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=CallKind.choices)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    budget = forms.CharField(label=_("Budget"), max_length=30)
    max_grant = forms.CharField(label=_("Maximum grant"), max_length=30)
    opens_on = DateField(label=_("Opens on"))
    closes_on = DateField(label=_("Closes on"))
    scoring_closes_on = DateField(label=_("Scoring closes on"))
    score_max = forms.IntegerField(
        label=_("Highest score of a criterion"), initial=10, min_value=1, max_value=100
    )
    eligibility = forms.CharField(
        label=_("Eligibility criteria"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One criterion a line."),
        max_length=4000,
    )
    criteria = forms.CharField(
        label=_("Scoring criteria"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: the criterion, a colon, its weight. The weights add up to 100."),
        max_length=4000,
    )

    reviewers = forms.CharField(
        label=_("Panel of reviewers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Their user names, one a line. They read only the applications they review."),
        max_length=2000,
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        reach = rules.running_reach(user)
        owners = Organisation.objects.filter(
            is_active=True, kind__in=[Organisation.Kind.COUNTRY_OFFICE, Organisation.Kind.PARTNER]
        )
        if not reach.everything:
            owners = owners.filter(pk__in=sorted(reach.organisation_ids))
        self.fields["owner"].queryset = owners.order_by("country", "name_en")

    def clean_criteria(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.cleaned_data["criteria"].splitlines():
            if not line.strip():
                continue
            name, _sep, weight = line.rpartition(":")
            if not name.strip():
                raise forms.ValidationError(_("Write each criterion as “name: weight”."))
            rows.append((name.strip(), weight.strip()))
        return rows

    def clean_reviewers(self) -> list[User]:
        names = [n.strip() for n in self.cleaned_data["reviewers"].splitlines() if n.strip()]
        found = {u.username: u for u in User.objects.filter(username__in=names, is_active=True)}
        missing = [n for n in names if n not in found]
        if missing:
            raise forms.ValidationError(
                _("No active user is called %(names)s.") % {"names": ", ".join(missing)}
            )
        return [found[n] for n in dict.fromkeys(names)]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["eligibility"] = [line for line in data["eligibility"].splitlines() if line.strip()]
        return data


class ApplicationForm(StyledFormMixin, forms.Form):
    owner = OrganisationChoiceField(
        label=_("Applicant organisation"), queryset=Organisation.objects.none()
    )
    name = forms.CharField(label=_("Name of the venture or initiative"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    governorate = forms.ModelChoiceField(
        label=_("Governorate"), queryset=Governorate.objects.none()
    )
    locality = forms.ModelChoiceField(
        label=_("Village or locality"), queryset=Locality.objects.none(), required=False
    )
    summary = forms.CharField(
        label=_("Business plan summary"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    amount_requested = forms.CharField(label=_("Amount requested"), max_length=30)
    men_host = forms.IntegerField(
        label=_("Jobs planned: men, host community"), min_value=0, initial=0, max_value=10000
    )
    women_host = forms.IntegerField(
        label=_("Jobs planned: women, host community"), min_value=0, initial=0, max_value=10000
    )
    men_refugee = forms.IntegerField(
        label=_("Jobs planned: men, refugees"), min_value=0, initial=0, max_value=10000
    )
    women_refugee = forms.IntegerField(
        label=_("Jobs planned: women, refugees"), min_value=0, initial=0, max_value=10000
    )

    def __init__(self, *args, user, call, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        reach = rules.applying_reach(user)
        owners = Organisation.objects.filter(is_active=True, country=call.country)
        if not reach.everything:
            owners = owners.filter(pk__in=sorted(reach.organisation_ids))
        self.fields["owner"].queryset = owners.order_by("name_en")
        self.fields["governorate"].queryset = Governorate.objects.filter(country=call.country)
        self.fields["locality"].queryset = Locality.objects.filter(
            governorate__country=call.country
        ).select_related("governorate")

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["planned"] = {
            k: data.pop(k) for k in ("men_host", "women_host", "men_refugee", "women_refugee")
        }
        return data


class ScreeningForm(StyledFormMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, criteria, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"met_{criterion.pk}"] = forms.BooleanField(
                label=criterion.text, required=False
            )
        self.order_fields([f"met_{c.pk}" for c in self.criteria] + ["reasons"])

    def checks(self) -> dict[int, bool]:
        return {c.pk: bool(self.cleaned_data.get(f"met_{c.pk}")) for c in self.criteria}


class DeclarationForm(StyledFormMixin, forms.Form):
    conflicted = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this applicant?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ScoreForm(StyledFormMixin, forms.Form):
    def __init__(self, *args, criteria, score_max: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.CharField(
                label=_("%(criterion)s (weight %(weight)s%%)")
                % {"criterion": criterion.name, "weight": criterion.weight},
                help_text=_("From 0 to %(max)s.") % {"max": score_max},
                max_length=5,
                required=False,
            )

    def scores(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"criterion_{c.pk}") for c in self.criteria}


class AwardForm(StyledFormMixin, forms.Form):
    amount = forms.CharField(label=_("Amount awarded"), max_length=30)
    decided_on = DateField(label=_("Decided on"))
    departure_reason = forms.CharField(
        label=_("Reason for departing from the ranking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("Needed when a better-ranked application is not funded yet."),
    )


class AgreementForm(StyledFormMixin, forms.Form):
    reference = forms.CharField(label=_("Grant agreement reference"), max_length=100)
    signed_on = DateField(label=_("Signed on"))


class TrancheForm(StyledFormMixin, forms.Form):
    amount = forms.CharField(label=_("Amount"), max_length=30)
    planned_on = DateField(label=_("Planned for"))


class ApproveForm(StyledFormMixin, forms.Form):
    approved_on = DateField(label=_("Approved on"))


class PayForm(StyledFormMixin, forms.Form):
    paid_on = DateField(label=_("Paid on"))
    reference = forms.CharField(label=_("Payment reference"), max_length=100)
    paid_currency = forms.ChoiceField(
        label=_("Currency paid"),
        choices=[("", _("The award's"))] + Currency.choices,
        required=False,
    )
    exchange_rate = forms.CharField(
        label=_("Exchange rate of the day"),
        required=False,
        max_length=30,
        help_text=_("Units of the currency paid for one unit of the award's currency."),
    )
    rate_source = forms.ChoiceField(
        label=_("Source of the rate"), choices=[("", "—")] + RateSource.choices, required=False
    )


class FollowUpForm(StyledFormMixin, forms.Form):
    """One of: a status change, a progress report, a head count of jobs, a visit."""

    WHAT = [
        ("status", _("Business status")),
        ("progress", _("Progress report")),
        ("jobs", _("Jobs created (head count)")),
        ("visit", _("Mentoring or coaching visit")),
    ]
    what = forms.ChoiceField(label=_("Record"), choices=WHAT)
    date = DateField(label=_("Date"))
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—")] + VentureStatus.choices, required=False
    )
    revenue = forms.CharField(label=_("Revenue"), max_length=30, required=False)
    results = forms.CharField(
        label=_("Results or note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    placement = forms.IntegerField(
        label=_("Placement number"),
        help_text=_(
            "A worker placed by an employment unit: the placement's number. Leave empty for a "
            "head count."
        ),
        min_value=1,
        max_value=2**31,
        required=False,
    )
    count = forms.IntegerField(label=_("Workers"), min_value=1, max_value=10000, required=False)
    sex = forms.ChoiceField(
        label=_("Sex"),
        choices=[("", "—"), ("female", _("Female")), ("male", _("Male"))],
        required=False,
    )
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        choices=[
            ("", "—"),
            ("JO", _("Jordanian")),
            ("SY", _("Syrian")),
            ("LB", _("Lebanese")),
            ("IQ", _("Iraqi")),
        ],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind of visit"), choices=[("", "—")] + VisitKind.choices, required=False
    )
    mentor = forms.CharField(label=_("Mentor"), max_length=200, required=False)
    topics = forms.CharField(label=_("Topics"), max_length=4000, required=False)
    follow_up_actions = forms.CharField(
        label=_("Follow-up actions"), max_length=4000, required=False
    )
