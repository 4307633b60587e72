"""Forms of the person registry. They parse input and call services; service errors land on
the fields they name (run_service)."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import Organisation, User
from taawon.accounts.queries import owner_choices
from taawon.core.exceptions import ValidationFailed
from taawon.core.fields import DateField
from taawon.core.forms import StyledFormMixin, run_service
from taawon.geo.countries import country_choices
from taawon.geo.models import District
from taawon.geo.queries import countries_of, districts_of, governorate_choices

from . import services, validation
from .models import (
    Consent,
    Difficulty,
    DisplacementStatus,
    EducationLevel,
    Person,
    PersonIdentifier,
    Sex,
)

ARABIC = {"dir": "rtl", "lang": "ar", "autocomplete": "off"}
LATIN = {"dir": "ltr", "lang": "en", "autocomplete": "off"}
NAME_PARTS = ("given", "father", "grandfather", "family")
# Service error keys ("identifiers.national_id") to form field names.
IDENTIFIER_FIELDS = {
    validation.identifier_field(kind): f"identifier_{kind}" for kind in validation.IDENTIFIER_KINDS
}


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


class PersonForm(StyledFormMixin, forms.Form):
    """Register or edit a person; names in both scripts side by side."""

    given_name_ar = forms.CharField(label=_("Given name"), required=False, max_length=100)
    father_name_ar = forms.CharField(label=_("Father's name"), required=False, max_length=100)
    grandfather_name_ar = forms.CharField(
        label=_("Grandfather's name"), required=False, max_length=100
    )
    family_name_ar = forms.CharField(label=_("Family name"), required=False, max_length=100)
    given_name_en = forms.CharField(label=_("Given name"), required=False, max_length=100)
    father_name_en = forms.CharField(label=_("Father's name"), required=False, max_length=100)
    grandfather_name_en = forms.CharField(
        label=_("Grandfather's name"), required=False, max_length=100
    )
    family_name_en = forms.CharField(label=_("Family name"), required=False, max_length=100)
    sex = forms.ChoiceField(label=_("Sex"), choices=_blank(_("— choose —")) + Sex.choices)
    date_of_birth = DateField(label=_("Date of birth"), required=False)
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        help_text=_("When the date of birth is not known."),
    )
    birth_year_estimated = forms.BooleanField(label=_("The year is an estimate"), required=False)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    displacement_status = forms.ChoiceField(
        label=_("Displacement status"),
        choices=_blank(_("— choose —")) + DisplacementStatus.choices,
    )
    governorate = forms.TypedChoiceField(
        label=_("Governorate"), coerce=int, empty_value=None, required=False
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("— district —"),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "dir": "ltr", "inputmode": "tel"}),
    )
    education_level = forms.ChoiceField(
        label=_("Education level"),
        required=False,
        choices=_blank(_("—")) + EducationLevel.choices,
    )

    def __init__(self, *args, user: User, person: Person | None = None, **kwargs) -> None:
        self.user = user
        self.person = person
        if person is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(person, name) for name in validation.PERSON_FIELDS}
            kwargs["initial"].update(governorate=person.governorate_id, district=person.district_id)
        super().__init__(*args, **kwargs)
        for part in NAME_PARTS:
            self.fields[f"{part}_name_ar"].widget.attrs.update(ARABIC)
            self.fields[f"{part}_name_en"].widget.attrs.update(LATIN)
        self.fields["nationality"].choices = _blank(_("—")) + country_choices()
        for name in validation.WG_FIELDS:
            self.fields[name] = forms.TypedChoiceField(
                label=Person._meta.get_field(name).verbose_name.capitalize(),
                choices=_blank(_("— not asked —")) + Difficulty.choices,
                coerce=int,
                empty_value=None,
                required=False,
            )
        self._setup_places()
        self._setup_identifiers()
        self._setup_owner()
        self._style_added_fields()

    def _style_added_fields(self) -> None:
        # StyledFormMixin styled the declared fields; these were added per request.
        for field in self.fields.values():
            css = field.widget.attrs.get("class", "")
            if "form-" not in css:
                base = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs["class"] = f"{css} {base}".strip()

    def _setup_places(self) -> None:
        self.fields["governorate"].choices = _blank(_("—")) + governorate_choices(
            countries=countries_of(self.user)
        )
        governorate = self["governorate"].value()
        self.fields["district"].queryset = districts_of(governorate)
        self.fields["governorate"].widget.attrs.update(
            {
                "hx-get": reverse("geo:district_options"),
                "hx-target": f"#{self['district'].id_for_label}",
                "hx-trigger": "change",
                "hx-swap": "innerHTML",
            }
        )

    def _setup_identifiers(self) -> None:
        kept = {i.kind for i in self.person.identifiers.all()} if self.person else set()
        for kind, label in PersonIdentifier.Kind.choices:
            self.fields[f"identifier_{kind}"] = forms.CharField(
                label=label,
                required=False,
                max_length=60,
                help_text=_("Recorded. Leave empty to keep it, or type a new number.")
                if kind in kept
                else "",
                widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
            )

    def _setup_owner(self) -> None:
        if self.person is not None:
            return
        choices = owner_choices(self.user, "people")
        if len(choices) > 1:
            self.fields["owner"] = forms.ModelChoiceField(
                label=_("Registering organisation"), queryset=choices
            )

    # -- groups for the template
    def name_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"{p}_name_ar"], self[f"{p}_name_en"]) for p in NAME_PARTS]

    def identifier_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("identifier_")]

    def wg_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in validation.WG_FIELDS]

    def detail_fields(self) -> list[forms.BoundField]:
        names = [
            "sex",
            "date_of_birth",
            "birth_year",
            "birth_year_estimated",
            "nationality",
            "displacement_status",
            "phone",
            "education_level",
        ]
        return [self[name] for name in names]

    # -- calling the services
    def _run(self, service, **kwargs):
        # Conflicts (possible duplicates, a changed record) pass to the view, which shows them.
        return run_service(
            self, service, shown=ValidationFailed, fields=IDENTIFIER_FIELDS, **kwargs
        )

    def _data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in validation.PERSON_FIELDS}

    def _identifiers(self) -> dict[str, str]:
        return {
            kind: value
            for kind in validation.IDENTIFIER_KINDS
            if (value := self.cleaned_data.get(f"identifier_{kind}"))
        }

    def registering_organisation(self) -> Organisation | None:
        if "owner" in self.fields:
            return self.cleaned_data.get("owner")
        return owner_choices(self.user, "people").first()

    def check_duplicates(self) -> list[services.Candidate] | None:
        """The candidates for the person on the form, or None with errors on the form."""
        return self._run(
            services.check_duplicates,
            owner=self.registering_organisation(),
            data=self._data(),
            identifiers=self._identifiers(),
            user=self.user,
        )

    def register(self, *, duplicate_decision: str | None = None) -> Person | None:
        """The registered person, or None with errors on the form.

        `PossibleDuplicates` passes through: the view shows the candidates.
        """
        return self._run(
            services.register_person,
            owner=self.registering_organisation(),
            data=self._data(),
            identifiers=self._identifiers(),
            registered_by=self.user,
            duplicate_decision=duplicate_decision,
        )

    def update(self) -> Person | None:
        return self._run(
            services.update_person,
            person=self.person,
            data=self._data(),
            identifiers=self._identifiers(),
            updated_by=self.user,
        )


class DuplicateDecisionForm(forms.Form):
    """The answer to the duplicate prompt: a new person, or the same as one candidate."""

    decision = forms.ChoiceField(choices=[("new", "new"), ("same", "same")], required=False)
    same_as = forms.IntegerField(required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("same_as"):
            data["decision"] = "same"
        return data


class ConsentForm(StyledFormMixin, forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices)
    given = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("Consent given")), ("no", _("Consent refused"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    date = DateField(label=_("Date"))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, person: Person, user: User, **kwargs) -> None:
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.person = person
        self.user = user
        self.fields["given"].widget.attrs["class"] = "form-check-input"

    def save(self) -> Consent | None:
        return run_service(
            self,
            services.record_consent,
            shown=ValidationFailed,
            person=self.person,
            purpose=self.cleaned_data["purpose"],
            given=self.cleaned_data["given"],
            date=self.cleaned_data["date"],
            note=self.cleaned_data["note"],
            recorded_by=self.user,
        )


class PersonFilterForm(StyledFormMixin, forms.Form):
    """The list's search box and filters (GET)."""

    ALL = "all"

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    governorate = forms.TypedChoiceField(
        label=_("Governorate"), coerce=int, empty_value=None, required=False
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=_blank(_("Any sex")) + Sex.choices
    )
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    displacement_status = forms.ChoiceField(
        label=_("Displacement status"),
        required=False,
        choices=_blank(_("Any status")) + DisplacementStatus.choices,
    )
    status = forms.ChoiceField(
        label=_("Record"),
        required=False,
        choices=[*Person.Status.choices, (ALL, _("All records"))],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = _blank(_("Any nationality")) + country_choices()
        self.fields["governorate"].choices = _blank(_("All governorates")) + governorate_choices()
        # Live search: the rows follow the typing, after a pause (slow lines).
        self.fields["q"].widget.attrs.update(
            {
                "hx-get": reverse("people:person_list"),
                "hx-trigger": "input changed delay:400ms, search",
                "hx-target": "#rows",
                "hx-include": "closest form",
                "hx-push-url": "true",
                "hx-sync": "closest form:replace",
                "hx-indicator": "#searching",
            }
        )

    def filters(self) -> dict:
        """Keyword arguments for queries.person_list; invalid filters are ignored."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or Person.Status.ACTIVE
        return {
            "q": data.get("q", ""),
            "governorate": data.get("governorate"),
            "sex": data.get("sex") or None,
            "nationality": data.get("nationality") or None,
            "displacement_status": data.get("displacement_status") or None,
            "status": None if status == self.ALL else status,
        }
