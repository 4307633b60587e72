"""Widgets, fields and mixins the employment forms share, and the unit indicators page's
filter. Forms parse input; the services validate it and decide.

Every date of an employment form is `DateField`, core's one date reader (dd/mm/yyyy or ISO,
Arabic-Indic digits too): it is imported from here, so the employment forms name it once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import Organisation, User
from taawon.core.fields import DateField
from taawon.core.forms import StyledFormMixin
from taawon.core.pickers import SearchSelect
from taawon.geo import forms as geo_forms
from taawon.geo import queries as geo_queries
from taawon.geo.models import Governorate
from taawon.occupations.models import Occupation
from taawon.occupations.queries import unit_groups

from .. import rules
from . import aggregates, periods


class ChipCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes laid out inline, labelled as a group."""

    template_name = "employment/widgets/checkboxes.html"
    # includes/form_fields.html lays out input type "checkbox" as a single checkbox with its
    # label after it; a group takes its label above, like any other field.
    input_type = "checkbox-group"
    group_label = ""

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["group_label"] = self.group_label
        return context


class AnswerRadios(ChipCheckboxes):
    template_name = "employment/widgets/answer_radios.html"
    input_type = "radio-group"
    allow_multiple_selected = False


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.display_name


class UserChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


def blank(label: str) -> list[tuple[str, str]]:
    return [("", label)]


def money_field(label: str, *, required: bool = True) -> forms.CharField:
    """Amounts are parsed by the service, which says what is wrong with "fifteen"."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )


def text_area(label: str, *, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


def occupation_choices(empty_label: str) -> list:
    """Unit groups under their major group, by code, in the reader's language."""
    majors = {o.code: o.display_title for o in Occupation.objects.filter(level=1)}
    groups: dict[str, list[tuple[str, str]]] = {code: [] for code in sorted(majors)}
    for unit in unit_groups():
        groups[unit.code[0]].append((unit.code, f"{unit.code} {unit.display_title}"))
    return blank(empty_label) + [(majors[code], options) for code, options in groups.items()]


class OwnerMixin:
    """An `owner` field for new records, dropped when the user works for one unit only."""

    def setup_owner(self, user: User, *, new: bool) -> None:
        self.only_owner: Organisation | None = None
        # Places of the user's own country only (others when their organisations span more).
        for field in self.fields.values():
            if getattr(field, "queryset", None) is not None and field.queryset.model is Governorate:
                geo_forms.offer_countries(field, geo_queries.countries_of(user))
        if not new:
            del self.fields["owner"]
            return
        units = list(rules.unit_choices(user))
        if len(units) == 1:
            self.only_owner = units[0]
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = rules.unit_choices(user)

    def owner(self) -> Organisation | None:
        return self.only_owner or self.cleaned_data.get("owner")


def owner_field() -> OrganisationChoiceField:
    return OrganisationChoiceField(
        label=_("Employment unit"),
        queryset=Organisation.objects.none(),
        empty_label=_("— employment unit —"),
    )


class PlacesMixin:
    """Governorate and district pickers; htmx offers the chosen governorate's districts."""

    def setup_places(self, country: str | None) -> None:
        if country:
            self.fields["governorate"].queryset = geo_queries.governorates(country)
        self.fields["governorate"].widget.attrs.update(
            {
                "hx-get": reverse("geo:district_options"),
                "hx-target": f"#{self.auto_id % 'district'}" if self.auto_id else "#id_district",
                "hx-trigger": "change",
            }
        )
        governorate = self["governorate"].value()
        self.fields["district"].queryset = geo_queries.districts_of(
            getattr(governorate, "pk", governorate)
        )


def governorate_field(*, required: bool = True) -> forms.ModelChoiceField:
    return geo_forms.GovernorateChoiceField(
        label=_("Governorate"),
        queryset=geo_queries.governorates(),
        required=required,
        empty_label=_("— governorate —"),
        widget=SearchSelect("geo:governorate_search", placeholder=_("Type a governorate")),
    )


def occupation_picker() -> SearchSelect:
    """The occupation <select> with a search by English or Arabic title or ISCO code."""
    return SearchSelect(
        "occupations:occupation_search", placeholder=_("Type an occupation or an ISCO code")
    )


def district_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("District"),
        queryset=geo_queries.districts_of(None),
        required=False,
        empty_label=_("— district —"),
    )


def coordinate_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )


class Form(StyledFormMixin, forms.Form):
    """The base of every employment form."""


class IndicatorFilterForm(Form):
    """The unit and period of the indicators page. Without dates it opens on the latest
    quarter with something to count (aggregates.default_period), shown in the date fields;
    with one date only, that date's quarter completes the period."""

    unit = OrganisationChoiceField(
        label=_("Employment unit"), queryset=None, required=False, empty_label=_("All units")
    )
    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("To"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = aggregates.indicator_units(user)
        if aggregates.aggregate_only(user):
            # A donor's figures are its country's units together (nothing finer is published).
            del self.fields["unit"]
        if not self.is_bound:
            self.initial["start"], self.initial["end"] = aggregates.default_period(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period is before its start."))
        return data

    def filters(self) -> dict[str, Any]:
        if not self.is_bound:
            return {"unit_id": None, "start": self.initial["start"], "end": self.initial["end"]}
        data = self.cleaned_data if self.is_valid() else {}
        unit_id = data["unit"].pk if data.get("unit") else None
        period = periods.completed(data.get("start"), data.get("end"))
        start, end = period or aggregates.default_period(self.user)
        return {"unit_id": unit_id, "start": start, "end": end}
