"""Forms of the import pages: the upload, and the column mapping with the file's date order."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from taawon.accounts.models import Organisation
from taawon.core.forms import StyledFormMixin
from taawon.lib.tabular import DEFAULT_MAX_BYTES

from ..importing.columns import SPECS
from ..importing.messages import COLUMN_LABELS
from ..models import PermitImport
from ..services.imports import AUTO

DATE_ORDERS = {AUTO: None, "day": True, "month": False}


class UploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("An .xlsx or .csv file, at most 40 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    owner = forms.ModelChoiceField(
        label=_("Import for"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, owners: list[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in owners]
        ).order_by("country", "name_en")
        self.only_owner = owners[0] if len(owners) == 1 else None
        if self.only_owner is not None:
            self.fields["owner"].required = False
            self.fields["owner"].widget = forms.HiddenInput()

    def clean_owner(self):
        return self.only_owner or self.cleaned_data["owner"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > DEFAULT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large; split it into files of at most %(limit)s MB."),
                params={"limit": DEFAULT_MAX_BYTES // 2**20},
                code="too_large",
            )
        return upload


class MappingForm(StyledFormMixin, forms.Form):
    """Which of the file's headers holds each column, and how its dates are written."""

    def __init__(self, *args, batch: PermitImport, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        headers = [(h, h) for h in batch.headers]
        for spec in SPECS:
            self.fields[spec.key] = forms.ChoiceField(
                label=COLUMN_LABELS.get(spec.key, spec.key),
                choices=[("", _("— not in the file —")), *headers],
                required=spec.required,
                initial=batch.mapping.get(spec.key) or "",
            )
        order = {None: AUTO, True: "day", False: "month"}[batch.day_first]
        self.fields["date_order"] = forms.ChoiceField(
            label=_("Dates are written"),
            choices=[
                (AUTO, _("as the file shows (yyyy-mm-dd, or inferred)")),
                ("day", _("day first (dd/mm/yyyy)")),
                ("month", _("month first (mm/dd/yyyy)")),
            ],
            initial=order,
        )

    def clean(self):
        cleaned = super().clean()
        seen: dict[str, str] = {}
        for spec in SPECS:
            header = cleaned.get(spec.key)
            if not header:
                continue
            if header in seen:
                self.add_error(
                    spec.key,
                    _("“%(header)s” is already chosen for another column.") % {"header": header},
                )
            seen[header] = spec.key
        return cleaned

    def mapping(self) -> dict[str, str | None]:
        return {spec.key: self.cleaned_data.get(spec.key) or None for spec in SPECS}

    def day_first(self) -> bool | None | str:
        value = self.cleaned_data["date_order"]
        return AUTO if value == AUTO else DATE_ORDERS[value]

    def required_fields(self):
        return [self[spec.key] for spec in SPECS if spec.required]

    def optional_fields(self):
        return [self[spec.key] for spec in SPECS if not spec.required]
