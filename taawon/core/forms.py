"""Form plumbing shared by every app: Bootstrap classes, and a form run through a service with
the service's errors shown on the form's fields."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from taawon.lib.text import strip_controls

from .exceptions import DomainError

T = TypeVar("T")


class OneChoiceMixin:
    """A required drop-down's options without the empty one ("---------") when there is only
    one real choice: the browser then shows and sends that choice, preselected. Mixed into
    the field's own iterator, whose order and labels stay."""

    def __iter__(self):
        choices = list(super().__iter__())
        real = [choice for choice in choices if choice[0] != ""]
        if self.field.required and len(real) == 1:
            return iter(real)
        return iter(choices)


_ONE_CHOICE: dict[type, type] = {}


def _one_choice(iterator: type) -> type:
    if issubclass(iterator, OneChoiceMixin):
        return iterator
    if iterator not in _ONE_CHOICE:
        _ONE_CHOICE[iterator] = type(
            f"OneChoice{iterator.__name__}", (OneChoiceMixin, iterator), {}
        )
    return _ONE_CHOICE[iterator]


def _offer_one_choice(field: forms.Field) -> None:
    if type(field.widget) is not forms.Select:
        return
    if isinstance(field, forms.ModelChoiceField):
        # Decided when the options are read (one query, as before), so that a queryset the
        # form sets after this mixin's __init__ counts too.
        field.iterator = _one_choice(field.iterator)
        field.widget.choices = field.choices
    elif isinstance(field, forms.ChoiceField) and field.required:
        real = [choice for choice in field.choices if choice[0] != ""]
        if len(real) == 1 and not isinstance(real[0][1], list | tuple):
            field.choices = real


class QuickSelect(forms.Select):
    """Django's drop-down, its options written in Python. The stock widget renders a template
    for every option, which for a list of the world's countries costs a busy page more than
    its database query; the HTML is the same."""

    template_name = "core/widgets/quick_select.html"

    @classmethod
    def like(cls, widget: forms.Select) -> QuickSelect:
        quick = cls(attrs=widget.attrs, choices=widget.choices)
        quick.is_required, quick.is_localized = widget.is_required, widget.is_localized
        return quick

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["options_html"] = _options_html(context["widget"]["optgroups"])
        return context


def _options_html(optgroups) -> SafeString:
    # A list page's filters hold some 300 options (the world's nationalities among them):
    # format_html and flatatt per option cost a list request more CPU than its count query,
    # so the same HTML is written with the standard library's escape.
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(f'<optgroup label="{_escaped(group_name)}">')
        for option in options:
            value = "" if option["value"] is None else option["value"]
            parts.append(
                f'<option value="{_escaped(value)}"{_attributes(option["attrs"])}>'
                f"{_escaped(option['label'])}</option>"
            )
        if group_name:
            parts.append("</optgroup>")
    return mark_safe("\n".join(parts))


def _escaped(value: Any) -> str:
    """What Django's conditional_escape gives: safe strings as they are, the rest escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attributes(attrs: dict[str, Any]) -> str:
    """What Django's flatatt gives: valued attributes sorted, then the true ones as bare
    names; False and None left out."""
    if not attrs:
        return ""
    valued = sorted((k, v) for k, v in attrs.items() if not isinstance(v, bool) and v is not None)
    bare = sorted(k for k, v in attrs.items() if v is True)
    return "".join(f' {_escaped(k)}="{_escaped(v)}"' for k, v in valued) + "".join(
        f" {_escaped(k)}" for k in bare
    )


class StyledFormMixin:
    """Adds Bootstrap classes to widgets, and `is-invalid` to fields with errors. A required
    drop-down with one choice offers that choice alone, preselected, not "---------"."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.data = _without_controls(self.data)
        for field in self.fields.values():
            _offer_one_choice(field)
            if type(field.widget) is forms.Select:
                field.widget = QuickSelect.like(field.widget)
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


class LockReasonMixin:
    """A `reason` field for a record dated in a locked reporting period. Hidden until the
    service asks for it (a field error on `reason`: the period is locked), then shown; a
    reason already typed keeps it shown. Put it before the other bases."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"] = forms.CharField(
            label=_("Why is this record of a locked period changed?"),
            help_text=_("Its reporting period is locked: the reason is kept and reported."),
            required=False,
            max_length=2000,
            widget=forms.HiddenInput,
        )
        if self.data and self.data.get(self.add_prefix("reason")):
            self._show_reason()

    def _show_reason(self) -> None:
        self.fields["reason"].widget = forms.Textarea(attrs={"rows": 2, "class": "form-control"})

    def add_error(self, field, error) -> None:
        if field == "reason":
            self._show_reason()
        super().add_error(field, error)


class OneRowPerNationalityFormSet(forms.BaseFormSet):
    """Rows of counts by nationality (head counts of a session, members of a cooperative):
    each nationality stands on one row only."""

    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        # Read form by form: a post without the management form has no rows and no
        # formset-level cleaned_data (it raised AttributeError, a 500).
        for data in (form.cleaned_data for form in self.forms):
            nationality = data.get("nationality")
            if nationality and nationality in seen:
                raise forms.ValidationError(_("Each nationality goes on one row only."))
            seen.add(nationality)


def _without_controls(data: Any) -> Any:
    """The submitted text without bidirectional overrides and control characters
    (`lib.text.strip_controls`). NUL stays: Django's CharField refuses it with a field error.
    Passwords are left as typed: they are compared, never shown."""
    if not data:
        return data
    if hasattr(data, "lists"):  # a QueryDict or MultiValueDict from a request
        cleaned = data.copy()
        for key, values in data.lists():
            if "password" not in key:
                cleaned.setlist(key, [_strip(value) for value in values])
        return cleaned
    return {key: value if "password" in key else _strip(value) for key, value in data.items()}


def _strip(value: Any) -> Any:
    return strip_controls(value) if isinstance(value, str) else value


def add_domain_error(
    form: forms.BaseForm, error: DomainError, *, fields: Mapping[str, str] | None = None
) -> None:
    """Put a service's field errors on the form's fields (the rest on the form itself).

    `fields` renames the service's keys to the form's field names where they differ.
    """
    if not error.field_errors:
        form.add_error(None, str(error.message))
    for key, messages in error.field_errors.items():
        field = (fields or {}).get(key, key)
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def run_service(
    form: forms.BaseForm,
    service: Callable[..., T],
    /,
    *,
    shown: type[DomainError] | tuple[type[DomainError], ...] = DomainError,
    fields: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> T | None:
    """`service(**kwargs)`'s result; None when it refused, with its errors on the form.

    Errors of the `shown` classes land on the fields they name (the others and the message on
    the form itself), so nothing is written and the user sees why; any other error passes to
    the caller (a view shows the candidates of possible duplicates, say). `fields` renames
    the service's error keys to the form's field names.
    """
    try:
        return service(**kwargs)
    except shown as error:
        add_domain_error(form, error, fields=fields)
        return None


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    call: Callable[[], T],
    *extra_forms: forms.BaseForm,
    shown: type[DomainError] | tuple[type[DomainError], ...] = DomainError,
) -> T | None:
    """On a POST whose forms are all valid, `call()`'s result through `run_service`; None when
    the form is to be shown (again). `call` runs only then, so it may read `cleaned_data`."""
    if request.method != "POST" or not form.is_valid():
        return None
    if not all(extra.is_valid() for extra in extra_forms):
        return None
    return run_service(form, call, shown=shown)
