from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from taawon.accounts.models import Membership, Organisation, User
from taawon.accounts.services import create_token
from taawon.cooperatives.models import Cooperative
from taawon.core.crypto import cipher
from taawon.core.models import AuditEvent
from taawon.demo import credentials, scenario
from taawon.demo.population import VARIATIONS
from taawon.employment.demo.young import BEFORE_THE_QUARTER, YOUNG
from taawon.employment.models import FarmVisit, Placement, Vacancy
from taawon.grants.demo import SSE_MEMBERS
from taawon.people import queries
from taawon.people.models import NameKey, Person, PersonIdentifier

Kind = Organisation.Kind
SCALE = "0.1"  # 162 job seekers: quick, and enough for the shares to mean something


PERSONS = 162


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    # The demo keeps its passwords under var/; tests must not touch the real one.
    settings.VAR_DIR = tmp_path
    return tmp_path


def demo(*args: str, scale: str = SCALE) -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", "--scale", scale, *args, stdout=out)
    return out.getvalue()


def table(body: dict) -> dict[str, tuple]:
    return {i["code"]: (i["value"], i["syrians"], i["women"]) for i in body["indicators"]}


BRIEF = {
    "farms_visited": (140, None, None),
    "registered": (1620, 389, 591),
    "placed": (1300, 299, 454),
}


@pytest.mark.django_db
def test_it_builds_the_programme_organisations_and_six_cooperatives_with_units():
    demo()

    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {Kind.COUNTRY_OFFICE, Kind.MINISTRY, Kind.DONOR} <= kinds
    # Jordan's six, with their units; Iraq's cooperative in Erbil has none (taawon.grants.demo).
    cooperatives = Cooperative.objects.select_related("organisation", "governorate").filter(
        country="JO"
    )
    assert cooperatives.count() == 6
    assert Cooperative.objects.filter(country="IQ").count() == 1
    assert {o.country for o in Organisation.objects.filter(kind=Kind.COUNTRY_OFFICE)} == {
        "JO",
        "LB",
        "IQ",
    }
    assert len({c.governorate.pcode for c in cooperatives}) == 6
    for cooperative in cooperatives:
        assert cooperative.name_ar.startswith("جمعية")
        assert cooperative.organisation is not None
        assert cooperative.organisation.children.filter(kind=Kind.EMPLOYMENT_UNIT).count() == 1
        assert cooperative.member_counts.exists()


@pytest.mark.django_db
def test_it_creates_a_user_for_every_role_and_a_system_administrator():
    demo()

    assert User.objects.filter(is_superuser=True).count() == 1
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)


@pytest.mark.django_db
def test_it_registers_job_seekers_in_the_shares_of_the_brief():
    demo()

    young = Person.objects.filter(job_seeker__registered_on=BEFORE_THE_QUARTER)
    assert young.count() == len(YOUNG)  # taawon.employment.demo.young, apart from the brief's
    # The brief's job seekers: the members of Lebanon's SSE initiatives (taawon.grants.demo)
    # are registered apart.
    persons = Person.objects.exclude(pk__in=young).exclude(owner__country="LB")
    assert persons.count() == PERSONS
    syrian = persons.filter(nationality="SY").count() / PERSONS
    women = persons.filter(sex="female").count() / PERSONS
    assert 0.21 <= syrian <= 0.27
    assert 0.33 <= women <= 0.40
    units = Organisation.objects.filter(kind=Kind.EMPLOYMENT_UNIT)
    assert set(persons.values_list("owner", flat=True).distinct()) == set(
        units.values_list("pk", flat=True)
    )
    ages = [2020 - year for year in persons.values_list("birth_year", flat=True)]
    assert min(ages) >= 17 and max(ages) <= 61
    assert all(
        p.startswith(("+9627",)) and len(p) == 13
        for p in persons.exclude(phone="").values_list("phone", flat=True)
    )


@pytest.mark.django_db
def test_the_units_have_done_their_work_with_the_job_seekers():
    out = demo()

    assert FarmVisit.objects.exists() and Vacancy.objects.exists()
    placed = Placement.objects.values("job_seeker").distinct().count()
    assert 0.7 * PERSONS <= placed <= 0.9 * PERSONS  # 1,300 of 1,620 in the brief
    assert "placements" in out


@pytest.mark.django_db
def test_bulk_rows_are_what_the_people_services_would_write():
    demo()

    person = Person.objects.filter(nationality="JO").exclude(given_name_en="").first()
    assert NameKey.objects.filter(person=person).exists()
    assert AuditEvent.objects.filter(
        object_type="people.person", object_id=str(person.pk), action="create"
    ).exists()
    assert person.created_at.year == 2020
    identifier = PersonIdentifier.objects.filter(kind=PersonIdentifier.Kind.NATIONAL_ID).first()
    number = cipher().decrypt(identifier.value_encrypted)
    assert len(number) == 10 and number.isdigit()
    assert identifier.blind_index == cipher().blind_index("national_id", number)
    unhcr = PersonIdentifier.objects.filter(kind=PersonIdentifier.Kind.UNHCR_CASE).first()
    assert cipher().decrypt(unhcr.value_encrypted).startswith("945")


