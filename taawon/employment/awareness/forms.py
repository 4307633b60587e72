"""Forms for awareness sessions and their head counts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import User
from taawon.core.forms import LockReasonMixin, OneRowPerNationalityFormSet
from taawon.geo.countries import country_choices

from ..unit.forms import (
    DateField,
    Form,
    OwnerMixin,
    PlacesMixin,
    blank,
    district_field,
    governorate_field,
    owner_field,
    text_area,
)
from .models import AwarenessSession


class AwarenessFilterForm(Form):
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        choices=blank(_("All topics")) + AwarenessSession.Topic.choices,
    )
    governorate = governorate_field(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["governorate"].empty_label = _("All governorates")

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        governorate = data.get("governorate")
        return {
            "topic": data.get("topic", ""),
            "governorate": governorate.pk if governorate else None,
        }


class AwarenessForm(LockReasonMixin, OwnerMixin, PlacesMixin, Form):
    owner = owner_field()
    topic = forms.ChoiceField(label=_("Topic"), choices=AwarenessSession.Topic.choices)
    topic_detail = forms.CharField(
        label=_("Topic, in a few words"),
        max_length=200,
        required=False,
        help_text=_("Required when the topic is “Other”."),
    )
    date = DateField(label=_("Date"))
    governorate = governorate_field()
    district = district_field()
    venue = forms.CharField(label=_("Place"), max_length=200)
    facilitator = forms.CharField(label=_("Facilitator"), max_length=200)
    notes = text_area(_("Notes"))

    def __init__(
        self, *args: Any, user: User, session: AwarenessSession | None = None, **kwargs: Any
    ) -> None:
        if session is not None:
            kwargs.setdefault(
                "initial",
                {
                    "topic": session.topic,
                    "topic_detail": session.topic_detail,
                    "date": session.date,
                    "governorate": session.governorate_id,
                    "district": session.district_id,
                    "venue": session.venue,
                    "facilitator": session.facilitator,
                    "notes": session.notes,
                },
            )
        super().__init__(*args, **kwargs)
        self.setup_owner(user, new=session is None)
        country = (
            session.owner.country if session else (self.only_owner and self.only_owner.country)
        )
        self.setup_places(country or None)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if "owner" in self.fields or self.only_owner is not None:
            data["owner"] = self.owner()
        else:
            data.pop("owner", None)
        return data


class HeadCountRowForm(Form):
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    women = forms.IntegerField(
        label=_("Women"), required=False, min_value=0, widget=forms.NumberInput(attrs={"min": 0})
    )
    men = forms.IntegerField(
        label=_("Men"), required=False, min_value=0, widget=forms.NumberInput(attrs={"min": 0})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = blank(_("— nationality —")) + country_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("women") or data.get("men")) and not data.get("nationality"):
            self.add_error("nationality", _("Choose the nationality of these participants."))
        return data


HeadCountFormSet = forms.formset_factory(
    HeadCountRowForm, formset=OneRowPerNationalityFormSet, extra=2, max_num=40
)


def head_count_rows(session: AwarenessSession | None) -> list[dict[str, Any]]:
    """Formset rows, one per nationality, from a session's head counts."""
    if session is None:
        return [{"nationality": "JO"}, {"nationality": "SY"}]
    rows: dict[str, dict[str, Any]] = {}
    for count in session.head_counts.all():
        row = rows.setdefault(count.nationality, {"nationality": count.nationality})
        row["women" if count.sex == "female" else "men"] = count.count
    return list(rows.values())


def head_counts_from(formset: forms.BaseFormSet) -> dict[tuple[str, str], int]:
    """Counts keyed (sex, nationality) as the services take them; blanks left out."""
    counts: dict[tuple[str, str], int] = {}
    for data in formset.cleaned_data:
        nationality = data.get("nationality")
        if not nationality:
            continue
        for sex, name in (("female", "women"), ("male", "men")):
            if data.get(name):
                counts[(sex, nationality)] = data[name]
    return counts


class ParticipantSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a registered person"), required=False, max_length=100)


class ParticipantListForm(forms.Form):
    """Several participants at once: persons picked from a search (`person`, their ids) and
    a pasted list of identifiers or phone numbers."""

    person = forms.TypedMultipleChoiceField(coerce=int, required=False)
    paste = forms.CharField(
        label=_("Paste identifiers or phone numbers"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control", "dir": "auto"}),
        help_text=_(
            "One per line or separated by commas: a national ID, service card, UNHCR case "
            "or passport number, or a phone number."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any id: the view reads the persons through the user's reach, the service checks them.
        values = self.data.getlist("person") if hasattr(self.data, "getlist") else []
        self.fields["person"].choices = [(v, v) for v in values if str(v).isdigit()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("person") and not (cleaned.get("paste") or "").strip():
            raise forms.ValidationError(_("Choose persons found, or paste a list."))
        return cleaned
