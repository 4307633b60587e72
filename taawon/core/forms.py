"""Form plumbing shared by every app: Bootstrap classes and domain errors onto fields."""

from __future__ import annotations

from django import forms

from .exceptions import DomainError


class StyledFormMixin:
    """Adds Bootstrap classes to widgets, and `is-invalid` to fields with errors."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Put a service's field errors on the form's fields (the rest on the form itself)."""
    if not error.field_errors:
        form.add_error(None, str(error.message))
    for field, messages in error.field_errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
