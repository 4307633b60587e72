"""Forms for employers, their workplaces and farm visits."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import User
from taawon.core.forms import LockReasonMixin

from ..unit import access, reference
from ..unit.forms import (
    AnswerRadios,
    ChipCheckboxes,
    DateField,
    Form,
    OwnerMixin,
    PlacesMixin,
    UserChoices,
    blank,
    coordinate_field,
    district_field,
    governorate_field,
    owner_field,
    text_area,
)
from . import queries
from .models import Employer, FarmVisit, Workplace


class EmployerFilterForm(Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": _("Name or owner's name")}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=blank(_("Farms and businesses")) + Employer.Kind.choices,
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    governorate = governorate_field(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = blank(_("All sectors")) + reference.isic_choices()
        self.fields["governorate"].empty_label = _("All governorates")

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for queries.employer_list; an invalid filter is ignored."""
        data = self.cleaned_data if self.is_valid() else {}
        governorate = data.get("governorate")
        return {
            "q": data.get("q", ""),
            "kind": data.get("kind", ""),
            "sector": data.get("sector", ""),
            "governorate": governorate.pk if governorate else None,
        }


class EmployerForm(OwnerMixin, PlacesMixin, Form):
    owner = owner_field()
    kind = forms.ChoiceField(label=_("Kind"), choices=Employer.Kind.choices)
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
    owner_name = forms.CharField(label=_("Owner's name"), max_length=200, required=False)
    sector = forms.ChoiceField(label=_("Sector (ISIC Rev.4)"))
    size = forms.ChoiceField(
        label=_("Size"), required=False, choices=blank(_("— size —")) + Employer.Size.choices
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "dir": "ltr", "autocomplete": "off"}),
    )
    governorate = governorate_field()
    district = district_field()
    latitude = coordinate_field(_("Latitude"))
    longitude = coordinate_field(_("Longitude"))
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    notes = text_area(_("Notes"))

    def __init__(
        self, *args: Any, user: User, employer: Employer | None = None, **kwargs: Any
    ) -> None:
        if employer is not None:
            kwargs.setdefault(
                "initial",
                {
                    name: getattr(employer, name)
                    for name in ("kind", "name_ar", "name_en", "owner_name", "sector", "size")
                    + ("contact_name", "phone", "latitude", "longitude", "address", "notes")
                }
                | {"governorate": employer.governorate_id, "district": employer.district_id},
            )
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = blank(_("— sector —")) + reference.isic_choices()
        self.fields["sector"].initial = self.fields["sector"].initial or "A"
        self.setup_owner(user, new=employer is None)
        country = (
            employer.owner.country if employer else (self.only_owner and self.only_owner.country)
        )
        self.setup_places(country or None)
        self.fields["latitude"].help_text = _("Optional, in decimal degrees, e.g. 32.34151")

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if "owner" in self.fields or self.only_owner is not None:
            data["owner"] = self.owner()
        return data


class WorkplaceForm(PlacesMixin, Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example “North field”, “Greenhouses by the road”, “Packing house”."),
    )
    governorate = governorate_field(required=False)
    district = district_field()
    latitude = coordinate_field(_("Latitude"))
    longitude = coordinate_field(_("Longitude"))
    address = forms.CharField(label=_("Address or directions"), max_length=300, required=False)

    def __init__(
        self, *args: Any, employer: Employer, workplace: Workplace | None = None, **kwargs: Any
    ) -> None:
        if workplace is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": workplace.name,
                    "governorate": workplace.governorate_id,
                    "district": workplace.district_id,
                    "latitude": workplace.latitude,
                    "longitude": workplace.longitude,
                    "address": workplace.address,
                },
            )
        else:
            kwargs.setdefault("initial", {"governorate": employer.governorate_id})
        super().__init__(*args, **kwargs)
        self.setup_places(employer.owner.country)


class FarmVisitForm(LockReasonMixin, Form):
    """A visit with one yes/no/not applicable question per OSH checklist item."""

    date = DateField(label=_("Date of the visit"))
    purpose = forms.ChoiceField(label=_("Purpose"), choices=FarmVisit.Purpose.choices)
    workplace = forms.ModelChoiceField(
        label=_("Workplace"),
        queryset=Workplace.objects.none(),
        required=False,
        empty_label=_("— the employer as a whole —"),
    )
    staff = UserChoices(
        label=_("Staff who visited"), queryset=User.objects.none(), widget=ChipCheckboxes
    )
    findings = text_area(_("Findings"), rows=4)
    next_steps = text_area(_("Agreed next steps"))

    ANSWERS = [
        ("yes", _("Yes")),
        ("no", _("No")),
        ("na", _("Not applicable")),
    ]

    def __init__(
        self,
        *args: Any,
        employer: Employer,
        user: User,
        visit: FarmVisit | None = None,
        **kwargs: Any,
    ) -> None:
        initial = kwargs.setdefault("initial", {})
        if visit is not None:
            initial.update(
                date=visit.date,
                purpose=visit.purpose,
                workplace=visit.workplace_id,
                staff=[u.pk for u in visit.staff.all()],
                findings=visit.findings,
                next_steps=visit.next_steps,
            )
            initial.update({f"osh_{code}": answer for code, answer in visit.osh_checklist.items()})
        else:
            initial.setdefault("staff", [user.pk])
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = queries.workplaces_of(employer)
        self.fields["staff"].queryset = access.staff_choices(employer.owner_id, user)
        self.fields["staff"].widget.group_label = self.fields["staff"].label
        for item in reference.OSH_CHECKLIST:
            field = forms.ChoiceField(
                label=item.display_name, choices=self.ANSWERS, required=False, widget=AnswerRadios
            )
            field.widget.group_label = item.display_name
            self.fields[f"osh_{item.code}"] = field

    def osh_fields(self) -> list[forms.BoundField]:
        return [self[f"osh_{code}"] for code in reference.OSH_CODES]

    def main_fields(self) -> list[forms.BoundField]:
        return [field for field in self.visible_fields() if not field.name.startswith("osh_")]

    def service_kwargs(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("osh_")}
        data["staff"] = list(data["staff"])
        data["osh_checklist"] = {
            code: self.cleaned_data.get(f"osh_{code}") or "" for code in reference.OSH_CODES
        }
        return data
