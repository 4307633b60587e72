"""Unit indicators on a hand-built data set: farms visited, jobs secured, registered and
placed job seekers, with the shares of Syrians and of women; a merged person counts once."""

import datetime
import re

import pytest

from taawon.accounts.models import Organisation
from taawon.accounts.services import create_token
from taawon.people.models import Person

from ..employers.models import Employer
from ..placements.services import place_job_seeker, refer_job_seeker
from ..seekers.models import JobSeeker
from ..unit import aggregates, indicators
from .factories import (
    EmployerFactory,
    FarmVisitFactory,
    JobSeekerFactory,
    PersonFactory,
    VacancyFactory,
)

START, END = datetime.date(2020, 7, 1), datetime.date(2020, 9, 30)


def person(owner, sex, nationality):
    return PersonFactory(owner=owner, sex=sex, nationality=nationality)


def registered(owner, actor, sex, nationality, on=datetime.date(2020, 7, 15)):
    seeker = JobSeekerFactory(person=person(owner, sex, nationality), registered_by=actor)
    JobSeeker.objects.filter(pk=seeker.pk).update(registered_on=on)
    return seeker


def place(seeker, vacancy, actor, start=datetime.date(2020, 8, 1)):
    referral = refer_job_seeker(
        job_seeker=seeker, vacancy=vacancy, referred_on=start, referred_by=actor
    )
    return place_job_seeker(
        referral=referral,
        start_date=start,
        contract_type="seasonal",
        wage="15",
        wage_period="daily",
        placed_by=actor,
    )


@pytest.fixture
def data_set(personas):
    """Unit A: two farms visited in the period (one twice), a business visited, a farm visited
    before; four job seekers registered in the period (a Syrian woman, a Jordanian woman, a
    Syrian man, a Jordanian man), one before, and one whose person was merged; three
    placements in the period (the Syrian woman twice, the Jordanian man once) and one after.
    Unit B: one farm visit and one job seeker."""
    a, ca = personas.unit_a, personas.counsellor_a
    farms = [EmployerFactory(owner=a, created_by=ca) for _ in range(3)]
    business = EmployerFactory(owner=a, created_by=ca, kind=Employer.Kind.BUSINESS, sector="C")
    for employer, day in [
        (farms[0], datetime.date(2020, 7, 2)),
        (farms[0], datetime.date(2020, 8, 2)),
        (farms[1], datetime.date(2020, 9, 30)),
        (business, datetime.date(2020, 7, 3)),
        (farms[2], datetime.date(2020, 6, 30)),
    ]:
        FarmVisitFactory(employer=employer, staff=[ca], recorded_by=None, date=day)
    syrian_woman = registered(a, ca, "female", "SY")
    registered(a, ca, "female", "JO")
    registered(a, ca, "male", "SY")
    jordanian_man = registered(a, ca, "male", "JO")
    registered(a, ca, "female", "SY", on=datetime.date(2020, 6, 1))
    merged = registered(a, ca, "female", "SY")
    Person.objects.filter(pk=merged.person_id).update(
        status=Person.Status.MERGED, merged_into=jordanian_man.person_id
    )
    jobs = [
        VacancyFactory(employer=farms[0], posted_by=ca, start_date=datetime.date(2020, 7, 1))
        for _ in range(3)
    ]
    place(syrian_woman, jobs[0], ca)
    place(syrian_woman, jobs[1], ca, start=datetime.date(2020, 9, 1))
    place(jordanian_man, jobs[0], ca)
    later = registered(a, ca, "male", "SY")
    place(later, jobs[2], ca, start=datetime.date(2020, 10, 5))
    b_farm = EmployerFactory(owner=personas.unit_b, created_by=personas.counsellor_b)
    FarmVisitFactory(employer=b_farm, staff=[personas.counsellor_b], recorded_by=None)
    registered(personas.unit_b, personas.counsellor_b, "male", "SY")


