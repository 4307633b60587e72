"""A form run through a service (core/forms.py): the result, or the service's errors on the
form's fields."""

from __future__ import annotations

import pytest
from django import forms
from django.test import RequestFactory
from django.test.html import parse_html
from django.utils.safestring import mark_safe

from taawon.accounts.models import Organisation
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.core.forms import QuickSelect, StyledFormMixin, run_service, submit


class NameForm(forms.Form):
    name = forms.CharField()
    identifier_passport = forms.CharField(required=False)


def greet(*, name: str) -> str:
    return f"hello {name}"


def refuse(**errors):
    def service(**kwargs):
        raise ValidationFailed(field_errors=errors)

    return service


def bound(**data) -> NameForm:
    form = NameForm(data)
    assert form.is_valid()
    return form


def test_the_service_s_result_comes_back():
    assert run_service(bound(name="Huda"), greet, name="Huda") == "hello Huda"


def test_field_errors_land_on_their_fields_and_the_rest_on_the_form():
    form = bound(name="Huda")

    result = run_service(form, refuse(name=["Too short."], budget=["Over budget."]))

    assert result is None
    assert form.errors["name"] == ["Too short."]
    assert form.non_field_errors() == ["Over budget."]


def test_an_error_without_fields_shows_its_message_on_the_form():
    form = bound(name="Huda")

    def service():
        raise PermissionDenied("Not yours.")

    assert run_service(form, service) is None
    assert form.non_field_errors() == ["Not yours."]


def test_the_service_s_keys_are_renamed_to_the_form_s_fields():
    form = bound(name="Huda")

    run_service(
        form,
        refuse(**{"identifiers.passport": ["Taken."]}),
        fields={"identifiers.passport": "identifier_passport"},
    )

    assert form.errors["identifier_passport"] == ["Taken."]


def test_errors_not_shown_on_the_form_pass_to_the_caller():
    form = bound(name="Huda")

    def service():
        raise Conflict("Possible duplicates.")

    with pytest.raises(Conflict):
        run_service(form, service, shown=ValidationFailed)
    assert form.errors == {}


def test_submit_calls_the_service_only_on_a_post_whose_forms_are_all_valid():
    calls = []
    factory = RequestFactory()

    def call():
        calls.append(1)
        return "done"

    assert submit(factory.get("/"), NameForm(), call) is None
    assert submit(factory.post("/"), NameForm({}), call) is None
    assert submit(factory.post("/"), NameForm({"name": "Huda"}), call, NameForm({})) is None
    assert calls == []

    valid = NameForm({"name": "Huda"})
    assert submit(factory.post("/"), valid, call, NameForm({"name": "Sami"})) == "done"
    assert calls == [1]


def test_submit_shows_the_service_s_errors_on_the_form():
    form = NameForm({"name": "Huda"})

    assert submit(RequestFactory().post("/"), form, refuse(name=["Already there."])) is None
    assert form.errors["name"] == ["Already there."]


class OwnerForm(StyledFormMixin, forms.Form):
    owner = forms.ModelChoiceField(queryset=Organisation.objects.none())
    kind = forms.ChoiceField(choices=[("", "---------"), ("flexible", "Flexible")])
    optional = forms.ModelChoiceField(queryset=Organisation.objects.all(), required=False)

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # set after the mixin, as forms do


@pytest.mark.django_db
def test_a_required_drop_down_with_one_choice_offers_it_alone(personas):
    form = OwnerForm(owners=Organisation.objects.filter(pk=personas.unit_a.pk))
    html = str(form["owner"])
    assert "---------" not in html
    assert f'<option value="{personas.unit_a.pk}">' in html
    assert "---------" not in str(form["kind"])
    assert "---------" in str(form["optional"])  # not required: "none" is a choice


@pytest.mark.django_db
def test_a_drop_down_with_several_choices_keeps_its_empty_choice(personas):
    form = OwnerForm(
        owners=Organisation.objects.filter(pk__in=[personas.unit_a.pk, personas.unit_b.pk])
    )
    assert "---------" in str(form["owner"])
    bound = OwnerForm(
        {"owner": personas.unit_a.pk, "kind": "flexible"}, owners=Organisation.objects.all()
    )
    assert bound.is_valid(), bound.errors


def test_a_drop_down_renders_its_options_in_python_with_the_html_django_writes():
    choices = [
        ("", "Any"),
        ("r", "Red <b>"),
        ('q"<', mark_safe("<i>Safe</i>")),
        ("Cool & <calm>", [("b", "Blue"), ("g", "Green")]),
    ]

    class Colours(StyledFormMixin, forms.Form):
        colour = forms.ChoiceField(choices=choices, required=False)

    form = Colours({"colour": "g"})
    stock = forms.Select(attrs={"class": "form-select"}, choices=choices)

    assert isinstance(form.fields["colour"].widget, QuickSelect)
    assert parse_html(str(form["colour"])) == parse_html(
        stock.render("colour", "g", attrs={"id": "id_colour"})
    )
    assert "Red &lt;b&gt;" in str(form["colour"])
    assert "<i>Safe</i>" in str(form["colour"])
