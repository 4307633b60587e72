"""The campaign form: name, vacancies and the two floors, in percent."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import User

from ..unit.forms import ChipCheckboxes, Form, OwnerMixin, owner_field
from ..vacancies.models import Vacancy
from . import queries
from .models import Campaign


class VacancyChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Vacancy) -> str:
        title = obj.title or obj.occupation.display_title
        return f"{title} · {obj.employer.display_name} ({obj.positions})"


class CampaignForm(OwnerMixin, Form):
    owner = owner_field()
    name = forms.CharField(label=_("Name"), max_length=200)
    vacancies = VacancyChoices(
        label=_("Vacancies"), queryset=Vacancy.objects.none(), widget=ChipCheckboxes
    )
    women_share = forms.IntegerField(
        label=_("Women in each vacancy, at least (%)"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("Leave empty for no floor."),
    )
    refugee_share = forms.IntegerField(
        label=_("Refugees over the campaign, at least (%)"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("Leave empty for no floor."),
    )

    def __init__(self, *args: Any, user: User, campaign: Campaign | None = None, **kwargs: Any):
        if campaign is not None and not args:
            kwargs.setdefault(
                "initial",
                {
                    "name": campaign.name,
                    "vacancies": list(campaign.vacancies.values_list("pk", flat=True)),
                    "women_share": campaign.women_share,
                    "refugee_share": campaign.refugee_share,
                },
            )
        super().__init__(*args, **kwargs)
        self.setup_owner(user, new=campaign is None)
        self.fields["vacancies"].queryset = queries.campaign_vacancy_choices(user)

    def service_kwargs(self) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name]
            for name in ("name", "vacancies", "women_share", "refugee_share")
        }
        if "owner" in self.fields or self.only_owner is not None:
            data["owner"] = self.owner()
        return data