@pytest.mark.django_db
def test_the_indicators_of_a_unit_for_a_period(personas, data_set):
    result = indicators.unit_indicators(personas.counsellor_a, start=START, end=END)

    assert result["farms_visited"].value == 2
    assert result["farms_visited"].syrian_share is None
    jobs = result["jobs_secured"]
    assert (jobs.value, jobs.syrians, jobs.women) == (3, 2, 2)
    registered_ = result["registered"]
    # Five registered in the period, the merged one left out (the later one registered too).
    assert (registered_.value, registered_.syrians, registered_.women) == (5, 3, 2)
    assert registered_.syrian_share == pytest.approx(3 / 5)
    placed = result["placed"]
    assert (placed.value, placed.syrians, placed.women) == (2, 1, 1)
    assert placed.women_share == 0.5


@pytest.mark.django_db
def test_the_indicators_are_scoped_and_filtered_by_unit(personas, data_set):
    theirs = indicators.unit_indicators(personas.counsellor_b, start=START, end=END)
    assert theirs["registered"].value == 1
    assert theirs["placed"].value == 0
    # The officer sees both units; asking for unit B gives B's figures.
    everyone = indicators.unit_indicators(personas.officer, start=START, end=END)
    assert everyone["registered"].value == 6
    only_b = indicators.unit_indicators(
        personas.officer, start=START, end=END, unit_id=personas.unit_b.pk
    )
    assert only_b["registered"].value == 1
    # A unit out of reach reads nothing.
    none = indicators.unit_indicators(
        personas.counsellor_b, start=START, end=END, unit_id=personas.unit_a.pk
    )
    assert [i.value for i in none.indicators] == [0, 0, 0, 0]
    assert none["placed"].syrian_share is None


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_indicators_page_shows_the_table(client, personas, data_set, language):
    client.force_login(personas.counsellor_a)
    url = f"/{language}/employment/indicators/?start=2020-07-01&end=2020-09-30"
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "60.0%" in text or "60٫0%" in text or "60,0%" in text
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "<html" not in partial.content.decode()


@pytest.mark.django_db
def test_the_indicators_page_refuses_a_period_ending_before_it_starts(client, personas):
    client.force_login(personas.counsellor_a)
    response = client.get("/en/employment/indicators/?start=2020-09-30&end=2020-07-01")
    assert response.status_code == 200
    assert "The end of the period is before its start." in response.content.decode()
    client.force_login(personas.outsider)
    assert client.get("/en/employment/indicators/").status_code == 404


@pytest.mark.django_db
def test_the_period_opens_on_the_latest_quarter_with_figures_in_reach(personas, data_set):
    # Unit A's last figure is a job starting on 5 October 2020; unit B's a registration in
    # July (and a farm visit of the factory's date).
    assert aggregates.default_period(personas.counsellor_a, today=datetime.date(2026, 1, 1)) == (
        datetime.date(2020, 10, 1),
        datetime.date(2020, 12, 31),
    )
    assert aggregates.default_period(personas.counsellor_b, today=datetime.date(2026, 1, 1)) == (
        START,
        END,
    )
    # What starts after today is not yet a figure; nothing at all: this quarter.
    assert aggregates.default_period(personas.counsellor_a, today=datetime.date(2020, 8, 15)) == (
        START,
        END,
    )
    assert aggregates.default_period(personas.outsider, today=datetime.date(2026, 5, 2)) == (
        datetime.date(2026, 4, 1),
        datetime.date(2026, 6, 30),
    )


@pytest.mark.django_db
def test_the_page_shows_the_latest_quarter_with_figures_without_dates(client, personas, data_set):
    client.force_login(personas.counsellor_a)
    page = client.get("/en/employment/indicators/").content.decode()
    assert 'value="01/10/2020"' in page and 'value="31/12/2020"' in page
    assert figure(page, "Jobs secured (positions filled)")[0] == "1"
    # One date: its quarter gives the other.
    page = client.get("/en/employment/indicators/?start=02/08/2020").content.decode()
    assert "From 02/08/2020 to 30/09/2020" in page
    assert figure(page, "Jobs secured (positions filled)")[0] == "1"  # the one of 1 September


def figure(html: str, label: str) -> list[str]:
    row = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    assert row, label
    return [
        " ".join(re.sub(r"<[^>]+>", " ", c).split())
        for c in re.findall(r'<td class="num">(.*?)</td>', row.group(1), re.S)
    ]


