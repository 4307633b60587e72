"""Forms of the registry UI. They parse input; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import Organisation, User
from taawon.accounts.queries import owner_choices
from taawon.core.fields import DateField
from taawon.core.forms import OneRowPerNationalityFormSet, StyledFormMixin
from taawon.geo import queries as geo_queries
from taawon.geo.countries import country_choices

from . import queries
from .models import Cooperative, CooperativeStatus, CooperativeType, Sex


class ChipCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes laid out as Bootstrap inline form-checks."""

    template_name = "cooperatives/widgets/checkboxes.html"
    # includes/form_fields.html lays out a widget of input type "checkbox" as one checkbox
    # with its label after it; a group takes its label above, like any other field.
    input_type = "checkbox-group"
    group_label = ""

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["group_label"] = self.group_label
        return context


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.display_name


def _blank(label: str) -> list[tuple[str, str]]:
    return [("", label)]


class CooperativeFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(
            attrs={"placeholder": _("Name in Arabic or English, or registration number")}
        ),
    )
    governorate = forms.ModelChoiceField(
        label=_("Governorate"),
        queryset=geo_queries.governorates(),
        required=False,
        empty_label=_("All governorates"),
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=_blank(_("All types")) + CooperativeType.choices
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=_blank(_("All statuses")) + CooperativeStatus.choices,
    )
    value_chain = forms.ModelChoiceField(
        label=_("Value chain"),
        queryset=queries.value_chains(),
        to_field_name="code",
        required=False,
        empty_label=_("All value chains"),
    )

    def __init__(self, *args: Any, countries: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if countries is not None:
            self.fields["governorate"].queryset = geo_queries.governorates().filter(
                country__in=countries
            )

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for queries.cooperative_list; an invalid filter is ignored."""
        data = self.cleaned_data if self.is_valid() else {}
        governorate = data.get("governorate")
        value_chain = data.get("value_chain")
        return {
            "q": data.get("q", ""),
            "governorate": governorate.pk if governorate else None,
            "type": data.get("type", ""),
            "status": data.get("status", ""),
            "value_chain": value_chain.code if value_chain else "",
        }


class CooperativeForm(StyledFormMixin, forms.Form):
    owner = OrganisationChoiceField(
        label=_("Owning organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("Who keeps this registry entry up to date."),
        empty_label=_("— organisation —"),
    )
    registration_number = forms.CharField(label=_("Registration number"), max_length=50)
    name_ar = forms.CharField(
        label=_("Name in Arabic"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
    )
    type = forms.ChoiceField(label=_("Type"), choices=CooperativeType.choices)
    status = forms.ChoiceField(
        label=_("Status"), choices=CooperativeStatus.choices, initial=CooperativeStatus.ACTIVE
    )
    value_chains = forms.ModelMultipleChoiceField(
        label=_("Value chains"),
        queryset=queries.value_chains(),
        to_field_name="code",
        required=False,
        widget=ChipCheckboxes,
    )
    governorate = forms.ModelChoiceField(
        label=_("Governorate"),
        queryset=geo_queries.governorates(),
        empty_label=_("— governorate —"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=geo_queries.districts_of(None),
        required=False,
        empty_label=_("— district —"),
    )
    founding_date = DateField(label=_("Founding date"), required=False)
    contact_person = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "dir": "ltr", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("Email"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"dir": "ltr"}),
    )
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, user: User, cooperative: Cooperative | None = None, **kwargs: Any
    ) -> None:
        if cooperative is not None:
            kwargs.setdefault("initial", initial_of(cooperative))
        super().__init__(*args, **kwargs)
        self.cooperative = cooperative
        # With a single organisation to register for there is nothing to choose.
        self.only_owner: Organisation | None = None
        if cooperative is None:
            owners = list(owner_choices(user, "cooperatives"))
            countries = sorted({owner.country for owner in owners})
            if len(owners) == 1:
                self.only_owner = owners[0]
                del self.fields["owner"]
            else:
                self.fields["owner"].queryset = owner_choices(user, "cooperatives")
        else:
            del self.fields["owner"]
            countries = [cooperative.country]
        self.fields["governorate"].queryset = geo_queries.governorates().filter(
            country__in=countries
        )
        self.fields["governorate"].widget.attrs.update(
            {
                "hx-get": reverse("geo:district_options"),
                "hx-target": "#id_district",
                "hx-trigger": "change",
            }
        )
        # Only the districts of the chosen governorate are offered (and accepted); htmx
        # refreshes them when the governorate changes.
        governorate = self["governorate"].value()
        self.fields["district"].queryset = geo_queries.districts_of(
            getattr(governorate, "pk", governorate)
        )
        self.fields["value_chains"].widget.group_label = self.fields["value_chains"].label

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned values as register_cooperative/update_cooperative take them."""
        data = dict(self.cleaned_data)
        if self.only_owner is not None:
            data["owner"] = self.only_owner
        data["value_chains"] = [chain.code for chain in data["value_chains"]]
        return data


def initial_of(cooperative: Cooperative) -> dict[str, Any]:
    return {
        "registration_number": cooperative.registration_number,
        "name_ar": cooperative.name_ar,
        "name_en": cooperative.name_en,
        "type": cooperative.type,
        "status": cooperative.status,
        "value_chains": [chain.code for chain in cooperative.value_chains.all()],
        "governorate": cooperative.governorate_id,
        "district": cooperative.district_id,
        "founding_date": cooperative.founding_date,
        "contact_person": cooperative.contact_person,
        "phone": cooperative.phone,
        "email": cooperative.email,
        "address": cooperative.address,
    }


class MemberCountsForm(StyledFormMixin, forms.Form):
    as_of = DateField(label=_("Counted on"))


class MemberRowForm(StyledFormMixin, forms.Form):
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    women = forms.IntegerField(
        label=_("Women"), required=False, min_value=0, widget=forms.NumberInput(attrs={"min": 0})
    )
    men = forms.IntegerField(
        label=_("Men"), required=False, min_value=0, widget=forms.NumberInput(attrs={"min": 0})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = _blank(_("— nationality —")) + country_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_numbers = data.get("women") is not None or data.get("men") is not None
        if has_numbers and not data.get("nationality"):
            self.add_error("nationality", _("Choose the nationality of these members."))
        return data


MemberRowFormSet = forms.formset_factory(
    MemberRowForm, formset=OneRowPerNationalityFormSet, extra=3, max_num=60
)


def member_rows_initial(counts: dict[tuple[str, str], int]) -> list[dict[str, Any]]:
    """Formset rows (one per nationality) from set_member_counts-shaped counts."""
    rows: dict[str, dict[str, Any]] = {}
    for (sex, nationality), count in sorted(counts.items(), key=lambda item: item[0][1]):
        row = rows.setdefault(nationality, {"nationality": nationality})
        row["women" if sex == Sex.FEMALE else "men"] = count
    return list(rows.values()) or [{"nationality": "JO"}, {"nationality": "SY"}]


def counts_from_rows(formset: forms.BaseFormSet) -> dict[tuple[str, str], int]:
    """Counts as set_member_counts takes them: blank rows and blank cells are left out."""
    counts: dict[tuple[str, str], int] = {}
    for data in formset.cleaned_data:
        nationality = data.get("nationality")
        if not nationality:
            continue
        for sex, name in ((Sex.FEMALE, "women"), (Sex.MALE, "men")):
            if data.get(name) is not None:
                counts[(str(sex), nationality)] = data[name]
    return counts


class EmploymentUnitForm(StyledFormMixin, forms.Form):
    name_en = forms.CharField(
        label=_("Name in English"), max_length=200, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    name_ar = forms.CharField(
        label=_("Name in Arabic"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )
