"""Crop calendars, farm crops, the labour demand forecast and the season notices."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from taawon.core.exceptions import PermissionDenied, ValidationFailed
from taawon.messaging.models import OutboundMessage
from taawon.people.models import Consent, Person

from ..placements.services import place_job_seeker, refer_job_seeker
from ..rules import unit_choices
from ..seasons import services as seasons
from ..seasons.forms import month_choices
from ..seasons.models import CropCalendar, FarmCrop
from ..seasons.queries import crop_calendar_list, farm_crop_list, labour_forecast, season_candidates
from ..tasks import send_season_notices_task
from .factories import EmployerFactory, JobSeekerFactory, PersonFactory, governorate

TODAY = datetime.date(2026, 5, 10)
JUNE = datetime.date(2026, 6, 1)


def calendar(owner, actor, **values):
    values = {
        "crop": "tomatoes",
        "governorate": governorate(),
        "planting_months": [6, 7],
        "harvest_months": [9, 10],
        "workers_per_dunum": "0.5",
        **values,
    }
    return seasons.add_crop_calendar(owner=owner, created_by=actor, **values)


def seeker(owner, actor, *, phone="+962791234500", occupations=("9211",), person=None, **values):
    person = person or PersonFactory(owner=owner, phone=phone)
    return JobSeekerFactory(person=person, registered_by=actor, occupations=occupations, **values)


@pytest.fixture
def farm(personas):
    """A Mafraq farm of unit A growing 40 dunums of tomatoes (2 workers a dunum... 0.5)."""
    employer = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)
    tomatoes = calendar(personas.unit_a, personas.counsellor_a)
    crop = seasons.add_farm_crop(
        employer=employer, calendar=tomatoes, dunums="40", created_by=personas.counsellor_a
    )
    return crop


# ---- Calendars and farm crops -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"crop": "mangoes"}, "crop"),
        ({"planting_months": [0, 13]}, "planting_months"),
        ({"planting_months": [], "harvest_months": []}, "harvest_months"),
        ({"workers_per_dunum": "0"}, "workers_per_dunum"),
        ({"workers_per_dunum": "many"}, "workers_per_dunum"),
        ({"governorate": 999999}, "governorate"),
    ],
)
def test_it_refuses_a_bad_calendar_and_writes_nothing(personas, writes_nothing, values, field):
    with writes_nothing(), pytest.raises(ValidationFailed) as raised:
        calendar(personas.unit_a, personas.counsellor_a, **values)
    assert field in raised.value.field_errors


@pytest.mark.django_db
def test_a_unit_has_one_calendar_per_crop_and_governorate(personas, writes_nothing):
    calendar(personas.unit_a, personas.counsellor_a)
    with writes_nothing(), pytest.raises(ValidationFailed) as raised:
        calendar(personas.unit_a, personas.counsellor_a, harvest_months=[8])
    assert "crop" in raised.value.field_errors
    # Another unit keeps its own.
    assert calendar(personas.unit_b, personas.counsellor_b).pk


@pytest.mark.django_db
def test_a_farm_takes_calendars_of_its_governorate_only(personas, writes_nothing):
    employer = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)
    irbid = calendar(personas.unit_a, personas.counsellor_a, governorate=governorate("JO-IR"))
    with writes_nothing(), pytest.raises(ValidationFailed) as raised:
        seasons.add_farm_crop(
            employer=employer, calendar=irbid, dunums="10", created_by=personas.counsellor_a
        )
    assert "calendar" in raised.value.field_errors
    theirs = calendar(personas.unit_b, personas.counsellor_b)
    with writes_nothing(), pytest.raises(ValidationFailed) as raised:
        seasons.add_farm_crop(
            employer=employer,
            calendar=theirs,
            dunums="-3",
            created_by=personas.counsellor_a,
        )
    assert set(raised.value.field_errors) == {"calendar", "dunums"}


@pytest.mark.django_db
def test_another_units_counsellor_may_not_change_a_farm_crop(personas, farm):
    with pytest.raises(PermissionDenied):
        seasons.update_farm_crop(farm_crop=farm, updated_by=personas.counsellor_b, dunums="5")
    seasons.update_farm_crop(farm_crop=farm, updated_by=personas.counsellor_a, dunums="50")
    farm.refresh_from_db()
    assert farm.dunums == Decimal("50")


# ---- Forecast -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_forecast_gives_workers_per_governorate_month_by_month(personas, farm):
    forecast = labour_forecast(personas.counsellor_a, first=TODAY)

    assert [m.month for m in forecast.months][:3] == [5, 6, 7]
    (row,) = forecast.rows
    assert row.governorate == governorate()
    # 40 dunums x 0.5 workers in June, July, September and October.
    assert row.workers == [0, 20, 20, 0, 20, 20, 0, 0, 0, 0, 0, 0]
    assert [(day, [e.code for e in crops]) for day, crops in row.seasons] == [
        (JUNE, ["tomatoes"]),
        (datetime.date(2026, 9, 1), ["tomatoes"]),
    ]


@pytest.mark.django_db
def test_the_forecast_reads_only_the_farms_in_reach(personas, farm):
    assert labour_forecast(personas.counsellor_b, first=TODAY).rows == []
    assert len(labour_forecast(personas.officer, first=TODAY).rows) == 1
    assert list(crop_calendar_list(personas.counsellor_b)) == []
    assert list(farm_crop_list(personas.counsellor_b)) == []


# ---- Season notices -----------------------------------------------------------------------


@pytest.mark.django_db
def test_notices_go_once_to_the_job_seekers_matching_the_season(personas, farm):
    a, actor = personas.unit_a, personas.counsellor_a
    near = seeker(a, actor, phone="+962791234501")
    english = seeker(a, actor, phone="+962791234502", language="en")
    prefers = seeker(
        a,
        actor,
        phone="+962791234503",
        person=PersonFactory(owner=a, phone="+962791234503", governorate=governorate("JO-AQ")),
        max_travel_km=5,
        preferred_governorates=[governorate()],
    )
    seeker(a, actor, phone="+962791234504", occupations=("9313",))  # construction
    seeker(a, actor, phone="+962791234505", available_from=datetime.date(2026, 7, 1))
    seeker(
        a,
        actor,
        phone="+962791234506",
        person=PersonFactory(owner=a, phone="+962791234506", governorate=governorate("JO-AQ")),
        max_travel_km=20,
    )  # Aqaba is far from Mafraq, and not preferred
    archived = seeker(a, actor, phone="+962791234507")
    Person.objects.filter(pk=archived.person_id).update(status=Person.Status.ARCHIVED)
    seeker(personas.unit_b, personas.counsellor_b, phone="+962791234508")  # another unit
    refused = seeker(a, actor, phone="+962791234509")
    Consent.objects.create(
        owner=a, person=refused.person, purpose=Consent.Purpose.SMS, given=False, date=TODAY
    )
    seeker(a, actor, phone="")

    notices = seasons.send_season_notices(
        owner=a, governorate=governorate(), month=JUNE, sent_by=actor, today=TODAY
    )

    assert notices.counts == {"queued": 3, "refused_sms": 1, "no_phone": 1}
    messages = {m.dedupe_key: m for m in OutboundMessage.objects.all()}
    assert set(messages) == {
        seasons.dedupe_key(governorate().pk, JUNE, s.pk) for s in (near, english, prefers)
    }
    english_message = messages[seasons.dedupe_key(governorate().pk, JUNE, english.pk)]
    arabic_message = messages[seasons.dedupe_key(governorate().pk, JUNE, near.pk)]
    assert english_message.language == "en" and "Tomatoes" in english_message.body
    assert arabic_message.language == "ar" and "البندورة" in arabic_message.body

    again = seasons.send_season_notices(
        owner=a, governorate=governorate(), month=JUNE, sent_by=actor, today=TODAY
    )
    assert again.queued == 0 and again.counts["already"] == 3
    assert OutboundMessage.objects.count() == 3


@pytest.mark.django_db
def test_a_job_seeker_in_a_job_that_has_not_ended_gets_no_notice(personas, farm, unit_a):
    place_job_seeker(
        referral=refer_job_seeker(
            job_seeker=unit_a.seeker,
            vacancy=unit_a.vacancy,
            referred_on=unit_a.vacancy.start_date,
            referred_by=personas.counsellor_a,
        ),
        start_date=unit_a.vacancy.start_date,
        contract_type="seasonal",
        wage="15",
        wage_period="daily",
        placed_by=personas.counsellor_a,
    )
    found = season_candidates(
        owner_id=personas.unit_a.pk, governorate=governorate(), month=JUNE, today=TODAY
    )
    assert unit_a.seeker not in list(found)


@pytest.mark.django_db
def test_a_month_without_a_season_start_or_a_past_one_is_refused(personas, farm, writes_nothing):
    for month in (datetime.date(2026, 8, 1), datetime.date(2026, 4, 1)):
        with writes_nothing(), pytest.raises(ValidationFailed) as raised:
            seasons.send_season_notices(
                owner=personas.unit_a,
                governorate=governorate(),
                month=month,
                sent_by=personas.counsellor_a,
                today=TODAY,
            )
        assert "month" in raised.value.field_errors
    with pytest.raises(ValidationFailed) as raised:
        seasons.send_season_notices(
            owner=personas.unit_a,
            governorate=governorate(),
            month=JUNE,
            sent_by=personas.counsellor_b,
            today=TODAY,
        )
    assert "owner" in raised.value.field_errors


@pytest.mark.django_db
def test_the_task_sends_ahead_of_next_months_seasons_once(personas, farm):
    seeker(personas.unit_a, personas.counsellor_a, phone="+962791234501")
    first = send_season_notices_task.call(today=TODAY.isoformat())
    second = send_season_notices_task.call(today=TODAY.isoformat())
    assert first == {"queued": 1}
    assert second == {"already": 1}
    assert OutboundMessage.objects.filter(purpose=seasons.PURPOSE).count() == 1


# ---- Pages --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_forecast_page_shows_the_table_in_both_languages(client, personas, farm, language):
    month = datetime.date.today().replace(day=1)
    ahead = (month + datetime.timedelta(days=31)).replace(day=1)
    CropCalendar.objects.filter(pk=farm.calendar_id).update(
        planting_months=[ahead.month], harvest_months=[]
    )
    client.force_login(personas.counsellor_a)
    response = client.get(f"/{language}/employment/labour-demand/?start={month.isoformat()}")
    assert response.status_code == 200
    text = response.content.decode()
    mafraq = governorate()
    assert (mafraq.name_ar if language == "ar" else mafraq.name_en) in text
    assert '<td class="num fw-bold">20</td>' in text
    assert f'name="month" value="{ahead.isoformat()}"' in text


@pytest.mark.django_db
def test_calendar_and_farm_crop_pages_add_and_refuse_with_messages(client, personas):
    client.force_login(personas.counsellor_a)
    bad = client.post(
        "/en/employment/crop-calendars/new/",
        {"crop": "olives", "governorate": governorate().pk, "workers_per_dunum": "zero"},
    )
    assert bad.status_code == 200 and CropCalendar.objects.count() == 0
    assert "Enter the amount as a number" in bad.content.decode()
    good = client.post(
        "/en/employment/crop-calendars/new/",
        {
            "crop": "olives",
            "governorate": governorate().pk,
            "harvest_months": ["10", "11"],
            "workers_per_dunum": "0.8",
        },
    )
    assert good.status_code == 302
    olives = CropCalendar.objects.get()
    assert olives.harvest_months == [10, 11]
    employer = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)
    response = client.post(
        f"/en/employment/employers/{employer.pk}/crops/new/",
        {"calendar": olives.pk, "dunums": "12.5"},
    )
    assert response.status_code == 302
    assert FarmCrop.objects.get().dunums == Decimal("12.5")
    page = client.get(f"/ar/employment/employers/{employer.pk}/")
    assert "الزيتون" in page.content.decode()


@pytest.mark.django_db
def test_season_pages_are_scoped(client, personas, farm):
    client.force_login(personas.counsellor_b)
    assert client.get(f"/en/employment/crop-calendars/{farm.calendar_id}/edit/").status_code == 404
    assert client.get(f"/en/employment/farm-crops/{farm.pk}/edit/").status_code == 404
    assert client.get(f"/en/employment/employers/{farm.employer_id}/crops/new/").status_code == 404
    listed = client.get("/en/employment/crop-calendars/")
    assert listed.status_code == 200 and "Tomatoes" not in listed.content.decode()
    client.force_login(personas.outsider)
    assert client.get("/en/employment/labour-demand/").status_code == 404


@pytest.mark.django_db
def test_the_send_button_asks_first_then_queues_the_notices_and_a_second_time_nothing(
    client, personas, farm
):
    seeker(personas.unit_a, personas.counsellor_a, phone="+962791234501", language="en")
    seeker(personas.unit_a, personas.counsellor_a, phone="+962791234503", language="ar")
    client.force_login(personas.counsellor_a)
    month = datetime.date.today().replace(day=1)
    # A season that starts this month, whatever today is.
    CropCalendar.objects.filter(pk=farm.calendar_id).update(
        planting_months=[month.month], harvest_months=[]
    )
    url = "/en/employment/labour-demand/notices/"
    body = {"owner": personas.unit_a.pk, "governorate": governorate().pk, "month": month}
    asked = client.get(url, body)
    page = asked.content.decode()
    assert "2 SMS will be sent to job seekers of" in page
    assert "1 in Arabic" in page and "1 in English" in page
    assert OutboundMessage.objects.count() == 0
    token = asked.context["plan"].token
    # A POST without the token asks too, and sends nothing.
    assert "2 SMS will be sent" in client.post(url, body).content.decode()
    assert OutboundMessage.objects.count() == 0
    first = client.post(url, {**body, "confirm": token}, follow=True)
    assert "2 season notices were queued." in first.content.decode()
    assert OutboundMessage.objects.count() == 2
    again = client.get(url, body).content.decode()
    assert "No one is left to send this notice to." in again
    assert "2 job seekers had this notice already" in again
    # The same token again sends nothing more (the plan changed: it asks again).
    second = client.post(url, {**body, "confirm": token})
    assert second.status_code == 409
    assert OutboundMessage.objects.count() == 2
    client.force_login(personas.counsellor_b)
    refused = client.post(url, {**body, "confirm": token}, follow=True)
    assert OutboundMessage.objects.count() == 2
    assert refused.status_code == 200


@pytest.mark.django_db
def test_the_season_lists_read_in_a_fixed_number_of_queries(
    personas, farm, django_assert_num_queries
):
    more = EmployerFactory(owner=personas.unit_a, created_by=personas.counsellor_a)
    olives = calendar(personas.unit_a, personas.counsellor_a, crop="olives")
    seasons.add_farm_crop(
        employer=more, calendar=olives, dunums="3", created_by=personas.counsellor_a
    )
    user = personas.counsellor_a
    unit_choices(user).exists()  # the user's reach, read once per request
    with django_assert_num_queries(1):
        rows = [(c.crop_name, c.governorate.display_name, c.owner.display_name, c.farm_count)
                for c in crop_calendar_list(user)]  # fmt: skip
    assert len(rows) == 2
    with django_assert_num_queries(1):
        crops = [(c.employer.display_name, c.calendar.crop_name, c.calendar.governorate.pk)
                 for c in farm_crop_list(user)]  # fmt: skip
    assert len(crops) == 2


# ---- Command ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_queues_each_notice_once(personas, farm):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    seeker(personas.unit_a, personas.counsellor_a, phone="+962791234502")
    first, second = StringIO(), StringIO()
    call_command("season-notices", "--date", TODAY.isoformat(), stdout=first)
    call_command("season-notices", "--date", TODAY.isoformat(), stdout=second)
    assert first.getvalue().startswith("1 notice(s) queued")
    assert second.getvalue().startswith("0 notice(s) queued (already: 1)")
    assert OutboundMessage.objects.filter(purpose=seasons.PURPOSE).count() == 1
    with pytest.raises(CommandError):
        call_command("season-notices", "--date", "31/03/2026")


def test_the_months_are_named_as_in_the_levant():
    with translation.override("ar"):
        months = [label for _value, label in month_choices()]

    assert months[0] == "كانون الثاني"
    assert months[11] == "كانون الأول"
