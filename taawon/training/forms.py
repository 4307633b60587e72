"""Forms of the training pages: planning an event, adding a facilitator or a participant,
scores, the attendance sheet upload, and the lists' filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import Organisation, User
from taawon.cooperatives import queries as cooperative_queries
from taawon.core.fields import DateField
from taawon.core.forms import StyledFormMixin
from taawon.core.pickers import SearchSelect
from taawon.grants import queries as grants_queries
from taawon.grants.models import Award
from taawon.people import queries as people_queries
from taawon.people.models import Person

from . import rules
from .models import Course, EventKind, Language, Mode, Role, Subject


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.display_name


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Course) -> str:
        return obj.display_name


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.display_name


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class EventForm(StyledFormMixin, forms.Form):
    owner = OwnerChoiceField(label=_("Organised by"), queryset=Organisation.objects.none())
    course = CourseChoiceField(label=_("Course"), queryset=Course.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    start_date = DateField(label=_("First day"))
    end_date = DateField(label=_("Last day"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    platform = forms.CharField(
        label=_("Online platform"),
        max_length=200,
        required=False,
        help_text=_("For an online or blended event."),
    )
    organiser = forms.CharField(label=_("Organiser"), max_length=200, required=False)
    partner = forms.CharField(
        label=_("Partner"),
        max_length=200,
        required=False,
        help_text=_("For example the ILO's International Training Centre (ITC-ILO)."),
    )
    planned_participants = forms.IntegerField(
        label=_("Planned participants"), min_value=0, max_value=10_000, initial=20
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = rules.owners_for(user)
        self.fields["course"].queryset = Course.objects.filter(is_active=True).order_by("name_en")


class FacilitatorForm(StyledFormMixin, forms.Form):
    person = PersonChoiceField(
        label=_("Trainer (a person of the registry)"),
        queryset=Person.objects.none(),
        required=False,
        widget=SearchSelect("training:person_search", placeholder=_("Type a name")),
    )
    user = StaffChoiceField(
        label=_("or a staff member"), queryset=User.objects.none(), required=False
    )
    uncertified_reason = forms.CharField(
        label=_("Reason, if the trainer is not certified for this course"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_queries.person_list(user)
        owners = rules.owners_for(user)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True, memberships__organisation__in=owners)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )


class VentureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.application.name


class ParticipantForm(StyledFormMixin, forms.Form):
    person = PersonChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        widget=SearchSelect("training:person_search", placeholder=_("Type a name")),
    )
    cooperative = forms.ModelChoiceField(
        label=_("Cooperative represented"), queryset=Organisation.objects.none(), required=False
    )
    venture = VentureChoiceField(
        label=_("or the venture represented"),
        queryset=Award.objects.none(),
        required=False,
        help_text=_("The funded venture or SSE initiative, when the person represents one."),
        error_messages={"invalid_choice": _("Choose a funded venture you may read.")},
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_queries.person_list(user)
        self.fields["cooperative"].queryset = cooperative_queries.cooperatives_for(user).filter(
            is_archived=False
        )
        self.fields["venture"].queryset = grants_queries.award_list(user)


class ScoresForm(StyledFormMixin, forms.Form):
    # Text, not a number field: the service says what is wrong with the value (its scale).
    pre_score = forms.CharField(label=_("Pre-test score"), max_length=12, required=False)
    post_score = forms.CharField(label=_("Post-test score"), max_length=12, required=False)


class SheetUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Filled attendance sheet (.xlsx)"),
        help_text=_("The sheet downloaded for this event, with an x for each day present."),
    )


class EventFilterForm(StyledFormMixin, forms.Form):
    subject = forms.ChoiceField(
        label=_("Course"), required=False, choices=[("", _("Any")), *Subject.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any")), *EventKind.choices]
    )
    mode = forms.ChoiceField(
        label=_("Mode"), required=False, choices=[("", _("Any")), *Mode.choices]
    )
    q = forms.CharField(label=_("Title or place"), required=False, max_length=100)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class ParticipantFilterForm(StyledFormMixin, forms.Form):
    event = forms.IntegerField(label=_("Event"), required=False, min_value=1, max_value=2**62)
    course = forms.IntegerField(label=_("Course"), required=False, min_value=1, max_value=2**62)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}
