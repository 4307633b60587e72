"""The public form and status page: no account, both languages, a reference and PIN, a
neutral answer to a wrong one, throttling and the honeypot with nothing of a person's text
lost."""

import re

import pytest
from django.core.cache import cache

from ..models import Complaint
from .factories import complaint


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _form(unit, **extra):
    return {
        "owner": unit.pk,
        "complainant_kind": "worker",
        "category": "wages_unpaid",
        "description": "صاحب المزرعة لم يدفع أجري منذ شهرين",
        "contact_name": "",
        "contact_phone": "",
        "website": "",
        **extra,
    }


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_form_opens_without_an_account_in_both_languages(client, personas, language):
    response = client.get(f"/{language}/feedback/")
    assert response.status_code == 200
    html = response.content.decode()
    assert ('dir="rtl"' in html) == (language == "ar")
    assert personas.unit_a.name_en in html or personas.unit_a.name_ar in html


def test_a_submission_gives_a_reference_and_pin_that_show_its_status(client, personas):
    response = client.post("/ar/feedback/", _form(personas.unit_a), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    stored = Complaint.objects.get()
    assert stored.channel == "web" and stored.language == "ar" and stored.owner == personas.unit_a
    assert stored.reference in html
    pin = re.search(r"<bdi dir=\"ltr\">(\d{6})</bdi>", html).group(1)
    # The receipt is shown once.
    assert client.get("/ar/feedback/thanks/").status_code == 302
    found = client.post("/en/feedback/status/", {"reference": stored.reference, "pin": pin})
    assert "Received" in found.content.decode()
    assert stored.reference in found.content.decode()


def test_a_wrong_pin_and_an_unknown_reference_get_the_same_neutral_answer(client, personas):
    known = complaint(personas.unit_a)
    answers = []
    for reference, pin in ((known.reference, "000000"), ("C-ZZZZZZZZ", "123456")):
        response = client.post("/en/feedback/status/", {"reference": reference, "pin": pin})
        assert response.status_code == 200
        html = response.content.decode()
        # What stands between the heading and the form: the answer, the same for both.
        answers.append(html.split("</h1>", 1)[1].split("<form", 1)[0])
    assert answers[0] == answers[1]
    assert "No message matches this reference number and PIN" in answers[0]
    assert "Received" not in answers[0]


def test_a_flood_is_throttled_and_the_text_is_kept(client, personas, settings):
    settings.COMPLAINTS_FORM_LIMIT = 2
    for _ in range(2):
        assert client.post("/en/feedback/", _form(personas.unit_a)).status_code == 302
    text = "My employer keeps my passport; please help"
    response = client.post("/en/feedback/", _form(personas.unit_a, description=text))
    assert response.status_code == 429
    assert text in response.content.decode()
    assert "wait a few minutes" in response.content.decode()
    assert Complaint.objects.count() == 2
    # Another address is not held back by the flood.
    other = client.post("/en/feedback/", _form(personas.unit_a), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_status_lookups_are_throttled_too(client, personas, settings):
    settings.COMPLAINTS_FORM_LIMIT = 1
    for _ in range(4):
        client.post("/en/feedback/status/", {"reference": "C-AAAAAAAA", "pin": "1"})
    assert client.post("/en/feedback/status/", {"reference": "x", "pin": "1"}).status_code == 429


def test_the_honeypot_writes_nothing_and_keeps_the_text(client, personas):
    text = "Text typed by a script"
    response = client.post(
        "/en/feedback/", _form(personas.unit_a, description=text, website="http://spam")
    )
    assert response.status_code == 200
    assert text in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"description": "   "}, "description"),
        ({"owner": 987654321}, "owner"),
        ({"owner": "x"}, "owner"),
        ({"category": "bribery"}, "category"),
        ({"contact_phone": "12"}, "contact_phone"),
        ({"description": "x" * 4001}, "description"),
    ],
)
def test_bad_input_is_refused_on_its_field_with_nothing_written(client, personas, change, field):
    response = client.post("/en/feedback/", _form(personas.unit_a, **change))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Complaint.objects.exists()


def test_a_cooperative_is_not_a_unit_to_complain_to(client, personas):
    response = client.post("/en/feedback/", _form(personas.coop_a))
    assert "owner" in response.context["form"].errors
    assert not Complaint.objects.exists()


def test_an_anonymous_complaint_keeps_no_name(client, personas):
    client.post(
        "/en/feedback/", _form(personas.unit_a, complainant_kind="anonymous", contact_name="Ali")
    )
    assert Complaint.objects.get().contact_name == ""


def test_a_refused_submission_does_not_count_towards_the_limit(client, personas, settings):
    settings.COMPLAINTS_FORM_LIMIT = 1
    for _ in range(3):
        client.post("/en/feedback/", _form(personas.unit_a, description=""))
    assert client.post("/en/feedback/", _form(personas.unit_a)).status_code == 302
    assert Complaint.objects.count() == 1
