"""Forms of the complaints pages: recording one in person, a step of its handling, the public
form and status lookup, the focal points, and the list's filters."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import Organisation, User
from taawon.core.forms import StyledFormMixin
from taawon.employment.employers import queries as employer_queries

from . import rules
from .models import Category, Channel, ComplainantKind, ComplaintStatus, ReferralService

UNIT = Organisation.Kind.EMPLOYMENT_UNIT


def public_units():
    return Organisation.objects.filter(is_active=True, kind=UNIT).order_by("country", "name_en")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.display_name


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


def _staff_of(units):
    return (
        User.objects.filter(is_active=True, memberships__organisation__in=units)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class ComplaintForm(StyledFormMixin, forms.Form):
    """A complaint recorded in person by a counsellor."""

    owner = UnitChoiceField(label=_("Employment unit"), queryset=Organisation.objects.none())
    complainant_kind = forms.ChoiceField(label=_("Complainant"), choices=ComplainantKind.choices)
    contact_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[c for c in Category.choices if c[0] != Category.OTHER],
    )
    employer = forms.ModelChoiceField(
        label=_("Employer concerned"), queryset=Organisation.objects.none(), required=False
    )
    named_staff = StaffChoiceField(
        label=_("Staff member named"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("The complaint is hidden from the staff member it names."),
    )
    sensitive = forms.BooleanField(
        label=_("Sensitive"),
        required=False,
        help_text=_(
            "Only the unit's focal points and the country office read a sensitive complaint. "
            "Harassment or abuse is always sensitive."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the complainant"),
        choices=[("ar", _("Arabic")), ("en", _("English"))],
    )
    description = forms.CharField(
        label=_("Complaint or feedback"), widget=forms.Textarea(attrs={"rows": 6}), max_length=4000
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = rules.units_for_recording(user)
        self.fields["owner"].queryset = units
        self.fields["employer"].queryset = employer_queries.employer_list(user)
        self.fields["named_staff"].queryset = _staff_of(units)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class StepForm(StyledFormMixin, forms.Form):
    action = forms.ChoiceField(label=_("Step"), choices=())
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    service = forms.ChoiceField(
        label=_("Referred to"),
        choices=[("", "---------"), *ReferralService.choices],
        required=False,
    )
    person_informed = forms.TypedChoiceField(
        label=_("Was the person informed of the outcome?"),
        choices=[("", "---------"), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    satisfaction = forms.IntegerField(
        label=_("Satisfaction (1 to 5), when known"), min_value=1, max_value=5, required=False
    )

    def __init__(self, *args, actions: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(ACTION_LABELS)
        self.fields["action"].choices = [(a, labels[a]) for a in actions]


ACTION_LABELS = (
    (rules.ACKNOWLEDGE, _("Acknowledge")),
    (rules.START, _("Start handling")),
    (rules.REFER, _("Refer to a service")),
    (rules.RESOLVE, _("Mark resolved")),
    (rules.CLOSE, _("Close")),
    (rules.NOTE, _("Add a note")),
)


class PublicComplaintForm(StyledFormMixin, forms.Form):
    """The public form: no account. `website` is a honeypot no person fills in."""

    owner = UnitChoiceField(label=_("Employment unit"), queryset=Organisation.objects.none())
    complainant_kind = forms.ChoiceField(label=_("You are"), choices=ComplainantKind.choices)
    category = forms.ChoiceField(
        label=_("About"), choices=[c for c in Category.choices if c[0] != Category.OTHER]
    )
    description = forms.CharField(
        label=_("Your complaint or feedback"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    contact_phone = forms.CharField(
        label=_("Your phone (optional)"),
        max_length=30,
        required=False,
        help_text=_("Only if you want the unit to call you back."),
    )
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = public_units()
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean(self):
        data = super().clean()
        if data.get("complainant_kind") == ComplainantKind.ANONYMOUS:
            data["contact_name"] = ""
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))


class StatusForm(StyledFormMixin, forms.Form):
    reference = forms.CharField(label=_("Reference number"), max_length=20)
    pin = forms.CharField(label=_("PIN"), max_length=10, widget=forms.PasswordInput)


class FocalPointForm(StyledFormMixin, forms.Form):
    owner = UnitChoiceField(label=_("Employment unit"), queryset=Organisation.objects.none())
    user = StaffChoiceField(label=_("Staff member"), queryset=User.objects.none())

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = rules.units_for_designation(user)
        self.fields["owner"].queryset = units
        self.fields["user"].queryset = (
            User.objects.filter(
                Q(memberships__organisation__in=units)
                | Q(memberships__organisation__children__in=units),
                is_active=True,
                memberships__role__in=rules.HANDLING_ROLES,
            )
            .distinct()
            .order_by("username")
        )


class ComplaintFilterForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), ("open", _("Open")), *ComplaintStatus.choices],
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("Any")), *Category.choices]
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("Any")), *Channel.choices]
    )
    overdue = forms.BooleanField(label=_("Acknowledgement overdue"), required=False)
    q = forms.CharField(label=_("Reference number"), required=False, max_length=20)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}