@pytest.mark.django_db
def test_the_api_gives_the_donor_its_countrys_figures_with_small_cells_hidden(
    client, personas, data_set
):
    headers = {"Authorization": f"Bearer {create_token(user=personas.aggregate)}"}
    body = client.get(
        "/api/v1/employment/indicators?start=2020-07-01&end=2020-09-30", headers=headers
    ).json()
    assert body["suppressed"] is True
    values = {i["code"]: (i["value"], i["syrians"], i["women"]) for i in body["indicators"]}
    # Six registered in units A and B (the merged one left out): shown, but not their mix.
    assert values["registered"] == (6, "<5", "<5")
    assert values["farms_visited"] == ("<5", None, None)
    registered = next(i for i in body["indicators"] if i["code"] == "registered")
    assert registered["syrian_share"] is None and registered["women_share"] is None
    # Without dates: the latest quarter with figures, as on the page.
    latest = client.get("/api/v1/employment/indicators", headers=headers).json()
    assert (latest["start"], latest["end"]) == ("2020-10-01", "2020-12-31")
    # One unit alone is finer than the engine publishes to a donor, even of its country; so is
    # a range of days.
    only_b = client.get(
        f"/api/v1/employment/indicators?start=2020-07-01&end=2020-09-30&unit={personas.unit_b.pk}",
        headers=headers,
    )
    assert only_b.status_code == 400 and "unit" in only_b.json()["errors"]
    days = client.get(
        "/api/v1/employment/indicators?start=2020-07-01&end=2020-08-15", headers=headers
    )
    assert days.status_code == 400 and "start" in days.json()["errors"]
    coop = Organisation.objects.create(name_en="Coop LB", kind="cooperative", country="LB")
    lebanon = Organisation.objects.create(
        name_en="Unit LB", kind="employment_unit", country="LB", parent=coop
    )
    refused = client.get(f"/api/v1/employment/indicators?unit={lebanon.pk}", headers=headers)
    assert refused.status_code == 400 and "unit" in refused.json()["errors"]


@pytest.mark.django_db
def test_the_api_is_closed_to_roles_without_indicators_like_the_page(client, personas):
    for persona in (personas.ministry_officer, personas.outsider):
        headers = {"Authorization": f"Bearer {create_token(user=persona)}"}
        response = client.get("/api/v1/employment/indicators", headers=headers)
        assert response.status_code == 404
        client.force_login(persona)
        assert client.get("/en/employment/indicators/").status_code == 404
    staff = {"Authorization": f"Bearer {create_token(user=personas.counsellor_a)}"}
    body = client.get("/api/v1/employment/indicators", headers=staff).json()
    assert body["suppressed"] is False


@pytest.mark.django_db
def test_the_donor_page_refuses_a_range_of_days_and_shows_its_quarter(client, personas, data_set):
    client.force_login(personas.aggregate)
    page = client.get("/en/employment/indicators/?start=2020-07-01&end=2020-08-15")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Choose a whole month, quarter or year" in text
    assert "From 01/07/2020 to 30/09/2020" in text
    assert figure(text, "Registered job seekers")[0] == "6"
    # No unit to pick: the donor's figures are its country's units together.
    assert 'name="unit"' not in text


@pytest.mark.django_db
def test_the_api_reads_its_dates_as_forms_do_day_first_or_iso(client, personas, data_set):
    headers = {"Authorization": f"Bearer {create_token(user=personas.counsellor_a)}"}
    iso = client.get(
        "/api/v1/employment/indicators?start=2020-07-01&end=2020-09-30", headers=headers
    ).json()
    day_first = client.get(
        "/api/v1/employment/indicators?start=01/07/2020&end=30/09/2020", headers=headers
    ).json()
    assert (day_first["start"], day_first["end"]) == ("2020-07-01", "2020-09-30")
    assert day_first["indicators"] == iso["indicators"]
    # Refused as every date of the API is, with the message that says how to write it.
    refused = client.get("/api/v1/employment/indicators?start=01/07/20", headers=headers)
    assert refused.status_code == 422
    assert refused.json()["errors"]["start"] == [
        "Enter the date as dd/mm/yyyy, such as 31/12/2026."
    ]
