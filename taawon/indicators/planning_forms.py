"""The logframe's and the period locks' forms: they parse; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import Organisation
from taawon.core.fields import DateField
from taawon.core.forms import StyledFormMixin

from . import queries, registry, rules
from .models import LogframeItem, PeriodLock


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.display_name


class ItemField(forms.ModelChoiceField):
    def label_from_instance(self, obj: LogframeItem) -> str:
        return f"{obj.owner.display_name}: {obj.display_title}"


class LockField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PeriodLock) -> str:
        return f"{obj.organisation.display_name}: {obj.start} – {obj.end}"


def _organisations(user) -> OrganisationField:
    return OrganisationField(
        label=_("Organisation"), queryset=rules.planning_organisations(user).order_by("name_en")
    )


class LogframeItemForm(StyledFormMixin, forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=LogframeItem.Level.choices)
    indicator_code = forms.ChoiceField(label=_("Indicator"))
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_ar = forms.CharField(label=_("Title (Arabic)"), max_length=300, required=False)
    baseline_value = forms.CharField(label=_("Baseline"), max_length=20, required=False)
    baseline_date = DateField(label=_("Baseline date"), required=False)

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"owner": _organisations(user), **self.fields}
        self.fields["indicator_code"].choices = [
            (i.code, i.name) for i in registry.all_indicators()
        ]


class TargetForm(StyledFormMixin, forms.Form):
    item = ItemField(label=_("Logframe item"), queryset=LogframeItem.objects.none())
    start = DateField(label=_("Period start"))
    end = DateField(label=_("Period end"))
    value = forms.CharField(label=_("Target"), max_length=20)

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        planned = rules.planning_organisations(user).values("pk")
        self.fields["item"].queryset = queries.logframe_items(user).filter(owner__in=planned)


class LockForm(StyledFormMixin, forms.Form):
    start = DateField(label=_("Period start"))
    end = DateField(label=_("Period end"))

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"organisation": _organisations(user), **self.fields}


class UnlockForm(forms.Form):
    lock = LockField(queryset=PeriodLock.objects.none())

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        planned = rules.planning_organisations(user).values("pk")
        self.fields["lock"].queryset = queries.period_locks(user).filter(organisation__in=planned)
