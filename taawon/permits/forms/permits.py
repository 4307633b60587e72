"""Forms of a permit's life and of its lists. Forms parse input; the services check the rules
and their field errors land back on these fields (the names match)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import Organisation, User
from taawon.accounts.queries import owner_choices
from taawon.cooperatives.models import Cooperative
from taawon.core.fields import DateField
from taawon.core.forms import LockReasonMixin, StyledFormMixin

from .. import documents, queries, rules
from ..models import MessageLanguage, PermitKind, PermitStatus, Sector

EXPIRING_DAYS = (7, 30, 60, 90)
MAX_DAYS = 366


class Form(StyledFormMixin, forms.Form):
    """The base of every permit form."""


def date_field(label: str, *, required: bool = False, help_text: str = "") -> DateField:
    return DateField(label=label, required=required, help_text=help_text)


def reference_field() -> forms.CharField:
    return forms.CharField(
        label=_("Ministry reference"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )


def reason_field(label: str) -> forms.CharField:
    return forms.CharField(label=label, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class CooperativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Cooperative) -> str:
        return obj.display_name


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.display_name


class Checklist(forms.CheckboxSelectMultiple):
    """Checkboxes under the field's label (includes/form_fields.html lays out a plain
    "checkbox" input as a single box with its label after it)."""

    template_name = "permits/widgets/checklist.html"
    input_type = "checkbox-group"
    group_label = ""

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["group_label"] = self.group_label
        return context


class DocumentsField(forms.MultipleChoiceField):
    widget = Checklist

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Documents received"))
        kwargs.setdefault("required", False)
        super().__init__(
            choices=[(code, label) for code, label in documents.DOCUMENTS.items()], **kwargs
        )
        self.widget.group_label = str(self.label)


def _blank(label: str) -> list[tuple[str, str]]:
    return [("", label)]


class PermitFilterForm(Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": _("Permit number or holder's name")}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            *_blank(_("All statuses")),
            *PermitStatus.choices,
            (queries.EXPIRED, _("Expired")),
        ],
    )
    cooperative = CooperativeChoiceField(
        label=_("Cooperative"), required=False, queryset=Cooperative.objects.none()
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=_blank(_("All sectors")) + Sector.choices
    )
    expiring = forms.TypedChoiceField(
        label=_("Expiring"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            *_blank(_("Any expiry date")),
            *((days, _("Within %(days)s days") % {"days": days}) for days in EXPIRING_DAYS),
        ],
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cooperative"]
        field.queryset = queries.cooperatives_for_permits(user)
        field.empty_label = _("All cooperatives")

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        cooperative = data.get("cooperative")
        return {
            "q": data.get("q", ""),
            "status": data.get("status", ""),
            "sector": data.get("sector", ""),
            "cooperative": cooperative.pk if cooperative else None,
        }

    def expiring_within(self) -> int | None:
        return self.cleaned_data.get("expiring") if self.is_valid() else None


class ApplicationForm(Form):
    cooperative = CooperativeChoiceField(
        label=_("Cooperative"), queryset=Cooperative.objects.none()
    )
    owner = OrganisationChoiceField(
        label=_("Handled by"),
        required=False,
        queryset=Organisation.objects.none(),
        help_text=_("The cooperative or one of its employment units; left empty, your own."),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    kind = forms.ChoiceField(
        label=_("Kind of permit"), choices=PermitKind.choices, initial=PermitKind.FLEXIBLE
    )
    employer_name = forms.CharField(
        label=_("Employer"),
        required=False,
        max_length=200,
        help_text=_("For an employer-specific permit."),
    )
    language = forms.ChoiceField(
        label=_("Language for messages"),
        choices=MessageLanguage.choices,
        initial=MessageLanguage.ARABIC,
        help_text=_("Reminders to the holder are written in this language."),
    )
    applied_on = date_field(_("Application date"), help_text=_("Left empty: today."))
    documents = DocumentsField()

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["cooperative"].queryset = queries.cooperatives_for_permits(user)
        self.fields["owner"].queryset = (
            owner_choices(user, rules.DOMAIN)
            .filter(kind__in=(Organisation.Kind.COOPERATIVE, Organisation.Kind.EMPLOYMENT_UNIT))
            .order_by("name_en")
        )
        self.fields["owner"].empty_label = _("Your own organisation")

    def service_kwargs(self, *, person) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        cooperative = data["cooperative"]
        owner = data.pop("owner") or default_owner(self.user, cooperative, person)
        return {
            "cooperative": cooperative,
            "owner": owner,
            "sector": data["sector"],
            "kind": data["kind"],
            "employer_name": data["employer_name"],
            "language": data["language"],
            "applied_on": data["applied_on"],
            "documents_received": data["documents"],
        }


def default_owner(user: User, cooperative: Cooperative, person) -> Organisation:
    """Who handles an application when the form leaves it open: the unit that registered the
    person if it may, else the only (or first) organisation of the cooperative in reach."""
    reachable = set(owner_choices(user, rules.DOMAIN).values_list("pk", flat=True))
    choices = [org for org in queries.permit_owners(cooperative) if org.pk in reachable]
    for organisation in choices:
        if organisation.pk == person.owner_id:
            return organisation
    if choices:
        return choices[0]
    # Out of reach: the service says so on the "owner" field.
    return queries.default_owner(cooperative)


class DocumentsForm(Form):
    documents = DocumentsField()


class SubmitForm(Form):
    submitted_on = date_field(_("Submitted on"), help_text=_("Left empty: today."))
    ministry_reference = reference_field()


class IssueForm(LockReasonMixin, Form):
    permit_number = forms.CharField(
        label=_("Permit number"), max_length=60, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    issued_on = date_field(_("Issue date"), required=True)
    expires_on = date_field(_("Expiry date"), required=True)
    fee_paid = forms.CharField(
        label=_("Fee paid (JOD)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    ministry_reference = reference_field()


class RejectForm(Form):
    rejection_reason = reason_field(_("The ministry's reason"))
    ministry_reference = reference_field()


class RenewForm(Form):
    applied_on = date_field(_("Application date"), help_text=_("Left empty: today."))


class CancelForm(Form):
    cancellation_reason = reason_field(_("Reason for cancellation"))
    cancelled_on = date_field(_("Cancelled on"), help_text=_("Left empty: today."))


class ExpiringForm(Form):
    days = forms.IntegerField(
        label=_("Expiring within (days)"), min_value=1, max_value=MAX_DAYS, initial=30
    )
    cooperative = CooperativeChoiceField(
        label=_("Cooperative"), required=False, queryset=Cooperative.objects.none()
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cooperative"]
        field.queryset = queries.cooperatives_for_permits(user)
        field.empty_label = _("All cooperatives")

    def values(self) -> tuple[int, Cooperative | None]:
        if not self.is_bound:
            return 30, None
        if not self.is_valid():
            return 30, None
        return self.cleaned_data["days"], self.cleaned_data.get("cooperative")


class ReportForm(Form):
    start = date_field(_("From"), required=True)
    end = date_field(_("To"), required=True)
    national_total = forms.IntegerField(
        label=_("National total of permits for Syrians in the period"),
        required=False,
        min_value=1,
        max_value=100_000_000,
        help_text=_("The ministry's figure, to show the cooperatives' share of it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period is before its start."))
        return data

    @staticmethod
    def default_period(today: datetime.date | None = None) -> dict[str, datetime.date]:
        today = today or timezone.localdate()
        return {"start": today.replace(month=1, day=1), "end": today}
