"""Forms of the duplicates pages: the queue filter, the merge choice, a merge rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawon.core.forms import StyledFormMixin
from taawon.people.reasons import reason_label

from . import choices, rules
from .models import DuplicatePair
from .services import RULE_REASONS


class QueueFilterForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Show"), required=False, choices=DuplicatePair.Status.choices
    )

    def status_value(self) -> str:
        if self.is_valid() and self.cleaned_data["status"]:
            return self.cleaned_data["status"]
        return DuplicatePair.Status.PENDING


class MergeForm(forms.Form):
    """Which of the pair's two records is kept, the other merged into it; and, for each field
    that differs, which record's value the kept one keeps (`keep_<group>`, see choices.py)."""

    survivor = forms.TypedChoiceField(label=_("Record to keep"), coerce=int)
    one_person = forms.BooleanField(
        label=_("I have checked: these two records are one person, not twins or siblings."),
        required=False,
    )

    def __init__(self, *args, pair: DuplicatePair, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Asked only where the matcher found evidence of two people (see rules.py).
        self.asks_one_person = rules.merge_needs_confirmation(pair)
        self.fields["survivor"].choices = [(pk, pk) for pk in pair.person_ids]
        self.fields["survivor"].initial = pair.person_a_id
        self.choices = choices.field_choices(pair.person_a, pair.person_b)
        for choice in self.choices:
            self.fields[f"keep_{choice.key}"] = forms.TypedChoiceField(
                label=choice.label,
                coerce=int,
                required=False,
                empty_value=None,
                choices=[(pk, pk) for pk in pair.person_ids],
                initial=choice.default,
            )

    def rows(self) -> list[tuple[choices.FieldChoice, forms.BoundField]]:
        """Each differing field with its choice, for the page."""
        return [(choice, self[f"keep_{choice.key}"]) for choice in self.choices]

    def keep(self) -> dict[str, int]:
        return {
            choice.key: self.cleaned_data[f"keep_{choice.key}"]
            for choice in self.choices
            if self.cleaned_data.get(f"keep_{choice.key}") is not None
        }


class MergeRuleForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    min_score = forms.FloatField(
        label=_("Minimum score"),
        min_value=0.5,
        max_value=1,
        initial=0.95,
        help_text=_("Between 0.5 and 1. Pairs scoring less stay with the reviewers."),
    )
    required_reasons = forms.MultipleChoiceField(
        label=_("Required evidence"),
        # The service says why a rule needs evidence; the form only offers the choices.
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A pair is merged automatically only when it shows all of these."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["required_reasons"].choices = [
            (code, reason_label(code)) for code in RULE_REASONS
        ]
        # Checkboxes carry their own class, not the text inputs' one.
        self.fields["required_reasons"].widget.attrs["class"] = "form-check-input"
