"""Consent enforced in messages: whoever withdrew SMS consent gets no season notice, and the
confirmation says how many were left out for it."""

import datetime

import pytest
from django.utils import timezone

from taawon.messaging.models import OutboundMessage
from taawon.people import services as people_services

from . import test_seasons
from .factories import governorate
from .test_seasons import seeker

pytestmark = pytest.mark.django_db
farm = test_seasons.farm


def next_june() -> datetime.date:
    today = timezone.localdate()
    return datetime.date(today.year + (today.month > 6), 6, 1)


def answer(person, actor, given: bool, date: datetime.date):
    people_services.record_consent(
        person=person, purpose="sms", given=given, date=date, recorded_by=actor
    )


def test_a_withdrawn_sms_consent_leaves_the_job_seeker_out_and_is_counted(
    client, personas, farm
):
    a, actor = personas.unit_a, personas.counsellor_a
    seeker(a, actor, phone="+962791234501")
    withdrew = seeker(a, actor, phone="+962791234502")
    answer(withdrew.person, actor, True, datetime.date(2025, 1, 5))
    answer(withdrew.person, actor, False, datetime.date(2025, 6, 5))
    came_back = seeker(a, actor, phone="+962791234503")
    answer(came_back.person, actor, False, datetime.date(2025, 1, 5))
    answer(came_back.person, actor, True, datetime.date(2025, 6, 5))
    seeker(a, actor, phone="")
    client.force_login(actor)
    season = {"owner": a.pk, "governorate": governorate().pk, "month": next_june().isoformat()}

    asked = client.get("/en/employment/labour-demand/notices/", season)

    assert asked.status_code == 200
    page = asked.content.decode()
    assert "1 job seeker is left out: they did not consent to SMS." in page
    assert "1 job seeker has no usable phone number." in page
    assert "2 SMS will be sent" in page

    sent = client.post(
        "/en/employment/labour-demand/notices/",
        {**season, "confirm": asked.context["plan"].token},
        follow=True,
    )

    shown = [str(m) for m in sent.context["messages"]]
    assert "1 job seeker is left out: they did not consent to SMS." in shown
    assert {m.to for m in OutboundMessage.objects.all()} == {"+962791234501", "+962791234503"}
