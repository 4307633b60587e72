"""Forms of data requests and agreements; each runs its service (core.forms.run_service)."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taawon.accounts.queries import owner_choices
from taawon.core.fields import DateField
from taawon.core.forms import StyledFormMixin
from taawon.people.models import Person

from . import rules
from .models import IdentityCheck, Language, SharingAgreement


def _field_choices() -> list[tuple[str, str]]:
    return [
        (name, str(Person._meta.get_field(name).verbose_name).capitalize())
        for name in rules.CORRECTABLE_FIELDS
    ]


class AccessRequestForm(StyledFormMixin, forms.Form):
    identity_check = forms.ChoiceField(
        label=_("How was the person's identity checked?"), choices=IdentityCheck.choices
    )
    identity_note = forms.CharField(label=_("Note"), required=False, max_length=200)
    language = forms.ChoiceField(label=_("Language of the copy"), choices=Language.choices)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"language": "ar" if get_language() == "ar" else "en"})
        super().__init__(*args, **kwargs)


class CorrectionRequestForm(StyledFormMixin, forms.Form):
    field = forms.ChoiceField(label=_("What is wrong"), choices=_field_choices)
    requested_value = forms.CharField(
        label=_("What it should be"),
        max_length=200,
        help_text=_("Dates as YYYY-MM-DD; phone numbers as the person gives them."),
    )
    statement = forms.CharField(
        label=_("What the person says"), required=False, max_length=500, widget=forms.Textarea
    )
    identity_check = forms.ChoiceField(
        label=_("How was the person's identity checked?"), choices=IdentityCheck.choices
    )


class RefusalForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for refusal"), max_length=500, widget=forms.Textarea)


class ConsentChangeForm(forms.Form):
    purpose = forms.CharField(max_length=20)
    given = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")], coerce=lambda value: value == "yes"
    )


class AgreementForm(StyledFormMixin, forms.Form):
    owner = forms.TypedChoiceField(label=_("Owning organisation"), coerce=int)
    partner = forms.CharField(label=_("Partner organisation"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), max_length=500, widget=forms.Textarea)
    fields_shared = forms.CharField(
        label=_("Fields shared"),
        max_length=500,
        help_text=_("For example: names, phone, sex, year of birth, governorate."),
    )
    starts_on = DateField(label=_("Starts on"))
    ends_on = DateField(label=_("Ends on"))
    document_reference = forms.CharField(label=_("Signed document reference"), max_length=200)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (org.pk, org.display_name)
            for org in owner_choices(user, rules.DOMAIN)
            if rules.may_record_agreement_for(user, org.pk)
        ]
        self.fields["owner"].choices = choices
        if len(choices) == 1:
            self.fields["owner"].initial = choices[0][0]


class PartnerExportForm(StyledFormMixin, forms.Form):
    agreement = forms.TypedChoiceField(
        label=_("Data-sharing agreement"), coerce=int, required=False, empty_value=None
    )
    list_name = forms.ChoiceField(label=_("List"))
    format = forms.ChoiceField(label=_("Format"), choices=[("xlsx", "XLSX"), ("csv", "CSV")])

    def __init__(self, *args, agreements, lists, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].choices = [("", "—")] + [
            (a.pk, f"{a.partner} ({a.document_reference})") for a in agreements
        ]
        self.fields["list_name"].choices = [(e.name, e.title) for e in lists]
        self.agreements = {a.pk: a for a in agreements}

    def chosen_agreement(self) -> SharingAgreement | None:
        return self.agreements.get(self.cleaned_data.get("agreement"))