@pytest.mark.django_db
def test_name_search_finds_bulk_loaded_people_in_both_scripts():
    demo()
    officer = User.objects.get(username="officer")

    latin = queries.person_list(officer, q="Mohammad")
    arabic = queries.person_list(officer, q="محمد")

    assert latin.exists() and arabic.exists()
    # Spellings of one name find each other: Mohammed and Muhammad are Mohammad too.
    spellings = set(latin.values_list("given_name_en", flat=True))
    assert {"Mohammad", "Mohammed"} <= spellings


@pytest.mark.django_db
def test_planted_near_duplicates_are_found_by_the_duplicate_check():
    passwords, _generated = credentials.ensure(u.username for u in scenario.USERS)
    loaded = scenario.load(
        passwords=passwords, persons=810, with_audit=False, with_employment=False
    )

    assert {pair.variation for pair in loaded.planted} == set(VARIATIONS)
    missed = []
    for pair in loaded.planted:
        duplicate = Person.objects.get(pk=pair.duplicate.pk)
        assert duplicate.owner_id != pair.original.owner_id
        values = {
            **pair.duplicate.values,
            "governorate": pair.duplicate.values["governorate_id"],
            "district": pair.duplicate.values["district_id"],
        }
        found = queries.find_duplicate_candidates(
            values=values, blind_indexes={}, exclude=duplicate
        )
        if pair.original.pk not in {person.pk for person, _match in found}:
            missed.append(pair.variation)
    assert missed == []


@pytest.mark.django_db
def test_running_it_again_loads_nothing_more_and_prints_the_same_logins():
    first = demo()
    counts = (Person.objects.count(), User.objects.count(), Organisation.objects.count())

    second = demo()

    assert "already loaded" in second
    assert (Person.objects.count(), User.objects.count(), Organisation.objects.count()) == counts
    assert first.split("Username", 1)[1] == second.split("Username", 1)[1]


@pytest.mark.django_db
def test_reset_loads_the_scenario_again_from_scratch():
    demo()

    out = demo("--reset")

    assert "Reset" in out
    assert Person.objects.count() == PERSONS + len(YOUNG) + SSE_MEMBERS
    assert Cooperative.objects.filter(country="JO").count() == 6
    assert User.objects.filter(username="officer").count() == 1


@pytest.mark.django_db
def test_printed_logins_cover_every_role_and_work(var_dir):
    out = demo()

    for role in Membership.Role:
        assert str(role.label) in out
    assert "http://127.0.0.1:8000/en/" in out and "http://127.0.0.1:8000/ar/" in out
    passwords = credentials.read()
    assert (var_dir / "demo-passwords.txt").stat().st_mode & 0o077 == 0
    for login in scenario.logins(passwords):
        assert login.username in out and login.password in out
        assert Client().login(username=login.username, password=login.password)


@pytest.mark.django_db
def test_lost_passwords_are_generated_again_and_set(var_dir):
    demo()
    (var_dir / "demo-passwords.txt").unlink()

    out = demo()

    assert "New passwords were generated" in out
    password = credentials.read()["counsellor_mafraq"]
    assert Client().login(username="counsellor_mafraq", password=password)


def test_it_refuses_a_scale_out_of_range():
    with pytest.raises(CommandError):
        call_command("demo", "--no-serve", "--scale", "0")


@pytest.mark.django_db
def test_at_its_default_size_the_demo_gives_the_briefs_table_for_its_quarter(client):
    out = demo(scale="1")

    # The six units' dashboard for 1 July - 30 September 2020, as the officer and the donor
    # find it: the indicators open on that quarter, the latest with figures.
    assert (
        "The brief's quarter, 01 July 2020 to 30 September 2020: 140 farms visited, 2,000 jobs "
        "secured, 1,620 job seekers registered (24.0% Syrian, 36.5% women), 1,300 placed "
        "(23.0% Syrian, 34.9% women)." in out
    )
    for username in ("officer", "donor"):
        user = User.objects.get(username=username)
        body = client.get(
            "/api/v1/employment/indicators",
            headers={"Authorization": f"Bearer {create_token(user=user)}"},
        ).json()
        assert (body["start"], body["end"]) == ("2020-07-01", "2020-09-30")
        figures = table(body)
        assert figures["jobs_secured"][0] == 2000
        assert {code: figures[code] for code in BRIEF} == BRIEF
        client.force_login(user)
        page = client.get("/en/employment/indicators/").content.decode()
        assert 'value="01/07/2020"' in page and 'value="30/09/2020"' in page
        for shown in ("24.0%", "36.5%", "23.0%", "34.9%", ">1620<", ">1300<", ">2000<"):
            assert shown in page


@pytest.mark.django_db
def test_the_demos_young_job_seekers_are_kept_out_of_hazardous_work():
    from taawon.employment import matching
    from taawon.employment.models import JobSeeker

    demo()

    counsellor = User.objects.get(username="counsellor_" + scenario.COOPERATIVES[0].key)
    hazardous = {v.pk for v in Vacancy.objects.filter(status="open") if v.hazardous}
    assert len(hazardous) >= 2
    seekers = JobSeeker.objects.filter(registered_on=BEFORE_THE_QUARTER).select_related("person")
    for seeker in seekers:
        found = matching.recommend_vacancies(counsellor, seeker)
        assert not hazardous & {m.vacancy_id for m in found.matches}
        codes = {e.code for e in found.excluded}
        assert "hazardous" in codes
        if seeker.person.given_name_en == "Ahmad":  # 15: below Jordan's minimum age of 16
            assert found.matches == [] and "minimum_age" in codes
