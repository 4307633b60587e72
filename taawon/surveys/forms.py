"""Forms of the surveys pages: upload an XLSForm, assign a form, filter and review
submissions, edit a submission's answers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawon.accounts import scoping
from taawon.core.forms import StyledFormMixin

from . import rules
from .attachments import MAX_ATTACHMENT_BYTES
from .models import FormStatus, ReviewStatus
from .xlsform import MAX_XLSFORM_BYTES


class UploadForm(StyledFormMixin, forms.Form):
    xlsform = forms.FileField(
        label=_("XLSForm (.xlsx)"),
        help_text=_(
            "An XLSForm with a survey sheet, a choices sheet and a settings sheet (form_id, "
            "version). A form ID already here adds a new version of that form."
        ),
    )
    owner = forms.ModelChoiceField(queryset=None, label=_("Owning organisation"))
    assigned = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Filled by"),
        help_text=_("Their staff, and the staff of the organisations below them, fill it."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        orgs = scoping.organisations(user, scoping.CHANGE, domain=rules.DOMAIN)
        allowed = rules.assignable(user)
        if allowed is not None:
            orgs = orgs.filter(pk__in=sorted(allowed))
        self.fields["owner"].queryset = orgs.order_by("name_en")
        self.fields["assigned"].queryset = orgs.order_by("name_en")
        self.fields["assigned"].widget.attrs["size"] = 8

    def clean_xlsform(self):
        upload = self.cleaned_data["xlsform"]
        if upload.size > MAX_XLSFORM_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload.read()


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", _MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(one, initial) for one in data]
        return [single(data, initial)]


class MediaForm(StyledFormMixin, forms.Form):
    files = _MultipleFileField(
        label=_("Media files"),
        help_text=_(
            "The images, audio, video and CSV files the form refers to, named as the form "
            "names them. A file with the name of one already here replaces it."
        ),
    )

    def clean_files(self) -> list[tuple[str, bytes]]:
        uploads = self.cleaned_data["files"]
        for upload in uploads:
            if upload.size > MAX_ATTACHMENT_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is larger than 10 MB.") % {"name": upload.name}
                )
        return [(upload.name, upload.read()) for upload in uploads]


class AssignForm(StyledFormMixin, forms.Form):
    assigned = forms.ModelMultipleChoiceField(queryset=None, required=False, label=_("Filled by"))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        orgs = scoping.organisations(user, scoping.CHANGE, domain=rules.DOMAIN)
        allowed = rules.assignable(user)
        if allowed is not None:
            orgs = orgs.filter(pk__in=sorted(allowed))
        self.fields["assigned"].queryset = orgs.order_by("name_en")
        self.fields["assigned"].widget.attrs["size"] = 8


class StatusForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(choices=FormStatus.choices, label=_("Status"))


class FormFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    status = forms.ChoiceField(
        required=False, choices=[("", _("Any status")), *FormStatus.choices], label=_("Status")
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class SubmissionFilterForm(StyledFormMixin, forms.Form):
    form = forms.IntegerField(required=False, widget=forms.HiddenInput)
    q = forms.CharField(required=False, label=_("Instance ID"))
    status = forms.ChoiceField(
        required=False,
        choices=[("", _("Any status")), *ReviewStatus.choices],
        label=_("Review status"),
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class ReviewForm(StyledFormMixin, forms.Form):
    action = forms.ChoiceField(choices=(), label=_("Decision"))
    decision = forms.ChoiceField(
        required=False,
        choices=(),
        label=_("Possible duplicates"),
        help_text=_("Is the person one of the candidates, or someone new?"),
    )
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note")
    )

    def __init__(self, *args, actions, candidates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = {rules.APPROVE: _("Approve"), rules.REJECT: _("Reject")}
        self.fields["action"].choices = [(a, labels[a]) for a in actions if a in labels]
        if candidates:
            self.fields["decision"].choices = [("new", _("A new person"))] + [
                (str(c["person"]), c.get("name_en") or c.get("name_ar") or f"#{c['person']}")
                for c in candidates
            ]
        else:
            del self.fields["decision"]


def edit_form_class(questions, data_at):
    """A form of the submission's editable answers (outside repeats), one text field each."""
    fields = {}
    for index, question in enumerate(questions):
        fields[f"q{index}"] = forms.CharField(
            label=question.label, required=False, initial=data_at(question.path) or ""
        )
    fields["note"] = forms.CharField(
        required=False, label=_("Why the change"), widget=forms.Textarea(attrs={"rows": 2})
    )
    return type("SubmissionEditForm", (StyledFormMixin, forms.Form), fields)
